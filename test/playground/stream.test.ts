/**
 * The playground relays POST /bedrock/converse-stream without buffering: the browser's first
 * line arrives while the upstream stream is still held open, and a broken upstream becomes an
 * error event rather than a silent cut. The comparison is forwarded as JSON like any route.
 */
import * as http from 'node:http';
import { translator } from '../../lib/i18n';
import { SERVER } from '../../playground/messages';
import { holdGate, STREAM_TOKENS, type StandIn, streamEvents, streamReply } from '../cli/stand-in';
import { type Lab, startLab } from './harness';
import { sampleAnswers, startSampleStandIn } from './stand-in';

let api: StandIn;
let lab: Lab;

beforeAll(async () => {
  api = await startSampleStandIn();
  lab = await startLab(api);
});
afterAll(async () => {
  await lab.playground.close();
  await api.close();
});
beforeEach(() => {
  api.reset();
  sampleAnswers(api);
});

/** POST to the playground's /api, calling onLine for each NDJSON line as it arrives. */
function post(
  routePath: string,
  body: unknown,
  onLine: (line: string) => void = () => {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: lab.playground.port,
        method: 'POST',
        path: `/api${routePath}`,
        headers: { 'content-type': 'application/json', 'x-playground': '1' },
      },
      (res) => {
        const lines: string[] = [];
        let pending = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          pending += chunk;
          let nl = pending.indexOf('\n');
          while (nl >= 0) {
            const line = pending.slice(0, nl);
            pending = pending.slice(nl + 1);
            lines.push(line);
            onLine(line);
            nl = pending.indexOf('\n');
          }
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            lines: [...lines, ...(pending ? [pending] : [])],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

test('the first token reaches the browser while the upstream is still open', async () => {
  const hold = holdGate();
  const e = streamEvents('req-p');
  api.override('POST /bedrock/converse-stream', () =>
    streamReply([e.start, ...e.tokens, e.usage], { gate: hold.gate }),
  );
  const seenWhileOpen: boolean[] = [];
  const started = performance.now();
  let firstTokenMs: number | undefined;
  const res = await post('/bedrock/converse-stream', { prompt: 'What is a foundation model?' }, (line) => {
    if (JSON.parse(line).type === 'token' && firstTokenMs === undefined) {
      firstTokenMs = performance.now() - started;
      seenWhileOpen.push(hold.heldOpen());
      hold.release();
    }
  });
  hold.dispose();
  const totalMs = performance.now() - started;
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
  expect(res.headers['content-security-policy']).toBeDefined();
  expect(seenWhileOpen).toEqual([true]);
  const events = res.lines.map((l) => JSON.parse(l));
  expect(events.map((x) => x.type)).toEqual(['start', 'token', 'token', 'token', 'usage']);
  expect(events.filter((x) => x.type === 'token').map((x) => x.text)).toEqual(STREAM_TOKENS);
  // Signed server-side, with the route's own Accept.
  expect(api.requests[0]?.headers.accept).toBe('application/x-ndjson');
  expect(api.refused).toEqual([]);
  // For the closing note: time to first token vs the whole answer, through the relay.
  process.stdout.write(
    `playground relay: first token ${firstTokenMs!.toFixed(1)} ms, total ${totalMs.toFixed(1)} ms\n`,
  );
});

test('an upstream that breaks mid-stream becomes an error event', async () => {
  const e = streamEvents('req-b');
  api.override('POST /bedrock/converse-stream', () => ({
    status: 200,
    stream: async (write) => {
      write(e.start);
      write(e.tokens[0]);
      await new Promise((r) => setTimeout(r, 20)); // let the first lines go out
      throw new Error('connection lost'); // the stand-in drops the connection
    },
  }));
  const res = await post('/bedrock/converse-stream', { prompt: 'Hi there' });
  const events = res.lines.map((l) => JSON.parse(l));
  expect(events.map((x) => x.type)).toEqual(['start', 'token', 'error']);
  expect(events[2].error.code).toBe('STREAM_BROKEN');
});

test('an upstream that ends without its final usage or error event gets one from the relay (STREAM_CUT)', async () => {
  const e = streamEvents('req-c');
  api.override('POST /bedrock/converse-stream', () => streamReply([e.start, ...e.tokens]));
  const res = await post('/bedrock/converse-stream', { prompt: 'Hi there' });
  const events = res.lines.map((l) => JSON.parse(l));
  expect(events.map((x) => x.type)).toEqual(['start', 'token', 'token', 'token', 'error']);
  expect(events.at(-1).error).toEqual({ code: 'STREAM_CUT', message: translator(SERVER, 'en')('streamCut') });

  // A stream that did end properly gets nothing added.
  api.override('POST /bedrock/converse-stream', () => streamReply([e.start, ...e.tokens, e.usage]));
  const whole = await post('/bedrock/converse-stream', { prompt: 'Hi there' });
  expect(whole.lines.map((l) => JSON.parse(l).type).at(-1)).toBe('usage');
  expect(whole.lines).toHaveLength(5);
});

test('a 4xx before the stream is the usual JSON error', async () => {
  const res = await post('/bedrock/converse-stream', { prompt: 'Hi', maxTokens: -1 });
  expect(res.status).toBe(400);
  expect(JSON.parse(res.lines.join('')).error.code).toBe('INVALID_REQUEST');
});

test('the comparison is forwarded as JSON', async () => {
  const res = await post('/bedrock/compare', { prompt: 'What is RAG?' });
  expect(res.status).toBe(200);
  expect(JSON.parse(res.lines.join('')).models).toHaveLength(3);
});
