/**
 * `npm run demo -- pipeline run`: uploads every file into one run, starts it, follows it with a
 * progress bar, and ends with the per-document table and the run's cost (against the stand-in).
 */
import { allStacks, runCli, sample, tempDir, writeOutputs } from './harness';
import { PIPELINE_BUCKET } from './pipeline-stand-in';
import { type StandIn, startStandIn } from './stand-in';

let api: StandIn;
let outputs: string;
beforeAll(async () => {
  api = await startStandIn();
  outputs = writeOutputs(tempDir(), allStacks(api.url));
});
afterAll(() => api.close());
beforeEach(() => api.reset());

const FILES = ['pipeline/customer-email.en.txt', 'pipeline/study-review.ko.txt', 'invoice-form.png'];
const cli = (argv: string[], tty = false) =>
  runCli([...argv, '--outputs-file', outputs], { stderrIsTTY: tty });

test('run: every file into one run, progress until done, a row per document, the cost; a failed document exits 1', async () => {
  const run = await cli([
    'pipeline',
    'run',
    ...FILES.map(sample),
    '--steps',
    'extract,pii,translate,summarize,speak',
    '--to',
    'ko',
  ]);
  // Three presigned POSTs into one run, the run started once, then polls.
  expect(api.uploads.map((u) => [u.bucket, u.file.name])).toEqual([
    [PIPELINE_BUCKET, 'customer-email.en.txt'],
    [PIPELINE_BUCKET, 'study-review.ko.txt'],
    [PIPELINE_BUCKET, 'invoice-form.png'],
  ]);
  const runIds = new Set(api.uploads.map((u) => u.fields.key!.split('/')[1]));
  expect(runIds.size).toBe(1);
  const start = api.requests.filter((r) => r.route === '/pipeline/runs');
  expect(start).toHaveLength(1);
  expect(start[0]!.body).toEqual({
    runId: [...runIds][0],
    steps: ['extract', 'pii', 'translate', 'summarize', 'speak'],
    targetLanguage: 'ko',
    inference: 'realtime',
  });
  // Not a terminal: one progress line per change.
  expect(run.stderr).toContain('uploaded 3 documents into run');
  expect(run.stderr).toMatch(/run r\d{14}-[0-9a-f]{8}: 0\/3 \(done 0, failed 0\) processing\n/);
  expect(run.stderr).toMatch(/: 3\/3 \(done 2, failed 1\) SUCCEEDED\n/);
  // The table and the cost.
  expect(run.stdout).toMatch(
    /^document +\| status +\| lang \| sentiment \| PII replaced \| summary \(or error\) +\| cost/m,
  );
  expect(run.stdout).toMatch(
    /^customer-email\.en\.txt +\| ok +\| en +\| POSITIVE +\| NAME×1 +\| A customer praises the translation feature\. +\| \$0\.0291/m,
  );
  expect(run.stdout).toMatch(/^study-review\.ko\.txt +\| failed .*\| pii: PiiLanguageNotSupported/m);
  expect(run.stdout).toMatch(/^cost \(list prices as of \d{4}-\d{2}-\d{2}\):$/m);
  expect(run.stdout).toMatch(/^ {2}translate +4500 characters +\$0\.0675$/m);
  expect(run.stdout).toMatch(/^ {2}total \$0\.\d+$/m);
  expect(run.code).toBe(1);
});

test('on a terminal the progress is a cli-progress bar', async () => {
  const run = await cli(['pipeline', 'run', sample(FILES[0]!), '--steps', 'language'], true);
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(/run r\d{14}-[0-9a-f]{8} [█░]+ 1\/1 \| done 1 \| failed 0 \| SUCCEEDED/);
});

test('--batch asks for batch inference and says how long it may take; the API names the minimum', async () => {
  const run = await cli(['pipeline', 'run', sample(FILES[0]!), '--steps', 'summarize', '--batch']);
  expect(api.requests.find((r) => r.route === '/pipeline/runs')!.body.inference).toBe('batch');
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(
    /400 INVALID_REQUEST: This run has 1 documents; a Bedrock batch inference job needs at least 100 records/,
  );
});

test('--batch --repeat sends each file n times under its own name, to reach the minimum', async () => {
  const run = await cli([
    'pipeline',
    'run',
    sample(FILES[0]!),
    '--steps',
    'summarize',
    '--batch',
    '--repeat',
    '100',
    '--no-wait',
    '--json',
  ]);
  expect(run.code).toBe(0);
  expect(api.uploads).toHaveLength(100);
  expect(api.uploads.slice(0, 2).map((u) => u.fields.key!.replace(/^.*_/, ''))).toEqual([
    'customer-email.en.txt',
    'customer-email.en-2.txt',
  ]);
  expect(JSON.parse(run.stdout)).toMatchObject({
    items: 100,
    inference: 'batch',
    next: expect.stringMatching(/pipeline status r/),
  });
  expect(run.stderr).toContain('uploaded 100 documents into run');
});

test('a file the pipeline cannot read is refused before anything is sent', async () => {
  const run = await cli(['pipeline', 'run', sample('hello-en.mp3'), '--steps', 'language']);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/Cannot send .*hello-en\.mp3: the pipeline reads \.png, \.jpg, \.pdf, \.txt/);
  expect(api.requests).toEqual([]);
});

test('status --wait follows a run started with --no-wait', async () => {
  const started = await cli([
    'pipeline',
    'run',
    sample(FILES[0]!),
    '--steps',
    'language',
    '--no-wait',
    '--json',
  ]);
  const { runId } = JSON.parse(started.stdout);
  const run = await cli(['pipeline', 'status', runId, '--wait']);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`run ${runId}: SUCCEEDED (realtime)`);
});
