/** Run the CLI and the smoke run in-process against the stand-in, with injected credentials. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../cli/commands';
import type { CliDeps } from '../../cli/session';
import { smokeMain } from '../../cli/smoke';
import { DEFAULT_PREFIX, stackName } from '../../lib/names';
import { type DemoService, SERVICES } from '../../lib/services';
import { TEST_CREDENTIALS, TEST_REGION } from './stand-in';

export const REPO = path.join(__dirname, '..', '..');
export const sample = (name: string) => path.join(REPO, 'samples', name);

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'ai-lab-cli-'));
}

/** An outputs file like `cdk deploy --outputs-file` writes, with these stacks' ApiUrl. */
export function writeOutputs(dir: string, urls: Record<string, string>): string {
  const outputs = Object.fromEntries(
    Object.entries(urls).map(([stack, url]) => [
      stack,
      { ApiUrl: url, [`DemoApiEndpoint${stack.length}`]: url },
    ]),
  );
  const file = path.join(dir, 'cdk-outputs.json');
  writeFileSync(file, JSON.stringify(outputs, null, 2));
  return file;
}

/** A demo's stack name in an instance (default: the default instance, `AiLab-…`). */
export const labStack = (s: Pick<DemoService, 'stackSuffix'>, prefix = DEFAULT_PREFIX) =>
  stackName(prefix, s.stackSuffix);

/** Every demo stack of an instance deployed at `url`. */
export const allStacks = (url: string, prefix = DEFAULT_PREFIX) =>
  Object.fromEntries(SERVICES.map((s) => [labStack(s, prefix), url]));

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Deps that never reach AWS: static credentials, no CloudFormation, no real sleeping. */
export function testDeps(extra: Partial<CliDeps> = {}): CliDeps & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stderrIsTTY: false,
    credentials: TEST_CREDENTIALS,
    env: { AWS_REGION: TEST_REGION },
    lookup: async (stack) => {
      throw new Error(`the tests must not call CloudFormation (asked for ${stack})`);
    },
    sleep: async () => {},
    ...extra,
  };
}

async function run(
  fn: (argv: string[], deps: CliDeps) => Promise<number>,
  argv: string[],
  extra: Partial<CliDeps>,
): Promise<Run> {
  const deps = testDeps(extra);
  const code = await fn(argv, deps);
  return { code, stdout: deps.out.join(''), stderr: deps.err.join('') };
}

export const runCli = (argv: string[], extra: Partial<CliDeps> = {}) => run(main, argv, extra);
export const runSmoke = (argv: string[], extra: Partial<CliDeps> = {}) => run(smokeMain, argv, extra);
