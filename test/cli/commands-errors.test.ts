/** The CLI's errors (API, signature, input, network) against the stand-in, and its help. */
import { SERVICES } from '../../lib/services';
import { TEXT, useCliLab } from './cli-lab';
import { allStacks, runCli, tempDir, writeOutputs } from './harness';
import { startStandIn, TEST_CREDENTIALS } from './stand-in';

const { lab, cli } = useCliLab();

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
    lab.api.override('POST /bedrock/converse', () => ({
      status: 503,
      body: {
        error: {
          code: 'UPSTREAM_UNAVAILABLE',
          message: 'Amazon Bedrock is unavailable. Try again later.',
          requestId: 'r-503',
        },
      },
    }));
    lab.api.override('POST /bedrock/ask-notes', () => ({
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
    const run = await runCli(['comprehend', 'language', '--text', TEXT, '--outputs-file', lab.outputs], {
      credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'wrong' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^403 INVALID_SIGNATURE: The request signature we calculated does not match/);
    expect(lab.api.requests).toEqual([]);
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
    expect(lab.api.requests).toEqual([]);
  });

  test('query values are encoded as SigV4 canonicalizes them (spaces, parentheses, *)', async () => {
    const run = await cli('polly', 'voices', '--language-code', "ko KR (it's*)");
    expect(lab.api.refused).toEqual([]);
    expect(lab.api.requests[0]!.query).toEqual({ languageCode: "ko KR (it's*)" });
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
