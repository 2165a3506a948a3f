/** Warm per-request handler overhead: one child process per demo (bench/warm-worker.ts). */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { DemoId } from '../lib/services';
import { functionEnv, ROOT } from './config';
import type { WarmResult } from './warm-worker';

export function measureWarm(
  id: DemoId,
  opts: { iterations: number; warmup: number; runs: number },
): WarmResult {
  const worker = path.join(ROOT, 'bench', 'warm-worker.ts');
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', worker, id, String(opts.iterations), String(opts.warmup), String(opts.runs)],
    { cwd: ROOT, env: functionEnv(id, ''), encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20 },
  );
  const line = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('BENCH_RESULT '))
    .pop();
  if (r.status !== 0 || !line) {
    return { id, skipped: `worker failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().slice(-600)}` };
  }
  return JSON.parse(line.slice('BENCH_RESULT '.length)) as WarmResult;
}
