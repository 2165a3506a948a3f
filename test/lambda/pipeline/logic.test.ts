/** The pipeline's code steps and pure logic: text, batch files, the job event, cost and projection. */
import type { PiiEntity } from '@aws-sdk/client-comprehend';
import { S3Client } from '@aws-sdk/client-s3';
import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { readBatchOutput, writeBatchInput, writeReport } from '../../../lambda/pipeline/batch';
import { batchModel } from '../../../lambda/pipeline/batch-models';
import { runCost } from '../../../lambda/pipeline/cost';
import { resumeRun } from '../../../lambda/pipeline/job-event';
import { keyOf, stepNeeds } from '../../../lambda/pipeline/needs';
import { project, TYPICAL, typicalRecord } from '../../../lambda/pipeline/projection';
import { type ItemRecord, newRunId, plannedSteps } from '../../../lambda/pipeline/run';
import { batchJobName, runIdOfJob, STEPS } from '../../../lambda/pipeline/schemas';
import { RunStore } from '../../../lambda/pipeline/store';
import { prepareText, redactText } from '../../../lambda/pipeline/text';
import { PRICES } from '../../../lambda/shared/pricing';
import { needKey } from '../../../lambda/shared/regions';
import { FakeBucket, findPii } from '../../pipeline/stand-ins';

const s3 = mockClient(S3Client);
const sfn = mockClient(SFNClient);
let bucket: FakeBucket;
let store: RunStore;
const RUN = 'r20261205120000-00aa11bb';
beforeEach(() => {
  s3.reset();
  sfn.reset();
  bucket = new FakeBucket('b');
  bucket.install(s3);
  store = new RunStore(new S3Client({ region: 'us-east-1' }), 'b');
});

describe('text', () => {
  test('joins Textract lines, counts characters (code points) and bytes', () => {
    expect(prepareText({ lines: ['안녕', 'hi'], pages: 1 })).toEqual({
      text: '안녕\nhi',
      chars: 5,
      bytes: 9,
      pages: 1,
    });
    expect(prepareText({ body: '\uFEFF text \n' })).toEqual({ text: 'text', chars: 4, bytes: 4, pages: 0 });
  });

  test('an empty or too-long document fails its item with a named error', () => {
    expect(() => prepareText({ lines: [] })).toThrow(expect.objectContaining({ name: 'EmptyDocument' }));
    expect(() => prepareText({ body: '가'.repeat(1667) })).toThrow(
      expect.objectContaining({
        name: 'DocumentTooLarge',
        message: expect.stringMatching(/5001 bytes.*at most 5000/),
      }),
    );
  });

  test('replaces each entity with its type, keeps counts, drops the original', () => {
    const text = 'Hello, my name is Jane Doe. Email jane.doe@example.com, phone 555-0100.';
    const entities = findPii(text) as unknown as PiiEntity[];
    const out = redactText({ doc: { text, chars: 71, bytes: 71, pages: 0, pii: { entities } } });
    expect(out.text).toBe('Hello, my name is [NAME]. Email [EMAIL], phone [PHONE].');
    expect(out.redacted).toEqual([
      { type: 'EMAIL', count: 1 },
      { type: 'NAME', count: 1 },
      { type: 'PHONE', count: 1 },
    ]);
    expect(out.piiChars).toBe(71);
    expect(JSON.stringify(out)).not.toMatch(/Jane|555-0100|BeginOffset/);
  });
});

describe('run plan', () => {
  test('steps run in their fixed order with the language they need', () => {
    expect(plannedSteps(['speak', 'extract'])).toEqual({
      steps: ['extract', 'language', 'speak'],
      added: ['language'],
    });
    expect(plannedSteps(['translate', 'speak'])).toEqual({ steps: ['translate', 'speak'], added: [] });
  });

  test('run ids and batch job names round-trip; other jobs are not ours', () => {
    const id = newRunId(new Date('2026-12-05T01:02:03Z'));
    expect(id).toMatch(/^r20261205010203-[0-9a-f]{8}$/);
    expect(runIdOfJob(batchJobName(id))).toBe(id);
    expect(runIdOfJob('someone-elses-job')).toBeUndefined();
    expect(runIdOfJob('ai-lab-pipeline-../../x')).toBeUndefined();
  });

  test('another instance’s prefix: its jobs are not this one’s, even when one prefix starts the other', () => {
    const id = newRunId();
    // lib/names.ts: prefix AiLab → ai-lab-pipeline-, prefix AiLabPipeline → ai-lab-pipeline-pipeline-.
    const other = batchJobName(id, 'ai-lab-pipeline-pipeline-');
    expect(runIdOfJob(other)).toBeUndefined();
    expect(runIdOfJob(other, 'ai-lab-pipeline-pipeline-')).toBe(id);
  });

  test('each step’s needs from the Region table, keyed as the table keys them', () => {
    const needs = stepNeeds(STEPS, 'amazon.nova-micro-v1:0');
    expect(needs.map(keyOf)).toEqual([
      'service:textract',
      'service:comprehend',
      'feature:comprehend-pii',
      'service:translate',
      'service:bedrock',
      'model:amazon.nova-micro-v1:0',
      'service:polly',
      'feature:polly-standard',
    ]);
    for (const n of needs) expect(keyOf(n)).toBe(needKey(n));
    expect(stepNeeds(['translate'], 'm').map(keyOf)).toEqual(['service:translate']);
  });

  test('batch runs on the priced Nova models only', () => {
    expect(batchModel('us.amazon.nova-micro-v1:0')?.name).toBe('Amazon Nova Micro');
    expect(batchModel('anthropic.claude-3-haiku-20240307-v1:0')).toBeUndefined();
  });
});

const pending = (itemId: string): ItemRecord => ({
  ...typicalRecord(TYPICAL, 'batch'),
  item: { itemId, key: 'k', name: `${itemId}.txt`, type: 'text/plain' },
  status: 'pending-batch',
  summary: undefined,
  speech: undefined,
  prompt: { text: `Summarize ${itemId}` },
});

describe('batch files', () => {
  test('the input: one Converse record per waiting item, capped tokens; fewer than the minimum submits nothing', async () => {
    for (const id of ['d00001', 'd00002'])
      bucket.put(`results/${RUN}/items/${id}.json`, JSON.stringify(pending(id)));
    bucket.put(
      `results/${RUN}/items/d00003.json`,
      JSON.stringify({ ...pending('d00003'), status: 'failed' }),
    );
    await expect(writeBatchInput(store, RUN, { minRecords: 3, maxTokens: 256 })).rejects.toMatchObject({
      name: 'BatchTooSmall',
      message: expect.stringMatching(/^2 documents reached the summarize step; .* at least 3 records/),
    });
    expect(bucket.keys(`batch/${RUN}/`)).toEqual([]);
    const out = await writeBatchInput(store, RUN, { minRecords: 2, maxTokens: 256 });
    expect(out).toEqual({
      records: 2,
      inputUri: `s3://b/batch/${RUN}/input/records.jsonl`,
      outputUri: `s3://b/batch/${RUN}/output/`,
    });
    expect(
      bucket
        .get(`batch/${RUN}/input/records.jsonl`)
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      {
        recordId: 'd00001',
        modelInput: {
          messages: [{ role: 'user', content: [{ text: 'Summarize d00001' }] }],
          inferenceConfig: { maxTokens: 256, temperature: 0 },
        },
      },
      expect.objectContaining({ recordId: 'd00002' }),
    ]);
  });

  test('the output: answers back to their items; an errored or missing record fails its item', async () => {
    for (const id of ['d00001', 'd00002', 'd00003'])
      bucket.put(`results/${RUN}/items/${id}.json`, JSON.stringify(pending(id)));
    const jobArn = 'arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abc123';
    bucket.put(
      `batch/${RUN}/output/abc123/records.jsonl.out`,
      [
        {
          recordId: 'd00002',
          modelOutput: {
            output: { message: { content: [{ text: 'Two.' }] } },
            stopReason: 'end_turn',
            usage: { inputTokens: 50, outputTokens: 5 },
          },
        },
        { recordId: 'd00001', error: { errorCode: 400, errorMessage: 'Malformed input' } },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n'),
    );
    bucket.put(`batch/${RUN}/output/abc123/manifest.json.out`, '{}');
    const out = await readBatchOutput(store, RUN, jobArn);
    expect(out).toEqual({ answered: 1, failed: 2, finishKey: `batch/${RUN}/finish.jsonl` });
    const finish = bucket
      .get(`batch/${RUN}/finish.jsonl`)
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(finish).toEqual([
      expect.objectContaining({
        item: expect.objectContaining({ itemId: 'd00002' }),
        summary: {
          text: 'Two.',
          stopReason: 'end_turn',
          inputTokens: 50,
          outputTokens: 5,
          inference: 'batch',
        },
      }),
    ]);
    expect(bucket.json<ItemRecord>(`results/${RUN}/items/d00001.json`)).toMatchObject({
      status: 'failed',
      failed: {
        summarize: { Error: 'BatchRecordFailed', Cause: expect.stringMatching(/error 400: Malformed input/) },
      },
    });
    expect(bucket.json<ItemRecord>(`results/${RUN}/items/d00003.json`).failed?.summarize?.Cause).toMatch(
      /no answer/,
    );
  });

  test('the report counts items without a record as pending', async () => {
    bucket.put(
      `results/${RUN}/items/d00001.json`,
      JSON.stringify({ ...typicalRecord(TYPICAL, 'realtime'), status: 'ok' }),
    );
    const report = await writeReport(
      store,
      RUN,
      3,
      { modelId: 'amazon.nova-micro-v1:0', guardrail: true },
      'FAILED',
      {
        Error: 'States.Timeout',
      },
    );
    expect(report.items).toEqual({ total: 3, ok: 1, failed: 0, pending: 2 });
    expect(bucket.json<{ error: unknown }>(`results/${RUN}/report.json`).error).toEqual({
      Error: 'States.Timeout',
    });
  });
});

describe('the job event', () => {
  const deps = () => ({
    s3: new S3Client({ region: 'us-east-1' }),
    sfn: new SFNClient({ region: 'us-east-1' }),
    bucket: 'b',
  });
  const event = (status: string, name = batchJobName(RUN)) => ({
    'detail-type': 'Batch Inference Job State Change',
    source: 'aws.bedrock',
    detail: {
      batchJobName: name,
      batchJobArn: 'arn:aws:bedrock:us-east-1:1:model-invocation-job/j',
      status,
      failureMessage: 'bad',
    },
  });

  test('a final state resumes the run with its stored task token; success and failure', async () => {
    bucket.put(`batch/${RUN}/task-token`, 'TOKEN-123\n');
    sfn.on(SendTaskSuccessCommand).resolves({});
    sfn.on(SendTaskFailureCommand).resolves({});
    expect(await resumeRun(event('PartiallyCompleted'), deps())).toEqual({
      resumed: true,
      runId: RUN,
      outcome: 'success',
    });
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({
      taskToken: 'TOKEN-123',
      output: JSON.stringify({
        status: 'PartiallyCompleted',
        jobArn: 'arn:aws:bedrock:us-east-1:1:model-invocation-job/j',
      }),
    });
    await resumeRun(event('Expired'), deps());
    expect(sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input).toEqual({
      taskToken: 'TOKEN-123',
      error: 'Bedrock.BatchJobExpired',
      cause: 'bad',
    });
  });

  test('other jobs and states in between are ignored; a missing token throws so the event is retried', async () => {
    expect(await resumeRun(event('Completed', 'other-job'), deps())).toEqual({
      resumed: false,
      reason: 'not a job this stack started',
    });
    expect(await resumeRun(event('InProgress'), deps())).toEqual({
      resumed: false,
      reason: 'job state InProgress is not final',
    });
    await expect(resumeRun(event('Completed'), deps())).rejects.toMatchObject({ name: 'NoSuchKey' });
    expect(sfn.calls()).toHaveLength(0);
  });
});

describe('cost', () => {
  test('a batch run prices the summaries at half the on-demand tokens and says so', () => {
    const r = runCost([typicalRecord(TYPICAL, 'batch')], {
      modelId: 'amazon.nova-micro-v1:0',
      guardrail: true,
    });
    expect(r.batch!.onDemandUsd).toBeCloseTo(r.batch!.batchUsd * 2, 12);
    const realtime = runCost([typicalRecord(TYPICAL, 'realtime')], {
      modelId: 'amazon.nova-micro-v1:0',
      guardrail: true,
    });
    const step = (x: typeof r, s: string) => x.steps.find((y) => y.step === s)!;
    expect(step(realtime, 'summarize').costUsd).toBeCloseTo(step(r, 'summarize').costUsd * 2, 12);
    // Converse checks prompt and answer; a batch run's guardrail checks only the answer.
    expect(step(realtime, 'guardrail').quantity).toBe(3);
    expect(step(r, 'guardrail').quantity).toBe(1);
  });

  test('each step is priced from the table: one typical document, by hand', () => {
    const r = runCost([typicalRecord(TYPICAL, 'realtime')], {
      modelId: 'amazon.nova-micro-v1:0',
      guardrail: false,
    });
    const costs = Object.fromEntries(r.steps.map((s) => [s.step, s.costUsd]));
    expect(costs.extract).toBe(PRICES.textractDetectTextPage.usd);
    expect(costs.language).toBeCloseTo(15 * PRICES.comprehendNlpUnit.usd, 12);
    expect(costs.translate).toBeCloseTo(1500 * PRICES.translateStandardChar.usd, 12);
    expect(costs.speak).toBeCloseTo(480 * PRICES.pollyStandardChar.usd, 12);
    expect(costs.summarize).toBeCloseTo(
      413 * PRICES.novaMicroInputToken.usd + 120 * PRICES.novaMicroOutputToken.usd,
      12,
    );
    expect(costs).not.toHaveProperty('guardrail');
  });

  test('projections scale linearly, with one run’s transitions, and take concurrency into their time', () => {
    const o = { modelId: 'amazon.nova-micro-v1:0', guardrail: true, concurrency: 5 };
    const ten = project(10, 'realtime', o);
    const thousand = project(1000, 'realtime', o);
    const translate = (p: typeof ten) => p.cost.steps.find((s) => s.step === 'translate')!.costUsd;
    expect(translate(thousand)).toBeCloseTo(translate(ten) * 100, 8);
    expect(ten.seconds).toBe(2 * TYPICAL.secondsPerItem);
    expect(thousand.seconds).toBe(200 * TYPICAL.secondsPerItem);
    expect(project(1000, 'batch', o).cost.totalUsd).toBeLessThan(thousand.cost.totalUsd);
  });
});
