/**
 * The cloud assembly the offline tools read (`npm run cost`, the review): the one in `cdk.out/`,
 * synthesized first when there is none yet, with a line saying so, so that a newcomer's first
 * command works. A folder the user named explicitly is never synthesized into.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEFAULT_ASSEMBLY = 'cdk.out';

export interface EnsureOptions {
  /** Where messages go; defaults to stderr. */
  readonly say?: (line: string) => void;
  /** Runs the synth; defaults to `npx cdk synth --quiet --no-notices` in `cwd`. */
  readonly synth?: (cwd: string, context: Readonly<Record<string, string>>) => number;
  readonly cwd?: string;
  /** The command's flag that names the assembly, for the error message. @default '--dir' */
  readonly flag?: string;
  /** CDK context for that synth, e.g. `{ prefix: 'Kim' }` (passed as `-c prefix=Kim`). @default none */
  readonly context?: Readonly<Record<string, string>>;
}

const hasTemplates = (dir: string) =>
  fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.endsWith('.template.json'));

function runSynth(cwd: string, context: Readonly<Record<string, string>>): number {
  const args = Object.entries(context).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', ...args], {
    cwd,
    stdio: 'inherit',
  });
  return result.status ?? 1;
}

/**
 * The folder to read, synthesized when it is the default and has no templates. Throws with what
 * to do when a named folder has none or the synth fails.
 */
export function ensureCloudAssembly(dir: string | undefined, options: EnsureOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const say = options.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  const target = path.resolve(cwd, dir ?? DEFAULT_ASSEMBLY);
  if (hasTemplates(target)) return target;
  if (dir !== undefined && dir !== DEFAULT_ASSEMBLY) {
    throw new Error(
      `No templates in ${dir}/: point ${options.flag ?? '--dir'} at a cloud assembly (the output of \`npx cdk synth\`).`,
    );
  }
  say(
    `No ${DEFAULT_ASSEMBLY}/ yet: synthesizing the lab first (npx cdk synth, offline, no AWS account needed)…`,
  );
  const status = (options.synth ?? runSynth)(cwd, options.context ?? {});
  if (status !== 0 || !hasTemplates(target)) {
    throw new Error(
      `\`npx cdk synth\` failed (exit ${status}); fix what it printed above, then run this again.`,
    );
  }
  return target;
}
