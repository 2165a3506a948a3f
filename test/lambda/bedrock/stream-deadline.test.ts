/**
 * POST /bedrock/converse-stream ends honestly: at the function's deadline with a final TIMEOUT
 * event and the usage known so far, and at once when the client goes away. Fake clock; the
 * mocked ConverseStream yields a token every 10 s and, like the SDK's stream, fails as soon as
 * the abort signal it was sent with fires.
 */
import { PassThrough } from 'node:stream';
import {
  BedrockRuntimeClient,
  ConverseStreamCommand,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { DEADLINE_MARGIN_MS, DeadlineExceeded } from '../../../lambda/shared/deadline';
import { apiEvent } from '../../support/events';
import { useHandlerEnv } from '../../support/handler-env';
import { captureLogs, type LogCapture } from '../../support/logs';
import { decodeStreamed, installAwsLambdaStandIn, ndjson } from '../../support/streaming';

useHandlerEnv({ MODEL_ID: 'amazon.nova-micro-v1:0', MAX_TOKENS_CAP: '512' });
installAwsLambdaStandIn();
const { streamHandler, ClientDisconnected } =
  require('../../../lambda/bedrock/stream-handler') as typeof import('../../../lambda/bedrock/stream-handler');
const { PARTIAL_USAGE_NOTE } =
  require('../../../lambda/bedrock/stream') as typeof import('../../../lambda/bedrock/stream');

const bedrock = mockClient(BedrockRuntimeClient);
const TOKEN_EVERY_MS = 10_000;
const FUNCTION_TIMEOUT_MS = 60_000; // the stream function's timeout for the default 512-token cap

/** The upstream model stream: what it yielded, whether it was closed, and the signal it was sent with. */
const model = { yielded: 0, closed: false, signal: undefined as AbortSignal | undefined };

function sentSignal(): AbortSignal {
  const call = bedrock.commandCalls(ConverseStreamCommand)[0]!;
  return ((call.args as unknown[])[1] as { abortSignal: AbortSignal }).abortSignal;
}

/** A token every 10 s, forever; fails with an AbortError when the request's signal fires (as the SDK's does). */
async function* slowModel(): AsyncGenerator<ConverseStreamOutput> {
  model.signal = sentSignal();
  try {
    yield { messageStart: { role: 'assistant' } };
    for (;;) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, TOKEN_EVERY_MS);
        model.signal!.addEventListener('abort', () => {
          clearTimeout(t);
          reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
        });
      });
      model.yielded += 1;
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: `word${model.yielded} ` } } };
    }
  } finally {
    model.closed = true;
  }
}

let logs: LogCapture;
beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  bedrock.reset();
  bedrock.on(ConverseStreamCommand).callsFake(async () => ({ stream: slowModel(), $metadata: {} }));
  Object.assign(model, { yielded: 0, closed: false, signal: undefined });
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
  jest.useRealTimers();
});

function start(sink = new PassThrough()) {
  const parts: Buffer[] = [];
  sink.on('data', (b: Buffer) => parts.push(b));
  const t0 = Date.now();
  let endedAt: number | undefined;
  const done = streamHandler(
    apiEvent({ resource: '/bedrock/converse-stream', body: { prompt: 'Tell me everything.' } }),
    sink,
    { awsRequestId: 'lambda-req', getRemainingTimeInMillis: () => FUNCTION_TIMEOUT_MS - (Date.now() - t0) },
  ).then(() => {
    endedAt = Date.now() - t0;
  });
  return { sink, done, endedAt: () => endedAt, output: () => decodeStreamed(Buffer.concat(parts)) };
}

describe('at the deadline', () => {
  it('stops the model stream and ends with an error event TIMEOUT carrying the usage so far', async () => {
    const s = start();
    await jest.advanceTimersByTimeAsync(FUNCTION_TIMEOUT_MS - DEADLINE_MARGIN_MS - 1);
    expect(s.endedAt()).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    await s.done;
    expect(s.endedAt()).toBe(FUNCTION_TIMEOUT_MS - DEADLINE_MARGIN_MS); // before Lambda's timeout

    const res = s.output();
    expect(res.statusCode).toBe(200);
    const events = ndjson(res.body);
    const tokens = events.filter((e) => e.type === 'token');
    expect(tokens).toHaveLength(5); // one every 10 s until 58.5 s
    const last = events.at(-1)!;
    expect(last).toMatchObject({
      type: 'error',
      error: { code: 'TIMEOUT', requestId: 'req-0001' },
      status: 504,
      afterTokenEvents: 5,
      usage: {
        unit: 'tokens',
        quantity: 0,
        partial: true,
        countsReported: false,
        tokenEvents: 5,
        streamedCharacters: tokens.map((t) => t.text).join('').length,
        note: PARTIAL_USAGE_NOTE,
      },
      timing: { totalMs: FUNCTION_TIMEOUT_MS - DEADLINE_MARGIN_MS },
    });
    expect(last.error.message).toMatch(/stopped at the function's deadline, 58\.5 s after/);
    expect(events.filter((e) => e.type === 'usage')).toEqual([]); // no "finished" answer

    // The upstream model stream was aborted, and released.
    expect(model.signal!.aborted).toBe(true);
    expect(model.signal!.reason).toBeInstanceOf(DeadlineExceeded);
    expect(model.closed).toBe(true);
    expect(logs.text()).toMatch(/stream failed after the status was sent.*"streamed":"timed-out"/);
  });

  it('ends on time even when the model stream stalls and ignores the abort', async () => {
    let released = false;
    bedrock.on(ConverseStreamCommand).resolves({
      stream: {
        [Symbol.asyncIterator]: () => ({
          next: () => new Promise(() => undefined), // stalls, deaf to the signal
          return: async () => {
            released = true;
            return { done: true, value: undefined };
          },
        }),
      },
      $metadata: {},
    } as never);
    const s = start();
    await jest.advanceTimersByTimeAsync(FUNCTION_TIMEOUT_MS - DEADLINE_MARGIN_MS);
    await s.done;
    expect(s.endedAt()).toBe(FUNCTION_TIMEOUT_MS - DEADLINE_MARGIN_MS);
    expect(ndjson(s.output().body).at(-1)).toMatchObject({ type: 'error', error: { code: 'TIMEOUT' } });
    expect(released).toBe(true);
  });

  it('before the model answers at all: the JSON 504 TIMEOUT, not a 200', async () => {
    bedrock
      .on(ConverseStreamCommand)
      .callsFake(
        () =>
          new Promise((_, reject) =>
            sentSignal().addEventListener('abort', () =>
              reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })),
            ),
          ),
      );
    const s = start();
    await jest.advanceTimersByTimeAsync(FUNCTION_TIMEOUT_MS - DEADLINE_MARGIN_MS);
    await s.done;
    const res = s.output();
    expect(res.statusCode).toBe(504);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'TIMEOUT', requestId: 'req-0001' });
  });
});

describe('when the client goes away', () => {
  it('aborts the model stream at once and writes nothing more', async () => {
    const s = start();
    await jest.advanceTimersByTimeAsync(2 * TOKEN_EVERY_MS);
    expect(model.yielded).toBe(2);
    const before = s.output().body;

    s.sink.destroy(); // the caller closed the connection
    await jest.advanceTimersByTimeAsync(0);
    await s.done;
    expect(s.endedAt()).toBe(2 * TOKEN_EVERY_MS); // no waiting for the deadline

    expect(model.signal!.aborted).toBe(true);
    expect(model.signal!.reason).toBeInstanceOf(ClientDisconnected);
    expect(model.closed).toBe(true);
    expect(model.yielded).toBe(2); // nothing generated for nobody
    expect(s.output().body).toBe(before);
    expect(logs.text()).toMatch(/client disconnected; model stream aborted.*"streamed":"disconnected"/);
  });

  it('a stream that ends normally is not mistaken for a disconnect', async () => {
    bedrock.on(ConverseStreamCommand).resolves({
      stream: (async function* () {
        yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi.' } } };
        yield { messageStop: { stopReason: 'end_turn' } };
        yield {
          metadata: { usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 }, metrics: { latencyMs: 9 } },
        };
      })(),
      $metadata: {},
    } as never);
    const s = start();
    await jest.advanceTimersByTimeAsync(0);
    await s.done;
    expect(ndjson(s.output().body).at(-1)).toMatchObject({
      type: 'usage',
      usage: { inputTokens: 3, outputTokens: 2 },
    });
    expect(sentSignal().aborted).toBe(false);
  });
});

it('a model stream that ends without its last event (the usage) is an error, not a finished answer', async () => {
  bedrock.on(ConverseStreamCommand).resolves({
    stream: (async function* () {
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Half an ans' } } };
    })(),
    $metadata: {},
  } as never);
  const s = start();
  await jest.advanceTimersByTimeAsync(0);
  await s.done;
  const events = ndjson(s.output().body);
  expect(events.map((e) => e.type)).toEqual(['start', 'token', 'error']);
  expect(events.at(-1)!.error.code).toBe('STREAM_INCOMPLETE');
});
