/**
 * `npm run review [-- STACK...] [--format md|html|json|sarif] [--out DIR] [--against OLD_CDK_OUT]
 * [--fail-on warning|error] [--lang en|ko] [--assembly DIR] [--prefix NAME]`: an infrastructure review
 * of every stack, read from the cloud assembly (synthesized first when there is none), offline and
 * without credentials. With `--fail-on`, the exit status is 1 when a finding reaches that severity.
 * `--prefix` (or AI_LAB_PREFIX) reviews one instance's stacks (`-c prefix=…`) and synthesizes with it.
 */
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { PREFIX_ENV, splitStackName } from '../lib/names';
import { ensureCloudAssembly } from '../scripts/assembly';
import { readAssembly, skippedBundles } from './assembly';
import { diffAssemblies, diffBlocks, type StackDiff } from './diff';
import type { Block } from './document';
import { type Lang, t } from './i18n';
import { reviewAssembly } from './review';
import { reaches } from './rules';
import { FORMATS, type Format, writeReports } from './write';

export interface ReviewOptions {
  readonly stacks: readonly string[];
  readonly format: Format;
  readonly out?: string;
  readonly against?: string;
  readonly lang: Lang;
  readonly assembly: string;
  readonly failOn?: 'warning' | 'error';
  /** Only this instance's stacks (`-c prefix=…`). @default every stack in the assembly */
  readonly prefix?: string;
}

export interface ReviewResult {
  readonly written: string[];
  /** Findings at or above `--fail-on` (0 without it). */
  readonly failing: number;
  /** 1 when `--fail-on` is reached, else 0. */
  readonly exitCode: number;
}

export async function runReview(
  opts: ReviewOptions,
  io: { log: (line: string) => void; cwd: string } = { log: console.log, cwd: process.cwd() },
): Promise<ReviewResult> {
  const started = Date.now();
  // The same first-run behaviour as `npm run cost`: synthesize cdk.out/ when it is missing, saying so.
  const assemblyDir = ensureCloudAssembly(opts.assembly, {
    cwd: io.cwd,
    flag: '--assembly',
    say: () => io.log(t(opts.lang, 'cli.synthesizing', { dir: opts.assembly })),
    context: opts.prefix ? { prefix: opts.prefix } : {},
  });
  const assembly = readAssembly(assemblyDir);
  const skipped = skippedBundles(assembly);
  if (skipped > 0) io.log(t(opts.lang, 'cli.skippedBundling', { count: skipped }));
  const stacks =
    opts.stacks.length > 0 || !opts.prefix ? opts.stacks : instanceStacks(assembly, opts.prefix, opts.lang);
  const reviews = await reviewAssembly(assembly, stacks, opts.lang);
  const outDir = path.resolve(io.cwd, opts.out ?? path.join(opts.assembly, 'review'));
  let extra: Block[] = [];
  let diffs: StackDiff[] | undefined;
  if (opts.against) {
    const old = readAssembly(path.resolve(io.cwd, opts.against));
    const oldReviews = await reviewAssembly(
      old,
      stacks.filter((s) => old.stacks.some((o) => o.stackName === s)),
      opts.lang,
    );
    diffs = diffAssemblies(old, oldReviews, assembly, reviews);
    extra = diffBlocks(diffs, opts.lang, opts.against, opts.assembly);
  }
  const { written, removed } = writeReports(reviews, {
    outDir,
    format: opts.format,
    lang: opts.lang,
    assemblyDir: opts.assembly,
    extra,
    diffs,
    against: opts.against,
  });
  const dir = path.relative(io.cwd, outDir) || '.';
  for (const r of reviews)
    io.log(
      t(opts.lang, 'cli.flags', {
        stack: r.name,
        flags: r.findings.filter((f) => f.level === 'flag').length,
      }),
    );
  if (removed > 0) io.log(t(opts.lang, 'cli.removed', { count: removed, dir }));
  io.log(t(opts.lang, 'cli.wrote', { count: written.length, dir, ms: Date.now() - started }));
  const failing = opts.failOn
    ? reviews.flatMap((r) => r.findings).filter((f) => reaches(f, opts.failOn!)).length
    : 0;
  if (failing > 0) io.log(t(opts.lang, 'cli.failed', { count: failing, level: opts.failOn! }));
  return { written, failing, exitCode: failing > 0 ? 1 : 0 };
}

/** The stacks of one instance in the assembly; none is an error listing the known stacks. */
function instanceStacks(assembly: ReturnType<typeof readAssembly>, prefix: string, lang: Lang): string[] {
  const known = assembly.stacks.map((s) => s.stackName);
  const mine = known.filter((n) => splitStackName(n)?.prefix === prefix);
  if (mine.length === 0)
    throw new Error(t(lang, 'cli.unknownStack', { names: `${prefix}-*`, known: known.join(', ') }));
  return mine;
}

export function program(): Command {
  return new Command('review')
    .description('Explain every stack of the synthesized lab to the person reviewing it.')
    .argument('[stacks...]', 'stacks to review (default: all)')
    .addOption(new Option('--format <format>', 'report format').choices([...FORMATS]).default('md'))
    .option('--out <dir>', 'the folder to write the reports to (default: <assembly>/review)')
    .option('--against <dir>', 'an older cloud assembly to compare with')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding reaches this severity').choices([
        'warning',
        'error',
      ]),
    )
    .addOption(new Option('--lang <lang>', 'report language').choices(['en', 'ko']).default('en'))
    .option('--assembly <dir>', 'the cloud assembly to read', 'cdk.out')
    .option(
      '--prefix <name>',
      `only the stacks of this instance, -c prefix=NAME (default: ${PREFIX_ENV}, else all)`,
    );
}

if (require.main === module) {
  const cmd = program();
  cmd.parse();
  const o = cmd.opts<{
    format: Format;
    out?: string;
    against?: string;
    lang: Lang;
    assembly: string;
    failOn?: 'warning' | 'error';
    prefix?: string;
  }>();
  runReview({ stacks: cmd.args, ...o, prefix: o.prefix ?? process.env[PREFIX_ENV] })
    .then((r) => {
      process.exitCode = r.exitCode;
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 2;
    });
}
