/**
 * `npm run review [-- STACK...] [--format md|html] [--out DIR] [--against OLD_CDK_OUT] [--lang en|ko]`:
 * an infrastructure review of every stack, read from the cloud assembly (synthesized first when
 * there is none), offline and without credentials.
 */
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { ensureCloudAssembly } from '../scripts/assembly';
import { readAssembly } from './assembly';
import { diffAssemblies, diffBlocks } from './diff';
import type { Block } from './document';
import { type Lang, t } from './i18n';
import { reviewAssembly } from './review';
import { type Format, writeReports } from './write';

export interface ReviewOptions {
  readonly stacks: readonly string[];
  readonly format: Format;
  readonly out?: string;
  readonly against?: string;
  readonly lang: Lang;
  readonly assembly: string;
}

export async function runReview(
  opts: ReviewOptions,
  io: { log: (line: string) => void; cwd: string } = { log: console.log, cwd: process.cwd() },
): Promise<string[]> {
  const started = Date.now();
  // The same first-run behaviour as `npm run cost`: synthesize cdk.out/ when it is missing, saying so.
  const assemblyDir = ensureCloudAssembly(opts.assembly, {
    cwd: io.cwd,
    say: () => io.log(t(opts.lang, 'cli.synthesizing', { dir: opts.assembly })),
  });
  const assembly = readAssembly(assemblyDir);
  const reviews = await reviewAssembly(assembly, opts.stacks, opts.lang);
  const outDir = path.resolve(io.cwd, opts.out ?? path.join(opts.assembly, 'review'));
  let extra: Block[] = [];
  if (opts.against) {
    const old = readAssembly(path.resolve(io.cwd, opts.against));
    const oldReviews = await reviewAssembly(
      old,
      opts.stacks.filter((s) => old.stacks.some((o) => o.stackName === s)),
      opts.lang,
    );
    const diff = diffAssemblies(old, oldReviews, assembly, reviews);
    extra = diffBlocks(diff, opts.lang, opts.against, opts.assembly);
  }
  const written = writeReports(reviews, {
    outDir,
    format: opts.format,
    lang: opts.lang,
    assemblyDir: opts.assembly,
    extra,
  });
  for (const r of reviews)
    io.log(
      t(opts.lang, 'cli.flags', {
        stack: r.name,
        flags: r.findings.filter((f) => f.level === 'flag').length,
      }),
    );
  io.log(
    t(opts.lang, 'cli.wrote', {
      count: written.length,
      dir: path.relative(io.cwd, outDir) || '.',
      ms: Date.now() - started,
    }),
  );
  return written;
}

export function program(): Command {
  return new Command('review')
    .description('Explain every stack of the synthesized lab to the person reviewing it.')
    .argument('[stacks...]', 'stacks to review (default: all)')
    .addOption(new Option('--format <format>', 'report format').choices(['md', 'html']).default('md'))
    .option('--out <dir>', 'where to write the reports (default: <assembly>/review)')
    .option('--against <dir>', 'an older cloud assembly to compare with')
    .addOption(new Option('--lang <lang>', 'report language').choices(['en', 'ko']).default('en'))
    .option('--assembly <dir>', 'the cloud assembly to read', 'cdk.out');
}

if (require.main === module) {
  const cmd = program();
  cmd.parse();
  const o = cmd.opts<{ format: Format; out?: string; against?: string; lang: Lang; assembly: string }>();
  runReview({ stacks: cmd.args, ...o }).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
