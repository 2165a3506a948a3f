/** Whole-app measurements: `cdk synth` (full app vs one stack, cold vs cached). The test suite: ./test-suite.ts. */
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

/** What the app recorded about itself (AI_LAB_SYNTH_TIMINGS, see lib/synth-timings.ts). */
export interface AppTimings {
  /** Milliseconds since the app's process started: start (first import), imports, bundles, constructs, exit. */
  readonly marks: Record<string, number>;
  /** cdk-nag packs' validate time, ms. */
  readonly spans: Record<string, number>;
  readonly facts: {
    cache?: { hits: number; misses: number };
    prebundle?: { built: number; cached: number; builds?: number };
    validation?: { hits: number; misses: number };
  };
}

export interface SynthRun extends RunResult {
  /** The cloud assembly directory (a temporary one, so ./cdk.out is left alone). */
  readonly outDir: string;
  readonly timings?: AppTimings;
  /** aws-cdk-lib's own counters (performance-counters.json), ms by name. */
  readonly counters?: Record<string, number>;
}

export interface SynthOptions {
  /** That stack only, `--exclusively`. @default all stacks */
  readonly stack?: string;
  /**
   * The synth's caches: bundles in `<cacheDir>/bundles` (AI_LAB_BUNDLE_CACHE) and validation
   * reports in `<cacheDir>/validation` (AI_LAB_VALIDATION_CACHE). A fresh directory is a cold synth.
   */
  readonly cacheDir: string;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * One `cdk synth`, into a fresh temporary directory (./cdk.out untouched, so nobody else's synth
 * is disturbed). The app records its phases (AI_LAB_SYNTH_TIMINGS) and aws-cdk-lib writes its
 * counters (a slow-synth threshold of 0 makes it always write performance-counters.json); both
 * only read clocks, they do not change what is synthesized.
 */
export async function synthOnce(options: SynthOptions): Promise<SynthRun> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cdkout-'));
  const timingsFile = path.join(outDir, 'app-timings.json');
  const selection = options.stack ? [options.stack, '--exclusively'] : [];
  const result = await runMeasured(
    'npx',
    [
      'cdk',
      'synth',
      ...selection,
      '--quiet',
      '--no-notices',
      '--output',
      outDir,
      '-c',
      '@aws-cdk/core.slowSynthThreshold=0',
    ],
    {
      cwd: ROOT,
      env: {
        ...CDK_ENV,
        AI_LAB_BUNDLE_CACHE: path.join(options.cacheDir, 'bundles'),
        AI_LAB_VALIDATION_CACHE: path.join(options.cacheDir, 'validation'),
        AI_LAB_SYNTH_TIMINGS: timingsFile,
      },
    },
  );
  const counters = readJson<{ counters: Record<string, number> }>(
    path.join(outDir, 'performance-counters.json'),
  )?.counters;
  return { ...result, outDir, timings: readJson<AppTimings>(timingsFile), counters };
}

/** The CLI alone: `cdk synth --app <an assembly already synthesized>` runs no app. */
export function cliOnly(assemblyDir: string): Promise<RunResult> {
  return runMeasured(
    'npx',
    ['cdk', 'synth', '--quiet', '--no-notices', '--app', assemblyDir, '--output', assemblyDir],
    { cwd: ROOT, env: CDK_ENV },
  );
}
