/**
 * Child process of bench/warm.ts: imports one demo's TypeScript handler with every AWS client
 * stubbed (aws-sdk-client-mock), then times thousands of calls with a valid request. Run as
 * `node --import tsx bench/warm-worker.ts <id> <iterations> <warmup> <runs> ["<METHOD> <path>"]`
 * (the environment from bench/config.ts functionEnv); prints one line `BENCH_RESULT {...}`. Logs and metrics are still produced (their cost is handler overhead) but
 * written nowhere while the loop runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { buildNotesIndexJson } from '../lambda/bedrock/notes-index';
import type { DemoId } from '../lib/services';
import { CASES, type RouteCase } from '../test/robustness/cases';
import { mockAllClients } from '../test/robustness/mocks';
import { apiEvent } from '../test/support/events';
import { ROOT } from './config';
import { percentile } from './stats';
import { WORKLOADS } from './workloads';

export interface WarmRun {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export type WarmResult =
  | {
      readonly id: string;
      readonly route: string;
      /** Where the valid request came from. */
      readonly requestFrom: string;
      readonly status: number;
      readonly runs: WarmRun[];
    }
  | { readonly id: string; readonly skipped: string };

type Handler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

function silenced<T>(fn: () => Promise<T>): Promise<T> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  const sink = (() => true) as typeof process.stdout.write;
  process.stdout.write = sink;
  process.stderr.write = sink;
  return fn().finally(() => {
    process.stdout.write = out;
    process.stderr.write = err;
  });
}

async function main(): Promise<WarmResult> {
  const [idArg, iterArg, warmArg, runsArg, routeArg] = process.argv.slice(2);
  const id = idArg as DemoId;
  const [iterations, warmup, runs] = [iterArg, warmArg, runsArg].map(Number) as [number, number, number];
  const workload = WORKLOADS[id];
  // Optional 5th argument: another route of the demo, e.g. "POST /transcribe/uploads".
  const [method, routePath] = routeArg ? routeArg.split(' ') : [workload.method, workload.path];
  const rc: RouteCase | undefined = CASES[id]?.routes.find(
    (r) => r.method === method && r.path === routePath,
  );
  if (!rc) return { id, skipped: `no valid request for ${method} ${routePath} in test/robustness/cases.ts` };
  const requestFrom = 'test/robustness/cases.ts';

  const aws = mockAllClients();
  aws.reset(workload.output());
  if (id === 'bedrock') {
    const markdown = fs.readFileSync(path.join(ROOT, 'notes', 'study-notes.md'), 'utf8');
    (globalThis as Record<string, unknown>).__NOTES_INDEX__ = buildNotesIndexJson(markdown);
  }
  const handler = (require(path.join(ROOT, 'lambda', id, 'handler')) as { handler: Handler }).handler;
  const event = apiEvent({
    method: rc.method,
    resource: rc.path,
    body: rc.method === 'POST' ? rc.valid : undefined,
    query: rc.method === 'GET' ? (rc.valid as Record<string, string>) : undefined,
    pathParameters: rc.pathParameters,
  });

  return silenced(async () => {
    const first = await handler(event);
    for (let i = 0; i < warmup; i++) await handler(event);
    const results: WarmRun[] = [];
    const latencies = new Float64Array(iterations);
    for (let run = 0; run < runs; run++) {
      aws.clearCalls(); // the stubs record every call; keep that memory out of the loop
      const start = performance.now();
      for (let i = 0; i < iterations; i++) {
        const t = performance.now();
        await handler(event);
        latencies[i] = performance.now() - t;
      }
      const elapsed = performance.now() - start;
      latencies.sort();
      results.push({
        requestsPerSecond: (iterations / elapsed) * 1000,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
      });
    }
    return { id, route: `${rc.method} ${rc.path}`, requestFrom, status: first.statusCode, runs: results };
  });
}

main().then(
  (result) => process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
