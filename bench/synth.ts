/**
 * `cdk synth` in the bench: the whole app and one stack, each with empty caches (cold: every
 * bundle built, the CloudFormation validation run) and with the caches a previous synth left (no
 * source change: bundles and validation report served), in paired
 * rounds; the CLI alone; and where the time goes, phase by phase, from the app's own timings
 * (lib/synth-timings.ts) and aws-cdk-lib's counters.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliOnly, SINGLE_STACK, type SynthRun, synthOnce } from './app';
import type { RunResult } from './processes';
import { overBy, type Row, type Verdict } from './report';
import { type Summary, summarize } from './stats';

export const SYNTH_TARGETS = {
  /** Whole app, cold, median. */
  wholeS: 11,
  /** Whole app / one stack, cold, paired. */
  wholePerStack: 1.3,
  /** No-change synth / cold synth, whole app, paired. */
  cachedPerCold: 0.6,
};

export interface SynthMeasurements {
  readonly wholeCold: SynthRun[];
  readonly oneCold: SynthRun[];
  readonly wholeCached: SynthRun[];
  readonly oneCached: SynthRun[];
  readonly cli: RunResult[];
}

export async function measureSynth(runs: number, log: (m: string) => void): Promise<SynthMeasurements> {
  const m: SynthMeasurements = {
    wholeCold: [],
    oneCold: [],
    wholeCached: [],
    oneCached: [],
    cli: [],
  };
  // Under os.tmpdir(): the bench's own temp folder, removed when it exits (bench/bench.ts).
  const freshCache = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-cache-'));
  const run = async (label: string, into: SynthRun[], stack: string | undefined, cacheDir: string) => {
    log(`cdk synth ${label}`);
    const r = await synthOnce({ stack, cacheDir });
    if (r.exitCode !== 0) log(`cdk synth ${label} failed (exit ${r.exitCode}): ${r.stderr.slice(-1500)}`);
    into.push(r);
    return r;
  };
  for (let i = 1; i <= runs; i++) {
    const cache = freshCache();
    const cold = await run(`all stacks, empty cache ${i}/${runs}`, m.wholeCold, undefined, cache);
    await run(`${SINGLE_STACK}, empty cache ${i}/${runs}`, m.oneCold, SINGLE_STACK, freshCache());
    await run(`all stacks, no change ${i}/${runs}`, m.wholeCached, undefined, cache);
    await run(`${SINGLE_STACK}, no change ${i}/${runs}`, m.oneCached, SINGLE_STACK, cache);
    if (cold.exitCode === 0) {
      log(`cdk CLI alone ${i}/${runs}`);
      m.cli.push(await cliOnly(cold.outDir));
    }
  }
  return m;
}

const ok = (rs: SynthRun[]) => rs.filter((r) => r.exitCode === 0);
const wallS = (rs: SynthRun[]): Summary => summarize(ok(rs).map((r) => r.wallMs / 1000));
/** Ratio per round (the two ran back to back), summarised. */
const paired = (a: SynthRun[], b: SynthRun[]): Summary | undefined => {
  const xs = a.flatMap((r, i) => (r.exitCode === 0 && b[i]?.exitCode === 0 ? [r.wallMs / b[i]!.wallMs] : []));
  return xs.length > 0 ? summarize(xs) : undefined;
};

/** One phase of a synth, in ms, from what the app and aws-cdk-lib recorded (undefined if absent). */
type Phase = (r: SynthRun) => number | undefined;

const mark = (r: SynthRun, name: string) => r.timings?.marks[name];
const between =
  (from: string, to: string): Phase =>
  (r) => {
    const [a, b] = [mark(r, from), mark(r, to)];
    return a !== undefined && b !== undefined ? b - a : undefined;
  };
const nagMs: Phase = (r) =>
  r.timings ? Object.values(r.timings.spans).reduce((a, b) => a + b, 0) : undefined;
const validateMs: Phase = (r) => r.counters?.validateTemplates;

const PHASES: ReadonlyArray<readonly [string, Phase]> = [
  [
    '`npx cdk`, `npx tsx` and the CLI around the app (wall − app process)',
    (r) => (mark(r, 'exit') !== undefined ? r.wallMs - mark(r, 'exit')! : undefined),
  ],
  ['app process: node + tsx start, until its first import', (r) => mark(r, 'start')],
  ['imports: aws-cdk-lib, cdk-nag, zod, our code (through tsx)', between('start', 'imports')],
  ['bundles: esbuild (empty cache) or the cache check', between('imports', 'bundles')],
  ['construct the stacks', between('bundles', 'constructs')],
  [
    'synthesis: aspects (tags), resolve, templates and assets written',
    (r) => {
      const total = between('constructs', 'exit')(r);
      const v = validateMs(r);
      return total !== undefined && v !== undefined ? total - v : undefined;
    },
  ],
  [
    "aws-cdk-lib's built-in CloudFormation validation (wasm engine start + templates, or its cached report)",
    (r) => {
      const [v, n] = [validateMs(r), nagMs(r)];
      return v !== undefined && n !== undefined ? v - n : undefined;
    },
  ],
  ['cdk-nag (AwsSolutions + Serverless packs)', nagMs],
];

function phaseSummary(rs: SynthRun[], phase: Phase): Summary | undefined {
  const xs = ok(rs)
    .map(phase)
    .filter((x): x is number => x !== undefined);
  return xs.length > 0 ? summarize(xs) : undefined;
}

/** A wall-time row, `limit` in s (or none). */
function wallRow(measure: string, runs: SynthRun[], limit?: number): Row {
  const v = wallS(runs);
  return {
    subject: 'synth',
    measure,
    values: [v],
    digits: 1,
    unit: 's',
    ...(limit === undefined ? {} : { target: `≤ ${limit} s`, result: v.median <= limit ? 'met' : 'missed' }),
  };
}

/** A paired-ratio row (a / b per round), `limit` or none; nothing if no round succeeded. */
function ratioRows(measure: string, a: SynthRun[], b: SynthRun[], limit?: number): Row[] {
  const r = paired(a, b);
  if (!r) return [];
  return [
    {
      subject: 'synth',
      measure,
      values: [r],
      digits: 2,
      unit: '×',
      ...(limit === undefined ? {} : { target: `≤ ${limit}`, result: r.median <= limit ? 'met' : 'missed' }),
    },
  ];
}

export function synthRows(m: SynthMeasurements): Row[] {
  if (ok(m.wholeCold).length === 0 || ok(m.oneCold).length === 0) return [];
  const one = `\`cdk synth ${SINGLE_STACK} --exclusively\``;
  const rows: Row[] = [
    wallRow('`cdk synth`, all stacks, empty bundle cache (cold)', m.wholeCold, SYNTH_TARGETS.wholeS),
    wallRow(`${one}, empty bundle cache`, m.oneCold),
    ...ratioRows(
      'ratio all stacks / one stack (cold, paired)',
      m.wholeCold,
      m.oneCold,
      SYNTH_TARGETS.wholePerStack,
    ),
  ];
  if (ok(m.wholeCached).length > 0)
    rows.push(
      wallRow('`cdk synth`, all stacks, no source change (bundles cached)', m.wholeCached),
      ...ratioRows(
        'ratio no change / cold, all stacks (paired)',
        m.wholeCached,
        m.wholeCold,
        SYNTH_TARGETS.cachedPerCold,
      ),
    );
  if (ok(m.oneCached).length > 0)
    rows.push(
      wallRow(`${one}, no source change`, m.oneCached),
      ...ratioRows('ratio all stacks / one stack (no change, paired)', m.wholeCached, m.oneCached),
    );
  if (m.cli.length > 0)
    rows.push({
      subject: 'synth',
      measure: '`npx cdk synth --app <assembly>`: the CLI alone, no app run',
      values: [summarize(m.cli.map((r) => r.wallMs / 1000))],
      digits: 2,
      unit: 's',
    });
  for (const [label, phase] of PHASES) {
    const values = [m.wholeCold, m.wholeCached, m.oneCold].map((rs) => phaseSummary(rs, phase));
    if (values.some((v) => v === undefined)) continue;
    rows.push({
      subject: 'synth phase',
      measure: `${label} — all cold / all no change / one stack cold`,
      values: values as Summary[],
      digits: 0,
      unit: 'ms',
    });
  }
  rows.push({
    subject: 'synth',
    measure: '`cdk synth` all stacks cold, peak RSS: process tree / largest process',
    values: [
      summarize(ok(m.wholeCold).map((r) => r.peakTreeRssMb)),
      ...(ok(m.wholeCold).every((r) => r.peakProcessRssMb !== undefined)
        ? [summarize(ok(m.wholeCold).map((r) => r.peakProcessRssMb!))]
        : []),
    ],
    digits: 0,
    unit: 'MB',
  });
  return rows;
}

const ms = (x: Summary | undefined) => (x ? `${(x.median / 1000).toFixed(1)} s` : '?');

export function synthVerdicts(m: SynthMeasurements): Verdict[] {
  if (ok(m.wholeCold).length === 0 || ok(m.oneCold).length === 0) {
    const why = m.wholeCold.length === 0 ? 'skipped (--skip-synth)' : 'cdk synth failed';
    return [{ target: 'synth targets', status: 'not measured', detail: why }];
  }
  const out: Verdict[] = [];
  const whole = wallS(m.wholeCold).median;
  const one = wallS(m.oneCold).median;
  const bundlesCold = phaseSummary(m.wholeCold, PHASES[3]![1]);
  const bundlesOne = phaseSummary(m.oneCold, PHASES[3]![1]);
  out.push({
    target: `whole-app synth ≤ ${SYNTH_TARGETS.wholeS} s median (cold)`,
    status: whole <= SYNTH_TARGETS.wholeS ? 'met' : 'missed',
    detail:
      whole <= SYNTH_TARGETS.wholeS ? `${whole.toFixed(1)} s` : overBy(whole, SYNTH_TARGETS.wholeS, 's'),
  });
  const perStack = paired(m.wholeCold, m.oneCold)!;
  out.push({
    target: `whole-app synth ≤ ${SYNTH_TARGETS.wholePerStack}× one stack`,
    status: perStack.median <= SYNTH_TARGETS.wholePerStack ? 'met' : 'missed',
    detail: `${perStack.median.toFixed(2)}× (${whole.toFixed(1)} s vs ${one.toFixed(1)} s; bundling every function ${ms(bundlesCold)} against one ${ms(bundlesOne)}; everything else is the same work: --exclusively still constructs, checks and writes all stacks)${perStack.median > SYNTH_TARGETS.wholePerStack ? `, ${overBy(perStack.median, SYNTH_TARGETS.wholePerStack, '×', 2)}` : ''}`,
  });
  const cachedPerCold = paired(m.wholeCached, m.wholeCold);
  if (cachedPerCold) {
    const fixed = PHASES.filter(([label]) => !label.startsWith('bundles'))
      .map(([label, phase]) => ({ label, s: phaseSummary(m.wholeCached, phase)?.median ?? 0 }))
      .sort((a, b) => b.s - a.s);
    const missed = cachedPerCold.median > SYNTH_TARGETS.cachedPerCold;
    out.push({
      target: `no-change synth ≤ ${SYNTH_TARGETS.cachedPerCold}× a cold one`,
      status: missed ? 'missed' : 'met',
      detail: `${cachedPerCold.median.toFixed(2)}× (${wallS(m.wholeCached).median.toFixed(1)} s vs ${wallS(m.wholeCold).median.toFixed(1)} s; the caches save the bundling, ${ms(bundlesCold)} cold against ${ms(phaseSummary(m.wholeCached, PHASES[3]![1]))} to check it, and the CloudFormation validation engine, ${ms(phaseSummary(m.wholeCold, PHASES[6]![1]))} cold against ${ms(phaseSummary(m.wholeCached, PHASES[6]![1]))})${
        missed
          ? `, ${overBy(cachedPerCold.median, SYNTH_TARGETS.cachedPerCold, '×', 2)}: what is left runs on every synth, largest first: ${fixed
              .slice(0, 4)
              .map((f) => `${f.label.split(':')[0]} ${(f.s / 1000).toFixed(1)} s`)
              .join('; ')}`
          : ''
      }`,
    });
  }
  const cachedMisses = ok(m.wholeCached).filter((r) => (r.timings?.facts.cache?.misses ?? 1) !== 0).length;
  // Every function the app has (eight: seven demos and Bedrock's streaming function), from the run itself.
  const coldBuilt = ok(m.wholeCold).filter((r) => {
    const p = r.timings?.facts.prebundle;
    return (p?.cached ?? 1) !== 0 || p?.built === 0;
  }).length;
  const functions = ok(m.wholeCold)[0]?.timings?.facts.prebundle?.built ?? 0;
  const calls = ok(m.wholeCold)[0]?.timings?.facts.prebundle?.builds;
  out.push({
    target: 'cold synths built every bundle, no-change synths built none',
    status: cachedMisses === 0 && coldBuilt === 0 ? 'met' : 'missed',
    detail: `${ok(m.wholeCold).length - coldBuilt}/${ok(m.wholeCold).length} cold runs built all ${functions}${calls === undefined ? '' : ` in ${calls} esbuild calls`}; ${ok(m.wholeCached).length - cachedMisses}/${ok(m.wholeCached).length} no-change runs built 0`,
  });
  // The validation engine ran on every cold synth, and was served from its cache on every no-change one.
  const validated = (rs: SynthRun[], hits: number) =>
    ok(rs).filter(
      (r) => r.timings?.facts.validation?.hits === hits && r.timings.facts.validation.misses === 1 - hits,
    ).length;
  const [coldValidated, cachedServed] = [validated(m.wholeCold, 0), validated(m.wholeCached, 1)];
  out.push({
    target: 'cold synths ran the CloudFormation validation, no-change synths took its cached report',
    status:
      coldValidated === ok(m.wholeCold).length && cachedServed === ok(m.wholeCached).length
        ? 'met'
        : 'missed',
    detail: `${coldValidated}/${ok(m.wholeCold).length} cold runs validated; ${cachedServed}/${ok(m.wholeCached).length} no-change runs served from the cache`,
  });
  return out;
}
