/**
 * POST /bedrock/converse-stream, offline: the streaming handler runs under a stand-in for the
 * runtime's `awslambda` globals (the prelude is written as the runtime writes it) and a mocked
 * ConverseStream whose `stream` is an async iterable of Bedrock events.
 */
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  BedrockRuntimeClient,
  ConverseStreamCommand,
  type ConverseStreamCommandInput,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import * as esbuild from 'esbuild';
import { HALLUCINATION_NOTICE } from '../../../lambda/bedrock/call';
import { MAX_PROMPT_BYTES } from '../../../lambda/bedrock/schemas';
import { bedrockTokenCost, guardrailCost, roundUsd } from '../../../lambda/shared/pricing';
import { apiEvent } from '../../support/events';
import { useHandlerEnv } from '../../support/handler-env';
import { useCapturedLogs } from '../../support/logs';
import { eventStream, installAwsLambdaStandIn, invokeStreaming, ndjson } from '../../support/streaming';

useHandlerEnv({
  MODEL_ID: 'amazon.nova-micro-v1:0',
  MAX_TOKENS_CAP: '512',
  GUARDRAIL_ID: 'gr-test',
  GUARDRAIL_VERSION: '1',
});
installAwsLambdaStandIn();
const { handler } =
  require('../../../lambda/bedrock/stream-handler') as typeof import('../../../lambda/bedrock/stream-handler');

const bedrock = mockClient(BedrockRuntimeClient);
const logs = useCapturedLogs();
beforeEach(() => bedrock.reset());

const PROMPT_SECRET = 'Stream the memo about Project Kestrel for Jane Doe';
const TOKENS = ['Project ', 'Kestrel ', 'ships ', 'on ', 'Friday.'];

const stream = (body: unknown, resource = '/bedrock/converse-stream') =>
  invokeStreaming(handler, apiEvent({ resource, body }));
const sent = () =>
  bedrock.commandCalls(ConverseStreamCommand)[0]!.args[0].input as ConverseStreamCommandInput;

function modelEvents(
  tokens: readonly string[],
  opts: { stopReason?: string; inputTokens?: number; outputTokens?: number; trace?: unknown } = {},
): ConverseStreamOutput[] {
  return [
    { messageStart: { role: 'assistant' } },
    ...tokens.map((text) => ({ contentBlockDelta: { contentBlockIndex: 0, delta: { text } } })),
    { contentBlockStop: { contentBlockIndex: 0 } },
    { messageStop: { stopReason: (opts.stopReason ?? 'end_turn') as never } },
    {
      metadata: {
        usage: { inputTokens: opts.inputTokens ?? 14, outputTokens: opts.outputTokens ?? 6, totalTokens: 20 },
        metrics: { latencyMs: 180 },
        ...(opts.trace ? { trace: { guardrail: opts.trace as never } } : {}),
      },
    },
  ] as ConverseStreamOutput[];
}

const resolvesWith = (events: AsyncIterable<ConverseStreamOutput>) =>
  bedrock.on(ConverseStreamCommand).resolves({ stream: events, $metadata: {} } as never);

function throttling(message = 'Too many tokens, slow down') {
  return Object.assign(new Error(message), {
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 429 },
  });
}

describe('POST /bedrock/converse-stream: tokens', () => {
  it('writes a 200 NDJSON prelude, then start, the tokens in order, and usage last', async () => {
    resolvesWith(eventStream(modelEvents(TOKENS)));

    const res = await stream({ prompt: PROMPT_SECRET, maxTokens: 100 });

    expect(res.statusCode).toBe(200);
    expect(res.headers['Content-Type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['X-Request-Id']).toBe('req-0001');
    const events = ndjson(res.body);
    expect(events.map((e) => e.type)).toEqual(['start', ...TOKENS.map(() => 'token'), 'usage']);
    expect(events.filter((e) => e.type === 'token').map((e) => e.text)).toEqual(TOKENS);
    expect(events[0]).toMatchObject({
      modelId: 'amazon.nova-micro-v1:0',
      requestId: 'req-0001',
      guardrail: { applied: true, version: '1', streamProcessingMode: 'sync' },
      inferenceConfig: { maxTokens: { requested: 100, applied: 100, cap: 512, clamped: false } },
    });
    const usage = events.at(-1)!;
    const tokenCost = bedrockTokenCost('amazon.nova-micro-v1:0', 14, 6)!;
    const policies = { contentFilters: true, sensitiveInfo: true };
    const guardrailUsd = roundUsd(
      guardrailCost(PROMPT_SECRET.length, policies) + guardrailCost(TOKENS.join('').length, policies),
    );
    expect(usage).toMatchObject({
      type: 'usage',
      stopReason: 'end_turn',
      usage: {
        unit: 'tokens',
        inputTokens: 14,
        outputTokens: 6,
        tokenCostUsd: tokenCost,
        guardrailCostUsd: guardrailUsd,
        estimatedCostUsd: roundUsd(tokenCost + guardrailUsd),
      },
      guardrail: { applied: true, intervened: false, reasons: [] },
      verified: false,
      notice: HALLUCINATION_NOTICE,
      timing: { modelLatencyMs: 180, tokenEvents: TOKENS.length },
    });
    expect(usage.timing.timeToFirstTokenMs).toBeLessThanOrEqual(usage.timing.totalMs);
  });

  it('sends ConverseStream the guardrail in sync mode, the capped maxTokens and the assembled elements', async () => {
    resolvesWith(eventStream(modelEvents(['ok'])));

    const res = await stream({ instruction: 'Summarise.', inputData: PROMPT_SECRET, maxTokens: 5000 });

    expect(res.statusCode).toBe(200);
    expect(sent()).toEqual({
      modelId: 'amazon.nova-micro-v1:0',
      messages: [
        { role: 'user', content: [{ text: `Instruction:\nSummarise.\n\nInput data:\n${PROMPT_SECRET}` }] },
      ],
      inferenceConfig: { maxTokens: 512 },
      guardrailConfig: {
        guardrailIdentifier: 'gr-test',
        guardrailVersion: '1',
        trace: 'enabled',
        streamProcessingMode: 'sync',
      },
    });
    const start = ndjson(res.body)[0]!;
    expect(start).toMatchObject({
      elementsUsed: ['instruction', 'inputData'],
      inferenceConfig: { maxTokens: { requested: 5000, applied: 512, clamped: true } },
    });
  });

  const DELAY = 40;
  /** Token chunks left one by one, about DELAY apart (a buffered answer leaves all at once at the end). */
  const incremental = (chunks: ReadonlyArray<{ at: number; text: string }>) => {
    const tokens = chunks.filter((c) => c.text.includes('"type":"token"'));
    const gaps = tokens.slice(1).map((c, i) => c.at - tokens[i]!.at);
    return tokens.length === TOKENS.length && gaps.every((g) => g >= DELAY * 0.5);
  };

  it('streams: each token is written as it arrives, not when the answer is complete', async () => {
    resolvesWith(eventStream(modelEvents(TOKENS), DELAY));

    const res = await stream({ prompt: 'Say five words.' });

    expect(incremental(res.chunks)).toBe(true);
    const usage = ndjson(res.body).at(-1)!;
    const { timeToFirstTokenMs, totalMs } = usage.timing;
    expect(timeToFirstTokenMs).toBeLessThan(totalMs / 2);
    logs.restore();
    process.stdout.write(
      `\nconverse-stream stand-in (${TOKENS.length} token events, 7 model events ${DELAY} ms apart): ` +
        `time to first token ${timeToFirstTokenMs} ms, total ${totalMs} ms\n`,
    );
  });

  it('negative control: the check fails for a handler that buffers the answer and writes it at the end', async () => {
    resolvesWith(eventStream(modelEvents(TOKENS), DELAY));
    const buffering = async (event: APIGatewayProxyEvent, sink: PassThrough) => {
      const buffer = new PassThrough();
      const parts: Buffer[] = [];
      buffer.on('data', (b: Buffer) => parts.push(b));
      await handler(event, buffer as never, {} as never);
      for (const p of parts) sink.write(p);
      sink.end();
    };
    const res = await invokeStreaming(
      buffering,
      apiEvent({ resource: '/bedrock/converse-stream', body: { prompt: 'a' } }),
    );
    expect(ndjson(res.body).filter((e) => e.type === 'token')).toHaveLength(TOKENS.length); // same content…
    expect(incremental(res.chunks)).toBe(false); // …but not streamed
  });
});

describe('POST /bedrock/converse-stream: guardrail and failures mid-stream', () => {
  it('reports a guardrail intervention as such, with the policy and never the blocked text', async () => {
    const trace = {
      outputAssessments: {
        '0': [{ contentPolicy: { filters: [{ type: 'VIOLENCE', confidence: 'HIGH', action: 'BLOCKED' }] } }],
      },
    };
    const blocked = 'The lab guardrail blocked the model answer.';
    resolvesWith(
      eventStream(modelEvents(['Here is ', blocked], { stopReason: 'guardrail_intervened', trace })),
    );

    const res = await stream({ prompt: PROMPT_SECRET });

    const events = ndjson(res.body);
    expect(events.map((e) => e.type)).toEqual(['start', 'token', 'token', 'guardrail', 'usage']);
    expect(events[3]).toEqual({
      type: 'guardrail',
      intervened: true,
      afterTokenEvents: 2,
      reasons: [
        { source: 'output', policy: 'content', type: 'VIOLENCE', action: 'BLOCKED', confidence: 'HIGH' },
      ],
    });
    expect(events[4]).toMatchObject({ stopReason: 'guardrail_intervened', guardrail: { intervened: true } });
  });

  it.each([
    ['thrown by the SDK', () => eventStream(modelEvents(TOKENS), 0, { index: 3, error: throttling() })],
    [
      'sent as a stream event',
      () =>
        eventStream([
          ...modelEvents(TOKENS).slice(0, 3),
          { throttlingException: { message: 'slow down' } } as unknown as ConverseStreamOutput,
        ]),
    ],
  ])('throttling mid-stream (%s) ends the 200 stream with an error event', async (_how, events) => {
    resolvesWith(events());

    const res = await stream({ prompt: PROMPT_SECRET });

    expect(res.statusCode).toBe(200); // already sent when the model failed
    const out = ndjson(res.body);
    expect(out.map((e) => e.type)).toEqual(['start', 'token', 'token', 'error']);
    expect(out.at(-1)).toMatchObject({
      type: 'error',
      status: 429,
      afterTokenEvents: 2,
      error: { code: 'THROTTLED', requestId: 'req-0001', message: expect.stringMatching(/Retry/) },
    });
    expect(logs.text()).toMatch(/stream failed after the status was sent/);
  });

  it('a model stream error mid-way is a MODEL_ERROR event, without the upstream message', async () => {
    resolvesWith(
      eventStream([
        ...modelEvents(['a']).slice(0, 2),
        { modelStreamErrorException: { message: `upstream quoted ${PROMPT_SECRET}` } } as never,
      ]),
    );
    const res = await stream({ prompt: PROMPT_SECRET });
    const last = ndjson(res.body).at(-1)!;
    expect(last).toMatchObject({ type: 'error', status: 502, error: { code: 'MODEL_ERROR' } });
    expect(res.body).not.toContain('upstream quoted');
  });
});

describe('POST /bedrock/converse-stream: client limits, before any model call', () => {
  it.each([
    ['not JSON', 400, '{"prompt":'],
    ['no prompt', 400, {}],
    ['prompt and elements', 400, { prompt: 'a', instruction: 'b' }],
    ['samples (not streamable)', 400, { prompt: 'a', samples: 2 }],
    ['unknown field', 400, { prompt: 'a', stream: true }],
    ['maxTokens above the schema limit', 400, { prompt: 'a', maxTokens: 9000 }],
    ['temperature out of range', 400, { prompt: 'a', temperature: 2 }],
    ['a prompt over the byte limit', 413, { prompt: 'x'.repeat(MAX_PROMPT_BYTES + 1) }],
  ])('%s → a normal JSON %i on the prelude', async (_name, status, body) => {
    const res = await stream(body);
    expect(res.statusCode).toBe(status);
    expect(res.headers['Content-Type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({
      error: expect.objectContaining({
        code: expect.any(String),
        message: expect.any(String),
        requestId: 'req-0001',
      }),
    });
    expect(bedrock.calls()).toHaveLength(0);
  });

  it('a body over 256 KB is a 413 before parsing', async () => {
    const res = await stream(JSON.stringify({ prompt: 'x'.repeat(300 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(bedrock.calls()).toHaveLength(0);
  });

  it('another route on this function is a 404 JSON', async () => {
    const res = await stream({ prompt: 'a' }, '/bedrock/converse');
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body).error.code).toBe('NOT_FOUND');
  });

  it.each([
    ['ThrottlingException', 429, 'THROTTLED'],
    ['ServiceUnavailableException', 503, 'UPSTREAM_UNAVAILABLE'],
  ])('%s when the stream opens is a JSON %s (the status is not sent yet)', async (name, status, code) => {
    bedrock
      .on(ConverseStreamCommand)
      .rejects(
        Object.assign(new Error('x'), { name, $fault: 'client', $metadata: { httpStatusCode: status } }),
      );
    const res = await stream({ prompt: 'a' });
    expect(res.statusCode).toBe(status);
    expect(JSON.parse(res.body).error.code).toBe(code);
  });

  it('no model access is the actionable 403', async () => {
    bedrock.on(ConverseStreamCommand).rejects(
      Object.assign(new Error("You don't have access to the model with the specified model ID."), {
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const res = await stream({ prompt: 'a' });
    expect(res.statusCode).toBe(403);
    const { error } = JSON.parse(res.body);
    expect(error.code).toBe('MODEL_ACCESS');
    // How Bedrock grants access today: no model access page, enabled on first use.
    expect(error.message).toMatch(/enabled on first use/);
    expect(error.message).not.toMatch(/Modify model access/);
  });

  it('an answer without an event stream is a 502', async () => {
    bedrock.on(ConverseStreamCommand).resolves({ $metadata: {} });
    const res = await stream({ prompt: 'a' });
    expect(res.statusCode).toBe(502);
  });
});

describe('privacy and start-up', () => {
  it('logs timings and usage, never the prompt or the streamed answer', async () => {
    resolvesWith(eventStream(modelEvents(TOKENS)));
    await stream({ prompt: PROMPT_SECRET, system: 'You are Jane Doe.' });
    const out = logs.text();
    expect(out).toMatch(/request served/);
    expect(out).toMatch(/timeToFirstTokenMs/);
    for (const secret of ['Kestrel', 'Jane Doe', 'Friday']) expect(out).not.toContain(secret);
  });

  it('gives ConverseStream the request signal, which aborts when the client goes away', async () => {
    resolvesWith(eventStream(modelEvents(TOKENS)));
    await stream({ prompt: 'hi' });
    const call = bedrock.commandCalls(ConverseStreamCommand)[0]!;
    const signal = ((call.args as unknown[])[1] as { abortSignal?: AbortSignal } | undefined)?.abortSignal;
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal!.aborted).toBe(false); // ended normally: nothing was aborted
  });

  const bundleInputs = async (entry: string) => {
    const root = path.join(__dirname, '..', '..', '..');
    const result = await esbuild.build({
      entryPoints: [path.join(root, entry)],
      bundle: true,
      platform: 'node',
      target: 'node24',
      write: false,
      metafile: true,
      minify: true,
      logLevel: 'silent',
    });
    return Object.keys(result.metafile!.inputs);
  };
  const NOTES_MODULES = /notes-index|minisearch|routes\.ts/;

  it('the bundle of the streaming function does not carry the notes index or its search library', async () => {
    const inputs = await bundleInputs('lambda/bedrock/stream-handler.ts');
    expect(inputs.some((i) => i.includes('lambda/bedrock/stream.ts'))).toBe(true); // the check sees the bundle
    expect(inputs.filter((i) => NOTES_MODULES.test(i))).toEqual([]);
  });

  it('negative control: the same check finds them in the buffered function', async () => {
    const inputs = await bundleInputs('lambda/bedrock/handler.ts');
    expect(inputs.filter((i) => NOTES_MODULES.test(i)).length).toBeGreaterThan(0);
  });
});
