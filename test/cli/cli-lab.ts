/**
 * The CLI command tests' shared setup: one stand-in per test file (started before its tests, reset
 * between them, closed after), an outputs file naming it for every demo, and the CLI run against it.
 */

import { allStacks, type Run, runCli, sample, tempDir, writeOutputs } from './harness';
import { type Recorded, type StandIn, startStandIn } from './stand-in';

export const TEXT = 'I love how quickly the translation demo answered.';
export const routeKey = (r: Recorded) => `${r.method} ${r.route}`;

export type CliLab = ReturnType<typeof useCliLab>;

/** Registers the hooks; `lab.api`, `lab.dir` and `lab.outputs` are set once `beforeAll` has run. */
export function useCliLab() {
  const lab = {} as { api: StandIn; dir: string; outputs: string };
  beforeAll(async () => {
    lab.api = await startStandIn();
    lab.dir = tempDir();
    lab.outputs = writeOutputs(lab.dir, allStacks(lab.api.url));
  });
  afterAll(() => lab.api.close());
  beforeEach(() => lab.api.reset());

  const cli = (...argv: string[]) => runCli([...argv, '--outputs-file', lab.outputs]);

  function expectOk(run: Run): void {
    if (run.code !== 0) throw new Error(`exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
    expect(lab.api.refused).toEqual([]);
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

  return { lab, cli, expectOk, uploadKey, startedJob };
}
