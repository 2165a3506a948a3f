/**
 * Every route ends before its Lambda timeout with the lab's JSON 504, never by being killed.
 *
 * The real handlers run on a fake clock with a Lambda context whose remaining time runs down with
 * it. The stand-in for AWS sits where the SDK hands a signed request to the network (the HTTP/1.1
 * and HTTP/2 handlers' `handle`), so serialisation, signing and the SDK's retry middleware all run
 * for real: the stand-in answers some calls after a delay and leaves the rest hanging until their
 * abort signal fires, recording each call and whether it was aborted.
 */
import { PassThrough, Readable } from 'node:stream';
import { HttpResponse } from '@smithy/core/protocols';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { streamTimeoutSeconds } from '../../lambda/bedrock/stream-timeout';
import { DEADLINE_MARGIN_MS } from '../../lambda/shared/deadline';
import { FUNCTION_TIMEOUT_SECONDS as TEXTRACT_TIMEOUT_SECONDS } from '../../lambda/textract/schemas';
import { SERVICES } from '../../lib/services';
import { apiEvent } from '../support/events';
import { captureLogs, type LogCapture } from '../support/logs';
import { decodeStreamed } from '../support/streaming';
import { CASES, HANDLER_ENV, type RouteCase } from './cases';

Object.assign(process.env, HANDLER_ENV);

/** The functions' timeouts as the stacks set them (DemoStack's default, Textract's, Bedrock's). */
const FUNCTION_TIMEOUT_MS: Record<string, number> = {
  default: 20_000,
  textract: TEXTRACT_TIMEOUT_SECONDS * 1000,
  bedrock: 28_000,
  'bedrock-stream': streamTimeoutSeconds(Number(HANDLER_ENV.MAX_TOKENS_CAP)) * 1000,
};

// --- The stand-in for AWS -------------------------------------------------------------------------

interface UpstreamCall {
  readonly host: string;
  readonly path: string;
  /** Fake-clock ms since the test started. */
  readonly at: number;
  aborted: boolean;
}
/** How the stand-in answers the n-th call (0-based): after `afterMs`, or never (undefined). */
type Plan = (n: number, call: UpstreamCall) => { afterMs: number; response: () => HttpResponse } | undefined;
type Failure = (n: number) => Error | undefined;

const upstream = {
  calls: [] as UpstreamCall[],
  plan: (() => undefined) as Plan,
  fail: (() => undefined) as Failure,
  t0: 0,
};

function standIn(request: { hostname: string; path: string }, options: { abortSignal?: AbortSignal } = {}) {
  const call: UpstreamCall = {
    host: request.hostname,
    path: request.path,
    at: Date.now() - upstream.t0,
    aborted: false,
  };
  const n = upstream.calls.push(call) - 1;
  return new Promise<{ response: HttpResponse }>((resolve, reject) => {
    const failure = upstream.fail(n);
    if (failure) {
      reject(failure);
      return;
    }
    const planned = upstream.plan(n, call);
    const timer = planned
      ? setTimeout(() => {
          options.abortSignal?.removeEventListener('abort', onAbort);
          resolve({ response: planned.response() });
        }, planned.afterMs)
      : undefined;
    const onAbort = () => {
      clearTimeout(timer);
      call.aborted = true;
      reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
    };
    if (options.abortSignal?.aborted) onAbort();
    else options.abortSignal?.addEventListener('abort', onAbort, { once: true });
  });
}

const json =
  (body: unknown, contentType = 'application/json') =>
  () =>
    new HttpResponse({
      statusCode: 200,
      headers: { 'content-type': contentType },
      body: Readable.from([Buffer.from(JSON.stringify(body))]),
    });
const empty =
  (headers: Record<string, string> = {}) =>
  () =>
    new HttpResponse({ statusCode: 200, headers, body: Readable.from([]) });

let logs: LogCapture;
beforeAll(() => {
  jest.spyOn(NodeHttpHandler.prototype, 'handle').mockImplementation(standIn as never);
  jest.spyOn(NodeHttp2Handler.prototype, 'handle').mockImplementation(standIn as never);
});
afterAll(() => jest.restoreAllMocks());
beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  upstream.calls = [];
  upstream.plan = () => undefined; // every call hangs
  upstream.fail = () => undefined;
  upstream.t0 = Date.now();
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
  jest.useRealTimers();
});

// --- Invoking the handlers with a Lambda context ---------------------------------------------------

type Invoke = (event: APIGatewayProxyEvent, context: object) => Promise<APIGatewayProxyResult>;

/** The streaming handler run to its end, its prelude and body decoded into a proxy result. */
async function invokeStream(event: APIGatewayProxyEvent, context: object): Promise<APIGatewayProxyResult> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (b: Buffer) => parts.push(b));
  const { handler } = require('../../lambda/bedrock/stream-handler');
  await handler(event, sink, context);
  const { statusCode, headers, body } = decodeStreamed(Buffer.concat(parts));
  return { statusCode, headers, body };
}

function handlerFor(service: string, path: string): Invoke {
  if (service === 'bedrock') {
    CASES.bedrock!.handler(); // builds the notes index and the streaming stand-in, loads both functions
    if (path === '/bedrock/converse-stream') return invokeStream;
    return require('../../lambda/bedrock/handler').handler;
  }
  return CASES[service as keyof typeof CASES]!.handler() as unknown as Invoke;
}

function timeoutOf(service: string, path: string): number {
  if (path === '/bedrock/converse-stream') return FUNCTION_TIMEOUT_MS['bedrock-stream']!;
  return FUNCTION_TIMEOUT_MS[service] ?? FUNCTION_TIMEOUT_MS.default!;
}

const eventFor = (route: RouteCase, headers?: Record<string, string>) =>
  apiEvent({
    method: route.method,
    resource: route.path,
    pathParameters: route.pathParameters,
    query: route.method === 'GET' ? (route.valid as Record<string, string>) : undefined,
    body: route.method === 'POST' ? route.valid : undefined,
    headers,
  });

interface Run {
  readonly result: Promise<APIGatewayProxyResult>;
  /** Fake-clock ms at which the handler answered, once it has. */
  answeredAt(): number | undefined;
}

/** Call `invoke` with a context whose remaining time is `timeoutMs` and runs down with the fake clock. */
function run(invoke: Invoke, event: APIGatewayProxyEvent, timeoutMs: number): Run {
  const t0 = Date.now();
  let answered: number | undefined;
  const context = {
    awsRequestId: 'lambda-req',
    getRemainingTimeInMillis: () => timeoutMs - (Date.now() - t0),
  };
  const result = invoke(event, context).then((r) => {
    answered = Date.now() - t0;
    return r;
  });
  return { result, answeredAt: () => answered };
}

/**
 * Let the handler reach its first AWS call (or answer without one) on the real event loop: the
 * first request of a handler loads the SDK's credential and endpoint code, which reads files. The
 * fake clock does not move meanwhile.
 */
async function settle(r: Run): Promise<void> {
  for (let i = 0; i < 50_000 && upstream.calls.length === 0 && r.answeredAt() === undefined; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Advance to just before the deadline, then to Lambda's timeout; return when it answered. */
async function toLambdaTimeout(r: Run, timeoutMs: number): Promise<APIGatewayProxyResult> {
  await jest.advanceTimersByTimeAsync(timeoutMs - DEADLINE_MARGIN_MS - 1);
  const early = r.answeredAt();
  await jest.advanceTimersByTimeAsync(DEADLINE_MARGIN_MS + 1);
  expect(r.answeredAt()).toBeDefined(); // answered by Lambda's timeout, not killed at it
  expect(early).toBeUndefined(); // …and not before the deadline: the calls really hung
  return r.result;
}

const errorOf = (res: APIGatewayProxyResult) => JSON.parse(res.body).error;

// --- Every route, every call hanging --------------------------------------------------------------

const routes = SERVICES.filter((s) => CASES[s.id]).flatMap((s) =>
  CASES[s.id]!.routes.map((r) => [`${s.id} ${r.method} ${r.path}`, s.id, r] as const),
);

describe.each(routes)('%s, AWS never answering', (_name, service, route) => {
  it('answers its JSON 504 TIMEOUT before the Lambda timeout, every AWS call aborted', async () => {
    const invoke = handlerFor(service, route.path);
    const timeoutMs = timeoutOf(service, route.path);
    const r = run(invoke, eventFor(route), timeoutMs);
    await settle(r);
    if (upstream.calls.length === 0) {
      // No AWS call (a presigned upload is computed locally): answered at once.
      expect((await r.result).statusCode).toBe(200);
      return;
    }
    const res = await toLambdaTimeout(r, timeoutMs);
    expect(r.answeredAt()!).toBeLessThan(timeoutMs);
    expect(r.answeredAt()!).toBeGreaterThanOrEqual(timeoutMs - DEADLINE_MARGIN_MS);
    expect(res.statusCode).toBe(504);
    expect(res.headers?.['Content-Type']).toMatch(/^application\/json/);
    expect(errorOf(res)).toMatchObject({ code: 'TIMEOUT', requestId: 'req-0001' });
    expect(upstream.calls.length).toBeGreaterThan(0);
    expect(upstream.calls.filter((c) => !c.aborted)).toEqual([]); // each hung call was aborted
    expect(logs.text()).toMatch(/"code":"TIMEOUT"/);
  });
});

// --- Two-call routes: one deadline for the pair ----------------------------------------------------

describe('two-call routes share one deadline: a slow first call leaves the second only the rest', () => {
  const FIRST_CALL_MS = 12_000;

  it.each([
    [
      'Comprehend: DetectDominantLanguage, then DetectSentiment',
      'comprehend',
      { method: 'POST', path: '/comprehend/sentiment', valid: { text: 'I enjoy learning AWS AI services.' } },
      json({ Languages: [{ LanguageCode: 'en', Score: 0.99 }] }, 'application/x-amz-json-1.1'),
    ],
    [
      'Polly: DescribeVoices, then SynthesizeSpeech',
      'polly',
      { method: 'POST', path: '/polly/speech', valid: { text: 'Hello from the lab.', voiceId: 'Joanna' } },
      json({ Voices: [{ Id: 'Joanna', LanguageCode: 'en-US', SupportedEngines: ['neural', 'standard'] }] }),
    ],
    [
      'Transcribe: S3 PutObject of the inline clip, then StartTranscriptionJob',
      'transcribe',
      CASES.transcribe!.routes.find((r) => r.path === '/transcribe/jobs' && r.method === 'POST')!,
      empty({ etag: '"0123"' }),
    ],
  ] as const)('%s', async (_name, service, route, firstAnswer) => {
    upstream.plan = (n) => (n === 0 ? { afterMs: FIRST_CALL_MS, response: firstAnswer } : undefined);
    const timeoutMs = timeoutOf(service, route.path);
    const r = run(handlerFor(service, route.path), eventFor(route as RouteCase), timeoutMs);
    await settle(r);
    const res = await toLambdaTimeout(r, timeoutMs);
    expect(res.statusCode).toBe(504);
    expect(errorOf(res).code).toBe('TIMEOUT');
    expect(upstream.calls).toHaveLength(2);
    const [first, second] = upstream.calls;
    expect(first!.aborted).toBe(false); // answered after 12 s
    expect(second!.at).toBe(FIRST_CALL_MS); // started when the first answered…
    expect(second!.aborted).toBe(true); // …and was stopped at the request's deadline, not its own
    expect(r.answeredAt()!).toBeLessThan(timeoutMs);
  });
});

// --- Model calls: never repeated after a timeout; compare keeps what arrived ----------------------

describe('timeouts and retries', () => {
  const timeoutError = () =>
    Object.assign(new Error('Stream timed out because of no activity'), { name: 'TimeoutError' });
  const bedrockRoute = (path: string) => CASES.bedrock!.routes.find((r) => r.path === path)!;

  it('a timed-out Converse call is not retried: the stand-in sees one call', async () => {
    upstream.fail = () => timeoutError();
    const res = await handlerFor('bedrock', '/bedrock/converse')(
      eventFor(bedrockRoute('/bedrock/converse')),
      {
        awsRequestId: 'lambda-req',
        getRemainingTimeInMillis: () => 28_000,
      },
    );
    expect(res.statusCode).toBe(504);
    expect(upstream.calls).toHaveLength(1);
  });

  it('a timed-out ConverseStream call is not retried either', async () => {
    upstream.fail = () => timeoutError();
    const res = await invokeStream(eventFor(bedrockRoute('/bedrock/converse-stream')), {
      awsRequestId: 'lambda-req',
      getRemainingTimeInMillis: () => 60_000,
    });
    expect(res.statusCode).toBe(504);
    expect(upstream.calls).toHaveLength(1);
  });

  it('a timed-out Comprehend call is retried (cheap, fast, idempotent): 3 calls', async () => {
    upstream.fail = () => timeoutError();
    const route = CASES.comprehend!.routes[0]!;
    const pending = handlerFor('comprehend', route.path)(eventFor(route), {
      awsRequestId: 'lambda-req',
      getRemainingTimeInMillis: () => 20_000,
    });
    await jest.advanceTimersByTimeAsync(2_000); // the retry backoff runs on the fake clock
    expect((await pending).statusCode).toBe(504);
    expect(upstream.calls).toHaveLength(3);
  });

  it('compare returns the models that answered and marks the one the deadline stopped', async () => {
    const answer = json({
      output: { message: { role: 'assistant', content: [{ text: 'Small models are fast.' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
      metrics: { latencyMs: 900 },
    });
    upstream.plan = (_n, call) =>
      call.path.includes('nova-micro') ? { afterMs: 1_000, response: answer } : undefined;
    const route = bedrockRoute('/bedrock/compare');
    const r = run(handlerFor('bedrock', route.path), eventFor(route), 28_000);
    await settle(r);
    const res = await toLambdaTimeout(r, 28_000);
    expect(res.statusCode).toBe(200);
    const rows = JSON.parse(res.body).models;
    expect(rows.map((m: { ok: boolean }) => m.ok)).toEqual([true, false]);
    expect(rows[1].error.code).toBe('TIMEOUT');
    expect(r.answeredAt()!).toBeLessThan(28_000);
  });
});
