/**
 * Presigned POST uploads as the stand-in plays them: the demos' upload routes hand out a form, and
 * the stand-in's S3 endpoint (POST /s3/<bucket>) checks and records what the CLI sends to it.
 */
import { randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import { type Answer, type LabState, ok, type RecordedUpload, type Reply, TEST_REGION, usage } from './reply';

/** The answer of an upload route for files of `kind` (DOCUMENT_UPLOAD, AUDIO_UPLOAD) into `bucket`. */
export function uploadAnswer(
  kind: { types: Record<string, string>; maxBytes: number },
  bucket: string,
  unit: string,
): Answer {
  return (input, _req, base) => {
    const k = `uploads/${randomUUID()}.${kind.types[input.contentType]}`;
    return ok({
      upload: {
        method: 'POST',
        url: `${base}s3/${bucket}`,
        fields: {
          bucket,
          'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
          'X-Amz-Credential': `ASIAFUNCTIONROLE/20261128/${TEST_REGION}/s3/aws4_request`,
          'X-Amz-Date': '20261128T120000Z',
          'X-Amz-Security-Token': 'function-role-token',
          key: k,
          'Content-Type': input.contentType,
          Policy: Buffer.from(
            JSON.stringify({ conditions: [['content-length-range', 1, kind.maxBytes]] }),
          ).toString('base64'),
          'X-Amz-Signature': 'f'.repeat(64),
        },
        key: k,
        contentType: input.contentType,
        maxBytes: kind.maxBytes,
        expiresInSeconds: 300,
      },
      next: 'POST the file as multipart/form-data with these fields (the file last), then start the job.',
      usage: usage(unit, 0, { estimatedCostUsd: 0 }),
    });
  };
}

/** S3's answer to a form POST: refusals in S3's XML, else 204 and the upload recorded. */
export async function s3Upload(
  bucket: string,
  req: http.IncomingMessage,
  raw: Buffer,
  uploads: RecordedUpload[],
  state: LabState,
): Promise<Reply> {
  const xml = (code: string, message: string): Reply => ({
    status: 400,
    body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>S3STANDIN</RequestId></Error>`,
    headers: { 'content-type': 'application/xml' },
  });
  const form = await new Response(raw, {
    headers: { 'content-type': String(req.headers['content-type']) },
  }).formData();
  const order = [...form.keys()];
  const fields: Record<string, string> = {};
  let file: RecordedUpload['file'] | undefined;
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else
      file = {
        name: (value as File).name,
        type: value.type,
        bytes: Buffer.from(await value.arrayBuffer()),
      };
  }
  if (order.at(-1) !== 'file' || !file)
    return xml(
      'InvalidArgument',
      'Bucket POST must contain a field named file, and it must be the last field.',
    );
  if (!fields.key || !fields.Policy || !fields['X-Amz-Signature'])
    return xml('AccessDenied', 'Invalid according to Policy: missing fields');
  if (!file.bytes.length)
    return xml('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
  uploads.push({ bucket, fields, order, file });
  state.uploadedKeys.add(fields.key);
  return { status: 204, body: '' };
}
