/**
 * Presigned uploads to a demo's scratch bucket, shared by Transcribe (audio) and Textract
 * (multi-page documents). The POST policy itself enforces the content type and a size range,
 * so S3 refuses anything else; keys are generated here, never chosen by the caller.
 */
import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { badRequest } from './errors';

export interface UploadKind {
  /** MIME type → file extension, e.g. { 'audio/mpeg': 'mp3' }. */
  readonly types: Readonly<Record<string, string>>;
  /** Key prefix, e.g. `uploads/`. */
  readonly prefix: string;
  /** Largest object S3 will accept through the presigned POST. */
  readonly maxBytes: number;
  /** Seconds the presigned POST stays valid. @default 300 */
  readonly expiresSeconds?: number;
}

export interface PresignedUpload {
  readonly method: 'POST';
  readonly url: string;
  /** Form fields to send before the `file` field, exactly as given. */
  readonly fields: Record<string, string>;
  readonly key: string;
  readonly contentType: string;
  readonly maxBytes: number;
  readonly expiresInSeconds: number;
}

export function newKey(prefix: string, extension: string): string {
  return `${prefix}${randomUUID()}.${extension}`;
}

export async function presignUpload(
  s3: S3Client,
  bucket: string,
  kind: UploadKind,
  contentType: string,
  /** The key for a file of this extension. @default `<prefix><uuid>.<extension>` */
  keyFor: (extension: string) => string = (extension) => newKey(kind.prefix, extension),
): Promise<PresignedUpload> {
  // Own properties only: 'constructor' or 'toString' must not pass as a content type.
  const extension = Object.hasOwn(kind.types, contentType) ? kind.types[contentType] : undefined;
  if (!extension) {
    throw badRequest(`contentType must be one of ${Object.keys(kind.types).join(', ')}.`);
  }
  const key = keyFor(extension);
  const expires = kind.expiresSeconds ?? 300;
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: bucket,
    Key: key,
    Conditions: [
      ['content-length-range', 1, kind.maxBytes],
      ['eq', '$Content-Type', contentType],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: expires,
  });
  return {
    method: 'POST',
    url,
    fields,
    key,
    contentType,
    maxBytes: kind.maxBytes,
    expiresInSeconds: expires,
  };
}

/** A lower-case UUID as `randomUUID()` writes it (8-4-4-4-12 hex digits). */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Accept only keys this lab generated under `prefix`, so a caller cannot point a job at other objects. */
export function assertOwnKey(key: string, kind: UploadKind): string {
  const extensions = [...new Set(Object.values(kind.types))].map(escapeRegExp).join('|');
  const pattern = new RegExp(`^${escapeRegExp(kind.prefix)}(inline-)?${UUID}\\.(${extensions})$`);
  if (!pattern.test(key)) {
    throw badRequest(`key must be one returned by the uploads route (${kind.prefix}<uuid>.<ext>).`);
  }
  return key;
}
