/**
 * Every route of every demo, with a valid request for it, for the lab-wide robustness tests.
 * A route in lib/services.ts without a case here fails the tests, so new routes are covered.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { buildNotesIndexJson } from '../../lambda/bedrock/notes-index';
import type { DemoId } from '../../lib/services';
import { FAKE_CREDENTIALS_ENV } from '../support/handler-env';
import { installAwsLambdaStandIn, invokeStreaming, type StreamingHandler } from '../support/streaming';

export type Handler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export interface RouteCase {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** A request the route accepts (body for POST, query for GET). */
  readonly valid: Record<string, unknown>;
  readonly pathParameters?: Record<string, string>;
  /** Body fields that carry base64 media, for media-specific attacks. */
  readonly mediaField?: string;
}

const sample = (file: string) =>
  fs.readFileSync(path.join(__dirname, '..', '..', 'samples', file)).toString('base64');

/** Environment the handlers read at start-up (fake credentials: presigning is local). */
export const HANDLER_ENV: Record<string, string> = {
  ...FAKE_CREDENTIALS_ENV,
  UPLOAD_BUCKET: 'lab-uploads',
  JOB_NAME_STEM: 'ai-lab',
  MODEL_ID: 'amazon.nova-micro-v1:0',
  MAX_TOKENS_CAP: '512',
  DOCUMENT_MODEL_ID: 'amazon.nova-lite-v1:0',
  GUARDRAIL_ID: 'gr-test',
  GUARDRAIL_VERSION: '1',
  COMPARE_MODEL_IDS: 'amazon.nova-micro-v1:0,amazon.nova-lite-v1:0,amazon.nova-pro-v1:0',
  PIPELINE_BUCKET: 'pipeline-documents',
  STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:Pipeline',
  MAX_ITEMS: '100',
  MAX_BATCH_ITEMS: '1000',
  BATCH_MIN_RECORDS: '100',
  MAX_ITEM_BYTES: '5242880',
  GUARDRAIL: 'true',
};

/**
 * Bedrock has two functions, routed as the API routes them: POST /bedrock/converse-stream goes to
 * the streaming one (run under the stand-in for the runtime's streaming wrapper, its prelude and
 * body decoded into a proxy result), every other route to the buffered one. The buffered handler
 * reads the notes index the stack inlines at synth; build it the same way.
 */
function bedrockHandler(): Handler {
  const markdown = fs.readFileSync(path.join(__dirname, '..', '..', 'notes', 'study-notes.md'), 'utf8');
  (globalThis as Record<string, unknown>).__NOTES_INDEX__ = buildNotesIndexJson(markdown);
  const buffered: Handler = require('../../lambda/bedrock/handler').handler;
  installAwsLambdaStandIn();
  const stream: StreamingHandler = require('../../lambda/bedrock/stream-handler').handler;
  return async (event) => {
    if (event.resource !== '/bedrock/converse-stream') return buffered(event);
    const { statusCode, headers, body } = await invokeStreaming(stream, event);
    return { statusCode, headers, body };
  };
}

export const CASES: Partial<Record<DemoId, { handler: () => Handler; routes: RouteCase[] }>> = {
  comprehend: {
    handler: () => require('../../lambda/comprehend/handler').handler,
    routes: [
      {
        method: 'POST',
        path: '/comprehend/sentiment',
        valid: { text: 'I enjoy learning AWS AI services.', languageCode: 'en' },
      },
      {
        method: 'POST',
        path: '/comprehend/entities',
        valid: { text: 'Amazon is in Seattle.', languageCode: 'en' },
      },
      {
        method: 'POST',
        path: '/comprehend/key-phrases',
        valid: { text: 'Foundation models are large.', languageCode: 'en' },
      },
      {
        method: 'POST',
        path: '/comprehend/language',
        valid: { text: 'Which language is this sentence in?' },
      },
      {
        method: 'POST',
        path: '/comprehend/pii',
        valid: { text: 'Mail jane@example.com please.', languageCode: 'en' },
      },
      { method: 'POST', path: '/comprehend/toxicity', valid: { segments: ['Have a lovely day.'] } },
    ],
  },
  translate: {
    handler: () => require('../../lambda/translate/handler').handler,
    routes: [
      { method: 'POST', path: '/translate', valid: { text: 'Hello, world', targetLanguage: 'ko' } },
      { method: 'GET', path: '/translate/languages', valid: { displayLanguageCode: 'en' } },
    ],
  },
  polly: {
    handler: () => require('../../lambda/polly/handler').handler,
    routes: [
      { method: 'POST', path: '/polly/speech', valid: { text: 'Hello from the lab.', voiceId: 'Joanna' } },
      { method: 'GET', path: '/polly/voices', valid: { languageCode: 'ko-KR' } },
    ],
  },
  transcribe: {
    handler: () => require('../../lambda/transcribe/handler').handler,
    routes: [
      { method: 'POST', path: '/transcribe/uploads', valid: { contentType: 'audio/mpeg' } },
      {
        method: 'POST',
        path: '/transcribe/jobs',
        valid: { audioBase64: sample('hello-en.wav'), languageCode: 'en-US' },
        mediaField: 'audioBase64',
      },
      {
        method: 'GET',
        path: '/transcribe/jobs/{jobName}',
        valid: {},
        pathParameters: { jobName: 'ai-lab-20261128-120000-abcdef12' },
      },
    ],
  },
  textract: {
    handler: () => require('../../lambda/textract/handler').handler,
    routes: [
      {
        method: 'POST',
        path: '/textract/text',
        valid: { document: sample('invoice-form.png') },
        mediaField: 'document',
      },
      {
        method: 'POST',
        path: '/textract/analyze',
        valid: {
          document: sample('one-page.pdf'),
          features: ['TABLES', 'QUERIES'],
          queries: [{ text: 'What is the total?' }],
        },
        mediaField: 'document',
      },
      { method: 'POST', path: '/textract/uploads', valid: { contentType: 'application/pdf' } },
      {
        method: 'POST',
        path: '/textract/jobs',
        valid: { key: 'uploads/0f8fad5b-d9cb-469f-a165-70867728950e.pdf', mode: 'text' },
      },
      {
        method: 'GET',
        path: '/textract/jobs/{jobId}',
        valid: { mode: 'text' },
        pathParameters: { jobId: 'a'.repeat(64) },
      },
    ],
  },
  rekognition: {
    handler: () => require('../../lambda/rekognition/handler').handler,
    routes: ['labels', 'text', 'faces', 'moderation'].map((route) => ({
      method: 'POST' as const,
      path: `/rekognition/${route}`,
      valid: { image: sample('street-scene.jpg') },
      mediaField: 'image',
    })),
  },
  bedrock: {
    handler: bedrockHandler,
    routes: [
      {
        method: 'POST',
        path: '/bedrock/converse',
        valid: { prompt: 'Explain prompt engineering in one sentence.', maxTokens: 100 },
      },
      {
        method: 'POST',
        path: '/bedrock/ask-notes',
        valid: { question: 'What is a hallucination?' },
      },
      {
        method: 'POST',
        path: '/bedrock/converse-stream',
        valid: { prompt: 'Explain responsiveness in one sentence.', maxTokens: 100 },
      },
      {
        method: 'POST',
        path: '/bedrock/compare',
        valid: {
          prompt: 'Explain model choice in one sentence.',
          models: ['amazon.nova-micro-v1:0', 'amazon.nova-pro-v1:0'],
          maxTokens: 100,
        },
      },
      {
        method: 'POST',
        path: '/bedrock/read-document',
        valid: {
          document: sample('invoice-form.ko.png'),
          instruction: '청구서의 필드를 추출하세요.',
          outputSchema: { type: 'object', properties: { total: { type: 'string' } } },
          maxTokens: 100,
        },
        mediaField: 'document',
      },
    ],
  },
  pipeline: {
    handler: () => require('../../lambda/pipeline/handler').handler,
    routes: [
      { method: 'POST', path: '/pipeline/uploads', valid: { contentType: 'text/plain', name: 'notes.txt' } },
      {
        method: 'POST',
        path: '/pipeline/runs',
        valid: {
          documents: [{ name: 'note.txt', text: 'Generative AI adapts to many tasks.' }],
          steps: ['language', 'translate'],
          targetLanguage: 'ko',
        },
      },
      {
        method: 'GET',
        path: '/pipeline/runs/{runId}',
        valid: {},
        pathParameters: { runId: 'r20261205120000-00aa11bb' },
      },
    ],
  },
};
