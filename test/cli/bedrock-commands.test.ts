/**
 * `bedrock stream`, `bedrock compare` and `bedrock read-document` against the stand-in: tokens are
 * printed while the stream is still open, the usage block and the verified:false notice follow, a
 * mid-stream error or guardrail intervention is shown, the comparison prints as a table, and the Korean
 * invoice sample is sent with its request file and read back as fields.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { compareTable, table } from '../../cli/bedrock-commands';
import { BEDROCK_MESSAGES } from '../../cli/messages/bedrock';
import { fill } from '../../lib/i18n';
import { type Run, runCli, tempDir, writeOutputs } from './harness';
import { holdGate, STREAM_TOKENS, type StandIn, startStandIn, streamEvents, streamReply } from './stand-in';

let api: StandIn;
let outputs: string;

beforeAll(async () => {
  api = await startStandIn();
  outputs = writeOutputs(tempDir(), { 'AiLab-Bedrock': api.url });
});
afterAll(() => api.close());
beforeEach(() => api.reset());

const cli = (argv: string[], stdout?: (t: string) => void) =>
  runCli([...argv, '--outputs-file', outputs], stdout ? { stdout } : {});

function expectOk(run: Run): void {
  if (run.code !== 0) throw new Error(`exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  expect(api.refused).toEqual([]);
}

describe('bedrock stream', () => {
  test('prints the first token while the stream is held open, then the rest, usage, timing and the notice', async () => {
    // The stand-in sends start + the first token, then waits until the CLI has printed that token
    // (or 3 s): a CLI that buffered the whole body would print nothing until the timeout.
    const hold = holdGate();
    const gate = hold.gate;
    const e = streamEvents('req-1');
    api.override('POST /bedrock/converse-stream', () =>
      streamReply([e.start, ...e.tokens, e.usage], { gate }),
    );
    const chunks: string[] = [];
    const out: string[] = [];
    const run = await cli(['bedrock', 'stream', '--text', 'What is a foundation model?'], (t) => {
      out.push(t);
      if (t === STREAM_TOKENS[0]) {
        chunks.push(`first token printed, stream open: ${hold.heldOpen()}`);
        hold.release();
      }
    });
    hold.dispose();
    expectOk(run);
    expect(chunks).toEqual(['first token printed, stream open: true']);
    const stdout = out.join('');
    expect(stdout).toContain('[amazon.nova-micro-v1:0; guardrail on, sync mode]');
    expect(stdout).toContain(STREAM_TOKENS.join(''));
    expect(stdout).toMatch(/usage: 12 input \+ 18 output tokens, estimated cost \$0\.000003/);
    expect(stdout).toMatch(
      /time to first token: 5 ms, total: 15 ms \(function\); first token printed here after \d+ ms/,
    );
    expect(stdout).toContain('verified: false — Unverified model output');
    // The tokens come before the usage block.
    expect(stdout.indexOf(STREAM_TOKENS[2]!)).toBeLessThan(stdout.indexOf('usage:'));
  });

  test('a mid-stream error is shown on stderr and makes the exit code 1', async () => {
    const e = streamEvents('req-2');
    const error = {
      type: 'error',
      error: { code: 'THROTTLED', message: 'Bedrock throttled the stream.', requestId: 'req-2' },
      status: 429,
      afterTokenEvents: 1,
      timing: { timeToFirstTokenMs: 5, totalMs: 9 },
    };
    api.override('POST /bedrock/converse-stream', () => streamReply([e.start, e.tokens[0], error]));
    const run = await cli(['bedrock', 'stream', '--text', 'Hi there']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(STREAM_TOKENS[0]);
    expect(run.stdout).not.toContain('usage:');
    expect(run.stderr).toContain(
      'The stream failed after 1 token events: 429 THROTTLED: Bedrock throttled the stream. (req-2)',
    );
  });

  test('a stream cut off without usage or error is exit code 1', async () => {
    const e = streamEvents('req-3');
    api.override('POST /bedrock/converse-stream', () => streamReply([e.start, e.tokens[0]]));
    const run = await cli(['bedrock', 'stream', '--text', 'Hi there']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(BEDROCK_MESSAGES.en['stream.cut']);
    expect(run.stderr).toMatch(/^\s*error: the stream ended without its final usage or error event/);
  });

  test('a stream stopped at the deadline (TIMEOUT) says so, with what was streamed, and is exit code 1', async () => {
    const e = streamEvents('req-5');
    const timeout = {
      type: 'error',
      error: {
        code: 'TIMEOUT',
        message: "The answer was stopped at the function's deadline.",
        requestId: 'req-5',
      },
      status: 504,
      afterTokenEvents: 1,
      usage: { unit: 'tokens', quantity: 0, partial: true, tokenEvents: 1, streamedCharacters: 19 },
    };
    api.override('POST /bedrock/converse-stream', () => streamReply([e.start, e.tokens[0], timeout]));
    const run = await cli(['bedrock', 'stream', '--text', 'Hi there']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('504 TIMEOUT: The answer was stopped');
    expect(run.stderr).toContain(fill(BEDROCK_MESSAGES.en['stream.partial'], { count: 1, chars: 19 }));
    expect(run.stderr).not.toContain(BEDROCK_MESSAGES.en['stream.cut']);
  });

  test('a guardrail intervention is reported as such', async () => {
    const e = streamEvents('req-4');
    const guardrail = {
      type: 'guardrail',
      intervened: true,
      reasons: ['CONTENT_POLICY'],
      afterTokenEvents: 1,
    };
    api.override('POST /bedrock/converse-stream', () =>
      streamReply([e.start, e.tokens[0], guardrail, e.usage]),
    );
    const run = await cli(['bedrock', 'stream', '--text', 'Hi there']);
    expectOk(run);
    expect(run.stdout).toContain('[Guardrail intervened after 1 token events: CONTENT_POLICY]');
  });

  test('a 4xx before the stream is the usual error', async () => {
    const run = await cli(['bedrock', 'stream', '--text', 'Hi', '--max-tokens', '-1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^400 INVALID_REQUEST/);
  });

  test('--json prints the events as NDJSON', async () => {
    const run = await cli(['bedrock', 'stream', '--text', 'Hi there', '--json']);
    expectOk(run);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((x) => x.type)).toEqual(['start', 'token', 'token', 'token', 'usage']);
  });

  test('no prompt is refused before any call', async () => {
    const run = await cli(['bedrock', 'stream']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Give --text');
    expect(api.requests).toEqual([]);
  });
});

describe('bedrock compare', () => {
  test('prints a table of model, latency, tokens, cost, price and answer, and the price ratio', async () => {
    const run = await cli(['bedrock', 'compare', '--text', 'What is RAG?']);
    expectOk(run);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^model\s+\| latency \| tokens in \| tokens out \| cost\s+\| price\s+\| answer$/,
    );
    expect(lines[1]).toMatch(/^-+-\|-/);
    expect(lines[2]).toMatch(
      /^amazon\.nova-micro-v1:0 \| 300 ms\s+\| 12\s+\| 20\s+\| \$0\.000002 \| 1x\s+\| amazon\.nova-micro/,
    );
    expect(lines[4]).toMatch(/^amazon\.nova-pro-v1:0\s+\| 900 ms/);
    expect(run.stdout).toMatch(
      /price ratio \(dearest \/ cheapest, list price of 1000 input \+ 1000 output tokens\): 22\.\d+x/,
    );
    expect(run.stdout).toContain('verified: false');
  });

  test('a model outside the list is the API 400', async () => {
    const run = await cli([
      'bedrock',
      'compare',
      '--text',
      'What is RAG?',
      '--models',
      'amazon.nova-micro-v1:0,x.y-v1:0',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^400 INVALID_REQUEST: Model x\.y-v1:0 is not in/);
  });

  test('a failed model shows as a row, and the exit code is 1', () => {
    const text = compareTable({
      models: [
        {
          modelId: 'a',
          ok: true,
          latencyMs: 1,
          inputTokens: 2,
          outputTokens: 3,
          estimatedCostUsd: 0.1,
          text: 'x',
          price: { timesCheapest: 1 },
        },
        { modelId: 'b', ok: false, error: { code: 'MODEL_ACCESS', message: 'no access' }, price: {} },
      ],
      priceRatio: { basis: 'b' },
    });
    expect(text).toMatch(/^b\s+\| failed\s.*\| MODEL_ACCESS: no access$/m);
    expect(text).toContain('): n/a');
  });

  test('table pads columns to the widest cell', () => {
    expect(table(['a', 'bb'], [['ccc', 'd']])).toBe('a   | bb\n----|---\nccc | d');
  });
});

describe('bedrock read-document', () => {
  const SAMPLES = path.join(__dirname, '..', '..', 'samples');
  const file = (name: string) => path.join(SAMPLES, name);

  test('the Korean invoice with its request file: the image as base64, the prompt fields, the fields back', async () => {
    const run = await cli([
      'bedrock',
      'read-document',
      '--file',
      file('invoice-form.ko.png'),
      '--request',
      file('prompts/read-invoice.ko.json'),
    ]);
    expectOk(run);
    const sent = api.requests.find((r) => r.route === '/bedrock/read-document')!.body;
    const request = JSON.parse(readFileSync(file('prompts/read-invoice.ko.json'), 'utf8'));
    expect(sent).toEqual({
      ...request,
      document: readFileSync(file('invoice-form.ko.png')).toString('base64'),
    });
    expect(run.stdout).toContain('customer: 홍길동');
    expect(run.stdout).toContain('structured: parsed: true, valid: true');
    expect(run.stdout).toContain('verified: false');
    expect(run.stdout).toMatch(/usage: 1300 tokens .*≈ \$0\.000096/);
  });

  test('options override the request file; --schema reads a JSON Schema file', async () => {
    const dir = tempDir();
    const schema = path.join(dir, 'schema.json');
    require('node:fs').writeFileSync(
      schema,
      JSON.stringify({ type: 'object', properties: { total: { type: 'string' } } }),
    );
    const run = await cli([
      'bedrock',
      'read-document',
      '--file',
      file('invoice-form.png'),
      '--request',
      file('prompts/read-invoice.en.json'),
      '--instruction',
      'Only the total, please.',
      '--schema',
      schema,
      '--max-tokens',
      '50',
    ]);
    expectOk(run);
    const sent = api.requests.find((r) => r.route === '/bedrock/read-document')!.body;
    expect(sent).toMatchObject({
      instruction: 'Only the total, please.',
      outputSchema: { type: 'object', properties: { total: { type: 'string' } } },
      maxTokens: 50,
      context: 'A scanned one-page invoice in English.',
    });
  });

  test('an answer that did not match the schema makes the exit code 1', async () => {
    api.override('POST /bedrock/read-document', () => ({
      status: 200,
      body: {
        fields: { total: 172700 },
        structured: {
          parsed: true,
          valid: false,
          errors: [{ path: '/total', message: 'Expected "string".' }],
        },
        verified: false,
        usage: { unit: 'tokens', quantity: 10 },
      },
    }));
    const run = await cli(['bedrock', 'read-document', '--file', file('invoice-form.ko.png')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('valid: false');
  });

  test('without --file the CLI says so and calls nothing', async () => {
    const run = await cli(['bedrock', 'read-document', '--request', file('prompts/read-invoice.ko.json')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--file/);
    expect(api.requests).toHaveLength(0);
  });
});
