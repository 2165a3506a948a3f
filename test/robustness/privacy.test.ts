/**
 * Privacy across the lab: for every route, all log output during a successful and a failing
 * call is captured, and none of the request's text, prompt, base64 payload or returned
 * transcript/answer text may appear in it.
 */
import { Readable } from 'node:stream';
import { SERVICES } from '../../lib/services';
import { apiEvent } from '../support/events';
import { captureLogs } from '../support/logs';
import { CASES, HANDLER_ENV, type Handler, type RouteCase } from './cases';
import { mockAllClients, replayableStream } from './mocks';

Object.assign(process.env, HANDLER_ENV);
const aws = mockAllClients();
const SECRET = 'Sensitive-9c1e';

/** A valid request whose every text field carries the secret. */
function secretBody(route: RouteCase): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(route.valid).map(([k, v]) =>
      typeof v === 'string' &&
      k !== route.mediaField &&
      /text|prompt|question|instruction|context|inputData/i.test(k)
        ? [k, `${v} ${SECRET}`]
        : [k, v],
    ),
  );
}

/** Service output that echoes the secret back, as real services do (transcripts, answers, text). */
const ECHO = {
  TranslatedText: SECRET,
  Entities: [{ Text: SECRET, Type: 'PERSON', Score: 0.9 }],
  KeyPhrases: [{ Text: SECRET, Score: 0.9 }],
  TextDetections: [{ DetectedText: SECRET, Type: 'LINE', Confidence: 99 }],
  Blocks: [{ Id: '1', BlockType: 'LINE', Text: SECRET, Confidence: 99, Page: 1 }],
  output: { message: { role: 'assistant', content: [{ text: SECRET }] } },
  // ConverseStream: the answer as token deltas.
  stream: replayableStream([
    { messageStart: { role: 'assistant' } },
    { contentBlockDelta: { contentBlockIndex: 0, delta: { text: SECRET } } },
    { contentBlockDelta: { contentBlockIndex: 0, delta: { text: ` and ${SECRET}` } } },
    { messageStop: { stopReason: 'end_turn' } },
    { metadata: { usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 }, metrics: { latencyMs: 5 } } },
  ]),
  stopReason: 'end_turn',
  usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
  TranscriptionJob: {
    TranscriptionJobName: 'ai-lab-20261128-120000-abcdef12',
    TranscriptionJobStatus: 'COMPLETED',
  },
  Body: Object.assign(Readable.from([]), {
    transformToString: async () =>
      JSON.stringify({ results: { transcripts: [{ transcript: SECRET }], items: [] } }),
  }),
};

const routes = SERVICES.filter((s) => CASES[s.id]).flatMap((s) =>
  CASES[s.id]!.routes.map((r) => [`${s.id} ${r.method} ${r.path}`, CASES[s.id]!.handler, r] as const),
);

test.each(routes)('%s logs no request or response content', async (_name, load, route) => {
  const handler: Handler = load();
  const body = secretBody(route);
  const event = () =>
    apiEvent({
      method: route.method,
      resource: route.path,
      pathParameters: route.pathParameters,
      query: route.method === 'GET' ? (route.valid as Record<string, string>) : undefined,
      body: route.method === 'POST' ? body : undefined,
    });
  const logs = captureLogs();
  try {
    aws.reset(ECHO);
    await handler(event());
    aws.rejectAll(
      Object.assign(new Error(`ThrottlingException ${SECRET}`), {
        name: 'ThrottlingException',
        $fault: 'client',
      }),
    );
    await handler(event());
  } finally {
    logs.restore();
  }
  const out = logs.text();
  expect(out.length).toBeGreaterThan(0); // the capture saw the handler's logs
  expect(out).not.toContain(SECRET);
  const media = route.mediaField ? String(route.valid[route.mediaField]) : '';
  if (media) expect(out).not.toContain(media.slice(100, 160));
});

test('negative control: a route that logs its input is caught by the same capture', async () => {
  const { createApiHandler, route } =
    require('../../lambda/shared/http') as typeof import('../../lambda/shared/http');
  const { z } = require('zod') as typeof import('zod');
  const leaky = createApiHandler({
    service: 'leaky',
    routes: [
      route({
        method: 'POST',
        path: '/leaky',
        schema: z.object({ text: z.string() }),
        handle: async (input, ctx) => {
          ctx.logger.info('got', { input });
          return { body: {} };
        },
      }),
    ],
  });
  const logs = captureLogs();
  try {
    await leaky(apiEvent({ resource: '/leaky', body: { text: SECRET } }));
  } finally {
    logs.restore();
  }
  expect(logs.text()).toContain(SECRET);
});
