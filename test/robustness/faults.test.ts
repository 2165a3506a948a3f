/**
 * AWS fault injection per route: every AWS call of a valid request fails with each kind of
 * fault, or answers with a malformed body. Each maps to its documented status and the error
 * shape; nothing throws, nothing leaks a stack trace. Also checks that SDK retries and
 * timeouts fit inside the Lambda timeout, which fits inside API Gateway's 29 s.
 */
import { FAST_API } from '../../lambda/shared/aws';
import { DEADLINE_MARGIN_MS } from '../../lambda/shared/deadline';
import { SERVICES } from '../../lib/services';
import { apiEvent } from '../support/events';
import { captureLogs, type LogCapture } from '../support/logs';
import { CASES, HANDLER_ENV, type Handler, type RouteCase } from './cases';
import { mockAllClients, replayableStream } from './mocks';

Object.assign(process.env, HANDLER_ENV);
const aws = mockAllClients();

const fault = (name: string, fault: 'client' | 'server', status?: number) =>
  Object.assign(new Error(`${name} (injected)`), {
    name,
    $fault: fault,
    ...(status ? { $metadata: { httpStatusCode: status } } : {}),
  });

/** Fault → the status the lab documents for it. */
const FAULTS: Array<[string, Error, number]> = [
  ['throttling', fault('ThrottlingException', 'client', 400), 429],
  ['too many requests', fault('TooManyRequestsException', 'client', 429), 429],
  ['socket timeout', fault('TimeoutError', 'client'), 504],
  ['aborted', fault('AbortError', 'client'), 504],
  ['access denied', fault('AccessDeniedException', 'client', 403), 403],
  ['service-side validation', fault('ValidationException', 'client', 400), 400],
  ['5xx service error', fault('InternalServerException', 'server', 500), 502],
  ['service unavailable', fault('ServiceUnavailableException', 'server', 503), 503],
  [
    'network failure',
    Object.assign(new Error('connect ECONNRESET'), { name: 'Error', code: 'ECONNRESET' }),
    502,
  ],
];

/** Malformed or partial service outputs: wrong types, nulls, missing fields. */
const MALFORMED: unknown[] = [
  { $metadata: {} },
  { Sentiment: 42, SentimentScore: 'x', Entities: 'x', KeyPhrases: {}, Languages: [null], ResultList: [{}] },
  { TranslatedText: null, Languages: [{}], NextToken: undefined },
  { Voices: 'x', AudioStream: { transformToByteArray: async () => 'not bytes' }, RequestCharacters: -1 },
  {
    TranscriptionJob: { TranscriptionJobStatus: 'COMPLETED' },
    Body: { transformToString: async () => '{"results":' },
  },
  {
    Blocks: [{ BlockType: 'TABLE', Relationships: [{ Type: 'CHILD', Ids: ['missing'] }] }],
    JobStatus: 'SUCCEEDED',
  },
  { Labels: [{ Name: null, Instances: [{ BoundingBox: null }] }], FaceDetails: [{}], TextDetections: [{}] },
  { output: { message: { content: [] } }, usage: {}, stopReason: 'end_turn' },
  // ConverseStream: events with missing or wrong-typed members, an unknown event, no metadata.
  {
    stream: replayableStream([
      { contentBlockDelta: { delta: {} } },
      { contentBlockDelta: { delta: { text: 42 } } },
      { somethingNew: {} },
      {},
      { messageStop: {} },
      { metadata: { usage: { inputTokens: 'x' } } },
    ]),
  },
];

const logs: { capture?: LogCapture } = {};
beforeEach(() => {
  logs.capture = captureLogs();
});
afterEach(() => logs.capture?.restore());

function eventFor(route: RouteCase) {
  return apiEvent({
    method: route.method,
    resource: route.path,
    pathParameters: route.pathParameters,
    query: route.method === 'GET' ? (route.valid as Record<string, string>) : undefined,
    body: route.method === 'POST' ? route.valid : undefined,
  });
}

const routes = SERVICES.filter((s) => CASES[s.id]).flatMap((s) =>
  CASES[s.id]!.routes.map((r) => [`${s.id} ${r.method} ${r.path}`, CASES[s.id]!.handler, r] as const),
);
let faultsCovered = 0;

describe.each(routes)('%s', (_name, load, route) => {
  let handler: Handler;
  beforeAll(() => {
    handler = load();
  });

  test.each(FAULTS)('%s → documented status', async (_f, error, status) => {
    aws.rejectAll(error);
    const res = await handler(eventFor(route));
    if (aws.calls() === 0) return; // this route makes no AWS call (e.g. presigning is local)
    faultsCovered += 1;
    expect(res.statusCode).toBe(status);
    const { error: body } = JSON.parse(res.body);
    expect(body).toEqual(
      expect.objectContaining({
        code: expect.any(String),
        message: expect.any(String),
        requestId: 'req-0001',
      }),
    );
    expect(res.body).not.toMatch(/\n\s+at /); // no stack trace
    // Service-side 4xx messages are passed on (they tell the learner what was wrong);
    // 5xx and network messages are not.
    if (status >= 500) expect(res.body).not.toMatch(/injected|ECONNRESET/);
  });

  test('malformed or partial responses never crash the handler', async () => {
    for (const output of MALFORMED) {
      aws.reset(output);
      const res = await handler(eventFor(route));
      expect([200, 202, 400, 404, 413, 415, 502]).toContain(res.statusCode);
      if (res.statusCode >= 400) expect(JSON.parse(res.body).error.code).toEqual(expect.any(String));
      faultsCovered += 1;
    }
  });
});

test('every attempt the fast APIs allow fits before the request deadline, inside the Lambda timeout', () => {
  const LAMBDA_TIMEOUT_MS = 20_000; // DemoFunction default
  const perAttempt = FAST_API.connectionTimeoutMs + FAST_API.requestTimeoutMs!;
  // + a backoff allowance: the retries the settings promise are reachable before the deadline,
  // which (test/robustness/deadlines.test.ts) ends the request whatever happens.
  expect(FAST_API.maxAttempts * perAttempt + 1_000).toBeLessThan(LAMBDA_TIMEOUT_MS - DEADLINE_MARGIN_MS);
  expect(LAMBDA_TIMEOUT_MS).toBeLessThan(29_000);
});

afterAll(() => {
  process.stdout.write(`\nAWS faults injected and mapped: ${faultsCovered} (route × fault)\n`);
});
