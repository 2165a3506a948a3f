import { z } from 'zod';
import { assertMaxBytes, parseJson, rawBody, utf8Bytes, validate } from '../../../lambda/shared/body';
import type { HttpError } from '../../../lambda/shared/errors';

const status = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as HttpError).status;
  }
  return 'no error';
};

test('counts UTF-8 bytes, not characters', () => {
  expect(utf8Bytes('가')).toBe(3);
  expect(status(() => assertMaxBytes('text', '가'.repeat(4), 11))).toBe(413);
  expect(status(() => assertMaxBytes('text', '가'.repeat(3), 9))).toBe('no error');
});

test('rawBody decodes base64 bodies and enforces the ceiling', () => {
  expect(rawBody({ body: Buffer.from('{"a":1}').toString('base64'), isBase64Encoded: true }, 100)).toBe(
    '{"a":1}',
  );
  expect(status(() => rawBody({ body: 'x'.repeat(101), isBase64Encoded: false }, 100))).toBe(413);
  expect(status(() => rawBody({ body: null, isBase64Encoded: false }, 100))).toBe(400);
});

test('rawBody rejects invalid UTF-8', () => {
  const invalid = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('base64');
  expect(status(() => rawBody({ body: invalid, isBase64Encoded: true }, 100))).toBe(400);
});

test('parseJson turns syntax errors into 400', () => {
  expect(status(() => parseJson('{'))).toBe(400);
  expect(parseJson('{"ok":true}')).toEqual({ ok: true });
});

test('validate lists failing fields without echoing values', () => {
  const schema = z.strictObject({ text: z.string(), n: z.number() });
  try {
    validate(schema, { text: 'TOP-SECRET-VALUE', n: 'nope', extra: 1 });
    throw new Error('expected a 400');
  } catch (e) {
    const err = e as HttpError;
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/body\.n/);
    expect(JSON.stringify(err.details)).not.toContain('TOP-SECRET-VALUE');
  }
});
