/**
 * The test suite as `npm test` runs it: wall time, CPU time (user + system, every process of the
 * run: less sensitive than wall time to other work on the machine), and the five slowest files
 * (jest's own per-file times, from its JSON report), so the next regression shows where it is.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './config';
import { type RunResult, runMeasured } from './processes';
import { overBy, type Row, type Verdict } from './report';
import { summarize } from './stats';

/** Issue 25: the suite in 45 s on a quiet 2-core machine with a warm jest cache, browser suite included. */
export const TEST_TARGET_S = 45;
const TARGET = `\`npm test\` ≤ ${TEST_TARGET_S} s, with the browser suite in it`;
const SLOWEST = 5;
/** The browser suites: the demo panels, and the page as a whole. */
const BROWSER_SUITES = ['test/playground/browser.test.ts', 'test/playground/browser-page.test.ts'];

export interface TestRun extends RunResult {
  /** Jest's summary lines ("Test Suites: ...", "Tests: ..."). */
  readonly summary: string;
  /** Whether the browser suites (the playground in Chromium) both ran and passed in this run. */
  readonly browser: 'passed' | 'failed' | 'not run';
  /** Each test file's own time in seconds (start to end, as jest reports it), by path. */
  readonly files: Record<string, number>;
}

interface JestReport {
  readonly numTotalTests: number;
  readonly testResults: ReadonlyArray<{
    readonly name: string;
    readonly status: string;
    readonly startTime: number;
    readonly endTime: number;
  }>;
}

/**
 * `npx jest --ci`: the suite `npm test` runs. --ci so that a missing snapshot fails instead of
 * being written (the benchmark must not change files it does not own).
 */
export async function testOnce(): Promise<TestRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-jest-'));
  try {
    const report = path.join(dir, 'report.json');
    const result = await runMeasured('npx', ['jest', '--ci', '--json', '--outputFile', report], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true' },
      timeoutMs: 900_000,
    });
    const out = result.stderr + result.stdout;
    const summary = out
      .split('\n')
      .filter((l) => /^(Test Suites|Tests):/.test(l))
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .join('; ');
    const json = fs.existsSync(report)
      ? (JSON.parse(fs.readFileSync(report, 'utf8')) as JestReport)
      : undefined;
    const files = Object.fromEntries(
      (json?.testResults ?? []).map((r) => [
        path.relative(ROOT, r.name),
        Math.max(0, r.endTime - r.startTime) / 1000,
      ]),
    );
    const browserResults = BROWSER_SUITES.map((suite) =>
      json?.testResults.find((r) => path.relative(ROOT, r.name) === suite),
    );
    const browser = browserResults.some((r) => !r)
      ? 'not run'
      : browserResults.every((r) => r?.status === 'passed')
        ? 'passed'
        : 'failed';
    return { ...result, summary, browser, files };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function testRows(tests: readonly TestRun[]): Row[] {
  if (tests.length === 0) return [];
  const passed = tests.every((t) => t.exitCode === 0);
  const wall = summarize(tests.map((t) => t.wallMs / 1000));
  const rows: Row[] = [
    {
      subject: 'whole app',
      measure: `\`npm test\` (npx jest --ci) wall time${passed ? '' : ' — suite FAILED'}`,
      values: [wall],
      digits: 1,
      unit: 's',
      target: `≤ ${TEST_TARGET_S} s`,
      result: wall.median <= TEST_TARGET_S ? 'met' : 'missed',
    },
  ];
  const cpu = tests.flatMap((t) => (t.cpuMs === undefined ? [] : [t.cpuMs / 1000]));
  if (cpu.length > 0)
    rows.push({
      subject: 'whole app',
      measure: '`npm test` CPU time (user + system, all processes)',
      values: [summarize(cpu)],
      digits: 1,
      unit: 's',
    });
  for (const [file, seconds] of slowestFiles(tests))
    rows.push({
      subject: 'whole app',
      measure: `slowest test file: \`${file}\``,
      values: [summarize(seconds)],
      digits: 1,
      unit: 's',
    });
  return rows;
}

/** The files with the largest median time over the runs, slowest first. */
export function slowestFiles(tests: readonly TestRun[], n = SLOWEST): Array<[string, number[]]> {
  const byFile = new Map<string, number[]>();
  for (const t of tests)
    for (const [file, s] of Object.entries(t.files)) byFile.set(file, [...(byFile.get(file) ?? []), s]);
  return [...byFile].sort(([, a], [, b]) => summarize(b).median - summarize(a).median).slice(0, n);
}

export function testVerdict(tests: readonly TestRun[]): Verdict {
  if (tests.length === 0) return { target: TARGET, status: 'not measured', detail: 'skipped (--skip-tests)' };
  const s = summarize(tests.map((t) => t.wallMs / 1000)).median;
  const browser = tests.every((t) => t.browser === 'passed');
  const slowest = slowestFiles(tests)
    .map(([file, seconds]) => `${path.basename(file)} ${summarize(seconds).median.toFixed(1)} s`)
    .join(', ');
  return {
    target: TARGET,
    status: s <= TEST_TARGET_S && browser ? 'met' : 'missed',
    detail: `${s <= TEST_TARGET_S ? `${s.toFixed(1)} s` : overBy(s, TEST_TARGET_S, 's')}; browser suite ${tests.map((t) => t.browser).join(', ')}; ${tests.every((t) => t.exitCode === 0) ? 'suite passed' : 'suite FAILED'}: ${tests.map((t) => t.summary || `exit ${t.exitCode}`).join(' | ')}; slowest files: ${slowest}`,
  };
}
