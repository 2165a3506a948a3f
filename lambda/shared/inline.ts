/**
 * What fits inline: a file sent as base64 in a JSON body through API Gateway (REST, Lambda proxy) to a
 * synchronously invoked function. Textract, Rekognition and Bedrock's read-document share these limits.
 *
 * - API Gateway REST payload: 10 MB. Never binding: the event must fit Lambda first.
 * - Lambda synchronous invocation payload: 6 MB (6,291,456 bytes) for the whole event. The event
 *   carries the body as a string (base64 is 4/3 of the raw size) plus the envelope: headers twice
 *   (`headers` and `multiValueHeaders`, ≤10 KB each), `requestContext` and the body's other fields.
 *   Reserving 128 KiB for all of that leaves 6,160,384 base64 characters, which decode to
 *   6,160,384 × 3/4 = 4,620,288 bytes (about 4.4 MB; a multiple of 3, so no padding).
 *
 * A service whose own limit is lower binds first (Bedrock Converse: 3.75 MB per image).
 * Sources: https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html (6 MB synchronous payload),
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html (10 MB).
 */
import { MB } from './media';

/** Lambda's synchronous invocation payload: 6 MB (6,291,456 bytes) for the whole event. */
export const LAMBDA_SYNC_PAYLOAD_BYTES = 6 * MB;
/** Room in the event for everything except the base64 file (headers twice, requestContext, other fields). */
export const EVENT_ENVELOPE_RESERVE_BYTES = 128 * 1024;
/** Room in the body for its JSON besides the base64 file (field names, a data: prefix, prompt fields). */
export const BODY_JSON_RESERVE_BYTES = 32 * 1024;

/** Base64 characters of an `n`-byte file (with padding). */
export const base64Length = (n: number): number => Math.ceil(n / 3) * 4;

/** The largest file (raw bytes) that fits inline: (6,291,456 − 131,072) × 3/4 = 4,620,288 bytes. */
export const MAX_INLINE_BYTES = ((LAMBDA_SYNC_PAYLOAD_BYTES - EVENT_ENVELOPE_RESERVE_BYTES) * 3) / 4;

/**
 * A route's body ceiling (the router's `maxBodyBytes`) for files up to `maxFileBytes`: the file in base64
 * plus 32 KiB of JSON. The other 96 KiB of the reserve stays for the envelope, so a body at this ceiling
 * still reaches the function (6,160,384 + 32,768 = 6,193,152 bytes for a 4.4 MB file).
 */
export const inlineBodyCeiling = (maxFileBytes: number): number =>
  base64Length(maxFileBytes) + BODY_JSON_RESERVE_BYTES;
