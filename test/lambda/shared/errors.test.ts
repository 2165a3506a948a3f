import { HttpError, isTimeoutError, toHttpError } from '../../../lambda/shared/errors';

const aws = (name: string, fault: 'client' | 'server' = 'client', status = 400) =>
  Object.assign(new Error('upstream said something'), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode: status },
  });

test.each([
  ['ThrottlingException', 429, 'THROTTLED'],
  ['TooManyRequestsException', 429, 'THROTTLED'],
  ['ProvisionedThroughputExceededException', 429, 'THROTTLED'],
  ['LimitExceededException', 429, 'THROTTLED'],
  ['AccessDeniedException', 403, 'ACCESS_DENIED'],
  ['ValidationException', 400, 'INVALID_REQUEST'],
  ['InvalidParameterException', 400, 'INVALID_REQUEST'],
  ['BadDocumentException', 400, 'INVALID_REQUEST'],
  ['UnsupportedDocumentException', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['InvalidImageFormatException', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['ImageTooLargeException', 413, 'PAYLOAD_TOO_LARGE'],
  ['DocumentTooLargeException', 413, 'PAYLOAD_TOO_LARGE'],
  ['TextLengthExceededException', 413, 'PAYLOAD_TOO_LARGE'],
  ['NotFoundException', 404, 'NOT_FOUND'],
  ['ResourceNotFoundException', 404, 'NOT_FOUND'],
  ['ConflictException', 409, 'CONFLICT'],
  ['ModelTimeoutException', 504, 'UPSTREAM_TIMEOUT'],
  ['TimeoutError', 504, 'UPSTREAM_TIMEOUT'],
  ['ServiceUnavailableException', 503, 'UPSTREAM_UNAVAILABLE'],
  ['InternalServerError', 502, 'UPSTREAM_ERROR'],
])('%s → %i %s', (name, status, code) => {
  const e = toHttpError(aws(name, status >= 500 ? 'server' : 'client', status >= 500 ? 500 : 400));
  expect([e.status, e.code]).toEqual([status, code]);
});

test('an unlisted modeled client error is still a 400', () => {
  expect(toHttpError(aws('SomeNewValidationError', 'client', 400)).status).toBe(400);
});

test('anything else is a 502 that does not leak the upstream message', () => {
  const e = toHttpError(new TypeError('Cannot read properties of undefined (reading secret)'));
  expect(e.status).toBe(502);
  expect(e.message).not.toContain('secret');
});

test('overrides give a demo its own message', () => {
  const e = toHttpError(aws('AccessDeniedException'), {
    AccessDeniedException: { status: 403, code: 'MODEL_ACCESS', message: 'Enable model access' },
  });
  expect(e).toMatchObject({ status: 403, code: 'MODEL_ACCESS', message: 'Enable model access' });
});

test('an HttpError passes through unchanged', () => {
  const e = new HttpError(418, 'TEAPOT', 'short and stout');
  expect(toHttpError(e)).toBe(e);
});

test('a timeout wrapped in another error (an HTTP/2 connect timeout) is still a 504, and still a timeout', () => {
  const connect = Object.assign(new Error('No connection to bedrock-runtime within 1000 ms.'), {
    name: 'TimeoutError',
    code: 'ETIMEDOUT',
  });
  const cancelled = Object.assign(new Error('The pending stream has been canceled', { cause: connect }), {
    code: 'ERR_HTTP2_STREAM_CANCEL',
  });
  expect(isTimeoutError(cancelled)).toBe(true);
  expect(toHttpError(cancelled)).toMatchObject({ status: 504, code: 'UPSTREAM_TIMEOUT' });
  expect(isTimeoutError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(false);
  expect(isTimeoutError(aws('ModelTimeoutException'))).toBe(true);
  expect(isTimeoutError(aws('ThrottlingException'))).toBe(false);
});
