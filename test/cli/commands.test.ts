/**
 * Every CLI action against the stand-in: the request each one sends (method, path, query, JSON
 * fields, base64 of the sample), signed with the injected credentials and accepted by the demos'
 * own schemas; readable and --json output; Polly's audio download; uploads; job waiting; errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ACTIONS, buildProgram } from '../../cli/commands';
import { SERVICES } from '../../lib/services';
import { allStacks, type Run, runCli, sample, tempDir, writeOutputs } from './harness';
import {
  FAKE_MP3,
  type Recorded,
  type StandIn,
  startStandIn,
  TEST_CREDENTIALS,
  TEST_REGION,
} from './stand-in';

let api: StandIn;
let dir: string;
let outputs: string;

beforeAll(async () => {
  api = await startStandIn();
  dir = tempDir();
  outputs = writeOutputs(dir, allStacks(api.url));
});
afterAll(() => api.close());
beforeEach(() => api.reset());

const cli = (...argv: string[]) => runCli([...argv, '--outputs-file', outputs]);
const b64 = (name: string) => readFileSync(sample(name)).toString('base64');
const routeKey = (r: Recorded) => `${r.method} ${r.route}`;

function expectOk(run: Run): void {
  if (run.code !== 0) throw new Error(`exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  expect(api.refused).toEqual([]);
}

/** Upload a sample through the CLI, for the actions that need a key. */
async function uploadKey(service: 'textract' | 'transcribe', file: string): Promise<string> {
  const run = await cli(service, 'upload', '--file', sample(file), '--json');
  expectOk(run);
  return JSON.parse(run.stdout).key;
}

async function startedJob(service: 'textract' | 'transcribe'): Promise<string> {
  const run =
    service === 'textract'
      ? await cli('textract', 'job', '--key', await uploadKey('textract', 'two-page.pdf'), '--json')
      : await cli('transcribe', 'job', '--audio', sample('hello-en.mp3'), '--json');
  expectOk(run);
  const body = JSON.parse(run.stdout);
  return body.jobId ?? body.jobName;
}

describe('the command table follows the catalogue', () => {
  const catalogue = SERVICES.flatMap((s) => s.routes.map((r) => `${r.method} ${r.path}`));

  test('one action per catalogue route, and none for a route the catalogue lacks', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual([...catalogue].sort());
  });

  test('every demo is a command, every route an action under it', () => {
    const program = buildProgram({}, () => {});
    expect(program.commands.map((c) => c.name())).toEqual(SERVICES.map((s) => s.id));
    for (const s of SERVICES) {
      const group = program.commands.find((c) => c.name() === s.id)!;
      expect(group.commands).toHaveLength(s.routes.length);
    }
  });
});

interface Case {
  readonly argv: (api: StandIn) => Promise<string[]> | string[];
  readonly route: string;
  readonly body?: Record<string, unknown>;
  readonly query?: Record<string, string>;
  readonly params?: Record<string, RegExp>;
  /** @default application/json */
  readonly accept?: string;
}

const TEXT = 'I love how quickly the translation demo answered.';
const CASES: Case[] = [
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

describe('request shape of every action', () => {
  const covered = new Set<string>();

  test.each(CASES.map((c, i) => [`${c.route} #${i}`, c] as const))('%s', async (_name, c) => {
    const argv = await c.argv(api);
    api.reset();
    const run = await cli(...argv);
    expectOk(run);
    const sent = api.requests.filter((r) => routeKey(r) === c.route);
    expect(sent).toHaveLength(1);
    const req = sent[0]!;
    covered.add(c.route);
    // Exactly the fields given (strict schemas on the API side would refuse extras).
    if (c.body) expect(req.body).toEqual(c.body);
    else expect(req.body).toBeUndefined();
    if (c.query) expect(req.query).toEqual(c.query);
    for (const [name, pattern] of Object.entries(c.params ?? {})) expect(req.params[name]).toMatch(pattern);
    // Signed as API Gateway expects (the stand-in checked the signature itself).
    expect(req.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${TEST_CREDENTIALS.accessKeyId}/\\d{8}/${TEST_REGION}/execute-api/aws4_request, `,
      ),
    );
    expect(req.headers['x-amz-security-token']).toBe(TEST_CREDENTIALS.sessionToken);
    expect(req.headers.accept).toBe(c.accept ?? 'application/json');
    if (req.method === 'POST') expect(req.headers['content-type']).toBe('application/json');
  });

  test('the cases cover every route of the catalogue', () => {
    const catalogue = SERVICES.flatMap((s) => s.routes.map((r) => `${r.method} ${r.path}`));
    expect([...covered].sort()).toEqual([...catalogue].sort());
  });
});

describe('output', () => {
  test('readable by default: fields as lines, the usage block as a cost line, the request id', async () => {
    const run = await cli('comprehend', 'sentiment', '--text', TEXT, '--language-code', 'en');
    expectOk(run);
    expect(run.stdout).toContain('sentiment: MIXED\n');
    expect(run.stdout).toContain('scores: positive: 0.412, negative: 0.103, neutral: 0.021, mixed: 0.464\n');
    expect(run.stdout).toMatch(
      /^usage: 3 Comprehend units of 100 characters \(requests 1, characters 49\) ≈ \$0\.0003$/m,
    );
    expect(run.stdout).toMatch(/^requestId: standin-\d{4}$/m);
    expect(run.stderr).toBe('');
  });

  test('--json prints the response body as JSON, before or after the action', async () => {
    for (const argv of [
      ['--json', 'translate', 'text', '--text', TEXT, '--target', 'ko'],
      ['translate', 'text', '--text', TEXT, '--target', 'ko', '--json'],
    ]) {
      const run = await cli(...argv);
      expectOk(run);
      const body = JSON.parse(run.stdout);
      expect(body).toMatchObject({
        translatedText: expect.any(String),
        targetLanguage: 'ko',
        usage: { unit: 'characters', quantity: TEXT.length },
        requestId: expect.stringMatching(/^standin-/),
      });
    }
  });

  test('long base64 and geometry stay out of the readable output', async () => {
    const run = await cli('polly', 'speech', '--text', 'Hello');
    expectOk(run);
    expect(run.stdout).toContain(`audioBase64: <${FAKE_MP3.toString('base64').length} characters of base64>`);
    expect(run.stdout).toContain("hint: Send 'Accept: audio/mpeg' to receive the audio itself.");
  });

  test('tables print as rows, multi-line text as a block', async () => {
    const run = await cli('textract', 'analyze', '--document', sample('invoice-form.png'));
    expectOk(run);
    expect(run.stdout).toContain(
      'tables:\n  - page: 1\n    rows:\n      - Item | Qty | Price\n      - Widget | 2 | $10.00\n',
    );
  });
});

describe('Polly audio download', () => {
  test('--out asks for audio/mpeg and writes the bytes', async () => {
    const out = path.join(dir, 'speech.mp3');
    const run = await runCli([
      'polly',
      'speech',
      '--text',
      'Hello',
      '--voice',
      'Joanna',
      '--out',
      out,
      '--outputs-file',
      outputs,
    ]);
    expectOk(run);
    expect(api.requests[0]!.headers.accept).toBe('audio/mpeg');
    expect(readFileSync(out)).toEqual(FAKE_MP3);
    expect(run.stdout).toContain(`savedTo: ${out}\nbytes: ${FAKE_MP3.length}\ncontentType: audio/mpeg\n`);
  });

  test('--format ogg_vorbis asks for audio/ogg; a relative --out is relative to the working directory', async () => {
    const run = await runCli(
      [
        'polly',
        'speech',
        '--text',
        'Hi',
        '--format',
        'ogg_vorbis',
        '--out',
        'hi.ogg',
        '--outputs-file',
        outputs,
      ],
      {
        cwd: dir,
      },
    );
    expectOk(run);
    expect(api.requests[0]!.body).toEqual({ text: 'Hi', format: 'ogg_vorbis' });
    expect(api.requests[0]!.headers.accept).toBe('audio/ogg');
    expect(readFileSync(path.join(dir, 'hi.ogg'))).toEqual(FAKE_MP3);
  });

  test('an error instead of audio is shown, and no file is written', async () => {
    const out = path.join(dir, 'never.mp3');
    const run = await cli('polly', 'speech', '--text', 'Hi', '--voice', 'NoSuchVoice', '--out', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^400 INVALID_REQUEST: Invalid request: body\.voiceId: .* \(standin-\d{4}\)\n$/,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('uploads (presigned POST)', () => {
  test('textract upload: asks for a presigned POST, sends the fields then the file, prints the key', async () => {
    const run = await cli('textract', 'upload', '--file', sample('two-page.pdf'));
    expectOk(run);
    const [upload] = api.uploads;
    expect(upload!.order.at(-1)).toBe('file');
    expect(upload!.order.slice(0, -1)).toEqual(
      expect.arrayContaining(['key', 'Policy', 'X-Amz-Signature', 'Content-Type']),
    );
    expect(upload!.fields['Content-Type']).toBe('application/pdf');
    expect(upload!.file).toEqual({
      name: 'two-page.pdf',
      type: 'application/pdf',
      bytes: readFileSync(sample('two-page.pdf')),
    });
    expect(run.stdout).toMatch(new RegExp(`^key: ${upload!.fields.key}$`, 'm'));
    expect(run.stdout).toContain(`next: npm run demo -- textract job --key ${upload!.fields.key} --wait`);
  });

  test('the type comes from the file name, or --content-type; unknown types are refused before any call', async () => {
    expectOk(await cli('transcribe', 'upload', '--file', sample('hello-en.wav')));
    expect(api.requests[0]!.body).toEqual({ contentType: 'audio/wav' });
    const run = await cli('textract', 'upload', '--file', sample('invoice-form.png'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Cannot tell the type of');
    expect(run.stderr).toContain('--content-type (application/pdf, image/tiff)');
  });

  test('an S3 refusal is shown with its code and message', async () => {
    const run = await runCli(
      ['transcribe', 'upload', '--file', sample('hello-en.mp3'), '--outputs-file', outputs],
      {
        fetch: async (url, init) => {
          if (String(url).includes('/s3/')) {
            return new Response(
              '<Error><Code>AccessDenied</Code><Message>Policy expired</Message><RequestId>R1</RequestId></Error>',
              {
                status: 403,
              },
            );
          }
          return fetch(url, init);
        },
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('403 AccessDenied: S3 refused the upload: Policy expired (R1)\n');
  });
});

describe('batch jobs and --wait', () => {
  test('transcribe job --wait polls (IN_PROGRESS twice) until COMPLETED, progress on stderr without a spinner', async () => {
    const run = await cli(
      'transcribe',
      'job',
      '--audio',
      sample('hello-en.mp3'),
      '--wait',
      '--interval',
      '1',
    );
    expectOk(run);
    expect(api.requests.map(routeKey)).toEqual([
      'POST /transcribe/jobs',
      'GET /transcribe/jobs/{jobName}',
      'GET /transcribe/jobs/{jobName}',
      'GET /transcribe/jobs/{jobName}',
    ]);
    expect(run.stdout).toContain('status: COMPLETED\n');
    expect(run.stdout).toContain('transcript: Hello! Amazon Transcribe turns speech into text.\n');
    expect(run.stdout).toMatch(/^usage: 15 audio seconds/m);
    expect(run.stderr).toMatch(
      /^Transcribe job ai-lab-\S+: IN_PROGRESS \(polling every 1 s, up to 600 s\)\nTranscribe job ai-lab-\S+: COMPLETED after 0 s\n$/,
    );
    expect(run.stderr).not.toMatch(/[\r⠋]/);
  });

  test('on a terminal the progress is a spinner on one line, cleared at the end', async () => {
    const run = await runCli(
      ['transcribe', 'job', '--audio', sample('hello-en.mp3'), '--wait', '--outputs-file', outputs],
      {
        stderrIsTTY: true,
      },
    );
    expectOk(run);
    expect(run.stderr).toContain('\r\x1b[2K⠋ Transcribe job ');
    expect(run.stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(run.stderr).not.toContain('\n');
  });

  test('textract job --file uploads, starts an analysis and waits with the same mode and features', async () => {
    const run = await cli(
      'textract',
      'job',
      '--file',
      sample('two-page.pdf'),
      '--features',
      'TABLES,FORMS',
      '--wait',
      '--json',
    );
    expectOk(run);
    expect(api.requests.map(routeKey)).toEqual([
      'POST /textract/uploads',
      'POST /textract/jobs',
      'GET /textract/jobs/{jobId}',
      'GET /textract/jobs/{jobId}',
      'GET /textract/jobs/{jobId}',
    ]);
    expect(api.requests[1]!.body).toEqual({
      key: api.uploads[0]!.fields.key,
      mode: 'analyze',
      features: ['TABLES', 'FORMS'],
    });
    expect(api.requests[4]!.query).toEqual({ mode: 'analyze', features: 'TABLES,FORMS' });
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'SUCCEEDED',
      pages: 2,
      usage: { unit: 'pages', quantity: 2 },
    });
  });

  test('without --wait the job is started and its first status printed; status --wait resumes', async () => {
    const run = await cli('transcribe', 'job', '--audio', sample('hello-en.wav'));
    expectOk(run);
    expect(run.stdout).toContain('status: IN_PROGRESS\n');
    const jobName = /^jobName: (\S+)$/m.exec(run.stdout)![1]!;
    expect((await cli('transcribe', 'status', jobName)).stdout).toContain('status: IN_PROGRESS\n');
    const waited = await cli('transcribe', 'status', jobName, '--wait');
    expectOk(waited);
    expect(waited.stdout).toContain('status: COMPLETED\n');
  });

  test('--timeout: gives up with the command that resumes waiting', async () => {
    api.override('GET /transcribe/jobs/{jobName}', (r) => ({
      status: 200,
      body: {
        jobName: r.params.jobName,
        status: 'IN_PROGRESS',
        usage: { unit: 'audio seconds', quantity: 0 },
      },
    }));
    let clock = 0;
    const run = await runCli(
      [
        'transcribe',
        'job',
        '--audio',
        sample('hello-en.mp3'),
        '--wait',
        '--timeout',
        '30',
        '--outputs-file',
        outputs,
      ],
      {
        now: () => clock,
        sleep: async (ms) => {
          clock += ms;
        },
      },
    );
    expect(run.code).toBe(1);
    expect(api.requests.filter((r) => r.method === 'GET')).toHaveLength(7);
    expect(run.stderr).toMatch(
      /Timed out after 30 s waiting for Transcribe job (ai-lab-\S+) \(still IN_PROGRESS\)\. Check again with: npm run demo -- transcribe status \1 --wait\n$/,
    );
  });

  test('a FAILED job is printed and exits 1', async () => {
    api.override('GET /textract/jobs/{jobId}', (r) => ({
      status: 200,
      body: {
        jobId: r.params.jobId,
        mode: 'text',
        status: 'FAILED',
        statusMessage: 'UNSUPPORTED_DOCUMENT',
        usage: { unit: 'pages', quantity: 0 },
      },
    }));
    const run = await cli('textract', 'job', '--file', sample('two-page.pdf'), '--wait');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('status: FAILED\nstatusMessage: UNSUPPORTED_DOCUMENT\n');
  });
});

describe('errors', () => {
  test('a 4xx body is shown as <status> <code>: <message> (requestId), exit 1', async () => {
    const run = await cli('translate', 'text', '--text', TEXT, '--target', 'en', '--source', 'en');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^400 INVALID_REQUEST: Invalid request: body\.targetLanguage: sourceLanguage and targetLanguage must differ \(standin-\d{4}\)\n$/,
    );
  });

  test('with --json the error body also goes to stdout', async () => {
    const run = await cli('transcribe', 'status', 'ai-lab-20261128-120000-deadbeef', '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: 'No transcription job named ai-lab-20261128-120000-deadbeef.',
        requestId: expect.any(String),
      },
    });
    expect(run.stderr).toMatch(
      /^404 NOT_FOUND: No transcription job named ai-lab-20261128-120000-deadbeef\. \(standin-\d{4}\)\n$/,
    );
  });

  test('5xx bodies: the lab shape, and API Gateway’s own {"message"}', async () => {
    api.override('POST /bedrock/converse', () => ({
      status: 503,
      body: {
        error: {
          code: 'UPSTREAM_UNAVAILABLE',
          message: 'Amazon Bedrock is unavailable. Try again later.',
          requestId: 'r-503',
        },
      },
    }));
    api.override('POST /bedrock/ask-notes', () => ({
      status: 502,
      body: { message: 'Internal server error' },
    }));
    expect((await cli('bedrock', 'converse', '--prompt', 'hi')).stderr).toBe(
      '503 UPSTREAM_UNAVAILABLE: Amazon Bedrock is unavailable. Try again later. (r-503)\n',
    );
    expect((await cli('bedrock', 'ask', '--question', 'hi')).stderr).toMatch(
      /^502 HTTP_ERROR: Internal server error \(standin-\d{4}\)\n$/,
    );
  });

  test('a wrong secret key is refused by the signature check with 403', async () => {
    const run = await runCli(['comprehend', 'language', '--text', TEXT, '--outputs-file', outputs], {
      credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'wrong' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^403 INVALID_SIGNATURE: The request signature we calculated does not match/);
    expect(api.requests).toEqual([]);
  });

  test('missing files and missing choices are caught before any request', async () => {
    const missing = await cli('rekognition', 'labels', '--image', 'no-such.jpg');
    expect(missing).toMatchObject({ code: 1, stderr: 'Cannot read no-such.jpg: no such file.\n' });
    const noText = await cli('comprehend', 'sentiment');
    expect(noText.code).toBe(1);
    expect(noText.stderr).toContain("error: required option '--text <text>' not specified");
    const neither = await cli('transcribe', 'job');
    expect(neither.stderr).toBe('Give --key (from transcribe upload) or --audio.\n');
    const empty = await cli('bedrock', 'converse', '--temperature', '0');
    expect(empty.stderr).toContain('Give --prompt, the prompt elements');
    const nan = await cli('bedrock', 'converse', '--prompt', 'x', '--temperature', 'warm');
    expect(nan.stderr).toContain("option '--temperature <0-1>' argument 'warm' is invalid. Not a number.");
    expect(api.requests).toEqual([]);
  });

  test('query values are encoded as SigV4 canonicalizes them (spaces, parentheses, *)', async () => {
    const run = await cli('polly', 'voices', '--language-code', "ko KR (it's*)");
    expect(api.refused).toEqual([]);
    expect(api.requests[0]!.query).toEqual({ languageCode: "ko KR (it's*)" });
    expect(run.stderr).toMatch(
      /^400 INVALID_REQUEST: Invalid request: query\.languageCode: must look like en-US or ko-KR/,
    );
  });

  test('an unreachable endpoint is named', async () => {
    const closed = await startStandIn();
    await closed.close();
    const down = writeOutputs(tempDir(), allStacks(closed.url));
    const run = await runCli(['translate', 'languages', '--outputs-file', down]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`Cannot reach ${new URL(closed.url).origin} (ECONNREFUSED).\n`);
  });
});

describe('help', () => {
  test('--help lists the demos and the examples, offline, exit 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: ai-lab [options] [command]');
    for (const s of SERVICES) expect(run.stdout).toContain(`${s.id} `);
    expect(run.stdout).toContain('npm run demo -- polly speech');
  });

  test('an action’s help names its route and options', async () => {
    const run = await runCli(['textract', 'analyze', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('POST /textract/analyze');
    expect(run.stdout).toContain('--query <question>');
    expect(run.stdout).toContain('--json');
  });
});
