/**
 * Which languages Amazon Textract reads for the lab's routes, and what the routes say about a Korean
 * document: a refusal before any call when the request says so (`languageHint`), and a notice after the
 * call when the text Textract returned does not look like a language it reads. Both point at the route
 * that reads Korean, POST /bedrock/read-document. Pure: no AWS calls, no logging.
 *
 * Sources, read 2026-12-05:
 * - Amazon Textract Developer Guide, "Supported languages"
 *   (https://docs.aws.amazon.com/textract/latest/dg/supported-languages.html): Category 1 is English,
 *   Category 2 English, Spanish, Italian, Portuguese, French and German. DetectDocumentText and the
 *   Queries feature are listed in Category 1, AnalyzeDocument's Forms feature in Category 2 (verified). A
 *   Category 3 of about forty languages, Korean among them, exists; which operations it covers was past
 *   the part of the page that could be read (unverified).
 * - The same six languages are what Textract's quotas page and AWS's answers on re:Post give as Textract's
 *   languages (https://docs.aws.amazon.com/textract/latest/dg/limits-document.html, via re:Post; unverified).
 *
 * So the lab treats the six as the languages these routes read, and Korean as one they do not.
 */

/** ISO 639-1 codes of the languages the lab's Textract routes accept as a `languageHint`. */
export const TEXTRACT_LANGUAGES = ['en', 'es', 'it', 'pt', 'fr', 'de'] as const;
export const TEXTRACT_LANGUAGES_SOURCE =
  'https://docs.aws.amazon.com/textract/latest/dg/supported-languages.html';

/** The route that reads Korean documents. */
export const READ_DOCUMENT_ROUTE = 'POST /bedrock/read-document';

const NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  es: 'Spanish',
  it: 'Italian',
  pt: 'Portuguese',
  fr: 'French',
  de: 'German',
  ko: 'Korean',
  ja: 'Japanese',
  zh: 'Chinese',
};

const nameOf = (code: string): string => NAMES[code] ?? code;

/** The language part of a hint (`ko-KR` → `ko`), lower case. */
export const baseLanguage = (hint: string): string => hint.split('-')[0]!.toLowerCase();

export function isReadByTextract(hint: string): boolean {
  return (TEXTRACT_LANGUAGES as readonly string[]).includes(baseLanguage(hint));
}

/** Where to go instead, in one sentence (the 400's message and the notice end with it). */
export const READ_IT_INSTEAD =
  `For Korean (한국어) documents use ${READ_DOCUMENT_ROUTE}: a multimodal model on Amazon Bedrock reads the ` +
  'image or PDF and returns its fields as JSON (npm run demo -- bedrock read-document --file …).';

/** The message of the 400 for a language hint Textract does not read (before any AWS call). */
export function unsupportedLanguageMessage(hint: string): string {
  return (
    `Amazon Textract does not read ${nameOf(baseLanguage(hint))} ('${hint}') on this route: it reads ` +
    `${TEXTRACT_LANGUAGES.map(nameOf).join(', ')} (text detection and queries English only; ${TEXTRACT_LANGUAGES_SOURCE}). ` +
    READ_IT_INSTEAD
  );
}

/**
 * The lab's own thresholds for "this does not look like a language Textract read" (not AWS figures):
 * more than 30 % of the letters outside the Latin script, or a mean line confidence under 80 %, or no
 * text at all on a page that was sent.
 */
export const NON_LATIN_SHARE = 0.3;
export const LOW_CONFIDENCE = 80;

export interface Readability {
  /** Letters in the lines Textract returned. */
  readonly letters: number;
  /** Share of those letters in the Latin script (0–1); 1 when there are none. */
  readonly latinShare: number;
  /** Hangul syllables and jamo among them. */
  readonly hangul: number;
  /** Mean confidence of the lines (%), when there are lines. */
  readonly meanConfidence?: number;
}

const LETTER = /\p{L}/gu;
const LATIN = /\p{Script=Latin}/gu;
const HANGUL = /\p{Script=Hangul}/gu;

export function readabilityOf(
  lines: ReadonlyArray<{ readonly text: string; readonly confidence: number }>,
): Readability {
  const text = lines.map((l) => l.text).join('\n');
  const letters = text.match(LETTER)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  const hangul = text.match(HANGUL)?.length ?? 0;
  const meanConfidence =
    lines.length > 0
      ? Math.round((lines.reduce((n, l) => n + l.confidence, 0) / lines.length) * 10) / 10
      : undefined;
  return {
    letters,
    latinShare: letters > 0 ? Math.round((latin / letters) * 1000) / 1000 : 1,
    hangul,
    ...(meanConfidence !== undefined && { meanConfidence }),
  };
}

/**
 * The notice for a result that does not look like a language Textract reads, or undefined when it does.
 * Textract's answer is returned either way; the notice says why it may be noise and where to go instead.
 */
export function languageNotice(r: Readability): string | undefined {
  let why: string | undefined;
  if (r.letters > 0 && 1 - r.latinShare > NON_LATIN_SHARE) {
    why = `${Math.round((1 - r.latinShare) * 100)} % of the letters Textract returned are not Latin script${r.hangul > 0 ? ' (Hangul among them)' : ''}`;
  } else if (r.meanConfidence === undefined) {
    why = 'Textract found no line of text';
  } else if (r.meanConfidence < LOW_CONFIDENCE) {
    why = `Textract's mean line confidence is ${r.meanConfidence} %`;
  }
  if (!why) return undefined;
  return (
    `${why}: the document may be in a language Textract does not read here, such as Korean, and the lines may be ` +
    `noise. Textract reads ${TEXTRACT_LANGUAGES.map(nameOf).join(', ')}. ${READ_IT_INSTEAD}`
  );
}
