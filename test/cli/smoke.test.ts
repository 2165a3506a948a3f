/** The smoke run against the stand-in: its table, skipped stacks, async routes and exit code. */
import { readFileSync } from 'node:fs';
import { formatTable, STEPS } from '../../cli/smoke';
import { SERVICES } from '../../lib/services';
import { allStacks, labStack, runSmoke, sample, tempDir, writeOutputs } from './harness';
import { type StandIn, startStandIn, streamEvents, streamReply } from './stand-in';

let api: StandIn;

beforeAll(async () => {
  api = await startStandIn();
});
afterAll(() => api.close());
beforeEach(() => api.reset());

const CATALOGUE = SERVICES.flatMap((s) => s.routes.map((r) => `${r.method} ${r.path}`));
const outputsFor = (stacks: Record<string, string>) => writeOutputs(tempDir(), stacks);

test('one step per catalogue route', () => {
  expect(Object.keys(STEPS).sort()).toEqual([...CATALOGUE].sort());
});

test('every stack deployed: every route called once with the samples, a table, exit 0', async () => {
  const run = await runSmoke(['--outputs-file', outputsFor(allStacks(api.url))]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(api.refused).toEqual([]);
  // Every route once; the uploads' S3 POSTs on top.
  expect(api.requests.map((r) => `${r.method} ${r.route}`)).toEqual(CATALOGUE);
  expect(api.uploads.map((u) => u.file.name)).toEqual(['two-page.pdf', 'hello-en.mp3', 'invoice-form.png']);

  const lines = run.stdout.split('\n');
  expect(lines[0]).toMatch(/^stack +route +status +latency ms +billable units$/);
  expect(lines[1]).toMatch(/^-+ +-+ +-+ +-+ +-+$/);
  const rows = lines.slice(2, 2 + CATALOGUE.length);
  expect(
    rows.map((l) =>
      l
        .split(/\s{2,}/)
        .slice(0, 2)
        .join(' '),
    ),
  ).toEqual(SERVICES.flatMap((s) => s.routes.map((r) => `${labStack(s)} ${r.method} ${r.path}`)));
  const row = (route: string) => rows.find((l) => l.includes(` ${route} `))!;
  expect(row('POST /comprehend/sentiment')).toMatch(/ 200 +\d+ +3 Comprehend units of 100 characters$/);
  expect(row('POST /textract/jobs')).toMatch(/ 202 +\d+ +0 pages$/);
  expect(row('GET /textract/jobs/{jobId}')).toMatch(/ 200 +\d+ +0 pages$/);
  expect(row('POST /rekognition/labels')).toMatch(/ 200 +\d+ +1 images$/);
  expect(row('POST /polly/speech')).toMatch(/ 200 +\d+ +—$/);
  expect(row('POST /bedrock/converse')).toMatch(/ 200 +\d+ +60 tokens$/);
  // The stream is read to its usage event; the comparison sums its models.
  expect(row('POST /bedrock/converse-stream')).toMatch(/ 200 +\d+ +30 tokens$/);
  expect(row('POST /bedrock/compare')).toMatch(/ 200 +\d+ +100 tokens$/);
  // The Korean invoice, read by the document model.
  expect(row('POST /bedrock/read-document')).toMatch(/ 200 +\d+ +1300 tokens$/);
  // The pipeline: a scan uploaded, a run of it and a text started, its status read.
  expect(row('POST /pipeline/runs')).toMatch(/ 202 +\d+ +2 documents$/);
  expect(row('GET /pipeline/runs/{runId}')).toMatch(/ 200 +\d+ +2 documents$/);
  expect(run.stdout).toContain(`${CATALOGUE.length} passed, 0 failed, 0 stacks skipped\n`);

  // The committed samples, as they are.
  const body = (route: string) => api.requests.find((r) => `${r.method} ${r.route}` === route)!.body;
  expect(body('POST /pipeline/runs')).toEqual({
    runId: expect.stringMatching(/^r\d{14}-[0-9a-f]{8}$/),
    documents: [
      { name: 'customer-email.en.txt', text: readFileSync(sample('pipeline/customer-email.en.txt'), 'utf8') },
    ],
    steps: ['extract', 'language', 'pii', 'sentiment', 'translate', 'summarize', 'speak'],
    targetLanguage: 'ko',
  });
  expect(body('POST /comprehend/pii')).toEqual(JSON.parse(readFileSync(sample('text/pii.json'), 'utf8')));
  expect(body('POST /textract/text')).toEqual({
    document: readFileSync(sample('invoice-form.png')).toString('base64'),
  });
  expect(body('POST /transcribe/jobs')).toEqual({ key: api.uploads[1]!.fields.key, languageCode: 'en-US' });
  const speech = api.requests.find((r) => r.route === '/polly/speech')!;
  expect(speech.headers.accept).toBe('audio/mpeg');
});

test('one stack deployed: its routes are checked, the others skipped with the deploy command', async () => {
  const run = await runSmoke(['--outputs-file', outputsFor({ 'AiLab-Comprehend': api.url })]);
  expect(run.code).toBe(0);
  expect(new Set(api.requests.map((r) => r.route.split('/')[1]))).toEqual(new Set(['comprehend']));
  expect(run.stdout).toContain('6 passed, 0 failed, 7 stacks skipped\n');
  for (const s of SERVICES.filter((x) => x.id !== 'comprehend')) {
    expect(run.stdout).toMatch(
      new RegExp(`^skipped ${labStack(s)}: .*\`npx cdk deploy ${labStack(s)}\``, 'm'),
    );
  }
});

test('--prefix Kim checks the stacks of that instance', async () => {
  const run = await runSmoke([
    '--prefix',
    'Kim',
    '--only',
    'comprehend',
    '--outputs-file',
    outputsFor(allStacks(api.url, 'Kim')),
  ]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^Kim-Comprehend +POST \/comprehend\/sentiment +200/m);
  expect(run.stdout).toContain('6 passed, 0 failed, 0 stacks skipped\n');
  // Without the prefix, the default instance's stacks are looked for, and the file's other instance named.
  const plain = await runSmoke([
    '--only',
    'comprehend',
    '--outputs-file',
    outputsFor(allStacks(api.url, 'Kim')),
  ]);
  expect(plain.code).toBe(1);
  expect(plain.stdout).toMatch(/^skipped AiLab-Comprehend: .*lists Kim-Comprehend: pass --prefix Kim/m);
});

test('a failing route: FAIL in the table, its error below, exit 1; the other routes still run', async () => {
  api.override('POST /comprehend/toxicity', () => ({
    status: 501,
    body: {
      error: {
        code: 'NOT_AVAILABLE_IN_REGION',
        message: 'DetectToxicContent failed in eu-central-2; it is offered only in some Regions.',
        requestId: 'req-tox',
      },
    },
  }));
  const run = await runSmoke([
    '--outputs-file',
    outputsFor({ 'AiLab-Comprehend': api.url, 'AiLab-Translate': api.url }),
  ]);
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/^AiLab-Comprehend +POST \/comprehend\/toxicity +501 FAIL +\d+ +—$/m);
  expect(run.stdout).toContain(
    'FAIL AiLab-Comprehend POST /comprehend/toxicity: 501 NOT_AVAILABLE_IN_REGION: DetectToxicContent failed in eu-central-2; it is offered only in some Regions. (req-tox)\n',
  );
  expect(run.stdout).toContain('7 passed, 1 failed, 6 stacks skipped\n');
  expect(api.requests.map((r) => r.route)).toContain('/translate/languages');
});

test('a failed step leaves the steps that need it "not run"', async () => {
  api.override('POST /textract/uploads', () => ({
    status: 429,
    body: { error: { code: 'THROTTLED', message: 'Stage throttling limit reached.', requestId: 'r1' } },
  }));
  const run = await runSmoke(['--outputs-file', outputsFor({ 'AiLab-Textract': api.url }), '--json']);
  expect(run.code).toBe(1);
  const report = JSON.parse(run.stdout);
  expect(report).toMatchObject({ passed: 2, failed: 3 });
  expect(report.rows.map((r: { route: string; status: unknown }) => [r.route, r.status])).toEqual([
    ['POST /textract/text', 200],
    ['POST /textract/analyze', 200],
    ['POST /textract/uploads', 429],
    ['POST /textract/jobs', 'not run'],
    ['GET /textract/jobs/{jobId}', 'not run'],
  ]);
  expect(report.rows[3].error).toBe('needs POST /textract/uploads');
  expect(report.skipped).toHaveLength(7);
});

test('--wait polls the batch jobs to the end (IN_PROGRESS twice), progress on stderr', async () => {
  const run = await runSmoke([
    '--outputs-file',
    outputsFor(allStacks(api.url)),
    '--only',
    'textract,transcribe',
    '--wait',
  ]);
  expect(run.code).toBe(0);
  expect(api.requests.filter((r) => r.method === 'GET').map((r) => r.route)).toEqual([
    ...Array(3).fill('/textract/jobs/{jobId}'),
    ...Array(3).fill('/transcribe/jobs/{jobName}'),
  ]);
  expect(run.stdout).toMatch(/ GET \/textract\/jobs\/\{jobId\} +200 +\d+ +2 pages$/m);
  expect(run.stdout).toMatch(/ GET \/transcribe\/jobs\/\{jobName\} +200 +\d+ +15 audio seconds$/m);
  expect(run.stderr).toMatch(/^Textract job \w+: IN_PROGRESS .*\nTextract job \w+: SUCCEEDED after \d+ s\n/);
});

test('a job that FAILED fails the run', async () => {
  api.override('GET /transcribe/jobs/{jobName}', (r) => ({
    status: 200,
    body: {
      jobName: r.params.jobName,
      status: 'FAILED',
      failureReason: 'Unsupported media',
      usage: { unit: 'audio seconds', quantity: 0 },
    },
  }));
  const run = await runSmoke(['--outputs-file', outputsFor({ 'AiLab-Transcribe': api.url })]);
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(
    /^FAIL AiLab-Transcribe GET \/transcribe\/jobs\/\{jobName\}: job FAILED: Unsupported media$/m,
  );
});

test('nothing deployed: says so and exits 1', async () => {
  const run = await runSmoke(['--outputs-file', outputsFor({})]);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('0 passed, 0 failed, 8 stacks skipped\n');
  expect(run.stderr).toContain('No demo stack of AiLab is deployed');
});

test('credentials that fail stop the run once, before any call', async () => {
  const run = await runSmoke(['--outputs-file', outputsFor(allStacks(api.url))], {
    credentials: async () => {
      throw new Error('No usable AWS credentials (Could not load credentials from any providers).');
    },
  });
  expect(run).toMatchObject({
    code: 1,
    stdout: '',
    stderr: 'No usable AWS credentials (Could not load credentials from any providers).\n',
  });
  expect(api.requests).toEqual([]);
});

test('formatTable aligns columns and right-aligns latency', () => {
  expect(
    formatTable([
      {
        stack: 'AiLab-Polly',
        route: 'GET /polly/voices',
        ok: true,
        status: 200,
        latencyMs: 5,
        units: '0 characters',
      },
      {
        stack: 'AiLab-Polly',
        route: 'POST /polly/speech',
        ok: false,
        status: 'error',
        units: '—',
        error: 'x',
      },
    ]),
  ).toBe(
    [
      'stack        route               status      latency ms  billable units',
      '-----------  ------------------  ----------  ----------  --------------',
      'AiLab-Polly  GET /polly/voices   200                  5  0 characters',
      'AiLab-Polly  POST /polly/speech  error FAIL           —  —',
    ].join('\n'),
  );
});

test('a stream that fails mid-way, or ends without usage, is a failed row and exit 1', async () => {
  const e = streamEvents('req-s');
  const error = { type: 'error', error: { code: 'THROTTLED', message: 'slow down', requestId: 'req-s' } };
  const outputs = outputsFor({ 'AiLab-Bedrock': api.url });
  api.override('POST /bedrock/converse-stream', () => streamReply([e.start, e.tokens[0], error]));
  const failed = await runSmoke(['--outputs-file', outputs]);
  expect(failed.code).toBe(1);
  expect(failed.stdout).toMatch(/POST \/bedrock\/converse-stream +200 FAIL/);
  expect(failed.stdout).toContain('mid-stream THROTTLED: slow down');

  api.override('POST /bedrock/converse-stream', () => streamReply([e.start, e.tokens[0]]));
  const cut = await runSmoke(['--outputs-file', outputs]);
  expect(cut.code).toBe(1);
  expect(cut.stdout).toContain('the stream ended without its usage block');
});
