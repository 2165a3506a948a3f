import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetTranscriptionJobCommand,
  StartTranscriptionJobCommand,
  TranscribeClient,
} from '@aws-sdk/client-transcribe';
import { mockClient } from 'aws-sdk-client-mock';
import { roundUsd, transcribeCost } from '../../../lambda/shared/pricing';
import { apiEvent, bodyOf } from '../../support/events';
import { useHandlerEnv } from '../../support/handler-env';
import { useCapturedLogs } from '../../support/logs';

useHandlerEnv({ UPLOAD_BUCKET: 'lab-uploads', JOB_NAME_STEM: 'ai-lab' });

const { handler } =
  require('../../../lambda/transcribe/handler') as typeof import('../../../lambda/transcribe/handler');

const s3 = mockClient(S3Client);
const transcribe = mockClient(TranscribeClient);
const SECRET_TRANSCRIPT = 'My secret family recipe uses saffron and cardamom.';
const MAX_UPLOAD_BYTES = 52_428_800;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const logs = useCapturedLogs();
beforeEach(() => {
  s3.reset();
  transcribe.reset();
});

/** A valid 16 kHz mono 16-bit PCM WAV file with `samples` samples of audio. */
function wav(samples = 64): Buffer {
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin(i / 3) * 8_000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(16_000, 24); // sample rate
  header.writeUInt32LE(32_000, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** An MP3: an ID3v2 tag header then an MPEG-1 Layer III frame header. */
const MP3 = Buffer.concat([
  Buffer.from('ID3'),
  Buffer.from([0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xfb, 0x90, 0x64]),
  Buffer.alloc(32, 0x55),
]);

/** The PNG signature and the start of an IHDR chunk: not audio. */
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
  0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00,
]);

const post = (resource: string, body: unknown) => handler(apiEvent({ resource, body }));
const requestUpload = (body: unknown) => post('/transcribe/uploads', body);
const startJob = (body: unknown) => post('/transcribe/jobs', body);
const getJob = (jobName: string) =>
  handler(apiEvent({ method: 'GET', resource: '/transcribe/jobs/{jobName}', pathParameters: { jobName } }));

/** The decoded POST policy of a presigned upload. */
function policyOf(fields: Record<string, string>): { expiration: string; conditions: unknown[] } {
  return JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8'));
}

/** A key the uploads route really generated. */
async function uploadedKey(contentType = 'audio/mpeg'): Promise<string> {
  const res = await requestUpload({ contentType });
  return bodyOf(res).upload.key;
}

/** What the SDK returns as an S3 object Body, reduced to the method the handler uses. */
const objectBody = (text: string): any => ({ transformToString: async () => text });

const awsError = (name: string, status = 400, message = `${name} from AWS`) =>
  Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });

const STARTED = { TranscriptionJob: { TranscriptionJobStatus: 'IN_PROGRESS' as const } };

describe('POST /transcribe/uploads', () => {
  it('returns a presigned POST whose policy pins the content type, size range, bucket and key', async () => {
    const res = await requestUpload({ contentType: 'audio/mpeg' });

    expect(res.statusCode).toBe(200);
    const { upload, usage } = bodyOf(res);
    expect(upload).toMatchObject({
      method: 'POST',
      contentType: 'audio/mpeg',
      maxBytes: MAX_UPLOAD_BYTES,
      expiresInSeconds: 300,
    });
    expect(upload.url).toMatch(/^https:\/\/lab-uploads\.s3[.-]/);
    expect(upload.key).toMatch(new RegExp(`^uploads/${UUID}\\.mp3$`));
    expect(upload.fields).toMatchObject({
      'Content-Type': 'audio/mpeg',
      bucket: 'lab-uploads',
      key: upload.key,
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    });
    expect(upload.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    const policy = policyOf(upload.fields);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, MAX_UPLOAD_BYTES],
        ['eq', '$Content-Type', 'audio/mpeg'],
        { 'Content-Type': 'audio/mpeg' },
        { bucket: 'lab-uploads' },
        { key: upload.key },
      ]),
    );
    expect(usage).toMatchObject({ unit: 'audio seconds', quantity: 0, estimatedCostUsd: 0 });
    // Presigning is local: no S3 or Transcribe call.
    expect(s3.calls()).toHaveLength(0);
    expect(transcribe.calls()).toHaveLength(0);
  });

  it('gives the key the extension of the content type, and a new key every time', async () => {
    const wavKey = await uploadedKey('audio/wav');
    const otherWavKey = await uploadedKey('audio/wav');
    const m4aKey = await uploadedKey('audio/mp4');

    expect(wavKey).toMatch(/\.wav$/);
    expect(m4aKey).toMatch(/\.m4a$/);
    expect(otherWavKey).not.toBe(wavKey);
  });

  it.each([
    ['an unsupported type', { contentType: 'audio/aiff' }],
    ['a non-audio type', { contentType: 'image/png' }],
    ['a type of the wrong case', { contentType: 'AUDIO/MPEG' }],
    ['no type', {}],
    ['an unknown field', { contentType: 'audio/mpeg', key: 'uploads/mine.mp3' }],
    ['non-JSON', 'contentType=audio/mpeg'],
  ])('rejects %s with 400', async (_label, body) => {
    const res = await requestUpload(body);

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('INVALID_REQUEST');
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('POST /transcribe/jobs', () => {
  it('starts a job on an uploaded key, identifying the language when none is given', async () => {
    transcribe.on(StartTranscriptionJobCommand).resolves(STARTED);
    const key = await uploadedKey('audio/mpeg');

    const res = await startJob({ key });

    expect(res.statusCode).toBe(202);
    const body = bodyOf(res);
    expect(body.jobName).toMatch(/^ai-lab-/);
    expect(body).toMatchObject({
      status: 'IN_PROGRESS',
      key,
      poll: `GET /transcribe/jobs/${body.jobName}`,
      usage: { unit: 'audio seconds', quantity: 0 },
    });
    expect(transcribe).toHaveReceivedCommandTimes(StartTranscriptionJobCommand, 1);
    expect(transcribe).toHaveReceivedCommandWith(StartTranscriptionJobCommand, {
      TranscriptionJobName: body.jobName,
      Media: { MediaFileUri: `s3://lab-uploads/${key}` },
      MediaFormat: 'mp3',
      IdentifyLanguage: true,
      LanguageCode: undefined,
      OutputBucketName: 'lab-uploads',
      OutputKey: `transcripts/${body.jobName}.json`,
    });
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
  });

  it('passes a given languageCode instead of identifying the language', async () => {
    transcribe.on(StartTranscriptionJobCommand).resolves(STARTED);
    const key = await uploadedKey('audio/wav');

    const res = await startJob({ key, languageCode: 'ko-KR' });

    expect(res.statusCode).toBe(202);
    expect(transcribe).toHaveReceivedCommandWith(StartTranscriptionJobCommand, {
      MediaFormat: 'wav',
      LanguageCode: 'ko-KR',
      IdentifyLanguage: undefined,
    });
  });

  it('identifies the language among languageOptions', async () => {
    transcribe.on(StartTranscriptionJobCommand).resolves(STARTED);
    const key = await uploadedKey('audio/flac');

    await startJob({ key, languageOptions: ['en-US', 'ko-KR'] });

    expect(transcribe).toHaveReceivedCommandWith(StartTranscriptionJobCommand, {
      MediaFormat: 'flac',
      IdentifyLanguage: true,
      LanguageOptions: ['en-US', 'ko-KR'],
    });
  });

  it('gives every job a unique name', async () => {
    transcribe.on(StartTranscriptionJobCommand).resolves(STARTED);
    const key = await uploadedKey();

    const first = bodyOf(await startJob({ key })).jobName;
    const second = bodyOf(await startJob({ key })).jobName;

    expect(first).toMatch(/^ai-lab-/);
    expect(second).toMatch(/^ai-lab-/);
    expect(first).not.toBe(second);
    const names = transcribe
      .commandCalls(StartTranscriptionJobCommand)
      .map((c) => c.args[0].input.TranscriptionJobName);
    expect(names).toEqual([first, second]);
  });

  it.each([
    ['a transcript key', 'transcripts/x.json'],
    ['a path traversal', '../etc'],
    ['a chosen name under uploads/', 'uploads/evil.mp3'],
    ['a traversal out of uploads/', 'uploads/../transcripts/0f8fad5b-d9cb-469f-a165-70867728950e.mp3'],
    ['another prefix', 'private/0f8fad5b-d9cb-469f-a165-70867728950e.mp3'],
    ['an extension that is not audio', 'uploads/0f8fad5b-d9cb-469f-a165-70867728950e.exe'],
    ['upper-case hex', 'uploads/0F8FAD5B-D9CB-469F-A165-70867728950E.mp3'],
    ['dashes in place of a UUID', `uploads/${'-'.repeat(36)}.mp3`],
    ['a trailing line break', 'uploads/0f8fad5b-d9cb-469f-a165-70867728950e.mp3\n'],
    ['an S3 URI', 's3://lab-uploads/uploads/0f8fad5b-d9cb-469f-a165-70867728950e.mp3'],
  ])('rejects %s as key with 400 before any AWS call', async (_label, key) => {
    const res = await startJob({ key });

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('INVALID_REQUEST');
    expect(transcribe.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  it('stores an inline WAV clip under uploads/inline-<uuid>.wav, then starts the job on it', async () => {
    transcribe.on(StartTranscriptionJobCommand).resolves(STARTED);
    s3.on(PutObjectCommand).resolves({});
    const clip = wav();

    const res = await startJob({ audioBase64: clip.toString('base64'), languageCode: 'en-US' });

    expect(res.statusCode).toBe(202);
    const put = s3.commandCalls(PutObjectCommand);
    expect(put).toHaveLength(1);
    const { Bucket, Key, Body, ContentType } = put[0]!.args[0].input;
    expect(Bucket).toBe('lab-uploads');
    expect(Key).toMatch(new RegExp(`^uploads/inline-${UUID}\\.wav$`));
    expect(ContentType).toBe('audio/wav');
    expect(Buffer.from(Body as Uint8Array).equals(clip)).toBe(true);
    expect(bodyOf(res).key).toBe(Key);
    expect(transcribe).toHaveReceivedCommandWith(StartTranscriptionJobCommand, {
      Media: { MediaFileUri: `s3://lab-uploads/${Key}` },
      MediaFormat: 'wav',
      LanguageCode: 'en-US',
    });
  });

  it('accepts an inline MP3 clip, also as a data URL', async () => {
    transcribe.on(StartTranscriptionJobCommand).resolves(STARTED);
    s3.on(PutObjectCommand).resolves({});

    const res = await startJob({ audioBase64: `data:audio/mpeg;base64,${MP3.toString('base64')}` });

    expect(res.statusCode).toBe(202);
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Key: expect.stringMatching(new RegExp(`^uploads/inline-${UUID}\\.mp3$`)),
      ContentType: 'audio/mpeg',
    });
    expect(transcribe).toHaveReceivedCommandWith(StartTranscriptionJobCommand, { MediaFormat: 'mp3' });
  });

  it('a key returned for an inline clip can be used again', async () => {
    transcribe.on(StartTranscriptionJobCommand).resolves(STARTED);
    s3.on(PutObjectCommand).resolves({});
    const { key } = bodyOf(await startJob({ audioBase64: wav().toString('base64') }));

    const res = await startJob({ key });

    expect(res.statusCode).toBe(202);
    expect(transcribe).toHaveReceivedCommandTimes(StartTranscriptionJobCommand, 2);
  });

  it('rejects inline bytes that are not audio with 415, before any AWS call', async () => {
    const res = await startJob({ audioBase64: PNG.toString('base64') });

    expect(res.statusCode).toBe(415);
    expect(bodyOf(res).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(bodyOf(res).error.message).toMatch(/image\/png/);
    expect(s3.calls()).toHaveLength(0);
    expect(transcribe.calls()).toHaveLength(0);
  });

  it.each([
    ['characters outside the alphabet', 'not base64!'],
    ['a missing padding character', 'UklGRg'],
    ['a line break', `${wav().toString('base64').slice(0, 40)}\n${wav().toString('base64').slice(40)}`],
    ['the URL-safe alphabet', '-_-_'],
  ])('rejects base64 with %s with 400', async (_label, audioBase64) => {
    const res = await startJob({ audioBase64 });

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.message).toMatch(/base64/);
    expect(s3.calls()).toHaveLength(0);
    expect(transcribe.calls()).toHaveLength(0);
  });

  it.each([
    ['both key and audioBase64', (key: string) => ({ key, audioBase64: wav().toString('base64') })],
    ['neither key nor audioBase64', () => ({ languageCode: 'en-US' })],
    ['an empty key', () => ({ key: '' })],
    [
      'languageCode and languageOptions',
      (key: string) => ({ key, languageCode: 'en-US', languageOptions: ['en-US', 'ko-KR'] }),
    ],
    ['a bad languageCode', (key: string) => ({ key, languageCode: 'english' })],
    ['a single languageOption', (key: string) => ({ key, languageOptions: ['en-US'] })],
    ['an unknown field', (key: string) => ({ key, outputBucket: 'elsewhere' })],
    ['a key of the wrong type', () => ({ key: 42 })],
  ])('rejects %s with 400', async (_label, makeBody) => {
    const key = await uploadedKey();

    const res = await startJob(makeBody(key));

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('INVALID_REQUEST');
    expect(s3.calls()).toHaveLength(0);
    expect(transcribe.calls()).toHaveLength(0);
  });

  it('does not start a job when storing the inline clip fails', async () => {
    s3.on(PutObjectCommand).rejects(awsError('AccessDenied', 403));

    const res = await startJob({ audioBase64: wav().toString('base64') });

    expect(res.statusCode).toBe(403);
    expect(transcribe.calls()).toHaveLength(0);
  });

  it.each([
    ['LimitExceededException', 400, 429],
    ['BadRequestException', 400, 400],
    ['ConflictException', 400, 409],
    ['InternalFailureException', 500, 502],
  ])('maps %s (AWS %s) from StartTranscriptionJob to %s', async (name, awsStatus, status) => {
    transcribe.on(StartTranscriptionJobCommand).rejects(awsError(name, awsStatus));
    const key = await uploadedKey();

    const res = await startJob({ key });

    expect(res.statusCode).toBe(status);
  });
});

describe('GET /transcribe/jobs/{jobName}', () => {
  const JOB = 'ai-lab-20250101-120000-1a2b3c4d';
  const CREATED = new Date('2025-01-01T12:00:00Z');
  const COMPLETED = new Date('2025-01-01T12:00:42Z');

  /** A Transcribe output document whose last word ends at `end` seconds. */
  const transcriptDoc = (end: string) =>
    JSON.stringify({
      jobName: JOB,
      accountId: '123456789012',
      status: 'COMPLETED',
      results: {
        language_code: 'en-US',
        transcripts: [{ transcript: SECRET_TRANSCRIPT }],
        items: [
          { type: 'pronunciation', start_time: '0.04', end_time: '0.51' },
          { type: 'pronunciation', start_time: '0.51', end_time: end },
          { type: 'pronunciation', start_time: '1.20', end_time: '1.73' },
          { type: 'punctuation' },
        ],
      },
    });

  function completedJob() {
    transcribe.on(GetTranscriptionJobCommand).resolves({
      TranscriptionJob: {
        TranscriptionJobName: JOB,
        TranscriptionJobStatus: 'COMPLETED',
        LanguageCode: 'en-US',
        IdentifiedLanguageScore: 0.97,
        CreationTime: CREATED,
        CompletionTime: COMPLETED,
      },
    });
  }

  it('reports a job in progress without reading any transcript', async () => {
    transcribe.on(GetTranscriptionJobCommand).resolves({
      TranscriptionJob: {
        TranscriptionJobName: JOB,
        TranscriptionJobStatus: 'IN_PROGRESS',
        CreationTime: CREATED,
      },
    });

    const res = await getJob(JOB);

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body).toMatchObject({ jobName: JOB, status: 'IN_PROGRESS', createdAt: CREATED.toISOString() });
    expect(body.transcript).toBeUndefined();
    expect(body.usage).toMatchObject({ quantity: 0 });
    expect(transcribe).toHaveReceivedCommandWith(GetTranscriptionJobCommand, { TranscriptionJobName: JOB });
    expect(s3.calls()).toHaveLength(0);
  });

  it('returns the transcript, duration and a 15-second minimum usage for a short completed job', async () => {
    completedJob();
    s3.on(GetObjectCommand).resolves({ Body: objectBody(transcriptDoc('7.45')) });

    const res = await getJob(JOB);

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body).toMatchObject({
      jobName: JOB,
      status: 'COMPLETED',
      languageCode: 'en-US',
      identifiedLanguageScore: 0.97,
      createdAt: CREATED.toISOString(),
      completedAt: COMPLETED.toISOString(),
      transcript: SECRET_TRANSCRIPT,
      durationSeconds: 7.45,
    });
    expect(body.usage).toMatchObject({
      unit: 'audio seconds',
      quantity: 15,
      estimatedCostUsd: roundUsd(transcribeCost(7.45)),
    });
    expect(body.usage.estimatedCostUsd).toBeGreaterThan(0);
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, {
      Bucket: 'lab-uploads',
      Key: `transcripts/${JOB}.json`,
    });
  });

  it('rounds a longer duration up to whole seconds', async () => {
    completedJob();
    s3.on(GetObjectCommand).resolves({ Body: objectBody(transcriptDoc('20.2')) });

    const body = bodyOf(await getJob(JOB));

    expect(body.durationSeconds).toBe(20.2);
    expect(body.usage.quantity).toBe(21);
    expect(body.usage.estimatedCostUsd).toBe(roundUsd(transcribeCost(20.2)));
  });

  it('reports a transcript file that is not JSON as 502', async () => {
    completedJob();
    s3.on(GetObjectCommand).resolves({ Body: objectBody('<html>not json</html>') });

    const res = await getJob(JOB);

    expect(res.statusCode).toBe(502);
  });

  it('returns the failure reason of a failed job', async () => {
    transcribe.on(GetTranscriptionJobCommand).resolves({
      TranscriptionJob: {
        TranscriptionJobName: JOB,
        TranscriptionJobStatus: 'FAILED',
        FailureReason: 'The media format that you specified does not match the detected media format.',
      },
    });

    const res = await getJob(JOB);

    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toMatchObject({
      status: 'FAILED',
      failureReason: 'The media format that you specified does not match the detected media format.',
      usage: { quantity: 0, estimatedCostUsd: 0 },
    });
    expect(s3.calls()).toHaveLength(0);
  });

  it.each([
    [
      'BadRequestException (couldn’t be found)',
      awsError(
        'BadRequestException',
        400,
        "The requested job couldn't be found. Check the job name and try your request again.",
      ),
    ],
    ['NotFoundException', awsError('NotFoundException')],
  ])('an unknown job → 404 (%s)', async (_label, err) => {
    transcribe.on(GetTranscriptionJobCommand).rejects(err);

    const res = await getJob(JOB);

    expect(res.statusCode).toBe(404);
    expect(bodyOf(res).error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(JOB) });
  });

  it('another BadRequestException stays 400', async () => {
    transcribe.on(GetTranscriptionJobCommand).rejects(awsError('BadRequestException', 400, 'Bad input.'));
    expect((await getJob(JOB)).statusCode).toBe(400);
  });

  it.each([
    ['not a lab job', 'someone-elses-job'],
    ['too short', 'ai-lab-1'],
    ['a path', 'ai-lab-20250101/../../x'],
    ['spaces', 'ai-lab-2025 0101 120000'],
    ['too long', `ai-lab-${'a'.repeat(81)}`],
    ['empty', ''],
  ])('an invalid job name (%s) → 400 before any AWS call', async (_label, jobName) => {
    const res = await getJob(jobName);

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('INVALID_REQUEST');
    expect(transcribe.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  it('rejects query parameters', async () => {
    const res = await handler(
      apiEvent({
        method: 'GET',
        resource: '/transcribe/jobs/{jobName}',
        pathParameters: { jobName: JOB },
        query: { verbose: 'true' },
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(transcribe.calls()).toHaveLength(0);
  });

  it.each([
    ['ThrottlingException', 429, 'THROTTLED'],
    ['LimitExceededException', 429, 'THROTTLED'],
    ['AccessDeniedException', 403, 'ACCESS_DENIED'],
  ])('%s → %s', async (name, status, code) => {
    transcribe.on(GetTranscriptionJobCommand).rejects(awsError(name));

    const res = await getJob(JOB);

    expect(res.statusCode).toBe(status);
    expect(bodyOf(res).error.code).toBe(code);
  });

  it('a missing transcript file → 404', async () => {
    completedJob();
    s3.on(GetObjectCommand).rejects(awsError('NoSuchKey', 404));

    expect((await getJob(JOB)).statusCode).toBe(404);
  });
});

describe('privacy', () => {
  it('never logs the transcript or the audio', async () => {
    const JOB = 'ai-lab-20250101-120000-5e6f7a8b';
    const clip = wav(256);
    const clipBase64 = clip.toString('base64');
    s3.on(PutObjectCommand).resolves({});
    s3.on(GetObjectCommand).resolves({
      Body: objectBody(
        JSON.stringify({
          results: { transcripts: [{ transcript: SECRET_TRANSCRIPT }], items: [{ end_time: '3.1' }] },
        }),
      ),
    });
    transcribe.on(StartTranscriptionJobCommand).resolves(STARTED);
    transcribe.on(GetTranscriptionJobCommand).resolves({
      TranscriptionJob: { TranscriptionJobName: JOB, TranscriptionJobStatus: 'COMPLETED' },
    });

    expect((await startJob({ audioBase64: clipBase64 })).statusCode).toBe(202);
    expect((await startJob({ audioBase64: clipBase64, key: 'uploads/evil.mp3' })).statusCode).toBe(400);
    expect((await getJob(JOB)).statusCode).toBe(200);

    const output = logs.text();
    expect(output).toContain('request served'); // the capture works
    expect(output).toContain('request failed');
    expect(output).not.toContain('saffron');
    expect(output).not.toContain('cardamom');
    expect(output).not.toContain(clipBase64.slice(60, 100));
  });
});
