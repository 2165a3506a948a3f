/** Request schemas of the Polly demo. */
import { Engine, VoiceId } from '@aws-sdk/client-polly';
import * as z from 'zod';
import { nonEmptyText } from '../shared/body';

/** Every voice id the pinned SDK knows: a typo is a 400 before any AWS call. */
export const VOICE_IDS = Object.values(VoiceId) as [string, ...string[]];
export const ENGINES = Object.values(Engine) as [string, ...string[]];

/** The formats a learner can play or inspect, with the MIME type returned for each. */
export const FORMATS = {
  mp3: 'audio/mpeg',
  ogg_vorbis: 'audio/ogg',
  pcm: 'audio/pcm',
} as const;
export type Format = keyof typeof FORMATS;

/**
 * Polly's limits: 3,000 billed characters, 6,000 in all (SSML tags included). Sources: https://docs.aws.amazon.com/polly/latest/dg/limits.html
 * and the Polly Smithy model in aws/api-models-aws (TextLengthExceededException).
 */
export const MAX_BILLED_CHARS = 3_000;
export const MAX_TOTAL_CHARS = 6_000;

export const speechRequest = z.strictObject({
  text: nonEmptyText(),
  textType: z.enum(['text', 'ssml']).default('text'),
  /** @default Joanna (English). Seoyeon speaks Korean. */
  voiceId: z.enum(VOICE_IDS).default('Joanna'),
  engine: z.enum(ENGINES).default('neural'),
  /** Only needed for bilingual voices (e.g. en-IN for Aditi). */
  languageCode: z
    .string()
    .regex(/^[a-z]{2,3}-[A-Z]{2,3}$/, 'must look like en-US or ko-KR')
    .optional(),
  format: z.enum(Object.keys(FORMATS) as [Format, ...Format[]]).default('mp3'),
});

export const voicesQuery = z.strictObject({
  languageCode: z
    .string()
    .regex(/^[a-z]{2,3}-[A-Z]{2,3}$/, 'must look like en-US or ko-KR')
    .optional(),
  engine: z.enum(ENGINES).optional(),
});

export const requestSchemas = { '/polly/speech': speechRequest } as const;
