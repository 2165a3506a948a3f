/**
 * `bedrock stream` and `bedrock compare` against the signature-checking stand-in, whose streamed
 * answer is written one line at a time: tokens must reach stdout as they arrive, not at the end.
 */
import { allStacks, runCli, sample, tempDir, writeOutputs } from './harness';
import { STREAM_DELAY_MS, type StandIn, startStandIn } from './stand-in';

let api: StandIn;
let outputs: string;

beforeAll(async () => {
  api = await startStandIn();
  outputs = writeOutputs(tempDir(), allStacks(api.url));
});
afterAll(() => api.close());
beforeEach(() => api.reset());

/** Runs the CLI, noting when each stdout write happened (ms after the start). */
async function timedCli(...argv: string[]) {
  const writes: Array<{ text: string; atMs: number }> = [];
  const started = performance.now();
  const run = await runCli([...argv, '--outputs-file', outputs], {
    stdout: (text) => writes.push({ text, atMs: performance.now() - started }),
  });
  return {
    ...run,
    stdout: writes.map((w) => w.text).join(''),
    writes,
    endedAtMs: performance.now() - started,
  };
}

const token = (text: string, delayMs = 0) => ({ event: { type: 'token', text }, delayMs });
const usageLine = (delayMs: number) => ({
  event: {
    type: 'usage',
    modelId: 'amazon.nova-micro-v1:0',
    usage: { unit: 'tokens', quantity: 3 },
    verified: false,
  },
  delayMs,
});

test('prints the tokens in order, then the usage, time to first token and the verified:false notice', async () => {
  const run = await timedCli('bedrock', 'stream', '--file', sample('prompts/four-elements.json'));
  expect(run.code).toBe(0);
  const text = run.writes.map((w) => w.text).join('');
  expect(text).toMatch(/^The four elements are instruction, context, input data and output indicator\.\n/);
  expect(text).toMatch(/^verified: false$/m);
  expect(text).toMatch(/timeToFirstTokenMs: \d+/);
  expect(text).toMatch(/firstTokenAtMs: \d+/);
  expect(api.requests).toHaveLength(1);
  expect(api.requests[0]!.headers.accept).toBe('application/x-ndjson');
});

test('a token is printed the moment it arrives, long before the stream ends', async () => {
  api.override('POST /bedrock/converse-stream', () => ({
    status: 200,
    lines: [token('first '), token('second', 50), usageLine(400)],
  }));
  const run = await timedCli('bedrock', 'stream', '--prompt', 'hi');
  expect(run.code).toBe(0);
  const first = run.writes.find((w) => w.text === 'first ')!;
  expect(first).toBeDefined();
  // The usage line came 450 ms after the first token: a buffering client would print both at once.
  expect(run.endedAtMs - first.atMs).toBeGreaterThanOrEqual(400);
});

test('negative control: the same check fails when the answer arrives in one piece', async () => {
  api.override('POST /bedrock/converse-stream', () => ({
    status: 200,
    lines: [{ ...token('first '), delayMs: 400 }, token('second'), usageLine(0)],
  }));
  const run = await timedCli('bedrock', 'stream', '--prompt', 'hi');
  const first = run.writes.find((w) => w.text === 'first ')!;
  expect(run.endedAtMs - first.atMs).toBeLessThan(400);
});

test('a guardrail intervention and a mid-stream error are shown; the error makes the exit code 1', async () => {
  api.override('POST /bedrock/converse-stream', () => ({
    status: 200,
    lines: [
      token('Partial answer'),
      { event: { type: 'guardrail', intervened: true, reasons: ['contentPolicy: VIOLENCE'] } },
      {
        event: {
          type: 'error',
          error: { code: 'THROTTLED', message: 'Bedrock throttled the stream.', requestId: 'r-1' },
          status: 429,
        },
      },
    ],
  }));
  const run = await timedCli('bedrock', 'stream', '--prompt', 'hi');
  expect(run.code).toBe(1);
  const text = run.writes.map((w) => w.text).join('');
  expect(text).toContain('Partial answer\n[guardrail intervened: ["contentPolicy: VIOLENCE"]]\n');
  expect(text).toMatch(/code: THROTTLED/);
});

test('an error before the stream starts is the usual API error, with no token printed', async () => {
  api.override('POST /bedrock/converse-stream', () => ({
    status: 400,
    body: {
      error: { code: 'INVALID_REQUEST', message: 'Invalid request: prompt: too long', requestId: 'r-2' },
    },
  }));
  const run = await timedCli('bedrock', 'stream', '--prompt', 'hi');
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('INVALID_REQUEST');
  expect(run.writes).toEqual([]);
});

test('--json collects every event of the stream', async () => {
  const run = await timedCli('bedrock', 'stream', '--prompt', 'hi', '--json');
  expect(run.code).toBe(0);
  const body = JSON.parse(run.stdout);
  expect(body.events.map((e: { type: string }) => e.type)).toEqual([
    'start',
    'token',
    'token',
    'token',
    'token',
    'usage',
  ]);
});

test('compare prints one row per model with latency, tokens, cost and the multiple of the cheapest', async () => {
  const run = await timedCli('bedrock', 'compare', '--prompt', 'Explain RAG.');
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n');
  expect(lines[0]).toMatch(/^model\s+latency ms\s+tokens in\/out\s+cost USD\s+× cheapest\s+answer$/);
  expect(lines.filter((l) => /^amazon\.nova-(micro|lite|pro)-v1:0\s+\d+\s+20\/\d+/.test(l))).toHaveLength(3);
  expect(run.stdout).toMatch(/price ratio, dearest \/ cheapest .*: 22\.86 ×/);
  expect(STREAM_DELAY_MS).toBeGreaterThan(0);
});
