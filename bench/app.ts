/** Whole-app measurements: `cdk synth` (full app vs one stack) and the test suite. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './config';
import { type RunResult, runMeasured } from './processes';

/** The single stack the full synth is compared with. */
export const SINGLE_STACK = 'AiLab-Translate';

const CDK_ENV = {
  ...process.env,
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CDK_DISABLE_VERSION_CHECK: 'true',
  // Node 20 here; the SDK's "Node 20 support ends" warning is noise for these timings.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

export interface SynthRun extends RunResult {
  /** The cloud assembly directory (a temporary one, so ./cdk.out is left alone). */
  readonly outDir: string;
}

/**
 * One `cdk synth`, into a fresh temporary directory (no cached assets; ./cdk.out untouched, so
 * nobody else's synth is disturbed). `stack` set: that stack only, `--exclusively`.
 */
export async function synthOnce(stack?: string): Promise<SynthRun> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cdkout-'));
  const selection = stack ? [stack, '--exclusively'] : [];
  const result = await runMeasured(
    'npx',
    ['cdk', 'synth', ...selection, '--quiet', '--no-notices', '--output', outDir],
    { cwd: ROOT, env: CDK_ENV },
  );
  return { ...result, outDir };
}

export interface TestRun extends RunResult {
  /** Jest's summary lines ("Test Suites: ...", "Tests: ..."). */
  readonly summary: string;
}

/**
 * `npx jest --ci`: the suite `npm test` runs. --ci so that a missing snapshot fails instead of
 * being written (the benchmark must not change files it does not own).
 */
export async function testOnce(): Promise<TestRun> {
  const result = await runMeasured('npx', ['jest', '--ci'], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true' },
    timeoutMs: 900_000,
  });
  const summary = (result.stderr + result.stdout)
    .split('\n')
    .filter((l) => /^(Test Suites|Tests):/.test(l))
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .join('; ');
  return { ...result, summary };
}
