/** Request schemas of the Transcribe demo. */
import * as z from 'zod';
import type { UploadKind } from '../shared/uploads';

/** Audio types Transcribe batch jobs accept (MediaFormat), by MIME type. */
export const AUDIO_TYPES = {
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/flac': 'flac',
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
  'audio/mp4': 'm4a',
  'audio/amr': 'amr',
} as const;

/** Extension → Transcribe MediaFormat. */
export const MEDIA_FORMAT: Record<string, string> = {
  mp3: 'mp3',
  wav: 'wav',
  flac: 'flac',
  ogg: 'ogg',
  webm: 'webm',
  m4a: 'm4a',
  amr: 'amr',
};

/** The lab's own cap on uploads (Transcribe allows 2 GB; a learner's clip needs far less). */
export const AUDIO_UPLOAD: UploadKind = {
  types: AUDIO_TYPES,
  prefix: 'uploads/',
  maxBytes: 50 * 1024 * 1024,
};

/** Inline clips travel base64 in the JSON body: keep them well inside Lambda's 6 MB payload. */
export const MAX_INLINE_AUDIO_BYTES = 3 * 1024 * 1024;
export const MAX_INLINE_BODY_BYTES = Math.ceil((MAX_INLINE_AUDIO_BYTES * 4) / 3) + 4096;

/** Transcribe language codes look like en-US, ko-KR, zh-CN. */
const languageCode = z.string().regex(/^[a-z]{2,3}-[A-Z]{2}$/, 'must look like en-US or ko-KR');

export const uploadRequest = z.strictObject({
  contentType: z.enum(Object.keys(AUDIO_TYPES) as [string, ...string[]]),
});

export const startJobRequest = z
  .strictObject({
    /** A key returned by POST /transcribe/uploads. */
    key: z.string().min(1).max(200).optional(),
    /** Or a short clip, base64-encoded. */
    audioBase64: z.string().min(1).optional(),
    /** Omit to let Transcribe identify the language (among `languageOptions` if given). */
    languageCode: languageCode.optional(),
    languageOptions: z.array(languageCode).min(2).max(5).optional(),
  })
  .refine((r) => Boolean(r.key) !== Boolean(r.audioBase64), {
    message: 'send exactly one of key or audioBase64',
    path: ['key'],
  })
  .refine((r) => !(r.languageCode && r.languageOptions), {
    message: 'send languageCode or languageOptions, not both',
    path: ['languageOptions'],
  });

/**
 * What the default instance's job names start with. Each copy of the lab starts its job names
 * with its own stem (the stack sets JOB_NAME_STEM from `-c prefix`, lib/names.ts), and its role
 * may read only jobs named that way.
 */
export const DEFAULT_JOB_STEM = 'ai-lab';

/** Names this instance gives its jobs (`<stem>-…`); GET accepts nothing else. */
export function jobNamePattern(stem: string): RegExp {
  return new RegExp(`^${stem.replace(/[^a-z0-9-]/g, '')}-[0-9A-Za-z-]{10,80}$`);
}

/** Names the default instance gives its jobs. */
export const JOB_NAME = jobNamePattern(DEFAULT_JOB_STEM);

export const requestSchemas = {
  '/transcribe/uploads': uploadRequest,
  '/transcribe/jobs': startJobRequest,
} as const;
