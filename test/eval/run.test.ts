/**
 * The whole eval against the stand-in lab (SigV4 checked, no model called): the numbers in the report
 * are the ones worked out by hand below, a stopped run resumes where it stopped and ends with the
 * same numbers, and a run whose estimate passes --max-cost makes no call at all.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type EvalDeps, runEval } from '../../eval/bin';
import type { Progress } from '../../eval/run';
import { allStacks, tempDir, testDeps, writeOutputs } from '../cli/harness';
import { type StandIn, startStandIn } from '../cli/stand-in';
import { type AnswerTable, playLab } from './lab';

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

const QA = {
  name: 't-qa',
  task: 'short-answer',
  lang: 'en',
  description: 'three questions',
  instruction: 'Answer briefly.',
  maxTokens: 50,
  items: [
    { id: 'q1', input: 'Q-one?', reference: 'alpha beta', facts: [['alpha']], source: 'test' },
    { id: 'q2', input: 'Q-two?', reference: 'gamma', facts: [['gamma']], source: 'test' },
    { id: 'q3', input: 'Q-three?', reference: 'delta', facts: [['delta']], source: 'test' },
  ],
};
const SENT = {
  name: 't-sent',
  task: 'label',
  lang: 'en',
  description: 'two labels',
  instruction: 'One word.',
  labels: ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'],
  maxTokens: 5,
  items: [
    { id: 's1', input: 'S-one text', reference: 'POSITIVE', source: 'test' },
    { id: 's2', input: 'S-two text', reference: 'NEGATIVE', source: 'test' },
  ],
};

const micro = 'amazon.nova-micro-v1:0';
const lite = 'amazon.nova-lite-v1:0';
const TABLE: AnswerTable = {
  [micro]: {
    'Q-one': { texts: ['alpha beta'], latencyMs: 100, costUsd: 0.0001 },
    'Q-two': { texts: ['nothing to say'], latencyMs: 120, costUsd: 0.0001, intervened: true },
    'Q-three': { texts: ['delta'], latencyMs: 140, costUsd: 0.0001 },
    'S-one': { texts: ['Positive.'], latencyMs: 50, costUsd: 0.00001 },
    'S-two': { texts: ['NEUTRAL'], latencyMs: 50, costUsd: 0.00001 },
  },
  [lite]: {
    'Q-one': { texts: ['alpha beta', 'alpha'], latencyMs: 300, costUsd: 0.0002 },
    'Q-two': { texts: ['gamma'], latencyMs: 300, costUsd: 0.0002 },
    'Q-three': { texts: [], latencyMs: 0, costUsd: 0, error: 'MODEL_TIMEOUT' },
    'S-one': { texts: ['POSITIVE'], latencyMs: 60, costUsd: 0.00002 },
    'S-two': { texts: ['negative'], latencyMs: 60, costUsd: 0.00002 },
  },
};

function setUp() {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'qa.json'), JSON.stringify(QA));
  writeFileSync(path.join(dir, 'sent.json'), JSON.stringify(SENT));
  writeOutputs(dir, allStacks(standIn.url));
  const lab = playLab(standIn, {
    table: TABLE,
    throttleOnce: 'Q-two',
    comprehend: { 'S-one': 'POSITIVE', 'S-two': null },
    comprehendDelayMs: 30,
  });
  return { dir, lab };
}

const ARGS = [
  '--dataset',
  'qa.json,sent.json',
  '--models',
  'nova-micro,nova-lite',
  '--samples',
  '2',
  '--format',
  'md,html,json',
  '--target',
  '60',
  '--lang',
  'en',
];

async function evalIn(dir: string, argv: string[], extra: Partial<EvalDeps> = {}) {
  const deps = testDeps({ cwd: dir, ...extra });
  const code = await runEval(argv, deps as EvalDeps);
  return { code, stdout: deps.out.join(''), stderr: deps.err.join('') };
}

const reportOf = (dir: string) =>
  JSON.parse(readFileSync(path.join(dir, 'eval-results', 'report.json'), 'utf8'));
const modelOf = (report: any, dataset: string, model: string) =>
  report.datasets.find((d: any) => d.name === dataset).models.find((m: any) => m.model === model);

/** The numbers worked out by hand from TABLE (see each line). */
function expectHandComputed(report: any) {
  const m = modelOf(report, 't-qa', 'us.amazon.nova-micro-v1:0');
  // q1 and q3 right, q2 wrong, twice each: 4 of 6; the same text every time: 100 % consistent.
  expect([m.correct, m.calls, m.accuracy]).toEqual([4, 6, 4 / 6]);
  expect(m.consistency).toBe(1);
  // latencies 100,100,120,120,140,140: nearest-rank p50 = 3rd = 120, p95 = 6th = 140.
  expect([m.latencyP50, m.latencyP95]).toEqual([120, 140]);
  // 6 answers × $0.0001 = $0.0006; per item /3 = $0.0002; per correct /4 = $0.00015.
  expect([m.costUsd, m.costPerItemUsd, m.costPerCorrectUsd]).toEqual([0.0006, 0.0002, 0.00015]);
  expect(m.interventions).toBe(2);
  // The 429 on q2's first call was retried, once: both models' records of that call carry it.
  expect(m.retries).toBe(1);
  // time per correct: (100+100+120+120+140+140) ms / 4 = 0.18 s.
  expect(m.secondsPerCorrect).toBeCloseTo(0.18, 10);

  const l = modelOf(report, 't-qa', 'us.amazon.nova-lite-v1:0');
  // q1 "alpha beta" and "alpha" (both state alpha), q2 twice right, q3 timed out twice: 4 of 6.
  expect([l.correct, l.calls]).toEqual([4, 6]);
  expect(l.errors).toEqual({ MODEL_TIMEOUT: 2 });
  // q1: token-F1("alpha beta", "alpha") = 2/3; q2: 1; q3 (errors) left out: mean 5/6.
  expect(l.consistency).toBeCloseTo(5 / 6, 10);
  // 4 answers × $0.0002 = $0.0008; per item $0.0008/3; per correct $0.0002.
  expect([l.costUsd, l.costPerItemUsd, l.costPerCorrectUsd]).toEqual([0.0008, 0.00026666667, 0.0002]);
  expect(l.latencyP95).toBe(300);

  const qa = report.datasets.find((d: any) => d.name === 't-qa');
  // Both reach the 60 % target; micro is cheaper per correct answer.
  expect(qa.pick).toBe('us.amazon.nova-micro-v1:0');

  const c = modelOf(report, 't-sent', 'comprehend');
  // Comprehend: s1 right twice; s2 failed twice with 502 (never retried): 2 of 4, errors counted.
  expect([c.correct, c.calls, c.errors]).toEqual([2, 4, { UPSTREAM_ERROR: 2 }]);
  expect(c.latencyP50).toBeGreaterThanOrEqual(30); // the slow route, timed by the eval
  const sm = modelOf(report, 't-sent', 'us.amazon.nova-micro-v1:0');
  const sl = modelOf(report, 't-sent', 'us.amazon.nova-lite-v1:0');
  // "Positive." → POSITIVE right, NEUTRAL wrong; "negative" normalises to NEGATIVE.
  expect([sm.correct, sl.correct]).toEqual([2, 4]);
  expect([sm.consistency, sl.consistency]).toEqual([1, 1]);
}

test('the report has the numbers worked out by hand, and no model was called', async () => {
  const { dir, lab } = setUp();
  const run = await evalIn(dir, ARGS, { standIn: true });
  expect(run.stderr).toMatch(/Estimated cost of this run at most: \$0\.\d+ for 14 calls \(20 model calls\)/);
  expect(run.code).toBe(0);
  expectHandComputed(reportOf(dir));
  // 6 + 4 compare calls, 4 to Comprehend, +1 throttled, +1 or 2 refused for naming models the stack
  // lists as inference profiles (both workers may ask before the first learns the mapping).
  expect(lab.calls()).toBeGreaterThanOrEqual(16);
  expect(lab.calls()).toBeLessThanOrEqual(17);
  expect(standIn.refused).toEqual([]);
  const md = readFileSync(path.join(dir, 'eval-results', 'report.md'), 'utf8');
  expect(md).toContain('STAND-IN DATA');
  expect(md).toContain(
    'nova-micro (us.amazon.nova-micro-v1:0) meets the 60% target at the lowest cost per correct answer: $0.00015.',
  );
  expect(md).toMatch(
    /\| nova-lite \(us\.amazon\.nova-lite-v1:0\) \| 66\.7% \(4\/6\) \|.*\| MODEL_TIMEOUT ×2 \|/,
  );
  expect(md).toContain('Comprehend is the classic-ML baseline');
  const html = readFileSync(path.join(dir, 'eval-results', 'report.html'), 'utf8');
  expect(html.match(/<svg /g)?.length).toBe(6);
});

test('a stopped run resumes from its results file and ends with the same numbers', async () => {
  const { dir, lab } = setUp();
  let ticks = 0;
  const interrupting: Progress = {
    start: () => undefined,
    tick: () => {
      ticks += 1;
      if (ticks === 5) throw new Error('interrupted (Ctrl-C)');
    },
    stop: () => undefined,
  };
  await expect(evalIn(dir, ARGS, { progress: interrupting })).rejects.toThrow('interrupted');
  const lines = readFileSync(path.join(dir, 'eval-results', 'results.jsonl'), 'utf8')
    .trim()
    .split('\n');
  const firstUnits = new Set(lines.slice(1).map((l) => JSON.parse(l).unit));
  expect(firstUnits.size).toBeGreaterThanOrEqual(5);
  expect(firstUnits.size).toBeLessThan(14);
  const before = lab.calls();

  const resumed = await evalIn(dir, ARGS);
  expect(resumed.code).toBe(0);
  expect(resumed.stderr).toMatch(
    new RegExp(`Resuming .*results\\.jsonl: ${firstUnits.size} of 14 calls already done`),
  );
  // Only the units not yet in the file were called again (the throttled retry and the model-list
  // mapping add at most one call each).
  expect(lab.calls() - before).toBeLessThanOrEqual(14 - firstUnits.size + 2);
  expectHandComputed(reportOf(dir));
});

test('--max-cost refuses before any call and says what the run would cost', async () => {
  const { dir, lab } = setUp();
  const run = await evalIn(dir, [...ARGS, '--max-cost', '0.0001']);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(
    /Not started: this run could cost up to \$0\.\d{4}, more than --max-cost \$0\.00/,
  );
  expect(lab.calls()).toBe(0);
  expect(standIn.requests).toEqual([]);
});

test('a resumed run with other settings is refused, and --fresh starts over', async () => {
  const { dir } = setUp();
  expect((await evalIn(dir, ARGS)).code).toBe(0);
  const other = await evalIn(
    dir,
    ARGS.map((a, i) => (ARGS[i - 1] === '--samples' ? '1' : a)),
  );
  expect(other.code).toBe(1);
  expect(other.stderr).toMatch(/holds another run/);
  const fresh = await evalIn(dir, [
    '--dataset',
    'qa.json',
    '--models',
    'nova-micro,nova-lite',
    '--fresh',
    '--format',
    'json',
  ]);
  expect(fresh.code).toBe(0);
  expect(reportOf(dir).datasets.map((d: any) => d.name)).toEqual(['t-qa']);
});

test('in Korean the run speaks Korean, particles chosen by es-hangul', async () => {
  const { dir } = setUp();
  const run = await evalIn(dir, [...ARGS.slice(0, -2), '--lang', 'ko']);
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(/이번 실행의 예상 비용은 최대 \$0\.\d+입니다/);
  const md = readFileSync(path.join(dir, 'eval-results', 'report.md'), 'utf8');
  // "…v1:0" is read 영 (a final consonant), so 이, not 가.
  expect(md).toContain('nova-micro (us.amazon.nova-micro-v1:0)이 목표 60%를');
  expect(md).not.toMatch(/이\(가\)|을\(를\)|\{\w+/);
});
