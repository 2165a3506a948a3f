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
/** DetectPiiEntities languages. The routes refuse the others with a message (./languages.ts). */
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
/**
 * Every Comprehend language passes the schema (and API Gateway's copy of it), so that the route
 * can answer 'ko' with which features lack Korean and what to use instead, not a bare enum error.
 */
export const piiRequest = textRequest;
/** DetectToxicContent takes English only; `languageCode` lets a caller say what the text is. */
const toxicityLanguage = z.enum(COMPREHEND_LANGUAGES).optional();
export const toxicityRequest = z.union([
  z.strictObject({ text: nonEmptyText(), languageCode: toxicityLanguage }),
  z.strictObject({ segments: z.array(nonEmptyText()).min(1).max(10), languageCode: toxicityLanguage }),
]);

export const requestSchemas = {
  '/comprehend/sentiment': sentimentRequest,
  '/comprehend/entities': entitiesRequest,
  '/comprehend/key-phrases': keyPhrasesRequest,
  '/comprehend/language': languageRequest,
  '/comprehend/pii': piiRequest,
  '/comprehend/toxicity': toxicityRequest,
} as const;

/**
 * Documented UTF-8 byte limits per operation: https://docs.aws.amazon.com/comprehend/latest/dg/guidelines-and-limits.html
 * (read 2026-12-05: "Maximum document size 100 KB") and the Comprehend Smithy model in aws/api-models-aws
 * (DetectSentimentRequest.Text, DetectDominantLanguageRequest.Text, DetectToxicContentRequest.TextSegments).
 */
export const LIMITS = {
  sentimentBytes: 5_000,
  detectBytes: 100_000,
  toxicitySegmentBytes: 1_000,
  toxicityTotalBytes: 10_000,
  /** DetectDominantLanguage needs at least this many characters. */
  languageMinChars: 20,
} as const;
