/**
 * The Textract handler's asynchronous path: presigned uploads (POST /textract/uploads) and starting
 * jobs (POST /textract/jobs); and privacy across all its routes. Shared setup: ./harness.ts.
 */
import {
  AnalyzeDocumentCommand,
  DetectDocumentTextCommand,
  GetDocumentAnalysisCommand,
  StartDocumentAnalysisCommand,
  StartDocumentTextDetectionCommand,
} from '@aws-sdk/client-textract';
import { bodyOf } from '../../support/events';
import {
  asyncPage1,
  asyncPage2,
  awsError,
  form,
  invoiceText,
  JOB_ID,
  MAX_UPLOAD_BYTES,
  PNG,
  policyOf,
  TWO_PAGE_PDF,
  UUID,
  useTextractHandler,
  WAV_HEADER,
} from './harness';

const { textract, logs, detectText, analyze, requestUpload, startJob, getJob, noAwsCall, uploadedKey } =
  useTextractHandler();

describe('POST /textract/uploads', () => {
  it('returns a presigned POST under uploads/ whose policy pins the type and a 50 MB ceiling', async () => {
    const res = await requestUpload({ contentType: 'application/pdf' });

    expect(res.statusCode).toBe(200);
    const { upload, usage, syncLimit } = bodyOf(res);
    expect(upload).toMatchObject({
      method: 'POST',
      contentType: 'application/pdf',
      maxBytes: MAX_UPLOAD_BYTES,
      expiresInSeconds: 300,
    });
    expect(upload.url).toMatch(/^https:\/\/lab-uploads\.s3[.-]/);
    expect(upload.key).toMatch(new RegExp(`^uploads/${UUID}\\.pdf$`));
    expect(policyOf(upload.fields).conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, MAX_UPLOAD_BYTES],
        ['eq', '$Content-Type', 'application/pdf'],
        { bucket: 'lab-uploads' },
        { key: upload.key },
      ]),
    );
    expect(syncLimit).toContain('4.4 MB');
    expect(usage).toMatchObject({ unit: 'pages', quantity: 0, estimatedCostUsd: 0 });
    noAwsCall(); // presigning is local
  });

  it('gives a TIFF upload the .tiff extension', async () => {
    expect(await uploadedKey('image/tiff')).toMatch(new RegExp(`^uploads/${UUID}\\.tiff$`));
  });

  it.each([
    ['an image type the async flow does not take here', { contentType: 'image/png' }],
    ['an audio type', { contentType: 'audio/mpeg' }],
    ['a prototype property', { contentType: 'constructor' }],
    ['no type', {}],
    ['an unknown field', { contentType: 'application/pdf', key: 'uploads/mine.pdf' }],
    ['non-JSON', 'contentType=application/pdf'],
  ])('rejects %s with 400', async (_label, body) => {
    const res = await requestUpload(body);

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('INVALID_REQUEST');
    noAwsCall();
  });
});

describe('POST /textract/jobs', () => {
  it('starts text detection on an uploaded key: 202, the job id and a poll link (batch inference)', async () => {
    textract.on(StartDocumentTextDetectionCommand).resolves({ JobId: JOB_ID });
    const key = await uploadedKey();

    const res = await startJob({ key, mode: 'text' });

    expect(res.statusCode).toBe(202);
    const body = bodyOf(res);
    expect(body).toMatchObject({
      jobId: JOB_ID,
      mode: 'text',
      key,
      status: 'IN_PROGRESS',
      poll: `GET /textract/jobs/${JOB_ID}?mode=text`,
      usage: { unit: 'pages', quantity: 0 },
    });
    expect(body.features).toBeUndefined();
    expect(body.inference).toMatch(/일괄 추론/);
    expect(textract).toHaveReceivedCommandTimes(StartDocumentTextDetectionCommand, 1);
    expect(textract).toHaveReceivedCommandWith(StartDocumentTextDetectionCommand, {
      DocumentLocation: { S3Object: { Bucket: 'lab-uploads', Name: key } },
    });
    expect(textract).not.toHaveReceivedCommand(StartDocumentAnalysisCommand);
  });

  it('starts an analysis with the features, and the poll link carries them for the cost estimate', async () => {
    textract.on(StartDocumentAnalysisCommand).resolves({ JobId: JOB_ID });
    const key = await uploadedKey('image/tiff');

    const res = await startJob({ key, mode: 'analyze', features: ['TABLES', 'FORMS'] });

    expect(res.statusCode).toBe(202);
    expect(bodyOf(res)).toMatchObject({
      mode: 'analyze',
      features: ['TABLES', 'FORMS'],
      poll: `GET /textract/jobs/${JOB_ID}?mode=analyze&features=TABLES,FORMS`,
    });
    const input = textract.commandCalls(StartDocumentAnalysisCommand)[0]!.args[0].input;
    expect(input).toEqual({
      DocumentLocation: { S3Object: { Bucket: 'lab-uploads', Name: key } },
      FeatureTypes: ['TABLES', 'FORMS'],
      QueriesConfig: undefined,
    });
    expect(textract).not.toHaveReceivedCommand(StartDocumentTextDetectionCommand);
  });

  it('asks queries on every page of a multi-page job (Textract defaults to page 1)', async () => {
    textract.on(StartDocumentAnalysisCommand).resolves({ JobId: JOB_ID });
    const key = await uploadedKey();

    await startJob({
      key,
      mode: 'analyze',
      features: ['QUERIES'],
      queries: [{ text: 'What is the total?', alias: 'TOTAL' }],
    });

    expect(textract).toHaveReceivedCommandWith(StartDocumentAnalysisCommand, {
      FeatureTypes: ['QUERIES'],
      QueriesConfig: { Queries: [{ Text: 'What is the total?', Alias: 'TOTAL', Pages: ['*'] }] },
    });
  });

  it.each([
    ['a path traversal', '../etc/passwd'],
    ['a chosen name under uploads/', 'uploads/contract.pdf'],
    ['a traversal out of uploads/', 'uploads/../secret/0f8fad5b-d9cb-469f-a165-70867728950e.pdf'],
    ['another prefix', 'private/0f8fad5b-d9cb-469f-a165-70867728950e.pdf'],
    ['an extension that is not a document', 'uploads/0f8fad5b-d9cb-469f-a165-70867728950e.mp3'],
    ['upper-case hex', 'uploads/0F8FAD5B-D9CB-469F-A165-70867728950E.pdf'],
    ['an S3 URI', 's3://lab-uploads/uploads/0f8fad5b-d9cb-469f-a165-70867728950e.pdf'],
    ['a trailing line break', 'uploads/0f8fad5b-d9cb-469f-a165-70867728950e.pdf\n'],
  ])('rejects %s as key with 400, before any AWS call', async (_label, key) => {
    const res = await startJob({ key, mode: 'text' });

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('INVALID_REQUEST');
    noAwsCall();
  });

  it.each([
    ['no mode', (key: string) => ({ key })],
    ['an unknown mode', (key: string) => ({ key, mode: 'expense' })],
    ['no key', () => ({ mode: 'text' })],
    ['analyze without features', (key: string) => ({ key, mode: 'analyze' })],
    ['text with features', (key: string) => ({ key, mode: 'text', features: ['TABLES'] })],
    [
      'queries without QUERIES',
      (key: string) => ({ key, mode: 'analyze', features: ['FORMS'], queries: [{ text: 'Total?' }] }),
    ],
    ['QUERIES without queries', (key: string) => ({ key, mode: 'analyze', features: ['QUERIES'] })],
    ['an inline document', (key: string) => ({ key, mode: 'text', document: PNG.toString('base64') })],
    ['an unknown field', (key: string) => ({ key, mode: 'text', bucket: 'elsewhere' })],
  ])('rejects %s with 400, before any AWS call', async (_label, makeBody) => {
    const key = await uploadedKey();

    const res = await startJob(makeBody(key));

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('INVALID_REQUEST');
    noAwsCall();
  });

  it.each([
    ['LimitExceededException', 400, 429],
    ['ProvisionedThroughputExceededException', 400, 429],
    ['ThrottlingException', 500, 429],
    ['AccessDeniedException', 400, 403],
    ['InvalidS3ObjectException', 400, 400],
    ['UnsupportedDocumentException', 400, 415],
    ['BadDocumentException', 400, 400],
    ['DocumentTooLargeException', 400, 413],
    ['InvalidParameterException', 400, 400],
    ['IdempotentParameterMismatchException', 400, 400],
    ['InvalidKMSKeyException', 400, 400],
    ['InternalServerError', 500, 502],
  ])('maps %s (AWS %s) from StartDocumentTextDetection to %s', async (name, awsStatus, status) => {
    textract.on(StartDocumentTextDetectionCommand).rejects(awsError(name, awsStatus));
    const key = await uploadedKey();

    const res = await startJob({ key, mode: 'text' });

    expect(res.statusCode).toBe(status);
  });

  it('explains InvalidS3ObjectException: upload first', async () => {
    textract.on(StartDocumentAnalysisCommand).rejects(awsError('InvalidS3ObjectException'));
    const key = await uploadedKey();

    const res = await startJob({ key, mode: 'analyze', features: ['TABLES'] });

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.message).toMatch(/presigned POST from POST \/textract\/uploads/);
  });

  it('reports a start response without a JobId as 502', async () => {
    textract.on(StartDocumentTextDetectionCommand).resolves({});
    const key = await uploadedKey();

    expect((await startJob({ key, mode: 'text' })).statusCode).toBe(502);
  });
});

describe('privacy', () => {
  it('never logs the document, its text or the queries', async () => {
    textract.on(DetectDocumentTextCommand).resolves(invoiceText);
    textract.on(AnalyzeDocumentCommand).resolves(form);
    textract.on(StartDocumentAnalysisCommand).resolves({ JobId: JOB_ID });
    textract.on(GetDocumentAnalysisCommand).resolvesOnce(asyncPage1).resolvesOnce(asyncPage2);
    const png = PNG.toString('base64');
    const pdf = TWO_PAGE_PDF.toString('base64');
    const secretQuery = 'What is the secret saffron ratio?';

    expect((await detectText({ document: png })).statusCode).toBe(200);
    expect(
      (await analyze({ document: png, features: ['QUERIES'], queries: [{ text: secretQuery }] })).statusCode,
    ).toBe(200);
    expect((await detectText({ document: pdf })).statusCode).toBe(400);
    expect((await detectText({ document: WAV_HEADER.toString('base64') })).statusCode).toBe(415);
    expect((await analyze({ document: `${png}!`, features: ['FORMS'] })).statusCode).toBe(400);
    const key = await uploadedKey();
    expect(
      (await startJob({ key, mode: 'analyze', features: ['QUERIES'], queries: [{ text: secretQuery }] }))
        .statusCode,
    ).toBe(202);
    expect((await getJob(JOB_ID, { mode: 'analyze' })).statusCode).toBe(200);

    const output = logs().text();
    expect(output).toContain('request served'); // the capture works
    expect(output).toContain('request failed');
    for (const b64 of [png, pdf]) {
      for (let i = 0; i + 40 <= Math.min(b64.length, 4000); i += 400) {
        expect(output).not.toContain(b64.slice(i, i + 40));
      }
    }
    expect(output).not.toContain('ACME Office Supplies');
    expect(output).not.toContain('Jane Doe');
    expect(output).not.toContain('Northwind');
    expect(output).not.toContain('saffron');
  });
});
