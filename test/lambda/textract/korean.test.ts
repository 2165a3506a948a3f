/**
 * Korean input on the Textract routes: a `languageHint` Textract does not read is a 400 before any call,
 * and a result that does not look like a language Textract reads carries a notice; both point at
 * POST /bedrock/read-document. The "Korean" Textract outputs here are stand-ins written for the test
 * (three shapes such an answer could take), not answers recorded from AWS.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AnalyzeDocumentCommand,
  type Block,
  DetectDocumentTextCommand,
  type DetectDocumentTextResponse,
  GetDocumentTextDetectionCommand,
  StartDocumentTextDetectionCommand,
  TextractClient,
} from '@aws-sdk/client-textract';
import { mockClient } from 'aws-sdk-client-mock';
import { languageNotice, readabilityOf } from '../../../lambda/textract/languages';
import { apiEvent, bodyOf } from '../../support/events';
import { useHandlerEnv } from '../../support/handler-env';
import { useCapturedLogs } from '../../support/logs';

useHandlerEnv({ UPLOAD_BUCKET: 'lab-uploads' });
const { handler } =
  require('../../../lambda/textract/handler') as typeof import('../../../lambda/textract/handler');
const textract = mockClient(TextractClient);
useCapturedLogs(); // the handlers' log lines stay out of the test output
beforeEach(() => textract.reset());

const SAMPLES = path.join(__dirname, '..', '..', '..', 'samples');
const KOREAN_INVOICE = fs.readFileSync(path.join(SAMPLES, 'invoice-form.ko.png')).toString('base64');
const englishInvoice = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, '..', '..', 'fixtures', 'textract', 'detect-document-text-invoice.json'),
    'utf8',
  ),
) as DetectDocumentTextResponse;

/** A DetectDocumentText answer with these lines (text, confidence). */
function linesAnswer(lines: Array<[string, number]>): DetectDocumentTextResponse {
  const blocks: Block[] = lines.map(([Text, Confidence], i) => ({
    BlockType: 'LINE',
    Id: `line-${i}`,
    Text,
    Confidence,
    Page: 1,
  }));
  return { DocumentMetadata: { Pages: 1 }, Blocks: [{ BlockType: 'PAGE', Id: 'page', Page: 1 }, ...blocks] };
}

const post = (resource: string, body: Record<string, unknown>) => handler(apiEvent({ resource, body }));

describe('languageHint: a language Textract does not read is refused before any call', () => {
  test.each([
    ['/textract/text', { document: KOREAN_INVOICE, languageHint: 'ko' }],
    ['/textract/text', { document: KOREAN_INVOICE, languageHint: 'ko-KR' }],
    ['/textract/analyze', { document: KOREAN_INVOICE, features: ['TABLES', 'FORMS'], languageHint: 'ko' }],
    [
      '/textract/jobs',
      { key: 'uploads/0f8fad5b-d9cb-469f-a165-70867728950e.pdf', mode: 'text', languageHint: 'ko' },
    ],
    ['/textract/text', { document: KOREAN_INVOICE, languageHint: 'ja' }],
  ])('%s %j: 400 UNSUPPORTED_LANGUAGE pointing at read-document', async (resource, body) => {
    const res = await post(resource, body);
    expect(res.statusCode).toBe(400);
    const { error } = bodyOf(res);
    expect(error.code).toBe('UNSUPPORTED_LANGUAGE');
    expect(error.message).toMatch(/does not read (Korean|Japanese)/);
    expect(error.message).toContain('English, Spanish, Italian, Portuguese, French, German');
    expect(error.message).toContain('POST /bedrock/read-document');
    expect(error.message).toContain('supported-languages.html');
    expect(textract.calls()).toHaveLength(0);
  });

  test.each(['en', 'fr', 'de', 'es', 'it', 'pt', 'en-US'])(
    'negative control: %s reaches Textract',
    async (languageHint) => {
      textract.on(DetectDocumentTextCommand).resolves(englishInvoice);
      const res = await post('/textract/text', { document: KOREAN_INVOICE, languageHint });
      expect(res.statusCode).toBe(200);
      expect(textract.commandCalls(DetectDocumentTextCommand)).toHaveLength(1);
    },
  );

  test('a malformed hint is a 400 of the schema, not a guess', async () => {
    const res = await post('/textract/text', { document: KOREAN_INVOICE, languageHint: 'korean' });
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('INVALID_REQUEST');
    expect(textract.calls()).toHaveLength(0);
  });
});

describe('after the call: the Korean invoice sample, with stand-in Textract answers', () => {
  test.each([
    [
      'Hangul lines (if Textract returned the script)',
      linesAnswer([
        ['청구서', 97.1],
        ['청구서 번호: KO-2024-0042', 95.4],
        ['고객: 홍길동', 96.0],
        ['합계: 172,700원', 96.8],
      ]),
      /not Latin script \(Hangul among them\)/,
    ],
    [
      'Latin noise at low confidence',
      linesAnswer([
        ['Ž-T-Al', 41.2],
        ["ZT-Al 'EE: KO-2024-0042", 63.0],
        ["I'H: =2'", 38.5],
        ['El|: 172,7002', 55.9],
      ]),
      /mean line confidence is 49\.7 %/,
    ],
    ['no line at all', linesAnswer([]), /found no line of text/],
  ])('%s: the lines come back with a notice pointing at read-document', async (_what, answer, why) => {
    textract.on(DetectDocumentTextCommand).resolves(answer);
    const res = await post('/textract/text', { document: KOREAN_INVOICE });
    expect(res.statusCode).toBe(200);
    const out = bodyOf(res);
    expect(out.notice).toMatch(why);
    expect(out.notice).toContain('such as Korean');
    expect(out.notice).toContain('POST /bedrock/read-document');
    expect(out.readability).toEqual(expect.objectContaining({ letters: expect.any(Number) }));
    expect(out.lines).toHaveLength(answer.Blocks!.length - 1);
  });

  test('the same notice on AnalyzeDocument and on a finished job', async () => {
    const noisy = linesAnswer([
      ['Ž-T-Al', 41.2],
      ['El|: 172,7002', 55.9],
    ]);
    textract.on(AnalyzeDocumentCommand).resolves(noisy);
    const analyzed = bodyOf(
      await post('/textract/analyze', { document: KOREAN_INVOICE, features: ['TABLES'] }),
    );
    expect(analyzed.notice).toContain('POST /bedrock/read-document');
    textract.on(StartDocumentTextDetectionCommand).resolves({ JobId: 'a'.repeat(64) });
    textract.on(GetDocumentTextDetectionCommand).resolves({ ...noisy, JobStatus: 'SUCCEEDED' });
    const job = await handler(
      apiEvent({
        method: 'GET',
        resource: '/textract/jobs/{jobId}',
        pathParameters: { jobId: 'a'.repeat(64) },
        query: { mode: 'text' },
      }),
    );
    expect(bodyOf(job).notice).toContain('POST /bedrock/read-document');
  });

  test('negative control: the English invoice (a recorded-shape fixture) has no notice', async () => {
    textract.on(DetectDocumentTextCommand).resolves(englishInvoice);
    const out = bodyOf(await post('/textract/text', { document: KOREAN_INVOICE }));
    expect(out.notice).toBeUndefined();
    expect(out.readability.latinShare).toBe(1);
    expect(out.readability.meanConfidence).toBeGreaterThan(90);
  });
});

describe('readability thresholds', () => {
  test('an English page with a few Korean words stays unflagged; a mostly Korean one is flagged', () => {
    const mostlyEnglish = readabilityOf([
      { text: 'Invoice for 홍길동', confidence: 99 },
      { text: 'Total: USD 130.50, thank you for your business', confidence: 99 },
    ]);
    expect(languageNotice(mostlyEnglish)).toBeUndefined();
    const mostlyKorean = readabilityOf([{ text: '합계: 172,700원 (부가세 포함) Total', confidence: 99 }]);
    expect(languageNotice(mostlyKorean)).toMatch(/Hangul/);
  });

  test('the boundary: 80 % mean confidence passes, just under it is flagged', () => {
    expect(languageNotice(readabilityOf([{ text: 'Total', confidence: 80 }]))).toBeUndefined();
    expect(languageNotice(readabilityOf([{ text: 'Total', confidence: 79.9 }]))).toMatch(/79\.9 %/);
  });
});
