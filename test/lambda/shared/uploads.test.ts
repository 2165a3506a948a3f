import { createHmac } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { HttpError } from '../../../lambda/shared/errors';
import { assertOwnKey, newKey, presignUpload, type UploadKind } from '../../../lambda/shared/uploads';

const AUDIO: UploadKind = {
  types: { 'audio/mpeg': 'mp3', 'audio/wav': 'wav', 'audio/x-wav': 'wav' },
  prefix: 'uploads/',
  maxBytes: 50 * 1024 * 1024,
};
const DOCUMENTS: UploadKind = {
  types: { 'application/pdf': 'pdf', 'image/tiff': 'tiff' },
  prefix: 'documents/',
  maxBytes: 10 * 1024 * 1024,
  expiresSeconds: 120,
};
const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const KEY_PATTERN = /^uploads\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.mp3$/;

const REGION = 'eu-west-1';
const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
// A real client with static credentials: presigning is computed locally and sends nothing.
const s3 = new S3Client({ region: REGION, credentials: CREDENTIALS });

/** The decoded POST policy of a presigned upload. */
function policyOf(fields: Record<string, string>): { expiration: string; conditions: unknown[] } {
  return JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8'));
}

/** SigV4 for a POST policy: HMAC-SHA256 of the base64 policy with the derived signing key. */
function expectedSignature(policyBase64: string, shortDate: string): string {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  let key = hmac(`AWS4${CREDENTIALS.secretAccessKey}`, shortDate);
  key = hmac(key, REGION);
  key = hmac(key, 's3');
  key = hmac(key, 'aws4_request');
  return createHmac('sha256', key).update(policyBase64).digest('hex');
}

describe('newKey', () => {
  it('puts a fresh UUID under the prefix with the extension', () => {
    const a = newKey('uploads/', 'mp3');
    const b = newKey('uploads/', 'mp3');
    expect(a).toMatch(KEY_PATTERN);
    expect(b).toMatch(KEY_PATTERN);
    expect(a).not.toBe(b);
  });
});

describe('assertOwnKey', () => {
  it.each([
    ['a generated key', () => newKey('uploads/', 'mp3')],
    ['a generated key with another of the kind’s extensions', () => newKey('uploads/', 'wav')],
    ['a generated inline key', () => newKey('uploads/inline-', 'wav')],
    ['a fixed well-formed key', () => `uploads/${UUID}.mp3`],
  ])('accepts %s and returns it unchanged', (_label, make) => {
    const key = make();
    expect(assertOwnKey(key, AUDIO)).toBe(key);
  });

  it.each([
    ['an empty key', ''],
    ['a name the caller chose', 'uploads/evil.mp3'],
    ['a transcript', 'transcripts/x.json'],
    ['a path traversal', '../etc'],
    ['a traversal out of the prefix', `uploads/../transcripts/${UUID}.mp3`],
    ['a nested path', `uploads/a/${UUID}.mp3`],
    ['another prefix', `private/${UUID}.mp3`],
    ['no prefix', `${UUID}.mp3`],
    ['a leading slash', `/uploads/${UUID}.mp3`],
    ['an extension of no listed type', `uploads/${UUID}.exe`],
    ['a double extension', `uploads/${UUID}.mp3.exe`],
    ['an extension of another kind', `uploads/${UUID}.pdf`],
    ['no extension', `uploads/${UUID}`],
    ['upper-case hex', `uploads/${UUID.toUpperCase()}.mp3`],
    ['dashes in place of a UUID', `uploads/${'-'.repeat(36)}.mp3`],
    ['hex without the UUID dashes', `uploads/${'a'.repeat(36)}.mp3`],
    ['a UUID with its dashes moved', `uploads/${UUID.replaceAll('-', '')}----.mp3`],
    ['a trailing line break', `uploads/${UUID}.mp3\n`],
    ['a leading space', ` uploads/${UUID}.mp3`],
    ['a prefix of another kind', `documents/${UUID}.mp3`],
    ['an inline key with the wrong marker', `uploads/inline_${UUID}.mp3`],
  ])('rejects %s with 400', (_label, key) => {
    let thrown: unknown;
    try {
      assertOwnKey(key, AUDIO);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(HttpError);
    expect(thrown).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    expect((thrown as HttpError).message).toMatch(/uploads\/<uuid>\.<ext>/);
  });

  it('follows the kind: its own prefix and extensions', () => {
    expect(assertOwnKey(`documents/${UUID}.pdf`, DOCUMENTS)).toBe(`documents/${UUID}.pdf`);
    expect(() => assertOwnKey(`documents/${UUID}.mp3`, DOCUMENTS)).toThrow(HttpError);
    expect(() => assertOwnKey(`uploads/${UUID}.pdf`, DOCUMENTS)).toThrow(HttpError);
  });

  it('treats the prefix literally, not as a pattern', () => {
    const dotted: UploadKind = { ...AUDIO, prefix: 'lab.uploads/' };
    expect(assertOwnKey(`lab.uploads/${UUID}.mp3`, dotted)).toBe(`lab.uploads/${UUID}.mp3`);
    expect(() => assertOwnKey(`labXuploads/${UUID}.mp3`, dotted)).toThrow(HttpError);
  });
});

describe('presignUpload', () => {
  it.each([
    ['an unlisted type', 'audio/aiff'],
    ['another kind’s type', 'application/pdf'],
    ['a differently-cased type', 'Audio/MPEG'],
    ['a type with parameters', 'audio/mpeg; charset=binary'],
    ['an empty type', ''],
    ['an inherited property name', 'constructor'],
  ])('rejects %s with 400 listing the accepted types', async (_label, contentType) => {
    const err = await presignUpload(s3, 'lab-uploads', AUDIO, contentType).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    expect((err as HttpError).message).toMatch(/audio\/mpeg, audio\/wav, audio\/x-wav/);
  });

  it('returns a POST to the bucket with a generated key and the documented fields', async () => {
    const upload = await presignUpload(s3, 'lab-uploads', AUDIO, 'audio/mpeg');

    expect(upload).toMatchObject({
      method: 'POST',
      contentType: 'audio/mpeg',
      maxBytes: 50 * 1024 * 1024,
      expiresInSeconds: 300,
    });
    expect(upload.url).toMatch(/^https:\/\/lab-uploads\.s3\.eu-west-1\.amazonaws\.com\/?$/);
    expect(upload.key).toMatch(KEY_PATTERN);
    expect(assertOwnKey(upload.key, AUDIO)).toBe(upload.key);
    expect(Object.keys(upload.fields).sort()).toEqual(
      [
        'Content-Type',
        'Policy',
        'X-Amz-Algorithm',
        'X-Amz-Credential',
        'X-Amz-Date',
        'X-Amz-Signature',
        'bucket',
        'key',
      ].sort(),
    );
    expect(upload.fields).toMatchObject({
      'Content-Type': 'audio/mpeg',
      bucket: 'lab-uploads',
      key: upload.key,
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    });
  });

  it('signs a policy whose conditions are exactly the size range, the content type, the bucket and the key', async () => {
    const before = Date.now();
    const upload = await presignUpload(s3, 'lab-uploads', AUDIO, 'audio/wav');
    const after = Date.now();

    const { fields } = upload;
    const amzDate = fields['X-Amz-Date']!;
    const shortDate = amzDate.slice(0, 8);
    const policy = policyOf(fields);
    expect(policy.conditions).toEqual([
      ['content-length-range', 1, 50 * 1024 * 1024],
      ['eq', '$Content-Type', 'audio/wav'],
      { 'Content-Type': 'audio/wav' },
      { bucket: 'lab-uploads' },
      { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' },
      { 'X-Amz-Credential': `${CREDENTIALS.accessKeyId}/${shortDate}/${REGION}/s3/aws4_request` },
      { 'X-Amz-Date': amzDate },
      { key: upload.key },
    ]);
    expect(upload.key).toMatch(/\.wav$/);

    // Expires 300 s after signing (the policy's expiration has whole seconds).
    const expires = Date.parse(policy.expiration);
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 300_000);
    expect(expires).toBeLessThanOrEqual(after + 300_000);

    // S3 will accept the form: the signature is SigV4 over exactly this policy.
    expect(fields['X-Amz-Signature']).toBe(expectedSignature(fields.Policy!, shortDate));
  });

  it('uses the kind’s own size limit, prefix and expiry', async () => {
    const upload = await presignUpload(s3, 'docs-bucket', DOCUMENTS, 'image/tiff');

    expect(upload.key).toMatch(/^documents\/[0-9a-f-]{36}\.tiff$/);
    expect(upload.expiresInSeconds).toBe(120);
    expect(upload.maxBytes).toBe(10 * 1024 * 1024);
    const policy = policyOf(upload.fields);
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 10 * 1024 * 1024]);
    expect(policy.conditions).toContainEqual({ bucket: 'docs-bucket' });
    expect(Date.parse(policy.expiration) - Date.parse(isoFromAmzDate(upload.fields['X-Amz-Date']!))).toBe(
      120_000,
    );
  });

  it('includes the session token of temporary credentials in the signed fields', async () => {
    const temporary = new S3Client({
      region: REGION,
      credentials: { ...CREDENTIALS, sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN' },
    });

    const upload = await presignUpload(temporary, 'lab-uploads', AUDIO, 'audio/mpeg');

    expect(upload.fields['X-Amz-Security-Token']).toBe('FwoGZXIvYXdzEXAMPLETOKEN');
    expect(policyOf(upload.fields).conditions).toContainEqual({
      'X-Amz-Security-Token': 'FwoGZXIvYXdzEXAMPLETOKEN',
    });
  });
});

/** 20250101T120000Z → 2025-01-01T12:00:00Z */
function isoFromAmzDate(amz: string): string {
  return `${amz.slice(0, 4)}-${amz.slice(4, 6)}-${amz.slice(6, 8)}T${amz.slice(9, 11)}:${amz.slice(11, 13)}:${amz.slice(13, 15)}Z`;
}
