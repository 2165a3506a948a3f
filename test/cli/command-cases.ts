/**
 * One case per CLI action (and a few per option): the argv, and the request the stand-in must
 * receive for it (route, JSON fields, query, path parameters, Accept).
 */
import { readFileSync } from 'node:fs';
import type { CliLab } from './cli-lab';
import { TEXT } from './cli-lab';
import { sample } from './harness';
import type { StandIn } from './stand-in';

const b64 = (name: string) => readFileSync(sample(name)).toString('base64');

export interface Case {
  readonly argv: (api: StandIn) => Promise<string[]> | string[];
  readonly route: string;
  readonly body?: Record<string, unknown>;
  readonly query?: Record<string, string>;
  readonly params?: Record<string, RegExp>;
  /** @default application/json */
  readonly accept?: string;
}

/** The cases; `lab` uploads files and starts jobs for the actions that need a key or a job. */
export function commandCases({ cli, expectOk, uploadKey, startedJob }: CliLab): Case[] {
  return [
    {
      argv: () => ['comprehend', 'sentiment', '--text', TEXT, '--language-code', 'en'],
      route: 'POST /comprehend/sentiment',
      body: { text: TEXT, languageCode: 'en' },
    },
    {
      argv: () => ['comprehend', 'entities', '--text', TEXT],
      route: 'POST /comprehend/entities',
      body: { text: TEXT },
    },
    {
      argv: () => ['comprehend', 'key-phrases', '--text', TEXT, '--language-code', 'en'],
      route: 'POST /comprehend/key-phrases',
      body: { text: TEXT, languageCode: 'en' },
    },
    {
      argv: () => ['comprehend', 'language', '--text', TEXT],
      route: 'POST /comprehend/language',
      body: { text: TEXT },
    },
    {
      argv: () => ['comprehend', 'pii', '--text', 'Hello, my name is Jane Doe.', '--language-code', 'en'],
      route: 'POST /comprehend/pii',
      body: { text: 'Hello, my name is Jane Doe.', languageCode: 'en' },
    },
    {
      argv: () => ['comprehend', 'toxicity', '--segment', 'Thanks!', '--segment', 'Shut up.'],
      route: 'POST /comprehend/toxicity',
      body: { segments: ['Thanks!', 'Shut up.'] },
    },
    {
      argv: () => ['comprehend', 'toxicity', '--text', 'Thanks!'],
      route: 'POST /comprehend/toxicity',
      body: { text: 'Thanks!' },
    },
    {
      argv: () => ['translate', 'text', '--text', TEXT, '--target', 'ko'],
      route: 'POST /translate',
      body: { text: TEXT, targetLanguage: 'ko', sourceLanguage: 'auto' },
    },
    {
      argv: () => [
        'translate',
        'text',
        '--text',
        TEXT,
        '--target',
        'ja',
        '--source',
        'en',
        '--formality',
        'FORMAL',
        '--mask-profanity',
      ],
      route: 'POST /translate',
      body: {
        text: TEXT,
        targetLanguage: 'ja',
        sourceLanguage: 'en',
        formality: 'FORMAL',
        maskProfanity: true,
      },
    },
    {
      argv: () => ['translate', 'languages', '--display-language-code', 'ko'],
      route: 'GET /translate/languages',
      query: { displayLanguageCode: 'ko' },
    },
    { argv: () => ['translate', 'languages'], route: 'GET /translate/languages', query: {} },
    {
      argv: () => ['textract', 'text', '--document', sample('invoice-form.png')],
      route: 'POST /textract/text',
      body: { document: b64('invoice-form.png') },
    },
    {
      argv: () => [
        'textract',
        'analyze',
        '--document',
        sample('invoice-form.jpg'),
        '--features',
        'TABLES,FORMS',
        '--query',
        'What is the total?',
        '--query',
        'INVOICE_NUMBER=What is the invoice number?',
      ],
      route: 'POST /textract/analyze',
      body: {
        document: b64('invoice-form.jpg'),
        features: ['TABLES', 'FORMS', 'QUERIES'],
        queries: [
          { text: 'What is the total?' },
          { text: 'What is the invoice number?', alias: 'INVOICE_NUMBER' },
        ],
      },
    },
    {
      argv: () => ['textract', 'analyze', '--document', sample('one-page.pdf')],
      route: 'POST /textract/analyze',
      body: { document: b64('one-page.pdf'), features: ['TABLES', 'FORMS'] },
    },
    {
      argv: () => ['textract', 'upload', '--file', sample('two-page.pdf')],
      route: 'POST /textract/uploads',
      body: { contentType: 'application/pdf' },
    },
    {
      argv: async () => [
        'textract',
        'job',
        '--key',
        await uploadKey('textract', 'two-page.pdf'),
        '--mode',
        'text',
      ],
      route: 'POST /textract/jobs',
      body: { key: expect.stringMatching(/^uploads\/[0-9a-f-]{36}\.pdf$/), mode: 'text' },
    },
    {
      argv: async () => [
        'textract',
        'job',
        '--key',
        await uploadKey('textract', 'two-page.pdf'),
        '--features',
        'TABLES',
      ],
      route: 'POST /textract/jobs',
      body: { key: expect.stringMatching(/^uploads\//), mode: 'analyze', features: ['TABLES'] },
    },
    {
      argv: async () => [
        'textract',
        'job',
        '--key',
        await uploadKey('textract', 'two-page.pdf'),
        '--mode',
        'analyze',
      ],
      route: 'POST /textract/jobs',
      body: { key: expect.stringMatching(/^uploads\//), mode: 'analyze', features: ['TABLES', 'FORMS'] },
    },
    {
      argv: async () => [
        'textract',
        'job',
        '--key',
        await uploadKey('textract', 'two-page.pdf'),
        '--query',
        'TOTAL=What is the total?',
      ],
      route: 'POST /textract/jobs',
      body: {
        key: expect.stringMatching(/^uploads\//),
        mode: 'analyze',
        features: ['QUERIES'],
        queries: [{ text: 'What is the total?', alias: 'TOTAL' }],
      },
    },
    {
      argv: async () => ['textract', 'status', await startedJob('textract'), '--mode', 'text'],
      route: 'GET /textract/jobs/{jobId}',
      query: { mode: 'text' },
      params: { jobId: /^[0-9a-f]{64}$/ },
    },
    ...(['labels', 'text', 'faces', 'moderation'] as const).map((action) => ({
      argv: () => ['rekognition', action, '--image', sample('street-scene.jpg')],
      route: `POST /rekognition/${action}`,
      body: { image: b64('street-scene.jpg') },
    })),
    {
      argv: () => [
        'rekognition',
        'labels',
        '--image',
        sample('street-scene.jpg'),
        '--max-labels',
        '5',
        '--min-confidence',
        '80.5',
      ],
      route: 'POST /rekognition/labels',
      body: { image: b64('street-scene.jpg'), maxLabels: 5, minConfidence: 80.5 },
    },
    {
      argv: () => [
        'rekognition',
        'moderation',
        '--image',
        sample('invoice-form.png'),
        '--min-confidence',
        '60',
      ],
      route: 'POST /rekognition/moderation',
      body: { image: b64('invoice-form.png'), minConfidence: 60 },
    },
    {
      argv: () => ['polly', 'speech', '--text', '안녕하세요', '--voice', 'Seoyeon', '--engine', 'neural'],
      route: 'POST /polly/speech',
      body: { text: '안녕하세요', voiceId: 'Seoyeon', engine: 'neural' },
    },
    {
      argv: () => ['polly', 'voices', '--language-code', 'ko-KR'],
      route: 'GET /polly/voices',
      query: { languageCode: 'ko-KR' },
    },
    {
      argv: () => ['transcribe', 'upload', '--file', sample('hello-en.mp3')],
      route: 'POST /transcribe/uploads',
      body: { contentType: 'audio/mpeg' },
    },
    {
      argv: () => ['transcribe', 'job', '--audio', sample('hello-en.wav'), '--language-code', 'en-US'],
      route: 'POST /transcribe/jobs',
      body: { audioBase64: b64('hello-en.wav'), languageCode: 'en-US' },
    },
    {
      argv: async () => [
        'transcribe',
        'job',
        '--key',
        await uploadKey('transcribe', 'hello-en.wav'),
        '--language-options',
        'en-US,ko-KR',
      ],
      route: 'POST /transcribe/jobs',
      body: {
        key: expect.stringMatching(/^uploads\/[0-9a-f-]{36}\.wav$/),
        languageOptions: ['en-US', 'ko-KR'],
      },
    },
    {
      argv: async () => ['transcribe', 'status', await startedJob('transcribe')],
      route: 'GET /transcribe/jobs/{jobName}',
      query: {},
      params: { jobName: /^ai-lab-\d{8}-\d{6}-[0-9a-f]{8}$/ },
    },
    {
      argv: () => [
        'bedrock',
        'converse',
        '--prompt',
        'Name a robot cafe.',
        '--temperature',
        '1',
        '--max-tokens',
        '50',
        '--samples',
        '3',
      ],
      route: 'POST /bedrock/converse',
      body: { prompt: 'Name a robot cafe.', temperature: 1, maxTokens: 50, samples: 3 },
    },
    {
      argv: () => [
        'bedrock',
        'converse',
        '--instruction',
        'Classify the sentiment.',
        '--context',
        'A laptop shop.',
        '--input-data',
        'Fast delivery, weak battery.',
        '--output-indicator',
        'One word.',
        '--system',
        'You are terse.',
        '--top-p',
        '0.9',
      ],
      route: 'POST /bedrock/converse',
      body: {
        instruction: 'Classify the sentiment.',
        context: 'A laptop shop.',
        inputData: 'Fast delivery, weak battery.',
        outputIndicator: 'One word.',
        system: 'You are terse.',
        topP: 0.9,
      },
    },
    {
      argv: () => [
        'bedrock',
        'converse',
        '--file',
        sample('prompts/four-elements.json'),
        '--temperature',
        '0.5',
      ],
      route: 'POST /bedrock/converse',
      body: {
        ...JSON.parse(readFileSync(sample('prompts/four-elements.json'), 'utf8')),
        temperature: 0.5,
      },
    },
    {
      argv: () => ['bedrock', 'ask', '--question', 'What are the four elements of a prompt?', '--top-k', '2'],
      route: 'POST /bedrock/ask-notes',
      body: { question: 'What are the four elements of a prompt?', topK: 2 },
    },
    {
      argv: () => ['bedrock', 'ask', '--file', sample('prompts/ask-notes.ko.json')],
      route: 'POST /bedrock/ask-notes',
      body: JSON.parse(readFileSync(sample('prompts/ask-notes.ko.json'), 'utf8')),
    },
    {
      argv: () => ['bedrock', 'stream', '--text', 'What is a foundation model?', '--max-tokens', '100'],
      route: 'POST /bedrock/converse-stream',
      body: { prompt: 'What is a foundation model?', maxTokens: 100 },
      accept: 'application/x-ndjson',
    },
    {
      argv: () => ['bedrock', 'stream', '--file', sample('prompts/four-elements.json')],
      route: 'POST /bedrock/converse-stream',
      body: JSON.parse(readFileSync(sample('prompts/four-elements.json'), 'utf8')),
      accept: 'application/x-ndjson',
    },
    {
      argv: () => [
        'bedrock',
        'compare',
        '--text',
        'What is RAG?',
        '--models',
        'amazon.nova-micro-v1:0,amazon.nova-pro-v1:0',
      ],
      route: 'POST /bedrock/compare',
      body: { prompt: 'What is RAG?', models: ['amazon.nova-micro-v1:0', 'amazon.nova-pro-v1:0'] },
    },
    {
      argv: () => [
        'bedrock',
        'read-document',
        '--file',
        sample('invoice-form.ko.png'),
        '--request',
        sample('prompts/read-invoice.ko.json'),
      ],
      route: 'POST /bedrock/read-document',
      body: {
        ...JSON.parse(readFileSync(sample('prompts/read-invoice.ko.json'), 'utf8')),
        document: readFileSync(sample('invoice-form.ko.png')).toString('base64'),
      },
    },
    {
      argv: () => ['pipeline', 'upload', sample('pipeline/customer-email.en.txt')],
      route: 'POST /pipeline/uploads',
      body: { contentType: 'text/plain', name: 'customer-email.en.txt' },
    },
    {
      argv: () => [
        'pipeline',
        'run',
        sample('pipeline/customer-email.en.txt'),
        '--steps',
        'pii,translate',
        '--to',
        'ko',
        '--no-wait',
      ],
      route: 'POST /pipeline/runs',
      body: {
        runId: expect.stringMatching(/^r\d{14}-[0-9a-f]{8}$/),
        steps: ['pii', 'translate'],
        targetLanguage: 'ko',
        inference: 'realtime',
      },
    },
    {
      argv: async () => {
        const run = await cli(
          'pipeline',
          'run',
          sample('pipeline/product-review.en.txt'),
          '--steps',
          'language',
          '--no-wait',
          '--json',
        );
        expectOk(run);
        return ['pipeline', 'status', JSON.parse(run.stdout).runId];
      },
      route: 'GET /pipeline/runs/{runId}',
      query: {},
      params: { runId: /^r\d{14}-[0-9a-f]{8}$/ },
    },
  ];
}
