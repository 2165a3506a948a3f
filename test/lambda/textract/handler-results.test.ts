/**
 * The Textract handler's GET /textract/jobs/{jobId}: status, paging, time budget and results of a
 * job. Shared setup: ./harness.ts.
 */
import { S3Client } from '@aws-sdk/client-s3';
import {
  GetDocumentAnalysisCommand,
  GetDocumentTextDetectionCommand,
  type GetDocumentTextDetectionResponse,
  TextractClient,
} from '@aws-sdk/client-textract';
import { createApiHandler } from '../../../lambda/shared/http';
import { textractCost } from '../../../lambda/shared/pricing';
import { MAX_RESULT_CALLS, TEXTRACT_ERROR_OVERRIDES, textractRoutes } from '../../../lambda/textract/routes';
import { bodyOf } from '../../support/events';
import { asyncPage1, asyncPage2, awsError, invoiceText, JOB_ID, useTextractHandler } from './harness';

const { textract, getJob, noAwsCall } = useTextractHandler();

describe('GET /textract/jobs/{jobId}', () => {
  /** The invoice's DetectDocumentText blocks as two GetDocumentTextDetection pages. */
  const textPages = (): [GetDocumentTextDetectionResponse, GetDocumentTextDetectionResponse] => {
    const blocks = invoiceText.Blocks!;
    const half = Math.ceil(blocks.length / 2);
    return [
      {
        JobStatus: 'SUCCEEDED',
        DocumentMetadata: { Pages: 1 },
        Blocks: blocks.slice(0, half),
        NextToken: 'token-2',
      },
      { JobStatus: 'SUCCEEDED', DocumentMetadata: { Pages: 1 }, Blocks: blocks.slice(half) },
    ];
  };

  it('reports a job in progress with its status only, after one call', async () => {
    textract.on(GetDocumentAnalysisCommand).resolves({ JobStatus: 'IN_PROGRESS' });

    const res = await getJob(JOB_ID, { mode: 'analyze', features: 'TABLES' });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body).toMatchObject({ jobId: JOB_ID, mode: 'analyze', status: 'IN_PROGRESS' });
    expect(body.lines).toBeUndefined();
    expect(body.inference).toMatch(/일괄 추론/);
    expect(body.usage).toEqual({ unit: 'pages', quantity: 0 });
    expect(textract).toHaveReceivedCommandTimes(GetDocumentAnalysisCommand, 1);
    expect(textract).toHaveReceivedCommandWith(GetDocumentAnalysisCommand, {
      JobId: JOB_ID,
      MaxResults: 1000,
    });
  });

  it('follows NextToken and merges the pages of an analysis into the readable shape', async () => {
    textract
      .on(GetDocumentAnalysisCommand, { JobId: JOB_ID, NextToken: undefined })
      .resolves(asyncPage1)
      .on(GetDocumentAnalysisCommand, { JobId: JOB_ID, NextToken: asyncPage1.NextToken })
      .resolves(asyncPage2);

    const res = await getJob(JOB_ID, { mode: 'analyze', features: 'TABLES,FORMS' });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body).toMatchObject({
      jobId: JOB_ID,
      mode: 'analyze',
      status: 'SUCCEEDED',
      pages: 2,
      truncated: false,
      warnings: [],
      queries: [],
      blockCounts: { PAGE: 2, LINE: 19, KEY_VALUE_SET: 4, TABLE: 1, MERGED_CELL: 1 },
    });
    expect(body.lines).toHaveLength(19);
    expect(body.keyValues).toEqual([
      { key: 'Policy Number:', value: 'PN-48213', confidence: 87.9, page: 1 },
      { key: 'Insured:', value: 'Northwind Traders', confidence: 88.7, page: 1 },
    ]);
    expect(body.tables).toEqual([
      {
        page: 2,
        confidence: 95.1,
        footer: 'Premiums in USD per year',
        rows: [
          ['Coverage Summary', '', ''],
          ['Item', 'Limit', 'Premium'],
          ['Property', '500,000', '1,200'],
          ['Liability', '1,000,000', '800'],
        ],
      },
    ]);
    expect(body.usage).toEqual({
      unit: 'pages',
      quantity: 2,
      estimatedCostUsd: textractCost(2, ['TABLES', 'FORMS']),
      features: 'TABLES,FORMS',
    });
    expect(body.usage.estimatedCostUsd).toBe(0.13);
    const calls = textract.commandCalls(GetDocumentAnalysisCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([
      { JobId: JOB_ID, MaxResults: 1000, NextToken: undefined },
      { JobId: JOB_ID, MaxResults: 1000, NextToken: asyncPage1.NextToken },
    ]);
  });

  it('infers the features from the result when the poll has none, and says so', async () => {
    textract.on(GetDocumentAnalysisCommand).resolvesOnce(asyncPage1).resolvesOnce(asyncPage2);

    const body = bodyOf(await getJob(JOB_ID, { mode: 'analyze' }));

    expect(body.usage).toMatchObject({
      quantity: 2,
      features: 'TABLES,FORMS',
      estimatedCostUsd: textractCost(2, ['TABLES', 'FORMS']),
      note: expect.stringContaining('inferred'),
    });
  });

  it('reads a text-detection job with GetDocumentTextDetection, priced as text', async () => {
    const [first, second] = textPages();
    textract.on(GetDocumentTextDetectionCommand).resolvesOnce(first).resolvesOnce(second);

    const res = await getJob(JOB_ID, { mode: 'text' });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body).toMatchObject({ mode: 'text', status: 'SUCCEEDED', pages: 1, truncated: false });
    expect(body.lines).toHaveLength(16);
    expect(body.lines[0]).toEqual({ text: 'ACME Office Supplies Ltd.', confidence: 98.6, page: 1 });
    expect(body.usage).toEqual({ unit: 'pages', quantity: 1, estimatedCostUsd: 0.0015 });
    expect(textract).toHaveReceivedCommandTimes(GetDocumentTextDetectionCommand, 2);
    expect(textract).toHaveReceivedNthCommandWith(2, GetDocumentTextDetectionCommand, {
      NextToken: 'token-2',
    });
    expect(textract).not.toHaveReceivedCommand(GetDocumentAnalysisCommand);
  });

  it(`stops after ${MAX_RESULT_CALLS} calls and reports the result as truncated`, async () => {
    let n = 0;
    textract.on(GetDocumentTextDetectionCommand).callsFake(() => {
      n += 1;
      return {
        JobStatus: 'SUCCEEDED',
        DocumentMetadata: { Pages: 3000 },
        Blocks: [{ BlockType: 'LINE', Id: `line-${n}`, Text: `Line ${n}`, Confidence: 99, Page: n }],
        NextToken: `token-${n + 1}`,
      };
    });

    const res = await getJob(JOB_ID, { mode: 'text' });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(textract).toHaveReceivedCommandTimes(GetDocumentTextDetectionCommand, MAX_RESULT_CALLS);
    expect(body.truncated).toBe(true);
    expect(body.truncatedNote).toContain(`${MAX_RESULT_CALLS} result calls`);
    expect(body.lines).toHaveLength(MAX_RESULT_CALLS);
    // Billing is for the whole document, whatever the demo fetched.
    expect(body.usage).toMatchObject({ quantity: 3000, estimatedCostUsd: textractCost(3000) });
  });

  it('stops starting calls when the time budget is spent, and returns what it has', async () => {
    let clock = 0;
    const timed = createApiHandler({
      service: 'textract',
      routes: textractRoutes({
        textract: new TextractClient({ region: 'us-east-1' }),
        s3: new S3Client({ region: 'us-east-1' }),
        bucket: 'lab-uploads',
        now: () => clock,
      }),
      errorOverrides: TEXTRACT_ERROR_OVERRIDES,
    });
    let n = 0;
    textract.on(GetDocumentTextDetectionCommand).callsFake(() => {
      n += 1;
      clock += 7_000; // each call takes 7 s
      return {
        JobStatus: 'SUCCEEDED',
        Blocks: [{ BlockType: 'LINE', Id: `line-${n}`, Text: `Line ${n}`, Page: 1 }],
        NextToken: `token-${n + 1}`,
      };
    });

    const res = await getJob(JOB_ID, { mode: 'text' }, timed);

    // Calls start at 0, 7 and 14 s; at 21 s the 18 s budget is spent.
    expect(textract).toHaveReceivedCommandTimes(GetDocumentTextDetectionCommand, 3);
    expect(bodyOf(res)).toMatchObject({ truncated: true, lines: expect.any(Array) });
    expect(bodyOf(res).lines).toHaveLength(3);
  });

  it('bounds every call with an abort signal (the first with the request deadline alone), and an aborted later call ends the result as truncated', async () => {
    textract
      .on(GetDocumentAnalysisCommand)
      .resolvesOnce(asyncPage1)
      .rejectsOnce(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));

    const res = await getJob(JOB_ID, { mode: 'analyze', features: 'FORMS' });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body.truncated).toBe(true);
    expect(body.keyValues).toHaveLength(2);
    // send(command, options): the options are not in the mock's typed args.
    const options = textract
      .commandCalls(GetDocumentAnalysisCommand)
      .map((c) => (c.args as unknown[])[1] as { abortSignal?: unknown });
    expect(options[0]!.abortSignal).toBeInstanceOf(AbortSignal);
    expect(options[1]!.abortSignal).toBeInstanceOf(AbortSignal);
    expect(options[1]!.abortSignal).not.toBe(options[0]!.abortSignal); // the deadline or the page budget
  });

  it('returns a failed job’s status message, at no cost', async () => {
    textract.on(GetDocumentTextDetectionCommand).resolves({
      JobStatus: 'FAILED',
      StatusMessage: 'Request has unsupported document format',
    });

    const res = await getJob(JOB_ID, { mode: 'text' });

    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toMatchObject({
      status: 'FAILED',
      statusMessage: 'Request has unsupported document format',
      usage: { quantity: 0, estimatedCostUsd: 0 },
    });
    expect(bodyOf(res).lines).toBeUndefined();
    expect(textract).toHaveReceivedCommandTimes(GetDocumentTextDetectionCommand, 1);
  });

  it('returns a partly successful job with its warnings', async () => {
    textract.on(GetDocumentAnalysisCommand).resolves({
      ...asyncPage2,
      DocumentMetadata: { Pages: 2 },
      JobStatus: 'PARTIAL_SUCCESS',
      StatusMessage: 'Some pages could not be processed',
      Warnings: [{ ErrorCode: 'UNSUPPORTED_DOCUMENT_EXCEPTION', Pages: [1] }],
    });

    const body = bodyOf(await getJob(JOB_ID, { mode: 'analyze', features: 'TABLES' }));

    expect(body).toMatchObject({
      status: 'PARTIAL_SUCCESS',
      statusMessage: 'Some pages could not be processed',
      warnings: [{ ErrorCode: 'UNSUPPORTED_DOCUMENT_EXCEPTION', Pages: [1] }],
      usage: { quantity: 2, estimatedCostUsd: textractCost(2, ['TABLES']) },
    });
    expect(body.tables).toHaveLength(1);
  });

  it('an unknown job → 404 naming the job and the mode', async () => {
    textract
      .on(GetDocumentAnalysisCommand)
      .rejects(awsError('InvalidJobIdException', 400, 'Request has invalid Job Id'));

    const res = await getJob(JOB_ID, { mode: 'analyze' });

    expect(res.statusCode).toBe(404);
    expect(bodyOf(res).error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining(JOB_ID),
    });
    expect(bodyOf(res).error.message).toContain('mode=analyze');
  });

  it.each([
    ['a path', 'abc/../../etc'],
    ['spaces', 'job id'],
    ['a dot', 'job.id'],
    ['65 characters', 'a'.repeat(65)],
    ['non-ASCII', 'ｊｏｂ'],
    ['empty', ''],
  ])('an invalid job id (%s) → 400 before any AWS call', async (_label, jobId) => {
    const res = await getJob(jobId, { mode: 'text' });

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('INVALID_REQUEST');
    noAwsCall();
  });

  it.each([
    ['no mode', undefined],
    ['an unknown mode', { mode: 'expense' }],
    ['features with mode=text', { mode: 'text', features: 'TABLES' }],
    ['an unknown feature', { mode: 'analyze', features: 'LAYOUT' }],
    ['a repeated feature', { mode: 'analyze', features: 'FORMS,FORMS' }],
    ['an unknown parameter', { mode: 'text', nextToken: 'abc' }],
  ])('%s → 400 before any AWS call', async (_label, query) => {
    const res = await getJob(JOB_ID, query);

    expect(res.statusCode).toBe(400);
    noAwsCall();
  });

  it.each([
    ['ThrottlingException', 500, 429, 'THROTTLED'],
    ['ProvisionedThroughputExceededException', 400, 429, 'THROTTLED'],
    ['AccessDeniedException', 400, 403, 'ACCESS_DENIED'],
    ['InvalidParameterException', 400, 400, 'INVALID_REQUEST'],
    ['InternalServerError', 500, 502, 'UPSTREAM_ERROR'],
  ])('%s → %s', async (name, awsStatus, status, code) => {
    textract.on(GetDocumentTextDetectionCommand).rejects(awsError(name, awsStatus));

    const res = await getJob(JOB_ID, { mode: 'text' });

    expect(res.statusCode).toBe(status);
    expect(bodyOf(res).error.code).toBe(code);
  });

  it('an error on a later page is reported, not hidden', async () => {
    textract
      .on(GetDocumentAnalysisCommand)
      .resolvesOnce(asyncPage1)
      .rejectsOnce(awsError('ThrottlingException', 500));

    expect((await getJob(JOB_ID, { mode: 'analyze' })).statusCode).toBe(429);
  });
});
