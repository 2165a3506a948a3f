/**
 * The CLI and the smoke run as a learner starts them (npm scripts, the bin file), in child
 * processes with a clean environment: help works offline, the default credential chain signs
 * (here from environment variables), and missing credentials give a clear message. The tests of
 * credentials start the CLI with `node --import tsx` (as cdk.json runs the app): `npx` would only
 * add npm's start-up, which the npm-script and shebang tests already go through.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { allStacks, REPO, tempDir, writeOutputs } from './harness';
import { type StandIn, startStandIn, TEST_CREDENTIALS, TEST_REGION } from './stand-in';

const exec = promisify(execFile);

let api: StandIn;
let outputs: string;

beforeAll(async () => {
  api = await startStandIn();
  outputs = writeOutputs(tempDir(), allStacks(api.url));
});
afterAll(() => api.close());
beforeEach(() => api.reset());

/** The parent's environment without any AWS settings, plus `extra`. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  return { ...env, npm_config_update_notifier: 'false', ...extra };
}

const envCredentials = {
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
  AWS_SESSION_TOKEN: TEST_CREDENTIALS.sessionToken,
  AWS_REGION: TEST_REGION,
};

async function spawn(file: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await exec(file, args, { cwd: REPO, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

test('npm run demo -- --help works with no credentials', async () => {
  const run = await spawn('npm', ['run', '--silent', 'demo', '--', '--help'], cleanEnv());
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Usage: ai-lab [options] [command]');
  expect(run.stderr).toBe('');
});

test('the bin file runs itself (shebang) and shows an action’s help', async () => {
  const run = await spawn(path.join(REPO, 'cli', 'bin.ts'), ['transcribe', 'job', '--help'], cleanEnv());
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Usage: ai-lab transcribe job [options]');
});

test('credentials from the environment (default chain) sign requests the stand-in accepts', async () => {
  const run = await spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'cli/bin.ts',
      'comprehend',
      'sentiment',
      '--text',
      'Great lab!',
      '--language-code',
      'en',
      '--outputs-file',
      outputs,
      '--json',
    ],
    cleanEnv(envCredentials),
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).sentiment).toBe('MIXED');
  expect(api.refused).toEqual([]);
  expect(api.requests).toHaveLength(1);
  // Nothing secret is printed.
  expect(run.stdout + run.stderr).not.toContain(TEST_CREDENTIALS.secretAccessKey);
});

test('no credentials anywhere: a message that says how to configure them, exit 1, no request', async () => {
  const home = tempDir();
  const run = await spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/bin.ts', 'translate', 'languages', '--outputs-file', outputs],
    cleanEnv({
      HOME: home,
      AWS_CONFIG_FILE: path.join(home, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: TEST_REGION,
    }),
  );
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(
    /^No usable AWS credentials \(.+\)\. Configure them with `aws configure`, `aws sso login/,
  );
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(api.requests).toEqual([]);
});

test('npm run smoke: a table and exit 0; the stacks left out are skipped', async () => {
  const one = writeOutputs(tempDir(), { 'AiLab-Translate': api.url });
  const run = await spawn(
    'npm',
    ['run', '--silent', 'smoke', '--', '--outputs-file', one],
    cleanEnv(envCredentials),
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^AiLab-Translate +POST \/translate +200 +\d+ +104 characters$/m);
  expect(run.stdout).toContain('2 passed, 0 failed, 7 stacks skipped\n');
});
