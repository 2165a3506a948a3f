import * as fs from 'node:fs';
import * as path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import {
  AnalyzeDocumentCommand,
  type AnalyzeDocumentResponse,
  DetectDocumentTextCommand,
  type DetectDocumentTextResponse,
  GetDocumentAnalysisCommand,
  type GetDocumentAnalysisResponse,
  GetDocumentTextDetectionCommand,
  type GetDocumentTextDetectionResponse,
  StartDocumentAnalysisCommand,
  StartDocumentTextDetectionCommand,
  TextractClient,
} from '@aws-sdk/client-textract';
import { mockClient } from 'aws-sdk-client-mock';
import { DEADLINE_MARGIN_MS } from '../../../lambda/shared/deadline';
import { createApiHandler } from '../../../lambda/shared/http';
import {
  base64Length,
  EVENT_ENVELOPE_RESERVE_BYTES,
  LAMBDA_SYNC_PAYLOAD_BYTES,
} from '../../../lambda/shared/inline';
import { formatBytes } from '../../../lambda/shared/media';
import { textractCost } from '../../../lambda/shared/pricing';
import {
  MAX_RESULT_CALLS,
  RESULT_RESERVE_MS,
  RESULT_TIME_BUDGET_MS,
  TEXTRACT_ERROR_OVERRIDES,
  textractRoutes,
} from '../../../lambda/textract/routes';
import {
  FUNCTION_TIMEOUT_SECONDS,
  MAX_SYNC_BODY_BYTES,
  MAX_SYNC_DOCUMENT_BYTES,
  TEXTRACT_CLIENT,
} from '../../../lambda/textract/schemas';
import { apiEvent, bodyOf } from '../../support/events';
import { useHandlerEnv } from '../../support/handler-env';
import { captureLogs, type LogCapture } from '../../support/logs';

useHandlerEnv({ UPLOAD_BUCKET: 'lab-uploads' });

const { handler } =
  require('../../../lambda/textract/handler') as typeof import('../../../lambda/textract/handler');

const textract = mockClient(TextractClient);
const s3 = mockClient(S3Client);
let logs: LogCapture;

beforeEach(() => {
  textract.reset();
  s3.reset();
  logs = captureLogs();
});
afterEach(() => logs.restore());

const samplePath = (file: string) => path.join(__dirname, '../../../samples', file);
const sample = (file: string): Buffer => fs.readFileSync(samplePath(file));
const fixture = <T>(name: string): T =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/textract', name), 'utf8')) as T;

const PNG = sample('invoice-form.png');
const JPEG = sample('invoice-form.jpg');
const ONE_PAGE_PDF = sample('one-page.pdf');
const TWO_PAGE_PDF = sample('two-page.pdf');
const WAV_HEADER = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(32)]);

const invoiceText = fixture<DetectDocumentTextResponse>('detect-document-text-invoice.json');
const form = fixture<AnalyzeDocumentResponse>('analyze-document-form.json');
const asyncPage1 = fixture<GetDocumentAnalysisResponse>('get-document-analysis-page1.json');
const asyncPage2 = fixture<GetDocumentAnalysisResponse>('get-document-analysis-page2.json');

const JOB_ID = 'c3a5f0e1b2d4967a8b1c0d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const MAX_UPLOAD_BYTES = 52_428_800;

const post = (resource: string, body: unknown) => handler(apiEvent({ resource, body }));
const detectText = (body: unknown) => post('/textract/text', body);
const analyze = (body: unknown) => post('/textract/analyze', body);
const requestUpload = (body: unknown) => post('/textract/uploads', body);
const startJob = (body: unknown) => post('/textract/jobs', body);
const getJob = (jobId: string, query?: Record<string, string>, h = handler) =>
  h(apiEvent({ method: 'GET', resource: '/textract/jobs/{jobId}', pathParameters: { jobId }, query }));

const awsError = (name: string, status = 400, message = `${name} from AWS`) =>
  Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });

const noAwsCall = () => {
  expect(textract.calls()).toHaveLength(0);
  expect(s3.calls()).toHaveLength(0);
};

/** A key the uploads route really generated. */
async function uploadedKey(contentType = 'application/pdf'): Promise<string> {
  return bodyOf(await requestUpload({ contentType })).upload.key;
}

/** The decoded POST policy of a presigned upload. */
function policyOf(fields: Record<string, string>): { conditions: unknown[] } {
  return JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8'));
}

/** A PNG of exactly `size` bytes: the signature, then padding (the mock does not read it). */
const pngOfSize = (size: number) => Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(size - 8)]);

const QUERIES = [
  { text: "What is the applicant's name?", alias: 'APPLICANT_NAME' },
  { text: 'When did the applicant start at AnyCompany?', alias: 'START_ANYCOMPANY' },
];

describe('the synchronous limit', () => {
  it('is derived from Lambda’s 6 MB payload, base64 growth and the event envelope: about 4.4 MB', () => {
    expect(LAMBDA_SYNC_PAYLOAD_BYTES).toBe(6_291_456);
    expect(MAX_SYNC_DOCUMENT_BYTES).toBe(((6_291_456 - EVENT_ENVELOPE_RESERVE_BYTES) * 3) / 4);
    expect(MAX_SYNC_DOCUMENT_BYTES).toBe(4_620_288);
    expect(formatBytes(MAX_SYNC_DOCUMENT_BYTES)).toBe('4.4 MB (4,620,288 bytes)');
    // Below Textract's own 10 MB and API Gateway's 10 MB; the body ceiling holds the base64 and
    // leaves room for the rest of the event inside Lambda's 6 MB.
    expect(MAX_SYNC_DOCUMENT_BYTES).toBeLessThan(10 * 1024 * 1024);
    expect(MAX_SYNC_BODY_BYTES).toBeGreaterThan(base64Length(MAX_SYNC_DOCUMENT_BYTES));
    expect(LAMBDA_SYNC_PAYLOAD_BYTES - MAX_SYNC_BODY_BYTES).toBeGreaterThanOrEqual(64 * 1024);
  });

  it('ends inside the function timeout, inside API Gateway’s 29 s, and never repeats a timed-out analysis', () => {
    // Every call carries the request deadline (1.5 s before the function's timeout); the result
    // pages stop early enough to leave their reserve before it.
    expect(RESULT_TIME_BUDGET_MS + RESULT_RESERVE_MS).toBeLessThan(
      FUNCTION_TIMEOUT_SECONDS * 1000 - DEADLINE_MARGIN_MS,
    );
    expect(FUNCTION_TIMEOUT_SECONDS).toBeLessThan(29);
    expect(TEXTRACT_CLIENT.retryTimeouts).toBe(false);
    expect(TEXTRACT_CLIENT.requestTimeoutMs).toBeUndefined(); // the deadline ends a long analysis
  });
});

describe('POST /textract/text', () => {
  it('reads the PNG sample with DetectDocumentText and returns lines with confidence', async () => {
    textract.on(DetectDocumentTextCommand).resolves(invoiceText);

    const res = await detectText({ document: PNG.toString('base64') });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body).toMatchObject({
      operation: 'DetectDocumentText',
      mediaType: 'image/png',
      pages: 1,
      keyValues: [],
      tables: [],
      queries: [],
      blockCounts: { PAGE: 1, LINE: 16, WORD: 41 },
      requestId: 'req-0001',
    });
    expect(body.inference).toMatch(/실시간/);
    expect(body.lines).toHaveLength(16);
    expect(body.lines.slice(0, 3)).toEqual([
      { text: 'ACME Office Supplies Ltd.', confidence: 98.6, page: 1 },
      { text: 'INVOICE', confidence: 97.7, page: 1 },
      { text: 'Invoice No: INV-2026-0147', confidence: 98.7, page: 1 },
    ]);
    expect(body.usage).toEqual({ unit: 'pages', quantity: 1, estimatedCostUsd: textractCost(1) });
    expect(body.usage.estimatedCostUsd).toBe(0.0015);
    const calls = textract.commandCalls(DetectDocumentTextCommand);
    expect(calls).toHaveLength(1);
    expect(Buffer.from(calls[0]!.args[0].input.Document!.Bytes!).equals(PNG)).toBe(true);
  });

  it.each([
    ['the JPEG sample', JPEG, 'image/jpeg'],
    ['the one-page PDF sample', ONE_PAGE_PDF, 'application/pdf'],
    ['a TIFF', Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00]), Buffer.alloc(64)]), 'image/tiff'],
  ])('accepts %s', async (_label, bytes, mediaType) => {
    textract.on(DetectDocumentTextCommand).resolves(invoiceText);

    const res = await detectText({ document: bytes.toString('base64') });

    expect(res.statusCode).toBe(200);
    expect(bodyOf(res).mediaType).toBe(mediaType);
    expect(textract).toHaveReceivedCommandTimes(DetectDocumentTextCommand, 1);
  });

  it('accepts a data URL, trusting the bytes rather than the declared type', async () => {
    textract.on(DetectDocumentTextCommand).resolves(invoiceText);

    const res = await detectText({ document: `data:application/pdf;base64,${PNG.toString('base64')}` });

    expect(res.statusCode).toBe(200);
    expect(bodyOf(res).mediaType).toBe('image/png');
  });

  it('accepts a document of exactly the limit', async () => {
    textract.on(DetectDocumentTextCommand).resolves(invoiceText);
    const document = pngOfSize(MAX_SYNC_DOCUMENT_BYTES).toString('base64');

    const res = await detectText({ document });

    expect(res.statusCode).toBe(200);
    expect(textract).toHaveReceivedCommandTimes(DetectDocumentTextCommand, 1);
  });

  it('rejects a document one byte over the limit with 413 naming the limit, before any AWS call', async () => {
    const document = pngOfSize(MAX_SYNC_DOCUMENT_BYTES + 1).toString('base64');

    const res = await detectText({ document });

    expect(res.statusCode).toBe(413);
    const { error } = bodyOf(res);
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('4.4 MB (4,620,288 bytes)');
    noAwsCall();
  });

  it('rejects a body over the route ceiling with 413', async () => {
    const res = await detectText({ document: 'A'.repeat(MAX_SYNC_BODY_BYTES) });

    expect(res.statusCode).toBe(413);
    expect(bodyOf(res).error.message).toContain(String(MAX_SYNC_BODY_BYTES));
    noAwsCall();
  });

  it('rejects the two-page PDF with 400 pointing to the batch flow, before any AWS call', async () => {
    const res = await detectText({ document: TWO_PAGE_PDF.toString('base64') });

    expect(res.statusCode).toBe(400);
    const { error } = bodyOf(res);
    expect(error.code).toBe('MULTI_PAGE_DOCUMENT');
    expect(error.message).toContain('2 pages');
    expect(error.message).toContain('POST /textract/uploads');
    expect(error.message).toContain('POST /textract/jobs');
    noAwsCall();
  });

  it.each([
    ['WAV audio', WAV_HEADER, /audio\/wav/],
    ['plain text', Buffer.from('Invoice No: INV-2026-0147\nTotal: 42.00\n'), /not a recognised file type/],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), /not a recognised file type/],
  ])('rejects %s with 415, before any AWS call', async (_label, bytes, message) => {
    const res = await detectText({ document: bytes.toString('base64') });

    expect(res.statusCode).toBe(415);
    const { error } = bodyOf(res);
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toMatch(message);
    expect(error.message).toContain('image/png, image/jpeg, image/tiff, application/pdf');
    noAwsCall();
  });

  it.each([
    ['characters outside the alphabet', 'not base64!'],
    ['a missing padding character', PNG.subarray(0, 10).toString('base64').replace(/=+$/, '')],
    ['a line break', `${PNG.toString('base64').slice(0, 76)}\n${PNG.toString('base64').slice(76)}`],
    ['the URL-safe alphabet', PNG.toString('base64url')],
  ])('rejects base64 with %s with 400, before any AWS call', async (_label, document) => {
    const res = await detectText({ document });

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.message).toMatch(/base64/);
    noAwsCall();
  });

  it.each([
    ['non-JSON', 'document=abc'],
    ['no body', undefined],
    ['no document', {}],
    ['an empty document', { document: '' }],
    ['a document that is not a string', { document: 42 }],
    ['an unknown field', { document: PNG.toString('base64'), features: ['TABLES'] }],
    ['a JSON array', [PNG.toString('base64')]],
  ])('rejects %s with 400', async (_label, body) => {
    const res = await detectText(body);

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('INVALID_REQUEST');
    noAwsCall();
  });
});

describe('POST /textract/analyze', () => {
  it('runs TABLES, FORMS and QUERIES and returns fields, tables as rows of text, and answers', async () => {
    textract.on(AnalyzeDocumentCommand).resolves(form);

    const res = await analyze({
      document: PNG.toString('base64'),
      features: ['TABLES', 'FORMS', 'QUERIES'],
      queries: QUERIES,
    });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body).toMatchObject({
      operation: 'AnalyzeDocument',
      mediaType: 'image/png',
      features: ['TABLES', 'FORMS', 'QUERIES'],
      pages: 1,
      blockCounts: { TABLE: 1, CELL: 9, KEY_VALUE_SET: 12, QUERY: 2, QUERY_RESULT: 2 },
    });
    expect(body.lines).toHaveLength(20);
    expect(body.lines[0]).toEqual({ text: 'Employment Application', confidence: 98.5, page: 1 });
    expect(body.keyValues).toEqual(
      expect.arrayContaining([
        { key: 'Full Name:', value: 'Jane Doe', confidence: 86.2, page: 1 },
        { key: 'Middle Name:', value: '', confidence: 91.2, page: 1 },
        { key: 'Full-time', value: '[X]', confidence: 89.7, page: 1 },
      ]),
    );
    expect(body.tables).toEqual([
      {
        page: 1,
        confidence: 95.5,
        rows: [
          ['Employer', 'From', 'To'],
          ['Example Corp', '2019', '2023'],
          ['AnyCompany', '2023', 'Present'],
        ],
      },
    ]);
    expect(body.queries).toEqual([
      {
        query: "What is the applicant's name?",
        alias: 'APPLICANT_NAME',
        answer: 'Jane Doe',
        confidence: 98.7,
        page: 1,
      },
      {
        query: 'When did the applicant start at AnyCompany?',
        alias: 'START_ANYCOMPANY',
        answer: '2023',
        confidence: 85.1,
        page: 1,
      },
    ]);
    expect(body.usage).toEqual({
      unit: 'pages',
      quantity: 1,
      estimatedCostUsd: textractCost(1, ['TABLES', 'FORMS', 'QUERIES']),
      features: 'TABLES,FORMS,QUERIES',
    });
    expect(body.usage.estimatedCostUsd).toBe(0.08);
    expect(textract).toHaveReceivedCommandWith(AnalyzeDocumentCommand, {
      FeatureTypes: ['TABLES', 'FORMS', 'QUERIES'],
      QueriesConfig: {
        Queries: [
          { Text: "What is the applicant's name?", Alias: 'APPLICANT_NAME' },
          { Text: 'When did the applicant start at AnyCompany?', Alias: 'START_ANYCOMPANY' },
        ],
      },
    });
    const input = textract.commandCalls(AnalyzeDocumentCommand)[0]!.args[0].input;
    expect(Buffer.from(input.Document!.Bytes!).equals(PNG)).toBe(true);
  });

  it('prices TABLES alone and sends no QueriesConfig', async () => {
    textract.on(AnalyzeDocumentCommand).resolves(form);

    const res = await analyze({ document: ONE_PAGE_PDF.toString('base64'), features: ['TABLES'] });

    expect(res.statusCode).toBe(200);
    expect(bodyOf(res).usage).toMatchObject({ quantity: 1, estimatedCostUsd: 0.015, features: 'TABLES' });
    const input = textract.commandCalls(AnalyzeDocumentCommand)[0]!.args[0].input;
    expect(input.FeatureTypes).toEqual(['TABLES']);
    expect(input.QueriesConfig).toBeUndefined();
  });

  it('sends a query without an alias as text only', async () => {
    textract.on(AnalyzeDocumentCommand).resolves(form);

    await analyze({
      document: PNG.toString('base64'),
      features: ['QUERIES'],
      queries: [{ text: 'What is the total?' }],
    });

    expect(textract).toHaveReceivedCommandWith(AnalyzeDocumentCommand, {
      QueriesConfig: { Queries: [{ Text: 'What is the total?' }] },
    });
  });

  it('rejects the two-page PDF with 400 pointing to the batch flow', async () => {
    const res = await analyze({ document: TWO_PAGE_PDF.toString('base64'), features: ['FORMS'] });

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.message).toMatch(/POST \/textract\/uploads.*POST \/textract\/jobs/);
    noAwsCall();
  });

  it('rejects wrong media with 415 and an oversized document with 413', async () => {
    const wrong = await analyze({ document: WAV_HEADER.toString('base64'), features: ['FORMS'] });
    const big = await analyze({
      document: pngOfSize(MAX_SYNC_DOCUMENT_BYTES + 3).toString('base64'),
      features: ['FORMS'],
    });

    expect(wrong.statusCode).toBe(415);
    expect(big.statusCode).toBe(413);
    expect(bodyOf(big).error.message).toContain('4,620,288 bytes');
    noAwsCall();
  });

  const doc = PNG.toString('base64');
  const q = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `What is field ${i}?` }));
  it.each([
    ['no features', { document: doc }],
    ['empty features', { document: doc, features: [] }],
    ['a repeated feature', { document: doc, features: ['TABLES', 'TABLES'] }],
    ['an unknown feature', { document: doc, features: ['LAYOUT'] }],
    ['a lower-case feature', { document: doc, features: ['tables'] }],
    ['QUERIES without queries', { document: doc, features: ['QUERIES'] }],
    ['queries without QUERIES', { document: doc, features: ['FORMS'], queries: q(1) }],
    ['an empty queries list', { document: doc, features: ['QUERIES'], queries: [] }],
    ['16 queries', { document: doc, features: ['QUERIES'], queries: q(16) }],
    ['a 201-character query', { document: doc, features: ['QUERIES'], queries: [{ text: 'a'.repeat(201) }] }],
    ['a Korean query', { document: doc, features: ['QUERIES'], queries: [{ text: '합계는 얼마입니까?' }] }],
    ['a blank query', { document: doc, features: ['QUERIES'], queries: [{ text: '   ' }] }],
    ['an empty alias', { document: doc, features: ['QUERIES'], queries: [{ text: 'Total?', alias: '' }] }],
    [
      'an unknown query field',
      { document: doc, features: ['QUERIES'], queries: [{ text: 'Total?', pages: ['*'] }] },
    ],
    ['an unknown field', { document: doc, features: ['FORMS'], adapter: 'x' }],
    ['no document', { features: ['FORMS'] }],
  ])('rejects %s with 400, before any AWS call', async (_label, body) => {
    const res = await analyze(body);

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('INVALID_REQUEST');
    noAwsCall();
  });

  it('accepts every ASCII punctuation character Textract allows in a query', async () => {
    textract.on(AnalyzeDocumentCommand).resolves(form);
    const text = 'Total [USD] incl. 10% tax & fees (net/gross)? "a\\b" <x> {y} |z| ~`^_=+*#$@!;:,\'';

    const res = await analyze({
      document: doc,
      features: ['QUERIES'],
      queries: [{ text, alias: 'TOTAL_USD' }],
    });

    expect(res.statusCode).toBe(200);
    expect(textract).toHaveReceivedCommandWith(AnalyzeDocumentCommand, {
      QueriesConfig: { Queries: [{ Text: text, Alias: 'TOTAL_USD' }] },
    });
  });

  it('accepts exactly 15 queries of 200 characters', async () => {
    textract.on(AnalyzeDocumentCommand).resolves(form);
    const queries = Array.from({ length: 15 }, (_, i) => ({ text: `${i}`.padEnd(200, 'x'), alias: `Q${i}` }));

    const res = await analyze({ document: doc, features: ['QUERIES'], queries });

    expect(res.statusCode).toBe(200);
  });
});

describe('AWS errors of the synchronous routes (the errors modeled in the Textract Smithy model)', () => {
  it.each([
    ['BadDocumentException', 400, 400, 'INVALID_REQUEST'],
    ['UnsupportedDocumentException', 400, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['DocumentTooLargeException', 400, 413, 'PAYLOAD_TOO_LARGE'],
    ['InvalidParameterException', 400, 400, 'INVALID_REQUEST'],
    ['InvalidS3ObjectException', 400, 400, 'INVALID_REQUEST'],
    ['ProvisionedThroughputExceededException', 400, 429, 'THROTTLED'],
    ['ThrottlingException', 500, 429, 'THROTTLED'],
    ['AccessDeniedException', 400, 403, 'ACCESS_DENIED'],
    ['InternalServerError', 500, 502, 'UPSTREAM_ERROR'],
  ])('DetectDocumentText %s (AWS %s) → %s', async (name, awsStatus, status, code) => {
    textract.on(DetectDocumentTextCommand).rejects(awsError(name, awsStatus));

    const res = await detectText({ document: PNG.toString('base64') });

    expect(res.statusCode).toBe(status);
    expect(bodyOf(res).error.code).toBe(code);
  });

  it.each([
    ['HumanLoopQuotaExceededException', 400, 429], // a quota: retry later, not a bad request
    ['ThrottlingException', 500, 429],
    ['UnsupportedDocumentException', 400, 415],
  ])('AnalyzeDocument %s (AWS %s) → %s', async (name, awsStatus, status) => {
    textract.on(AnalyzeDocumentCommand).rejects(awsError(name, awsStatus));

    const res = await analyze({ document: PNG.toString('base64'), features: ['FORMS'] });

    expect(res.statusCode).toBe(status);
  });

  it('UnsupportedDocumentException points to the batch flow (e.g. a multi-page TIFF)', async () => {
    textract.on(DetectDocumentTextCommand).rejects(awsError('UnsupportedDocumentException'));

    const res = await detectText({ document: PNG.toString('base64') });

    expect(bodyOf(res).error.message).toMatch(/POST \/textract\/uploads.*POST \/textract\/jobs/);
  });
});

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

    const output = logs.text();
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

describe('start-up', () => {
  it('fails fast without UPLOAD_BUCKET', () => {
    const bucket = process.env.UPLOAD_BUCKET;
    delete process.env.UPLOAD_BUCKET;
    try {
      jest.isolateModules(() => {
        expect(() => require('../../../lambda/textract/handler')).toThrow(/UPLOAD_BUCKET/);
      });
    } finally {
      process.env.UPLOAD_BUCKET = bucket;
    }
  });
});
