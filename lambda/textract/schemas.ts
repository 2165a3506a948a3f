/** Request schemas and limits of the Textract demo. */
import * as z from 'zod';
import type { ClientSettings } from '../shared/aws';
import { inlineBodyCeiling, MAX_INLINE_BYTES } from '../shared/inline';
import { MB } from '../shared/media';
import type { TextractFeature } from '../shared/pricing';
import type { UploadKind } from '../shared/uploads';

/**
 * The largest document (raw bytes) the synchronous routes accept. Three limits apply to a
 * document sent as base64 in a JSON body through API Gateway to Lambda (sources: https://docs.aws.amazon.com/apigateway/latest/
 * developerguide/api-gateway-execution-service-limits-table.html, https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html,
 * https://docs.aws.amazon.com/textract/latest/dg/limits-document.html):
 *
 * - API Gateway REST payload: 10 MB. Not the binding one: the event must reach Lambda first.
 * - Lambda synchronous invocation payload: 6 MB (6,291,456 bytes) for the whole event. The event
 *   carries the body as a string — base64 is 4/3 of the raw size — plus the JSON envelope:
 *   headers twice (`headers` and `multiValueHeaders`, ≤10 KB each), `requestContext`, and the
 *   body's own fields (features, up to 15 queries of ≤200 characters and an alias each).
 *   Reserving 128 KiB for all of that leaves 6,160,384 base64 characters.
 * - Textract DetectDocumentText / AnalyzeDocument: 10 MB of bytes (`Document.Bytes`). Not binding.
 *
 * So the limit is (6,291,456 − 131,072) × 3/4 = 4,620,288 bytes, about 4.4 MB (a multiple of 3,
 * so its base64 has no padding). Larger documents go through S3: POST /textract/uploads, then
 * POST /textract/jobs.
 */
export const MAX_SYNC_DOCUMENT_BYTES = MAX_INLINE_BYTES;

/**
 * The function's timeout, in seconds: below API Gateway's 29 s integration timeout. Every
 * Textract and S3 call carries the request's deadline (lambda/shared/deadline.ts), 1.5 s before it.
 */
export const FUNCTION_TIMEOUT_SECONDS = 25;

/**
 * Textract client settings. AnalyzeDocument on a dense page of several MB can take many seconds,
 * so an attempt has no timeout of its own: the request's deadline ends it. Textract bills the
 * pages it analyses, and a timed-out attempt may already have been analysed, so a timeout is not
 * retried (throttling is, up to 3 attempts).
 */
export const TEXTRACT_CLIENT: ClientSettings = {
  maxAttempts: 3,
  connectionTimeoutMs: 1_000,
  retryTimeouts: false,
};

/**
 * The sync routes' body ceiling (the router's `maxBodyBytes`): the document in base64 plus 32 KiB
 * for the rest of the JSON (field names, features, queries, a `data:` URL prefix). The other
 * 96 KiB of the reserve stays for the event envelope.
 */
export const MAX_SYNC_BODY_BYTES = inlineBodyCeiling(MAX_SYNC_DOCUMENT_BYTES);

/** What the synchronous operations read (single page for PDF and TIFF), sniffed from the bytes. */
export const SYNC_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/tiff', 'application/pdf'] as const;

/** Multi-page documents for the async jobs, uploaded to S3 with a presigned POST. */
export const DOCUMENT_TYPES = {
  'application/pdf': 'pdf',
  'image/tiff': 'tiff',
} as const;

/** The lab's own cap on uploads (Textract's async limit is 500 MB / 3,000 pages; a demo needs far less). */
export const DOCUMENT_UPLOAD: UploadKind = {
  types: DOCUMENT_TYPES,
  prefix: 'uploads/',
  maxBytes: 50 * MB,
};

export const FEATURES = ['TABLES', 'FORMS', 'QUERIES'] as const satisfies readonly TextractFeature[];

/** Textract answers at most 15 queries per page (https://docs.aws.amazon.com/textract/latest/dg/limits-document.html). */
export const MAX_QUERIES = 15;

/**
 * Textract's `QueryInput` (Smithy model): 1–200 characters of ASCII letters, digits, whitespace
 * and punctuation. Queries are English only, so a Korean question is a 400 here rather than an
 * InvalidParameterException from AWS. (The vertical tab, also whitespace to the model, is left out.)
 */
// biome-ignore lint/complexity/noUselessEscapeInRegex: the pattern also goes into the API Gateway model (JSON Schema), and regex dialects such as Java's read a bare `[` inside a class as a nested class.
const QUERY_INPUT = /^[A-Za-z0-9 \t\n\r\f!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]+$/;
const queryInput = z
  .string()
  .min(1)
  .max(200)
  .regex(QUERY_INPUT, 'Textract queries accept English text only: ASCII letters, digits, spaces, punctuation')
  .regex(/\S/, 'must not be blank');

export const query = z.strictObject({
  /** The question, e.g. "What is the total?". */
  text: queryInput,
  /** A short name for the answer, e.g. TOTAL. */
  alias: queryInput.optional(),
});
export type Query = z.infer<typeof query>;

const features = z
  .array(z.enum(FEATURES))
  .min(1)
  .max(FEATURES.length)
  .refine((f) => new Set(f).size === f.length, 'must not repeat a feature');

/** `queries` exactly when `features` has QUERIES. */
function checkQueries(
  r: { features?: readonly string[]; queries?: readonly unknown[] },
  ctx: z.RefinementCtx,
): void {
  const wantsQueries = r.features?.includes('QUERIES') ?? false;
  if (wantsQueries && !r.queries) {
    ctx.addIssue({ code: 'custom', message: 'required with the QUERIES feature', path: ['queries'] });
  }
  if (!wantsQueries && r.queries) {
    ctx.addIssue({ code: 'custom', message: 'only allowed with the QUERIES feature', path: ['queries'] });
  }
}

/** The document, base64-encoded (`base64 -w0 file`); a `data:<type>;base64,` prefix is accepted. */
const document = z.string().min(1, 'must not be empty');

/**
 * The document's language, if the caller knows it (ISO 639-1, optionally with a region: `ko`, `ko-KR`).
 * One Textract does not read (Korean) is a 400 that points at POST /bedrock/read-document, before any
 * call (lambda/textract/languages.ts).
 */
const languageHint = z
  .string()
  .regex(/^[A-Za-z]{2}(-[A-Za-z]{2})?$/, 'must be a language code such as en, ko or ko-KR')
  .optional();

export const textRequest = z.strictObject({ document, languageHint });

export const analyzeRequest = z
  .strictObject({
    document,
    features,
    queries: z.array(query).min(1).max(MAX_QUERIES).optional(),
    languageHint,
  })
  .superRefine(checkQueries);

export const uploadRequest = z.strictObject({
  contentType: z.enum(Object.keys(DOCUMENT_TYPES) as [keyof typeof DOCUMENT_TYPES]),
});

export const MODES = ['text', 'analyze'] as const;
export type Mode = (typeof MODES)[number];

export const startJobRequest = z
  .strictObject({
    /** A key returned by POST /textract/uploads. */
    key: z.string().min(1).max(200),
    /** `text` = StartDocumentTextDetection; `analyze` = StartDocumentAnalysis with `features`. */
    mode: z.enum(MODES),
    features: features.optional(),
    queries: z.array(query).min(1).max(MAX_QUERIES).optional(),
    languageHint,
  })
  .superRefine((r, ctx) => {
    if (r.mode === 'analyze' && !r.features) {
      ctx.addIssue({ code: 'custom', message: "required when mode is 'analyze'", path: ['features'] });
    }
    if (r.mode === 'text' && r.features) {
      ctx.addIssue({ code: 'custom', message: "only allowed when mode is 'analyze'", path: ['features'] });
    }
    checkQueries(r, ctx);
  });

/**
 * Textract's `JobId` (Smithy model): 1–64 characters of letters, digits, `-` and `_`. Real ids are
 * 64 lower-case hex digits, but that is not documented, so the route accepts what the model does;
 * anything else (a path, spaces, dots) is a 400 before any AWS call.
 */
export const JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const jobPath = z.strictObject({ jobId: z.string().regex(JOB_ID, 'is not a Textract job id') });

/** Comma-separated features, e.g. `TABLES,FORMS`: GET only uses them to estimate the cost. */
const featureList = z
  .string()
  .transform((s) => s.split(','))
  .pipe(features);

export const jobQuery = z
  .strictObject({
    mode: z.enum(MODES),
    features: featureList.optional(),
  })
  .refine((q) => q.mode === 'analyze' || q.features === undefined, {
    message: "only allowed when mode is 'analyze'",
    path: ['features'],
  });

export const requestSchemas = {
  '/textract/text': textRequest,
  '/textract/analyze': analyzeRequest,
  '/textract/uploads': uploadRequest,
  '/textract/jobs': startJobRequest,
} as const;
