/**
 * The Textract handler tests' shared setup: the handler loaded with a test environment, Textract
 * and S3 mocked and reset before each test, logs captured; the samples, fixtures and request helpers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import {
  type AnalyzeDocumentResponse,
  type DetectDocumentTextResponse,
  type GetDocumentAnalysisResponse,
  TextractClient,
} from '@aws-sdk/client-textract';
import { mockClient } from 'aws-sdk-client-mock';
import { apiEvent, bodyOf } from '../../support/events';
import { useHandlerEnv } from '../../support/handler-env';
import { useCapturedLogs } from '../../support/logs';

export const samplePath = (file: string) => path.join(__dirname, '../../../samples', file);
export const sample = (file: string): Buffer => fs.readFileSync(samplePath(file));
export const fixture = <T>(name: string): T =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/textract', name), 'utf8')) as T;

export const PNG = sample('invoice-form.png');
export const JPEG = sample('invoice-form.jpg');
export const ONE_PAGE_PDF = sample('one-page.pdf');
export const TWO_PAGE_PDF = sample('two-page.pdf');
export const WAV_HEADER = Buffer.concat([
  Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'),
  Buffer.alloc(32),
]);

export const invoiceText = fixture<DetectDocumentTextResponse>('detect-document-text-invoice.json');
export const form = fixture<AnalyzeDocumentResponse>('analyze-document-form.json');
export const asyncPage1 = fixture<GetDocumentAnalysisResponse>('get-document-analysis-page1.json');
export const asyncPage2 = fixture<GetDocumentAnalysisResponse>('get-document-analysis-page2.json');

export const JOB_ID = 'c3a5f0e1b2d4967a8b1c0d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708';
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const MAX_UPLOAD_BYTES = 52_428_800;

export const awsError = (name: string, status = 400, message = `${name} from AWS`) =>
  Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });

/** The decoded POST policy of a presigned upload. */
export function policyOf(fields: Record<string, string>): { conditions: unknown[] } {
  return JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8'));
}

/** A PNG of exactly `size` bytes: the signature, then padding (the mock does not read it). */
export const pngOfSize = (size: number) => Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(size - 8)]);

export const QUERIES = [
  { text: "What is the applicant's name?", alias: 'APPLICANT_NAME' },
  { text: 'When did the applicant start at AnyCompany?', alias: 'START_ANYCOMPANY' },
];

/** Loads the handler (its environment first) and registers the mocks' and logs' hooks for the file. */
export function useTextractHandler() {
  useHandlerEnv({ UPLOAD_BUCKET: 'lab-uploads' });

  const { handler } =
    require('../../../lambda/textract/handler') as typeof import('../../../lambda/textract/handler');

  const textract = mockClient(TextractClient);
  const s3 = mockClient(S3Client);
  const logs = useCapturedLogs();
  beforeEach(() => {
    textract.reset();
    s3.reset();
  });

  const post = (resource: string, body: unknown) => handler(apiEvent({ resource, body }));
  const detectText = (body: unknown) => post('/textract/text', body);
  const analyze = (body: unknown) => post('/textract/analyze', body);
  const requestUpload = (body: unknown) => post('/textract/uploads', body);
  const startJob = (body: unknown) => post('/textract/jobs', body);
  const getJob = (jobId: string, query?: Record<string, string>, h = handler) =>
    h(apiEvent({ method: 'GET', resource: '/textract/jobs/{jobId}', pathParameters: { jobId }, query }));

  const noAwsCall = () => {
    expect(textract.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  };

  /** A key the uploads route really generated. */
  async function uploadedKey(contentType = 'application/pdf'): Promise<string> {
    return bodyOf(await requestUpload({ contentType })).upload.key;
  }

  return {
    handler,
    textract,
    s3,
    /** This test's log capture. */
    logs: () => logs,
    post,
    detectText,
    analyze,
    requestUpload,
    startJob,
    getJob,
    noAwsCall,
    uploadedKey,
  };
}
