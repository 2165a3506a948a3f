/** Command-line options of `npm run bench` and the environment the functions run with. */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { HANDLER_ENV } from '../test/robustness/cases';

export const ROOT = path.join(__dirname, '..');

export interface BenchOptions {
  /** Fresh-process cold-load runs per function and variant. */
  readonly runs: number;
  /** Warm loops per function (each: `iterations` timed calls after warm-up). */
  readonly warmRuns: number;
  readonly iterations: number;
  readonly warmup: number;
  readonly synthRuns: number;
  readonly testRuns: number;
  readonly skipSynth: boolean;
  readonly skipTests: boolean;
  /** Only these demo ids (default: every demo with a lambda/<id>/handler.ts). */
  readonly only?: readonly string[];
  /** Keep the temporary bundles and cloud assemblies. */
  readonly keep: boolean;
}

const HELP = `Usage: npm run bench -- [options]
  --runs N         cold module-load runs per function and variant (default 15)
  --warm-runs N    warm loops per function (default 5)
  --iterations N   timed handler calls per warm loop (default 2000, after --warmup, default 500)
  --synth-runs N   cdk synth runs, full app and one stack (default 3)
  --test-runs N    npx jest runs (default 1)
  --quick          runs 5, warm-runs 3, iterations 500, synth-runs 1
  --skip-synth     skip cdk synth (the cdk.out parity check then uses ./cdk.out if present)
  --skip-tests     skip the test suite
  --only a,b       only these demos (ids as in lib/services.ts)
  --keep           keep the temporary bundles and cloud assemblies`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      'warm-runs': { type: 'string' },
      iterations: { type: 'string' },
      warmup: { type: 'string' },
      'synth-runs': { type: 'string' },
      'test-runs': { type: 'string' },
      quick: { type: 'boolean', default: false },
      'skip-synth': { type: 'boolean', default: false },
      'skip-tests': { type: 'boolean', default: false },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    process.exit(0);
  }
  const quick = values.quick === true;
  const int = (name: string, raw: string | undefined, fallback: number, min = 1): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}`);
    return n;
  };
  return {
    runs: int('runs', values.runs, quick ? 5 : 15),
    warmRuns: int('warm-runs', values['warm-runs'], quick ? 3 : 5),
    iterations: int('iterations', values.iterations, quick ? 500 : 2000),
    warmup: int('warmup', values.warmup, quick ? 200 : 500, 0),
    synthRuns: int('synth-runs', values['synth-runs'], quick ? 1 : 3),
    testRuns: int('test-runs', values['test-runs'], 1),
    skipSynth: values['skip-synth'] === true,
    skipTests: values['skip-tests'] === true,
    only: values.only?.split(',').map((s) => s.trim()),
    keep: values.keep === true,
  };
}

/**
 * The function's environment as the stack sets it (Powertools, NODE_OPTIONS) plus what the
 * handlers read at start-up (test/robustness/cases.ts). Node 20 here warns that the SDK drops
 * Node 20 in 2027; Lambda runs Node 24, which does not, so the warning is turned off.
 */
export function functionEnv(id: string, nodeOptions: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    ...HANDLER_ENV,
    POWERTOOLS_SERVICE_NAME: id,
    POWERTOOLS_METRICS_NAMESPACE: 'AiServicesLab',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NODE_OPTIONS: nodeOptions,
    // Like Lambda's NODE_PATH (which ends in /var/runtime/node_modules, the runtime's SDK): lets an
    // SDK-external bundle resolve @aws-sdk/* and @smithy/* from the project's node_modules.
    NODE_PATH: path.join(ROOT, 'node_modules'),
  };
}
