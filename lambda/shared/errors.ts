/**
 * One error type for the whole lab, and the one place where AWS service errors become HTTP
 * statuses. Every 4xx/5xx a caller sees has the shape {"error":{"code","message","requestId"}}.
 */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra, non-sensitive detail for the caller (e.g. which fields failed validation). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new HttpError(400, 'INVALID_REQUEST', message, details);
export const payloadTooLarge = (message: string) => new HttpError(413, 'PAYLOAD_TOO_LARGE', message);
export const unsupportedMediaType = (message: string) =>
  new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', message);
export const notFound = (message: string) => new HttpError(404, 'NOT_FOUND', message);
export const notAcceptable = (message: string) => new HttpError(406, 'NOT_ACCEPTABLE', message);

/** What the SDK v3 puts on a service error. */
interface AwsErrorLike {
  name?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

export interface AwsErrorOverride {
  status: number;
  code: string;
  message: string;
}

/** Error names shared by several services, grouped by what they mean for the caller. */
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'ModelNotReadyException',
  'ServiceQuotaExceededException',
  'SlowDown',
  'HumanLoopQuotaExceededException',
]);
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnrecognizedClientException']);
const TOO_LARGE = new Set([
  'TextSizeLimitExceededException',
  'TextSizeLimitExceeded',
  'DocumentTooLargeException',
  'ImageTooLargeException',
  'TextLengthExceededException',
]);
const BAD_MEDIA = new Set(['UnsupportedDocumentException', 'InvalidImageFormatException']);
const CLIENT_INPUT = new Set([
  'ValidationException',
  'InvalidRequestException',
  'InvalidParameterException',
  'InvalidParameterValueException',
  'BadRequestException',
  'BadDocumentException',
  'UnsupportedLanguageException',
  'UnsupportedLanguagePairException',
  'DetectedLanguageLowConfidenceException',
  'InvalidSsmlException',
  'EngineNotSupportedException',
  'LanguageNotSupportedException',
  'InvalidSampleRateException',
  'MarksNotSupportedForFormatException',
  'SsmlMarksNotSupportedForTextTypeException',
  'InvalidS3ObjectException',
]);
const NOT_FOUND = new Set([
  'NotFoundException',
  'ResourceNotFoundException',
  'InvalidJobIdException',
  'NoSuchKey',
]);
const TIMEOUT = new Set(['ModelTimeoutException', 'TimeoutError', 'RequestTimeout', 'AbortError']);
const UNAVAILABLE = new Set([
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'ResourceUnavailableException',
]);

/** Error names and codes that mean "an attempt timed out" (the SDK's, Node's and Bedrock's). */
const TIMEOUT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ModelTimeoutException',
]);

/**
 * Did this error, or one it wraps (`cause`), come from a timed-out attempt? An HTTP/2 connect
 * timeout, for one, reaches the caller as ERR_HTTP2_STREAM_CANCEL caused by a TimeoutError.
 */
export function isTimeoutError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 10) return false;
  const e = err as { name?: string; code?: string; cause?: unknown };
  return TIMEOUT_NAMES.has(e.name ?? '') || e.code === 'ETIMEDOUT' || isTimeoutError(e.cause, depth + 1);
}

export function isHttpError(err: unknown): err is HttpError {
  return err instanceof HttpError;
}

/**
 * Map any error thrown while serving a request to an HttpError.
 * `overrides` lets a demo give a more helpful message for an error name it knows well
 * (e.g. Bedrock's AccessDeniedException means "enable model access").
 */
export function toHttpError(err: unknown, overrides: Record<string, AwsErrorOverride> = {}): HttpError {
  if (isHttpError(err)) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as AwsErrorLike;
  const name = e.name ?? 'Error';
  const override = overrides[name];
  if (override) return new HttpError(override.status, override.code, override.message);
  const upstream = `${name}: ${e.message ?? 'no message'}`;

  if (THROTTLING.has(name)) {
    return new HttpError(
      429,
      'THROTTLED',
      `The AWS service is throttling requests (${name}). Retry after a pause.`,
    );
  }
  if (ACCESS_DENIED.has(name)) {
    return new HttpError(
      403,
      'ACCESS_DENIED',
      `The function's role may not call this AWS operation (${name}). Check the stack's IAM policy and any SCPs.`,
    );
  }
  if (TOO_LARGE.has(name)) return new HttpError(413, 'PAYLOAD_TOO_LARGE', upstream);
  if (BAD_MEDIA.has(name)) return new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', upstream);
  if (CLIENT_INPUT.has(name)) return new HttpError(400, 'INVALID_REQUEST', upstream);
  if (NOT_FOUND.has(name)) return new HttpError(404, 'NOT_FOUND', upstream);
  if (name === 'ConflictException') return new HttpError(409, 'CONFLICT', upstream);
  if (TIMEOUT.has(name) || isTimeoutError(err)) {
    return new HttpError(
      504,
      'UPSTREAM_TIMEOUT',
      `The AWS service did not answer in time (${name}). Try again.`,
    );
  }
  if (UNAVAILABLE.has(name)) {
    return new HttpError(
      503,
      'UPSTREAM_UNAVAILABLE',
      `The AWS service is unavailable (${name}). Try again later.`,
    );
  }
  if (e.$fault === 'client' && e.$metadata?.httpStatusCode === 400) {
    // A modeled client error we have not listed: the request was wrong, not the lab.
    return new HttpError(400, 'INVALID_REQUEST', upstream);
  }
  return new HttpError(502, 'UPSTREAM_ERROR', `The AWS service call failed (${name}).`);
}
