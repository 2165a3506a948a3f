/**
 * The committed data sets, the plan and its cost bound, and the eval's options that the main run
 * does not use: --stream (time to first token), --judge (its verdicts and their cost), --publish
 * (CloudWatch, mocked), and a route answering with another model than the one asked for.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { type EvalDeps, runEval } from '../../eval/bin';
import { DatasetError, datasetNames, EVAL_DIR, loadDataset } from '../../eval/dataset';
import { parseVerdict } from '../../eval/judge';
import { compareGroups } from '../../eval/models';
import { estimate, planUnits } from '../../eval/plan';
import { allStacks, tempDir, testDeps, writeOutputs } from '../cli/harness';
import { type StandIn, startStandIn } from '../cli/stand-in';
import { playLab } from './lab';

const all = datasetNames().map((n) => loadDataset(path.join(EVAL_DIR, `${n}.json`)));

describe('the committed data sets', () => {
  test('Korean and English for every task, tens of items, each with a source', () => {
    expect(new Set(all.map((d) => `${d.task}.${d.lang}`))).toEqual(
      new Set(
        ['short-answer', 'label', 'ask-notes', 'pii', 'guardrail'].flatMap((t) => [`${t}.en`, `${t}.ko`]),
      ),
    );
    const items = all.reduce((n, d) => n + d.items.length, 0);
    expect(items).toBeGreaterThanOrEqual(40);
    for (const d of all) for (const i of d.items) expect(i.source.length).toBeGreaterThan(3);
  });

  test("the learner's first run (two Nova models, three samples, notes Q&A) fits the default $0.10", () => {
    for (const lang of ['en', 'ko']) {
      const d = all.find((x) => x.name === `notes-qa.${lang}`)!;
      const models = ['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0'];
      const units = planUnits([d], { models, samples: 3, stream: false });
      expect(units).toHaveLength(d.items.length * 3);
      const bound = estimate(units, [d], { askNotesModels: models });
      expect(bound.usd).toBeLessThan(0.1);
      expect(bound.usd).toBeGreaterThan(0.01); // the guardrail alone is $0.0005 a model call
    }
  });

  test('negative control: a data set that cannot be scored names the file and the field', () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.json');
    const good = JSON.parse(readFileSync(path.join(EVAL_DIR, 'sentiment.en.json'), 'utf8'));
    writeFileSync(
      file,
      JSON.stringify({ ...good, items: [{ ...good.items[0], reference: 'HAPPY' }, good.items[0]] }),
    );
    expect(() => loadDataset(file)).toThrow(DatasetError);
    expect(() => loadDataset(file)).toThrow(
      /items\.0\.reference: not one of POSITIVE.*\n.*items\.1\.id: duplicate id/,
    );
  });
});

test('compare takes two or three models: 4 → 2 + 2, 5 → 3 + 2, one alone goes to converse', () => {
  expect(compareGroups(['a', 'b', 'c', 'd']).map((g) => g.length)).toEqual([2, 2]);
  expect(compareGroups(['a', 'b', 'c', 'd', 'e']).map((g) => g.length)).toEqual([3, 2]);
  expect(compareGroups(['a', 'b', 'c', 'd', 'e', 'f', 'g']).map((g) => g.length)).toEqual([3, 2, 2]);
  expect(compareGroups(['a'])).toEqual([['a']]);
});

test('judge verdicts: JSON first, then the words, incorrect before correct', () => {
  expect(parseVerdict('{"verdict": "correct", "reason": "same facts"}')).toBe('correct');
  expect(parseVerdict('Verdict: INCORRECT — the answer is wrong')).toBe('incorrect');
  expect(parseVerdict('no idea')).toBe('unparsed');
});

describe('against the stand-in', () => {
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
    description: 'two questions',
    maxTokens: 40,
    items: [
      { id: 'q1', input: 'Q-one?', reference: 'alpha', facts: ['alpha'], source: 'test' },
      { id: 'q2', input: 'Q-two?', reference: 'gamma', facts: ['gamma'], source: 'test' },
    ],
  };
  const micro = 'amazon.nova-micro-v1:0';
  const lite = 'amazon.nova-lite-v1:0';
  const table = {
    [micro]: {
      // First: the judge's prompt quotes the question too.
      'grading a student': { texts: ['{"verdict": "correct"}'], latencyMs: 5, costUsd: 0.00003 },
      'Q-one': { texts: ['alpha'], latencyMs: 10, costUsd: 0.0001 },
      'Q-two': { texts: ['beta'], latencyMs: 10, costUsd: 0.0001 },
    },
    [lite]: {
      'Q-one': { texts: ['alpha'], latencyMs: 20, costUsd: 0.0002 },
      'Q-two': { texts: ['gamma'], latencyMs: 20, costUsd: 0.0002 },
    },
  };
  const setUp = () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'qa.json'), JSON.stringify(QA));
    writeOutputs(dir, allStacks(standIn.url));
    return dir;
  };
  const run = async (dir: string, argv: string[], extra: Partial<EvalDeps> = {}) => {
    const deps = testDeps({ cwd: dir, ...extra });
    const code = await runEval(
      ['--dataset', 'qa.json', '--format', 'json', '--lang', 'en', ...argv],
      deps as EvalDeps,
    );
    return { code, stderr: deps.err.join(''), stdout: deps.out.join('') };
  };
  const report = (dir: string) =>
    JSON.parse(readFileSync(path.join(dir, 'eval-results', 'report.json'), 'utf8'));

  test('--stream: the first model streams, and its time to first token is measured', async () => {
    const dir = setUp();
    playLab(standIn, { table });
    expect((await run(dir, ['--models', 'nova-micro,nova-lite', '--stream'])).code).toBe(0);
    const models = report(dir).datasets[0].models;
    const m = models.find((x: any) => x.model === `${micro} (stream)`);
    // The stand-in sends the token 20 ms after the start event, the usage 20 ms later.
    expect(m.ttftP50).toBeGreaterThanOrEqual(20);
    expect(m.latencyP50).toBeGreaterThanOrEqual(m.ttftP50);
    // Both models also answered through the comparison, as without --stream.
    expect(models.map((x: any) => x.model).sort()).toEqual([
      `${micro} (stream)`,
      'us.amazon.nova-lite-v1:0',
      'us.amazon.nova-micro-v1:0',
    ]);
  });

  test('a route answering with another model stops the run and says how to fix it', async () => {
    const dir = setUp();
    playLab(standIn, { table, mainModel: micro });
    const r = await run(dir, ['--models', 'nova-lite']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /\/bedrock\/converse answered with amazon\.nova-micro-v1:0, not amazon\.nova-lite-v1:0/,
    );
    expect(r.stderr).toMatch(/run the same command again to resume/);
  });

  test('--judge: one verdict per answer, its cost counted apart', async () => {
    const dir = setUp();
    playLab(standIn, { table });
    // --judge alone: the stack's main model, whichever it is (the stand-in's is nova-micro).
    const r = await run(dir, ['--models', 'nova-micro,nova-lite', '--judge']);
    expect(r.code).toBe(0);
    const models = report(dir).datasets[0].models;
    const lite = models.find((x: any) => x.model === 'us.amazon.nova-lite-v1:0');
    // Two answers each, all judged correct by the stand-in's judge, at $0.00003 a verdict.
    expect(lite.judge).toEqual({ judged: 2, correct: 2, accuracy: 1, costUsd: 0.00006, unparsed: 0 });
    const judged = standIn.requests.filter((q) => q.route === '/bedrock/converse');
    expect(judged).toHaveLength(4);
    expect(judged[0]!.body.prompt).toContain('Reference answer:');
    expect(judged[0]!.body.temperature).toBe(0);
  });

  test('--publish: the scores go to CloudWatch as custom metrics, per data set and model, of this instance', async () => {
    const dir = setUp();
    playLab(standIn, { table });
    const cw = mockClient(CloudWatchClient);
    cw.on(PutMetricDataCommand).resolves({});
    const r = await run(dir, ['--models', 'nova-micro,nova-lite', '--samples', '2', '--publish'], {
      cloudWatch: () => new CloudWatchClient({ region: 'us-east-1' }),
      now: () => Date.UTC(2026, 11, 5),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Published 10 scores of instance AiLab to CloudWatch \(AiServicesLab\/Eval\) in us-east-1/,
    );
    const sent = cw.commandCalls(PutMetricDataCommand).flatMap((c) => c.args[0].input.MetricData ?? []);
    expect(
      sent.find(
        (d) => d.MetricName === 'Accuracy' && d.Dimensions?.[2]?.Value === 'us.amazon.nova-micro-v1:0',
      ),
    ).toMatchObject({
      Value: 50,
      Unit: 'Percent',
      Dimensions: [
        { Name: 'Dataset', Value: 't-qa' },
        // The instance the endpoints belong to (--prefix, AI_LAB_PREFIX, else AiLab): its dashboard's filter.
        { Name: 'Instance', Value: 'AiLab' },
        { Name: 'Model', Value: 'us.amazon.nova-micro-v1:0' },
      ],
    });
    expect(cw.commandCalls(PutMetricDataCommand)[0]!.args[0].input.Namespace).toBe('AiServicesLab/Eval');
    cw.restore();
  });
});
