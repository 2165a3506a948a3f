/** Request schemas of the Comprehend demo: used by the handler and, as JSON Schema, by API Gateway. */
import * as z from 'zod';
import { nonEmptyText } from '../shared/body';

/** Languages DetectSentiment / DetectEntities / DetectKeyPhrases accept. */
export const COMPREHEND_LANGUAGES = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'ar',
  'hi',
  'ja',
  'ko',
  'zh',
  'zh-TW',
] as const;
/** DetectPiiEntities languages. */
export const PII_LANGUAGES = ['en', 'es'] as const;

const textRequest = z.strictObject({
  text: nonEmptyText(),
  /** Omit to detect it first with DetectDominantLanguage (billed as a second request). */
  languageCode: z.enum(COMPREHEND_LANGUAGES).optional(),
});

export const sentimentRequest = textRequest;
export const entitiesRequest = textRequest;
export const keyPhrasesRequest = textRequest;
export const languageRequest = z.strictObject({ text: nonEmptyText() });
export const piiRequest = z.strictObject({
  text: nonEmptyText(),
  languageCode: z.enum(PII_LANGUAGES).optional(),
});
export const toxicityRequest = z.union([
  z.strictObject({ text: nonEmptyText() }),
  z.strictObject({ segments: z.array(nonEmptyText()).min(1).max(10) }),
]);

export const requestSchemas = {
  '/comprehend/sentiment': sentimentRequest,
  '/comprehend/entities': entitiesRequest,
  '/comprehend/key-phrases': keyPhrasesRequest,
  '/comprehend/language': languageRequest,
  '/comprehend/pii': piiRequest,
  '/comprehend/toxicity': toxicityRequest,
} as const;

/** Documented UTF-8 byte limits per operation (AWS-FACTS §1). */
export const LIMITS = {
  sentimentBytes: 5_000,
  detectBytes: 100_000,
  toxicitySegmentBytes: 1_000,
  toxicityTotalBytes: 10_000,
  /** DetectDominantLanguage needs at least this many characters. */
  languageMinChars: 20,
} as const;
