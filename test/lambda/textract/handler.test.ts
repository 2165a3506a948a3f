/**
 * The Textract handler's synchronous routes (POST /textract/text, /textract/analyze): the payload
 * limit, answers, AWS errors; and its start-up check. Shared setup: ./harness.ts.
 */
import { AnalyzeDocumentCommand, DetectDocumentTextCommand } from '@aws-sdk/client-textract';
import { DEADLINE_MARGIN_MS } from '../../../lambda/shared/deadline';
import {
  base64Length,
  EVENT_ENVELOPE_RESERVE_BYTES,
  LAMBDA_SYNC_PAYLOAD_BYTES,
} from '../../../lambda/shared/inline';
import { formatBytes } from '../../../lambda/shared/media';
import { textractCost } from '../../../lambda/shared/pricing';
import { RESULT_RESERVE_MS, RESULT_TIME_BUDGET_MS } from '../../../lambda/textract/routes';
import {
  FUNCTION_TIMEOUT_SECONDS,
  MAX_SYNC_BODY_BYTES,
  MAX_SYNC_DOCUMENT_BYTES,
  TEXTRACT_CLIENT,
} from '../../../lambda/textract/schemas';
import { bodyOf } from '../../support/events';
import {
  awsError,
  form,
  invoiceText,
  JPEG,
  ONE_PAGE_PDF,
  PNG,
  pngOfSize,
  QUERIES,
  TWO_PAGE_PDF,
  useTextractHandler,
  WAV_HEADER,
} from './harness';

const { textract, detectText, analyze, noAwsCall } = useTextractHandler();

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
