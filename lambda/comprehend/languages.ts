/**
 * Which Comprehend features take which languages, and a plain refusal (before any AWS call)
 * when a request asks a feature for a language it lacks. Korean (ko) is the case that matters
 * here: the study notes are Korean, and Comprehend's PII and toxicity detection do not take it.
 *
 * Source: Amazon Comprehend Developer Guide, "Languages supported in Amazon Comprehend"
 * (comprehend/latest/dg/supported-languages.html): entities, key phrases and sentiment take all
 * twelve languages; PII detection English and Spanish; targeted sentiment English; syntax de, en,
 * es, fr, it, pt. API Reference, DetectToxicContent: "Currently, English is the only supported
 * language" (the SDK's enum lists all twelve codes, so the API shape does not show it).
 */
import { HttpError } from '../shared/errors';
import { COMPREHEND_LANGUAGES, PII_LANGUAGES } from './schemas';

export type ComprehendLanguage = (typeof COMPREHEND_LANGUAGES)[number];

/** The features this demo calls, by route, with the languages each accepts. */
export const FEATURE_LANGUAGES = {
  '/comprehend/sentiment': { api: 'DetectSentiment', languages: COMPREHEND_LANGUAGES },
  '/comprehend/entities': { api: 'DetectEntities', languages: COMPREHEND_LANGUAGES },
  '/comprehend/key-phrases': { api: 'DetectKeyPhrases', languages: COMPREHEND_LANGUAGES },
  '/comprehend/pii': { api: 'DetectPiiEntities', languages: PII_LANGUAGES },
  '/comprehend/toxicity': { api: 'DetectToxicContent', languages: ['en'] as const },
} as const;

export type LanguageFeature = keyof typeof FEATURE_LANGUAGES;

/** Comprehend features (including two this demo does not call) that have no Korean. */
export const WITHOUT_KOREAN =
  'PII detection (/comprehend/pii, DetectPiiEntities: en, es), toxicity (/comprehend/toxicity, DetectToxicContent: en), targeted sentiment (en) and syntax analysis (de, en, es, fr, it, pt)';

/** What a Korean text can use instead, per feature that lacks Korean. */
const INSTEAD: Partial<Record<LanguageFeature, string>> = {
  '/comprehend/pii':
    'For Korean text, POST /comprehend/entities with languageCode "ko" finds names (PERSON), places, organizations and dates, but not e-mail addresses or phone numbers; or translate it to English first (POST /translate) and send the English text here.',
  '/comprehend/toxicity':
    'For Korean text, translate it to English first (POST /translate) and send the English text here.',
};

/** Hangul syllables and jamo. */
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/gu;
const LETTER = /\p{L}/gu;
/** E-mail addresses and URLs are Latin whatever the language around them. */
const ADDRESSES = /\S+@\S+|https?:\/\/\S+/gu;

/**
 * True when most letters of the text are Hangul: Korean, whatever `languageCode` says is absent.
 * Used only where the feature lacks Korean, to refuse without a billed language detection.
 */
export function looksKorean(text: string): boolean {
  const prose = text.replace(ADDRESSES, ' ');
  const letters = prose.match(LETTER)?.length ?? 0;
  const hangul = prose.match(HANGUL)?.length ?? 0;
  return letters > 0 && hangul * 2 > letters;
}

/** The 400 for a feature asked for a language it does not take. */
export function unsupportedLanguage(feature: LanguageFeature, code: string, how: string): HttpError {
  const f = FEATURE_LANGUAGES[feature];
  const parts = [
    `${f.api} (${feature}) does not support '${code}' (${how}); it supports ${f.languages.join(', ')}.`,
  ];
  if (code === 'ko') parts.push(`Amazon Comprehend features without Korean: ${WITHOUT_KOREAN}.`);
  const instead = INSTEAD[feature];
  if (code === 'ko' && instead) parts.push(instead);
  return new HttpError(400, 'UNSUPPORTED_LANGUAGE', parts.join(' '));
}

/**
 * Refuse, before any AWS call, a request whose language the feature lacks: the `languageCode`
 * given, or Korean read from the text's script when none is given.
 */
export function assertLanguageSupported(feature: LanguageFeature, text: string, given?: string): void {
  const supported = FEATURE_LANGUAGES[feature].languages as readonly string[];
  if (given !== undefined) {
    if (!supported.includes(given)) throw unsupportedLanguage(feature, given, 'languageCode');
    return;
  }
  if (!supported.includes('ko') && looksKorean(text)) {
    throw unsupportedLanguage(feature, 'ko', 'the text is mostly Hangul');
  }
}
