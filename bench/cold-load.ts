/**
 * Cold module load: the part of a Lambda cold start the project controls. Each sample is a fresh
 * `node -e` process that times `require(bundle)` (which also runs the module's top level: SDK
 * clients, Powertools, routes) with process.hrtime, then, separately, the first formatting of a
 * stack trace that goes through the bundle (where --enable-source-maps does its mapping), and the
 * process's resident memory after the load.
 */
import { spawnSync } from 'node:child_process';
import type { DemoId } from '../lib/services';
import type { Bundle } from './bundles';
import { functionEnv } from './config';

/** Runs inside the fresh process. Prints one JSON line. */
const LOADER = `
const t0 = process.hrtime.bigint();
const mod = require(process.env.BENCH_BUNDLE);
const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
const rssMb = process.memoryUsage().rss / 1048576;
(async () => {
  let stackMs = null;
  try {
    // A null event fails on the handler's first line, inside the bundle.
    await mod.handler(null);
  } catch (err) {
    const t1 = process.hrtime.bigint();
    const stack = String(err && err.stack);
    stackMs = Number(process.hrtime.bigint() - t1) / 1e6;
    if (!stack) stackMs = null;
  }
  process.stdout.write(JSON.stringify({ loadMs, rssMb, stackMs }) + '\\n');
})();
`;

export interface LoadCase {
  readonly key: string;
  readonly id: DemoId;
  readonly bundle: Bundle;
  readonly sourceMaps: boolean;
}

export interface LoadSample {
  readonly loadMs: number;
  /** Resident set of the process right after the load. */
  readonly rssMb: number;
  readonly stackMs: number | null;
}

export function loadOnce(c: LoadCase): LoadSample {
  const env = {
    ...functionEnv(c.id, c.sourceMaps ? '--enable-source-maps' : ''),
    BENCH_BUNDLE: c.bundle.file,
  };
  const r = spawnSync(process.execPath, ['-e', LOADER], { env, encoding: 'utf8', timeout: 60_000 });
  const line = r.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{"loadMs"'))
    .pop();
  if (r.status !== 0 || !line) {
    throw new Error(`cold load of ${c.key} failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  }
  return JSON.parse(line) as LoadSample;
}

/**
 * `runs` samples of every case, interleaved (each round visits every case, starting at a
 * different one) so that drift on a noisy machine spreads evenly; one unrecorded round first
 * warms the file cache.
 */
export function measureColdLoads(
  cases: readonly LoadCase[],
  runs: number,
  onProgress: (done: number, total: number) => void,
): Map<string, LoadSample[]> {
  const samples = new Map<string, LoadSample[]>(cases.map((c) => [c.key, []]));
  for (const c of cases) loadOnce(c);
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < cases.length; i++) {
      const c = cases[(i + run) % cases.length]!;
      samples.get(c.key)!.push(loadOnce(c));
    }
    onProgress(run + 1, runs);
  }
  return samples;
}
