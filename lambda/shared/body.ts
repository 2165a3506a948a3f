/** Request-body parsing and validation: invalid input becomes a 4xx before any AWS call. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod';
import { badRequest, payloadTooLarge } from './errors';

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Throw 413 when a text field exceeds an API's documented UTF-8 byte limit. */
export function assertMaxBytes(field: string, value: string, maxBytes: number): void {
  const bytes = utf8Bytes(value);
  if (bytes > maxBytes) {
    throw payloadTooLarge(
      `'${field}' is ${bytes} bytes of UTF-8; the limit for this operation is ${maxBytes} bytes.`,
    );
  }
}

/** The raw body as a string, decoding API Gateway's base64 form, with a size ceiling. */
export function rawBody(
  event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded'>,
  maxBytes: number,
): string {
  if (event.body === null || event.body === undefined || event.body === '') {
    throw badRequest('The request needs a JSON body.');
  }
  const buf = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (buf.length > maxBytes) {
    throw payloadTooLarge(
      `The request body is ${buf.length} bytes; this route accepts at most ${maxBytes} bytes.`,
    );
  }
  const text = buf.toString('utf8');
  if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(buf)) {
    throw badRequest('The request body is not valid UTF-8.');
  }
  return text;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

/** Validate with a zod schema; the 400 lists each failing field without echoing its value. */
export function validate<S extends z.ZodType>(schema: S, data: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const summary = issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  throw badRequest(`Invalid request: ${summary}`, issues);
}

/** A non-empty string after trimming; the common shape of every `text` field. */
export const nonEmptyText = () => z.string().trim().min(1, 'must not be empty');
