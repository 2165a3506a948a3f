/** Request schemas of the Translate demo. */
import * as z from 'zod';
import { nonEmptyText } from '../shared/body';

/**
 * Language codes Amazon Translate supports (Translate Developer Guide, "Supported languages").
 * Checked here so an unsupported code is a 400 before any AWS call.
 */
export const TRANSLATE_LANGUAGES = [
  'af',
  'sq',
  'am',
  'ar',
  'hy',
  'az',
  'bn',
  'bs',
  'bg',
  'ca',
  'zh',
  'zh-TW',
  'hr',
  'cs',
  'da',
  'fa-AF',
  'nl',
  'en',
  'et',
  'fa',
  'tl',
  'fi',
  'fr',
  'fr-CA',
  'ka',
  'de',
  'el',
  'gu',
  'ht',
  'ha',
  'he',
  'hi',
  'hu',
  'is',
  'id',
  'ga',
  'it',
  'ja',
  'kn',
  'kk',
  'ko',
  'lv',
  'lt',
  'mk',
  'ms',
  'ml',
  'mt',
  'mr',
  'mn',
  'no',
  'ps',
  'pl',
  'pt',
  'pt-PT',
  'pa',
  'ro',
  'ru',
  'sr',
  'si',
  'sk',
  'sl',
  'so',
  'es',
  'es-MX',
  'sw',
  'sv',
  'ta',
  'te',
  'th',
  'tr',
  'uk',
  'ur',
  'uz',
  'vi',
  'cy',
] as const;

/** Languages ListLanguages can name the others in. */
export const DISPLAY_LANGUAGES = ['de', 'en', 'es', 'fr', 'it', 'ja', 'ko', 'pt', 'zh', 'zh-TW'] as const;

/** TranslateText's limit on the source text (UTF-8 bytes). */
export const MAX_TEXT_BYTES = 10_000;

const language = z.enum(TRANSLATE_LANGUAGES);

export const translateRequest = z
  .strictObject({
    text: nonEmptyText(),
    targetLanguage: language,
    /** `auto` detects the source with Amazon Comprehend. */
    sourceLanguage: z.union([language, z.literal('auto')]).default('auto'),
    formality: z.enum(['FORMAL', 'INFORMAL']).optional(),
    /** Mask profane words and phrases with "?$#@$". */
    maskProfanity: z.boolean().optional(),
  })
  .refine((r) => r.sourceLanguage !== r.targetLanguage, {
    message: 'sourceLanguage and targetLanguage must differ',
    path: ['targetLanguage'],
  });

export const languagesQuery = z.strictObject({
  displayLanguageCode: z.enum(DISPLAY_LANGUAGES).default('en'),
});

export const requestSchemas = { '/translate': translateRequest } as const;
