/**
 * `npm run bench`: bundle sizes, cold module load, warm handler overhead, cdk synth and the test
 * suite, printed as one markdown table (each figure a median with min and max) with a verdict per
 * target, and written to bench/results/latest.md. See docs/performance.md for the last run.
 * A benchmark, not a test: nothing here is timed inside `npm test`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { DEFAULT_PREFIX, stackName } from '../lib/names';
import { type DemoId, SERVICES } from '../lib/services';
import {
  type Bundle,
  buildBundle,
  compareWithCdkOut,
  entryOf,
  installedVersion,
  type Parity,
  VARIANTS,
  type Variant,
} from './bundles';
import { type LoadCase, type LoadSample, measureColdLoads } from './cold-load';
import { type BenchOptions, parseOptions, ROOT } from './config';
import { machineLine, overBy, type Row, table, type Verdict, verdictLines } from './report';
import { constant, type Summary, signTestP, summarize } from './stats';
import { measureSynth, type SynthMeasurements, synthRows, synthVerdicts } from './synth';
import { type TestRun, testOnce, testRows, testVerdict } from './test-suite';
import { measureWarm } from './warm';
import type { WarmResult } from './warm-worker';

const KB = 1024;
const TARGETS = {
  bundleKb: 600,
  coldLoadMs: 80,
  coldLoadRatio: 1.0,
  p50Ms: 1,
};

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

interface FunctionResult {
  readonly id: DemoId;
  readonly bundles: Record<Variant, Bundle>;
  readonly reproducible: boolean;
  readonly loads: Record<'deployed' | 'deployedMaps' | 'sdkExternal' | 'unminified', LoadSample[]>;
  warm?: WarmResult;
}

function demosToMeasure(opts: BenchOptions): DemoId[] {
  const ids = SERVICES.map((s) => s.id).filter((id) => fs.existsSync(entryOf(id)));
  if (!opts.only) return ids;
  const unknown = opts.only.filter((id) => !SERVICES.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`--only: unknown demo ${unknown.join(', ')}`);
  return ids.filter((id) => opts.only!.includes(id));
}

async function buildAll(
  ids: DemoId[],
  outRoot: string,
): Promise<{ built: FunctionResult[]; failed: string[] }> {
  const built: FunctionResult[] = [];
  const failed: string[] = [];
  for (const id of ids) {
    try {
      const [deployed, sdkExternal, unminified, rebuild] = await Promise.all([
        buildBundle(id, 'deployed', outRoot),
        buildBundle(id, 'sdkExternal', outRoot),
        buildBundle(id, 'unminified', outRoot),
        buildBundle(id, 'deployed', path.join(outRoot, 'rebuild')),
      ]);
      built.push({
        id,
        bundles: { deployed, sdkExternal, unminified },
        reproducible: rebuild.sha256 === deployed.sha256,
        loads: { deployed: [], deployedMaps: [], sdkExternal: [], unminified: [] },
      });
    } catch (err) {
      // A handler another engineer is still writing may not build yet: report it, go on.
      failed.push(`${id}: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
    }
  }
  return { built, failed };
}

function coldLoads(fns: FunctionResult[], runs: number): void {
  const cases: LoadCase[] = fns.flatMap((f) => [
    { key: `${f.id}:deployed`, id: f.id, bundle: f.bundles.deployed, sourceMaps: false },
    { key: `${f.id}:deployedMaps`, id: f.id, bundle: f.bundles.deployed, sourceMaps: true },
    { key: `${f.id}:sdkExternal`, id: f.id, bundle: f.bundles.sdkExternal, sourceMaps: false },
    { key: `${f.id}:unminified`, id: f.id, bundle: f.bundles.unminified, sourceMaps: false },
  ]);
  const samples = measureColdLoads(cases, runs, (done, total) => log(`cold load round ${done}/${total}`));
  for (const f of fns) {
    for (const k of Object.keys(f.loads) as Array<keyof FunctionResult['loads']>) {
      f.loads[k] = samples.get(`${f.id}:${k}`) ?? [];
    }
  }
}

const loadMs = (xs: LoadSample[]): Summary => summarize(xs.map((x) => x.loadMs));
/** Ratio per round (the cases of one round ran back to back), summarised. */
const pairedRatio = (a: LoadSample[], b: LoadSample[]): Summary =>
  summarize(a.map((x, i) => x.loadMs / b[i]!.loadMs));
const rss = (xs: LoadSample[]): Summary => summarize(xs.map((x) => x.rssMb));
const stackMs = (xs: LoadSample[]): Summary =>
  summarize(xs.map((x) => x.stackMs).filter((x): x is number => x !== null));

function sizes(b: Bundle): Summary[] {
  return [constant(b.rawBytes / KB), constant(b.gzipBytes / KB)];
}

function functionRows(f: FunctionResult): Row[] {
  const { deployed, sdkExternal, unminified } = f.bundles;
  const rawKb = deployed.rawBytes / KB;
  const load = loadMs(f.loads.deployed);
  const ratioExt = pairedRatio(f.loads.deployed, f.loads.sdkExternal);
  const ratioUnmin = pairedRatio(f.loads.deployed, f.loads.unminified);
  const rows: Row[] = [
    {
      subject: f.id,
      measure: `bundle ${VARIANTS.deployed.label}: raw / gzip (map ${(deployed.mapBytes / KB).toFixed(0)} KB)`,
      values: sizes(deployed),
      digits: 1,
      unit: 'KB',
      target: `< ${TARGETS.bundleKb} KB raw`,
      result: rawKb < TARGETS.bundleKb ? 'met' : 'missed',
    },
    {
      subject: f.id,
      measure: `bundle ${VARIANTS.sdkExternal.label}: raw / gzip`,
      values: sizes(sdkExternal),
      digits: 1,
      unit: 'KB',
    },
    {
      subject: f.id,
      measure: `bundle ${VARIANTS.unminified.label}: raw / gzip`,
      values: sizes(unminified),
      digits: 1,
      unit: 'KB',
    },
    {
      subject: f.id,
      measure: 'cold load, deployed (source maps off, the default)',
      values: [load],
      digits: 1,
      unit: 'ms',
      target: `< ${TARGETS.coldLoadMs} ms`,
      result: load.median < TARGETS.coldLoadMs ? 'met' : 'missed',
    },
    {
      subject: f.id,
      measure: 'cold load, SDK external',
      values: [loadMs(f.loads.sdkExternal)],
      digits: 1,
      unit: 'ms',
    },
    {
      subject: f.id,
      measure: 'cold load, not minified',
      values: [loadMs(f.loads.unminified)],
      digits: 1,
      unit: 'ms',
    },
    {
      subject: f.id,
      measure: 'cold load, deployed with -c sourceMaps=true (--enable-source-maps)',
      values: [loadMs(f.loads.deployedMaps)],
      digits: 1,
      unit: 'ms',
    },
    {
      subject: f.id,
      measure: 'cold load ratio deployed / SDK external',
      values: [ratioExt],
      digits: 2,
      unit: '×',
      target: `≤ ${TARGETS.coldLoadRatio.toFixed(1)}`,
      result: ratioExt.median <= TARGETS.coldLoadRatio ? 'met' : 'missed',
    },
    {
      subject: f.id,
      measure: 'cold load ratio deployed / not minified',
      values: [ratioUnmin],
      digits: 2,
      unit: '×',
    },
    {
      subject: f.id,
      measure: 'cold load ratio --enable-source-maps on / off',
      values: [pairedRatio(f.loads.deployedMaps, f.loads.deployed)],
      digits: 2,
      unit: '×',
    },
    {
      subject: f.id,
      measure: 'RSS after load, deployed / SDK external',
      values: [rss(f.loads.deployed), rss(f.loads.sdkExternal)],
      digits: 0,
      unit: 'MB',
    },
    {
      subject: f.id,
      measure: 'first stack trace, source maps on / off',
      values: [stackMs(f.loads.deployedMaps), stackMs(f.loads.deployed)],
      digits: 2,
      unit: 'ms',
    },
  ];
  const w = f.warm;
  if (w && 'runs' in w) {
    const p50 = summarize(w.runs.map((r) => r.p50Ms));
    const ok = w.status >= 200 && w.status < 300;
    rows.push(
      {
        subject: f.id,
        measure: `warm ${w.route}${ok ? '' : ` (answered ${w.status}!)`}: req/s`,
        values: [summarize(w.runs.map((r) => r.requestsPerSecond))],
        digits: 0,
        unit: '',
      },
      {
        subject: f.id,
        measure: 'warm handler overhead p50 / p99 (AWS client stubbed)',
        values: [p50, summarize(w.runs.map((r) => r.p99Ms))],
        digits: 3,
        unit: 'ms',
        target: `p50 < ${TARGETS.p50Ms} ms`,
        result: p50.median < TARGETS.p50Ms ? 'met' : 'missed',
      },
    );
  } else if (w) {
    rows.push({
      subject: f.id,
      measure: `warm: not measured (${w.skipped})`,
      values: [],
      digits: 0,
      unit: '',
    });
  }
  return rows;
}

function verdicts(fns: FunctionResult[], synth: SynthMeasurements | undefined, tests: TestRun[]): Verdict[] {
  const out: Verdict[] = [];
  const worst = <T>(xs: T[], key: (x: T) => number): T | undefined =>
    xs.reduce<T | undefined>((a, b) => (a === undefined || key(b) > key(a) ? b : a), undefined);
  const big = worst(fns, (f) => f.bundles.deployed.rawBytes);
  if (big) {
    const kb = big.bundles.deployed.rawBytes / KB;
    const over = fns.filter((f) => f.bundles.deployed.rawBytes / KB >= TARGETS.bundleKb);
    out.push({
      target: `every bundle < ${TARGETS.bundleKb} KB minified`,
      status: over.length === 0 ? 'met' : 'missed',
      detail:
        over.length === 0
          ? `largest ${big.id} ${kb.toFixed(1)} KB`
          : over
              .map((f) => `${f.id} ${overBy(f.bundles.deployed.rawBytes / KB, TARGETS.bundleKb, 'KB')}`)
              .join('; '),
    });
    const ratios = fns.map((f) => ({ f, r: pairedRatio(f.loads.deployed, f.loads.sdkExternal).median }));
    const slow = ratios.filter((x) => x.r > TARGETS.coldLoadRatio);
    out.push({
      target: 'cold load ≤ 1.0 × the same handler with the runtime-provided SDK',
      status: slow.length === 0 ? 'met' : 'missed',
      detail: ratios
        .map(
          (x) =>
            `${x.f.id} ${x.r.toFixed(2)}×${x.r > TARGETS.coldLoadRatio ? ` (missed by ${((x.r - 1) * 100).toFixed(0)} %)` : ''}`,
        )
        .join('; '),
    });
    const loads = fns.map((f) => ({ f, ms: loadMs(f.loads.deployed).median }));
    const slowLoads = loads.filter((x) => x.ms >= TARGETS.coldLoadMs);
    out.push({
      target: `cold module load < ${TARGETS.coldLoadMs} ms median`,
      status: slowLoads.length === 0 ? 'met' : 'missed',
      detail:
        slowLoads.length === 0
          ? `slowest ${worst(loads, (x) => x.ms)!.f.id} ${worst(loads, (x) => x.ms)!.ms.toFixed(1)} ms`
          : slowLoads.map((x) => `${x.f.id} ${overBy(x.ms, TARGETS.coldLoadMs, 'ms')}`).join('; '),
    });
  }
  const warm = fns.flatMap((f) => (f.warm && 'runs' in f.warm ? [{ f, w: f.warm }] : []));
  if (warm.length > 0) {
    const p50s = warm.map((x) => ({ id: x.f.id, p50: summarize(x.w.runs.map((r) => r.p50Ms)).median }));
    const slow = p50s.filter((x) => x.p50 >= TARGETS.p50Ms);
    out.push({
      target: `handler overhead < ${TARGETS.p50Ms} ms p50 (AWS call excluded)`,
      status: slow.length === 0 ? 'met' : 'missed',
      detail: p50s
        .map(
          (x) =>
            `${x.id} ${x.p50.toFixed(3)} ms${x.p50 >= TARGETS.p50Ms ? ` (${overBy(x.p50, TARGETS.p50Ms, 'ms', 3)})` : ''}`,
        )
        .join('; '),
    });
  }
  if (synth) out.push(...synthVerdicts(synth));
  else out.push({ target: 'synth targets', status: 'not measured', detail: 'skipped (--skip-synth)' });
  out.push(testVerdict(tests));
  return out;
}

/** Paired rounds in which `a` loaded faster than `b`. */
function faster(a: LoadSample[], b: LoadSample[]): { wins: number; n: number } {
  return { wins: a.filter((x, i) => x.loadMs < b[i]!.loadMs).length, n: a.length };
}

const fmtP = (p: number): string => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/**
 * The bundling decision from the paired rounds: as deployed against each alternative, per function
 * and overall, with a sign test so that a difference inside the noise is called a tie.
 */
function decisionLine(fns: FunctionResult[]): string {
  if (fns.length === 0) return '';
  const compare = (other: 'sdkExternal' | 'unminified', label: string) => {
    const per = fns.map((f) => ({
      id: f.id,
      ...faster(f.loads.deployed, f.loads[other]),
      ratio: pairedRatio(f.loads.deployed, f.loads[other]).median,
    }));
    const wins = per.reduce((a, x) => a + x.wins, 0);
    const n = per.reduce((a, x) => a + x.n, 0);
    const slower = per.filter((x) => x.wins < x.n / 2 && signTestP(x.wins, x.n) < 0.05);
    const ties = per.filter((x) => signTestP(x.wins, x.n) >= 0.05);
    const ratio = summarize(per.map((x) => x.ratio)).median;
    const text =
      `faster than ${label} in ${wins} of ${n} paired rounds (median ratio ${ratio.toFixed(2)}×, sign test ${fmtP(signTestP(wins, n))})` +
      (ties.length > 0
        ? `; within noise for ${ties.map((x) => `${x.id} ${x.wins}/${x.n}`).join(', ')}`
        : '') +
      (slower.length > 0
        ? `; **slower** for ${slower.map((x) => `${x.id} ${x.wins}/${x.n}`).join(', ')}`
        : '');
    return { text, slower };
  };
  const ext = compare('sdkExternal', 'SDK external');
  const unmin = compare('unminified', 'not minified');
  const reproducible = fns.every((f) => f.reproducible);
  const verdict =
    ext.slower.length === 0 && unmin.slower.length === 0
      ? 'keep **minified, SDK bundled** (as deployed): no alternative loads significantly faster for any function'
      : 'an alternative loads faster for some function: see docs/performance.md before changing DemoFunction';
  return `- **Decision (cold load):** ${verdict}. As deployed is ${ext.text}; ${unmin.text}. Rebuilt bundles ${reproducible ? 'byte-identical' : 'DIFFER between two builds'}; bundled SDK pinned by package-lock (e.g. @aws-sdk/client-translate ${installedVersion('@aws-sdk/client-translate')}, @smithy/core ${installedVersion('@smithy/core')}).`;
}

function compositionLine(fns: FunctionResult[]): string {
  const parts = fns.map((f) => {
    const total = f.bundles.deployed.rawBytes;
    const top = f.bundles.deployed.composition
      .slice(0, 4)
      .map(([pkg, bytes]) => `${pkg} ${((bytes / total) * 100).toFixed(0)} %`)
      .join(', ');
    const dups = f.bundles.deployed.duplicates
      .filter((d) => d.extraBytes >= KB)
      .map((d) => `**${d.name} bundled ${d.copies}×, +${(d.extraBytes / KB).toFixed(1)} KB**`);
    return `${f.id}: ${[top, ...dups].join(', ')}`;
  });
  return `- **What the deployed bundles contain:** ${parts.join('; ')}.`;
}

function parityLine(parity: Parity[], source: string): string {
  if (parity.length === 0) return '';
  const text = parity.map(
    (p) => `${p.id} ${p.status === 'identical' ? 'identical' : `${p.status} (${p.detail})`}`,
  );
  return `- **Mirror of DemoFunction's bundling vs ${source}:** ${text.join('; ')}.`;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const loadAtStart = os.loadavg();
  const ids = demosToMeasure(opts);
  // One temp folder for the whole bench, TMPDIR for everything it starts (synths, jest): removed
  // when the process exits, failed or not (unless --keep).
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-bench-'));
  process.env.TMPDIR = root;
  process.on('exit', () => {
    if (opts.keep) log(`kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  });
  const work = fs.mkdtempSync(path.join(root, 'bundles-'));
  log(`demos with a handler: ${ids.join(', ')}; bundles in ${work}`);

  const { built: fns, failed } = await buildAll(ids, work);
  for (const f of failed) log(`build failed, skipped: ${f}`);

  log(`cold load: ${opts.runs} rounds × ${fns.length * 4} cases`);
  coldLoads(fns, opts.runs);

  for (const f of fns) {
    log(`warm: ${f.id} (${opts.warmRuns} × ${opts.iterations} calls after ${opts.warmup})`);
    f.warm = measureWarm(f.id, { iterations: opts.iterations, warmup: opts.warmup, runs: opts.warmRuns });
    if ('skipped' in f.warm) log(`warm ${f.id}: ${f.warm.skipped}`);
  }

  const synth = opts.skipSynth ? undefined : await measureSynth(opts.synthRuns, log);

  const lastFull = [...(synth?.wholeCold ?? [])].reverse().find((r) => r.exitCode === 0);
  const cdkOut = lastFull?.outDir ?? path.join(ROOT, 'cdk.out');
  const source = lastFull
    ? 'this run’s `cdk synth`'
    : './cdk.out (not synthesized by this run: may be stale)';
  const parity = fs.existsSync(cdkOut)
    ? fns.map((f) =>
        compareWithCdkOut(
          f.bundles.deployed,
          stackName(DEFAULT_PREFIX, SERVICES.find((s) => s.id === f.id)!.stackSuffix),
          cdkOut,
        ),
      )
    : [];

  const tests: TestRun[] = [];
  if (!opts.skipTests) {
    for (let i = 0; i < opts.testRuns; i++) {
      log(`npx jest ${i + 1}/${opts.testRuns}`);
      const t = await testOnce();
      log(`npx jest: ${(t.wallMs / 1000).toFixed(1)} s, exit ${t.exitCode}; ${t.summary}`);
      tests.push(t);
    }
  }

  const rows = [...fns.flatMap(functionRows), ...(synth ? synthRows(synth) : []), ...testRows(tests)];
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join('/');
  const runsLine = `load average ${load(loadAtStart)} at start, ${load(os.loadavg())} at end; esbuild ${esbuild.version}; cold load ${opts.runs} fresh processes per figure, warm ${opts.warmRuns} × ${opts.iterations} calls, synth ${opts.skipSynth ? 'skipped' : `${opts.synthRuns} runs`}, tests ${opts.skipTests ? 'skipped' : `${opts.testRuns} run(s)`}`;
  const notes = [
    verdictLines(verdicts(fns, synth, tests)),
    decisionLine(fns),
    compositionLine(fns),
    parityLine(parity, source),
    ...(failed.length > 0 ? [`- **Not built (skipped):** ${failed.join('; ')}`] : []),
    '- Sizes: KB = 1024 bytes, gzip at the default level; the source map ships too but is read only with --enable-source-maps. Cold load = `require()` of the bundle in a fresh `node` (top level included: SDK clients, Powertools), process start excluded. Warm = in-process TypeScript handler, Powertools logs and metrics produced but discarded, AWS client stubbed (no serialisation, signing or network). Peak RSS: process tree summed (sampled every 50 ms) / largest single process (GNU time).',
  ].filter((l) => l !== '');
  const markdown = [machineLine(runsLine), table(rows), notes.join('\n')].join('\n\n');

  const resultsDir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'latest.md'), `${markdown}\n`);
  process.stdout.write(`${markdown}\n`);
  log(`written to ${path.relative(ROOT, path.join(resultsDir, 'latest.md'))}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
