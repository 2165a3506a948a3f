/**
 * The CLI actions that move files, against the stand-in: Polly's audio download, presigned POST
 * uploads, and batch jobs with --wait.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { routeKey, useCliLab } from './cli-lab';
import { runCli, sample } from './harness';
import { FAKE_MP3 } from './stand-in';

const { lab, cli, expectOk } = useCliLab();

describe('Polly audio download', () => {
  test('--out asks for audio/mpeg and writes the bytes', async () => {
    const out = path.join(lab.dir, 'speech.mp3');
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
      lab.outputs,
    ]);
    expectOk(run);
    expect(lab.api.requests[0]!.headers.accept).toBe('audio/mpeg');
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
        lab.outputs,
      ],
      {
        cwd: lab.dir,
      },
    );
    expectOk(run);
    expect(lab.api.requests[0]!.body).toEqual({ text: 'Hi', format: 'ogg_vorbis' });
    expect(lab.api.requests[0]!.headers.accept).toBe('audio/ogg');
    expect(readFileSync(path.join(lab.dir, 'hi.ogg'))).toEqual(FAKE_MP3);
  });

  test('an error instead of audio is shown, and no file is written', async () => {
    const out = path.join(lab.dir, 'never.mp3');
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
    const [upload] = lab.api.uploads;
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
    expect(lab.api.requests[0]!.body).toEqual({ contentType: 'audio/wav' });
    const run = await cli('textract', 'upload', '--file', sample('invoice-form.png'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Cannot tell the type of');
    expect(run.stderr).toContain('--content-type (application/pdf, image/tiff)');
  });

  test('an S3 refusal is shown with its code and message', async () => {
    const run = await runCli(
      ['transcribe', 'upload', '--file', sample('hello-en.mp3'), '--outputs-file', lab.outputs],
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
    expect(lab.api.requests.map(routeKey)).toEqual([
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
      ['transcribe', 'job', '--audio', sample('hello-en.mp3'), '--wait', '--outputs-file', lab.outputs],
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
    expect(lab.api.requests.map(routeKey)).toEqual([
      'POST /textract/uploads',
      'POST /textract/jobs',
      'GET /textract/jobs/{jobId}',
      'GET /textract/jobs/{jobId}',
      'GET /textract/jobs/{jobId}',
    ]);
    expect(lab.api.requests[1]!.body).toEqual({
      key: lab.api.uploads[0]!.fields.key,
      mode: 'analyze',
      features: ['TABLES', 'FORMS'],
    });
    expect(lab.api.requests[4]!.query).toEqual({ mode: 'analyze', features: 'TABLES,FORMS' });
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
    lab.api.override('GET /transcribe/jobs/{jobName}', (r) => ({
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
        lab.outputs,
      ],
      {
        now: () => clock,
        sleep: async (ms) => {
          clock += ms;
        },
      },
    );
    expect(run.code).toBe(1);
    expect(lab.api.requests.filter((r) => r.method === 'GET')).toHaveLength(7);
    expect(run.stderr).toMatch(
      /Timed out after 30 s waiting for Transcribe job (ai-lab-\S+) \(still IN_PROGRESS\)\. Check again with: npm run demo -- transcribe status \1 --wait\n$/,
    );
  });

  test('a FAILED job is printed and exits 1', async () => {
    lab.api.override('GET /textract/jobs/{jobId}', (r) => ({
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
