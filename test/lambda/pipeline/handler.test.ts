import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { stepNeeds } from '../../../lambda/pipeline/needs';
import { STEPS } from '../../../lambda/pipeline/schemas';
import { REGION_GAPS_ENV } from '../../../lambda/shared/availability';
import { gapsFor } from '../../../lib/region-gaps';
import { service } from '../../../lib/services';
import { apiEvent, bodyOf } from '../../support/events';
import { useHandlerEnv } from '../../support/handler-env';
import { captureLogs, type LogCapture } from '../../support/logs';

useHandlerEnv({
  PIPELINE_BUCKET: 'pipeline-documents',
  STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:Pipeline',
  MODEL_ID: 'amazon.nova-micro-v1:0',
  MAX_ITEMS: '3',
  MAX_BATCH_ITEMS: '5',
  BATCH_MIN_RECORDS: '4',
  MAX_ITEM_BYTES: '1000000',
  GUARDRAIL: 'true',
});

const { handler } =
  require('../../../lambda/pipeline/handler') as typeof import('../../../lambda/pipeline/handler');

const s3 = mockClient(S3Client);
const sfn = mockClient(SFNClient);
const SECRET = 'Jane Doe lives at 12 Secret Lane and her card is 4111 1111 1111 1111.';
const RUN = 'r20261205120000-00aa11bb';
const RUN_ARN = `arn:aws:states:us-east-1:123456789012:execution:Pipeline:${RUN}`;
let logs: LogCapture;

beforeEach(() => {
  s3.reset();
  sfn.reset();
  logs = captureLogs();
});
afterEach(() => {
  // Nothing a caller sends is ever logged.
  expect(logs.text()).not.toContain('Secret Lane');
  logs.restore();
});

const post = (resource: string, body: unknown) => handler(apiEvent({ resource, body }));
const runs = (body: unknown) => post('/pipeline/runs', body);
const docs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `doc-${i}.txt`, text: `${SECRET} ${i}` }));

describe('POST /pipeline/uploads', () => {
  test('a presigned POST into a new run’s input/, the file name in the key, the type and size enforced', async () => {
    const res = await post('/pipeline/uploads', { contentType: 'image/png', name: 'invoice form.png' });
    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body.runId).toMatch(/^r\d{14}-[0-9a-f]{8}$/);
    expect(body.upload.key).toMatch(new RegExp(`^input/${body.runId}/[0-9a-f-]{36}_invoice form\\.png$`));
    expect(body.upload.maxBytes).toBe(1_000_000);
    const policy = JSON.parse(Buffer.from(body.upload.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 1_000_000],
        ['eq', '$Content-Type', 'image/png'],
      ]),
    );
  });

  test('more files into the same run; text files are held to the steps’ text limit', async () => {
    const body = bodyOf(await post('/pipeline/uploads', { runId: RUN, contentType: 'text/plain' }));
    expect(body.runId).toBe(RUN);
    expect(body.upload.key).toMatch(new RegExp(`^input/${RUN}/[0-9a-f-]{36}_document\\.txt$`));
    expect(body.upload.maxBytes).toBe(5000);
  });

  test.each([
    [{ contentType: 'image/gif' }, /contentType/],
    [{ contentType: 'image/png', runId: '../other' }, /runId/],
    [{ contentType: 'image/png', name: '../../etc/passwd' }, /name/],
  ])('refuses %j', async (body, message) => {
    const res = await post('/pipeline/uploads', body);
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.message).toMatch(message);
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('POST /pipeline/runs', () => {
  test('inline documents: stored, a manifest written, the execution started with the run settings', async () => {
    s3.on(PutObjectCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({ executionArn: RUN_ARN, startDate: new Date() });
    const res = await runs({
      documents: docs(2),
      steps: ['speak', 'pii', 'translate'],
      targetLanguage: 'ko',
    });
    expect(res.statusCode).toBe(202);
    const body = bodyOf(res);
    expect(body).toMatchObject({
      items: 2,
      steps: ['language', 'pii', 'translate', 'speak'],
      inference: 'realtime',
    });
    expect(body.added).toEqual(['language (needed by the steps asked for)']);

    const puts = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    const manifest = puts.find((p) => p.Key?.endsWith('manifest.jsonl'))!;
    expect(manifest.Key).toBe(`input/${body.runId}/manifest.jsonl`);
    const items = String(manifest.Body)
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(items).toEqual([
      { itemId: 'd00001', key: expect.stringMatching(/_doc-0\.txt$/), name: 'doc-0.txt', type: 'text/plain' },
      { itemId: 'd00002', key: expect.stringMatching(/_doc-1\.txt$/), name: 'doc-1.txt', type: 'text/plain' },
    ]);
    const start = sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input;
    expect(start.name).toBe(body.runId);
    expect(JSON.parse(start.input!)).toEqual({
      runId: body.runId,
      manifestKey: `input/${body.runId}/manifest.jsonl`,
      itemCount: 2,
      run: {
        runId: body.runId,
        inference: 'realtime',
        do: {
          extract: false,
          language: true,
          pii: true,
          sentiment: false,
          translate: true,
          summarize: false,
          speak: true,
        },
        targetLanguage: 'ko',
        summaryLanguage: 'the language whose ISO code is "ko"',
      },
    });
  });

  test('uploaded files are listed under the run; a scan needs the extract step', async () => {
    s3.on(ListObjectsV2Command).resolves({
      Contents: [{ Key: `input/${RUN}/0b1c2d3e-0000-4000-8000-000000000001_invoice.png` }],
    });
    const res = await runs({ runId: RUN, steps: ['language'] });
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.message).toMatch(/add the extract step, which reads them with Textract/);
    expect(sfn.calls()).toHaveLength(0);
  });

  test('a run that was started already is a 409', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: `input/${RUN}/manifest.jsonl` }] });
    const res = await runs({ runId: RUN, steps: ['language'] });
    expect(res.statusCode).toBe(409);
    expect(sfn.calls()).toHaveLength(0);
  });

  test.each([
    ['no documents', { steps: ['language'] }, 400, /runId.*documents/],
    ['no steps', { documents: docs(1), steps: [] }, 400, /steps/],
    ['a step twice', { documents: docs(1), steps: ['language', 'language'] }, 400, /twice/],
    ['an unknown step', { documents: docs(1), steps: ['dance'] }, 400, /steps/],
    ['translate without a target', { documents: docs(1), steps: ['translate'] }, 400, /targetLanguage/],
    [
      'an unknown target',
      { documents: docs(1), steps: ['translate'], targetLanguage: 'xx' },
      400,
      /targetLanguage/,
    ],
    [
      'batch without summarize',
      { documents: docs(1), steps: ['language'], inference: 'batch' },
      400,
      /batch inference batches the summarize step/,
    ],
    [
      'over pipelineMaxItems',
      { documents: docs(4), steps: ['language'] },
      400,
      /4 documents; a real-time run takes at most 3 \(the stack's pipelineMaxItems/,
    ],
    [
      'under the batch minimum',
      { documents: docs(3), steps: ['summarize'], inference: 'batch' },
      400,
      /3 documents; a Bedrock batch inference job needs at least 4 records/,
    ],
    [
      'over pipelineMaxBatchItems',
      { documents: docs(6), steps: ['summarize'], inference: 'batch' },
      400,
      /at most 5 \(the stack's pipelineMaxBatchItems/,
    ],
    [
      'a document over 5,000 bytes',
      { documents: [{ name: 'big.txt', text: 'x'.repeat(5001) }], steps: ['language'] },
      413,
      /5001 bytes.*5000/,
    ],
    [
      'a path as a name',
      { documents: [{ name: '../x', text: 'a' }], steps: ['language'] },
      400,
      /documents.0.name/,
    ],
  ])('%s → %i before any AWS call', async (_label, body, status, message) => {
    const res = await runs(body);
    expect(res.statusCode).toBe(status);
    const err = bodyOf(res).error;
    expect(err).toMatchObject({ code: expect.any(String), requestId: expect.any(String) });
    expect(err.message).toMatch(message);
    expect(s3.calls()).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });

  test('an uploaded run over the ceiling is refused after listing, before anything is written or started', async () => {
    s3.on(ListObjectsV2Command).resolves({
      Contents: Array.from({ length: 4 }, (_, i) => ({
        Key: `input/${RUN}/0b1c2d3e-0000-4000-8000-00000000000${i}_n${i}.txt`,
      })),
    });
    const res = await runs({ runId: RUN, steps: ['language'] });
    expect(res.statusCode).toBe(400);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });
});

describe('a Region that lacks a step’s service (Tokyo: no Textract)', () => {
  const tokyo = gapsFor('ap-northeast-1', {
    service: service('pipeline'),
    requestNeeds: stepNeeds(STEPS, 'amazon.nova-micro-v1:0'),
  });
  beforeEach(() => {
    process.env[REGION_GAPS_ENV] = JSON.stringify(tokyo);
    process.env.AWS_REGION = 'ap-northeast-1';
  });
  afterEach(() => {
    delete process.env[REGION_GAPS_ENV];
    process.env.AWS_REGION = 'us-east-1';
  });

  test('a run with the extract step: 501 naming the Regions with Textract, before any AWS call', async () => {
    const res = await runs({ documents: docs(1), steps: ['extract', 'translate'], targetLanguage: 'ko' });
    expect(res.statusCode).toBe(501);
    const error = bodyOf(res).error;
    expect(error.code).toBe('NOT_AVAILABLE_IN_REGION');
    expect(error.message).toMatch(
      /^Amazon Textract is not offered in ap-northeast-1\. It is offered in .*ap-northeast-2/,
    );
    expect(s3.calls()).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });

  test('a run without it goes ahead (negative control)', async () => {
    s3.on(PutObjectCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({ executionArn: RUN_ARN, startDate: new Date() });
    const res = await runs({ documents: docs(1), steps: ['translate'], targetLanguage: 'ko' });
    expect(res.statusCode).toBe(202);
  });
});

describe('GET /pipeline/runs/{runId}', () => {
  const get = (runId: string, query?: Record<string, string>) =>
    handler(
      apiEvent({ method: 'GET', resource: '/pipeline/runs/{runId}', pathParameters: { runId }, query }),
    );
  const record = (itemId: string, status: string) => ({
    item: { itemId, key: 'k', name: `${itemId}.txt`, type: 'text/plain' },
    run: { runId: RUN, inference: 'realtime' },
    status,
    doc: {
      text: 'Hello [NAME]',
      chars: 12,
      bytes: 12,
      pages: 0,
      redacted: [{ type: 'NAME', count: 1 }],
      piiChars: 14,
    },
    language: { code: 'en', score: 0.99 },
    ...(status === 'failed' && {
      failed: { translate: { Error: 'Translate.TooManyRequestsException', Cause: 'slow down' } },
    }),
  });

  test('a running run: progress from its map runs, a page of item results', async () => {
    sfn.on(DescribeExecutionCommand).resolves({
      status: 'RUNNING',
      startDate: new Date('2026-12-05T12:00:00Z'),
      input: JSON.stringify({ itemCount: 3, run: { inference: 'realtime' } }),
    });
    sfn.on(ListMapRunsCommand).resolves({
      mapRuns: [
        { mapRunArn: 'arn:map1', executionArn: RUN_ARN, stateMachineArn: 'x', startDate: new Date() },
      ],
    });
    sfn.on(DescribeMapRunCommand).resolves({
      itemCounts: {
        total: 3,
        succeeded: 1,
        failed: 1,
        running: 1,
        pending: 0,
        timedOut: 0,
        aborted: 0,
        resultsWritten: 0,
        failuresNotRedrivable: 0,
        pendingRedrive: 0,
      },
    } as never);
    s3.on(ListObjectsV2Command).resolves({
      Contents: [{ Key: `results/${RUN}/items/d00001.json` }, { Key: `results/${RUN}/items/d00002.json` }],
      IsTruncated: true,
      NextContinuationToken: 'page-2',
    });
    s3.on(GetObjectCommand, { Key: `results/${RUN}/items/d00001.json` }).resolves({
      Body: { transformToString: async () => JSON.stringify(record('d00001', 'ok')) } as never,
    });
    s3.on(GetObjectCommand, { Key: `results/${RUN}/items/d00002.json` }).resolves({
      Body: { transformToString: async () => JSON.stringify(record('d00002', 'failed')) } as never,
    });
    const res = await get(RUN, { pageSize: '2' });
    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body).toMatchObject({
      runId: RUN,
      status: 'RUNNING',
      items: { total: 3, done: 1, failed: 1, phase: 'processing' },
      nextToken: 'page-2',
    });
    expect(body.results).toEqual([
      expect.objectContaining({
        itemId: 'd00001',
        status: 'ok',
        language: { code: 'en', score: 0.99 },
        redacted: [{ type: 'NAME', count: 1 }],
      }),
      expect.objectContaining({
        itemId: 'd00002',
        status: 'failed',
        error: { step: 'translate', error: 'Translate.TooManyRequestsException', cause: 'slow down' },
      }),
    ]);
    expect(body.results[0].estimatedCostUsd).toBeCloseTo(0.0006, 10); // language + pii: 3 units each
    expect(s3.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toMatchObject({
      Prefix: `results/${RUN}/items/`,
      MaxKeys: 2,
    });
  });

  test('a finished run: its report’s counts and cost', async () => {
    sfn
      .on(DescribeExecutionCommand)
      .resolves({ status: 'SUCCEEDED', input: JSON.stringify({ itemCount: 1 }) });
    s3.on(ListObjectsV2Command).resolves({ Contents: [] });
    s3.on(GetObjectCommand, { Key: `results/${RUN}/report.json` }).resolves({
      Body: {
        transformToString: async () =>
          JSON.stringify({
            items: { total: 1, ok: 1, failed: 0, pending: 0 },
            failures: [],
            cost: { totalUsd: 0.0123, steps: [] },
          }),
      } as never,
    });
    const body = bodyOf(await get(RUN));
    expect(body.items).toEqual({ total: 1, ok: 1, failed: 0, pending: 0, done: 1 });
    expect(body.cost.totalUsd).toBe(0.0123);
    expect(body.usage).toMatchObject({ unit: 'documents', quantity: 1, estimatedCostUsd: 0.0123 });
    expect(sfn.commandCalls(ListMapRunsCommand)).toHaveLength(0);
  });

  test('an unknown run is a 404; a malformed id is a 400 before any AWS call', async () => {
    sfn
      .on(DescribeExecutionCommand)
      .rejects(Object.assign(new Error('gone'), { name: 'ExecutionDoesNotExist' }));
    expect((await get(RUN)).statusCode).toBe(404);
    sfn.reset();
    const bad = await get('not-a-run');
    expect(bad.statusCode).toBe(400);
    expect(sfn.calls()).toHaveLength(0);
  });

  test('throttling from Step Functions is a 429 in the lab’s error shape', async () => {
    sfn
      .on(DescribeExecutionCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const res = await get(RUN);
    expect(res.statusCode).toBe(429);
    expect(bodyOf(res).error).toMatchObject({ code: 'THROTTLED', requestId: expect.any(String) });
  });
});
