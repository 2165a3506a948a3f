/**
 * Property-based bad-input testing over every route of every handler, with real API Gateway
 * proxy events: arbitrary and adversarial bodies, headers and methods. Properties: the answer
 * is the documented success or a 4xx in the documented error shape — never a 5xx, never a
 * thrown error — and a body that is not JSON or fails the route's schema makes no AWS call.
 * Seeded and bounded; prints the number of cases tried per route.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { SERVICES } from '../../lib/services';
import { apiEvent } from '../support/events';
import { captureLogs } from '../support/logs';
import { CASES, HANDLER_ENV, type Handler, type RouteCase } from './cases';
import { mockAllClients } from './mocks';

Object.assign(process.env, HANDLER_ENV);
const aws = mockAllClients();
const SEED = 20261128;
const RUNS = Number(process.env.ROBUSTNESS_RUNS ?? 150);
const CANARY = 'CANARY-7f3a';
const tried: Array<[string, number]> = [];

/** The body schemas the handlers use, by path (GET routes validate their query instead). */
const schemas: Record<string, z.ZodType> = {
  ...require('../../lambda/comprehend/schemas').requestSchemas,
  ...require('../../lambda/translate/schemas').requestSchemas,
  ...require('../../lambda/polly/schemas').requestSchemas,
  ...require('../../lambda/transcribe/schemas').requestSchemas,
  ...require('../../lambda/textract/schemas').requestSchemas,
  ...require('../../lambda/rekognition/schemas').requestSchemas,
  ...require('../../lambda/bedrock/schemas').requestSchemas,
};

const pdfHeader = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n').toString('base64');
const gifHeader = Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64');

/** Ways to break a valid request. */
function mutated(valid: Record<string, unknown>, mediaField?: string): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const withCanary = (v: unknown) => (typeof v === 'string' && v.length < 1000 ? `${CANARY} ${v}` : v);
  const base = Object.fromEntries(
    Object.entries(valid).map(([k, v]) => [k, k === mediaField ? v : withCanary(v)]),
  );
  const arbs: fc.Arbitrary<unknown>[] = [
    fc.constant(base),
    fc.record({ extra: fc.string() }).map((x) => ({ ...base, [`unknown_${x.extra}`]: CANARY })),
    fc.anything().map((x) => ({ ...base, [keys[0] ?? 'text']: x })),
    fc
      .integer({ min: 10_000, max: 400_000 })
      .map((n) => ({ ...base, [keys[0] ?? 'text']: `${CANARY}${'가'.repeat(n / 3)}` })),
  ];
  if (keys.length) {
    arbs.push(
      fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(base).filter(([x]) => x !== k))),
    );
    arbs.push(
      fc
        .tuple(
          fc.constantFrom(...keys),
          fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())),
        )
        .map(([k, v]) => ({ ...base, [k]: v })),
    );
  }
  if (mediaField) {
    arbs.push(
      fc
        .oneof(
          fc.string({ maxLength: 200 }),
          fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b).toString('base64')),
          fc.constantFrom(pdfHeader, gifHeader, 'data:image/png;base64,AAAA', '====', 'YWJj\nZGVm'),
        )
        .map((m) => ({ ...base, [mediaField]: m })),
    );
  }
  return fc.oneof(...arbs);
}

interface Input {
  method: string;
  body: string | null;
  isBase64Encoded: boolean;
  headers: Record<string, string>;
  query?: Record<string, string>;
}

function inputs(route: RouteCase): fc.Arbitrary<Input> {
  const text = fc.oneof(
    { weight: 2, arbitrary: fc.string({ maxLength: 300 }) },
    { weight: 2, arbitrary: fc.json({ maxDepth: 4 }) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 5_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
    },
    { weight: 4, arbitrary: mutated(route.valid, route.mediaField).map((b) => JSON.stringify(b)) },
  );
  const headers = fc.record({
    'Content-Type': fc.constantFrom('application/json', 'text/plain', 'audio/mpeg', ''),
    Accept: fc.constantFrom('application/json', 'audio/mpeg', '*/*', 'image/png', ''),
  });
  const method = fc.oneof(
    { weight: 9, arbitrary: fc.constant(route.method) },
    fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
  );
  const invalidUtf8 = fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => ({
    body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b)]).toString('base64'),
    isBase64Encoded: true,
  }));
  const body = fc.oneof(
    { weight: 8, arbitrary: text.map((t) => ({ body: t as string | null, isBase64Encoded: false })) },
    { weight: 1, arbitrary: invalidUtf8 },
    { weight: 1, arbitrary: fc.constant({ body: null, isBase64Encoded: false }) },
  );
  const query =
    route.method === 'GET'
      ? fc.oneof(
          fc.constant(route.valid as Record<string, string>),
          fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 50 })),
        )
      : fc.constant(undefined);
  return fc.record({ method, headers, query, b: body }).map(({ b, ...rest }) => ({ ...rest, ...b }));
}

function schemaInvalid(route: RouteCase, input: Input): boolean {
  if (input.method !== route.method) return true;
  if (route.method === 'GET') return false;
  if (input.body === null || input.isBase64Encoded) return true;
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.body);
  } catch {
    return true;
  }
  const schema = schemas[route.path];
  return schema ? !schema.safeParse(parsed).success : false;
}

test('every catalogue route has a robustness case', () => {
  const missing = SERVICES.flatMap((s) =>
    s.routes
      .filter((r) => !CASES[s.id]?.routes.some((c) => c.method === r.method && c.path === r.path))
      .map((r) => `${s.id} ${r.method} ${r.path}`),
  );
  expect(missing).toEqual([]);
});

describe.each(SERVICES.filter((s) => CASES[s.id]).map((s) => [s.id, CASES[s.id]!] as const))(
  '%s',
  (_id, demo) => {
    let handler: Handler;
    beforeAll(() => {
      handler = demo.handler();
      aws.reset();
    });

    test.each(demo.routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
      '%s: bad input is a clean 4xx',
      async (name, route) => {
        const logs = captureLogs();
        let runs = 0;
        try {
          await fc.assert(
            fc.asyncProperty(inputs(route), async (input) => {
              runs += 1;
              aws.clearCalls();
              const event = apiEvent({
                method: input.method as 'GET',
                resource: route.path,
                pathParameters: route.pathParameters,
                query: input.query,
                headers: input.headers,
                body: input.body ?? undefined,
                isBase64Encoded: input.isBase64Encoded,
              });
              if (input.body === null) event.body = null;
              const res = await handler(event); // must not throw
              expect(res.statusCode).toBeLessThan(500);
              if (res.statusCode >= 400) {
                const body = JSON.parse(res.body);
                expect(body.error).toEqual(
                  expect.objectContaining({
                    code: expect.any(String),
                    message: expect.any(String),
                    requestId: 'req-0001',
                  }),
                );
              } else {
                expect([200, 202]).toContain(res.statusCode);
              }
              if (schemaInvalid(route, input)) {
                expect(res.statusCode).toBeGreaterThanOrEqual(400);
                expect(aws.calls()).toBe(0);
              }
            }),
            { seed: SEED, numRuns: RUNS, endOnFailure: true },
          );
          expect(logs.text()).not.toContain(CANARY);
        } finally {
          logs.restore();
          tried.push([name, runs]);
        }
      },
    );
  },
);

test('negative control: the property catches a handler that fails on some bad input', async () => {
  const route: RouteCase = { method: 'POST', path: '/comprehend/sentiment', valid: { text: 'hello' } };
  const fragile = async (event: { body: string | null }) => {
    JSON.parse(event.body ?? ''); // throws on non-JSON: the kind of bug the property must find
    return { statusCode: 200, body: '{}' };
  };
  await expect(
    fc.assert(
      fc.asyncProperty(inputs(route), async (input) => {
        const res = await fragile({ body: input.body });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: 100 },
    ),
  ).rejects.toThrow();
});

afterAll(() => {
  const total = tried.reduce((n, [, c]) => n + c, 0);
  const lines = tried.map(([name, n]) => `  ${String(n).padStart(5)}  ${name}`);
  process.stdout.write(
    `\nBad-input cases tried per route (seed ${SEED}):\n${lines.join('\n')}\n  ${String(total).padStart(5)}  in all\n`,
  );
});
