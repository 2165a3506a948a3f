import {
  DescribeVoicesCommand,
  PollyClient,
  SynthesizeSpeechCommand,
  type Voice,
} from '@aws-sdk/client-polly';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../lambda/polly/handler';
import { pollyCost, roundUsd } from '../../../lambda/shared/pricing';
import { apiEvent, bodyOf } from '../../support/events';
import { captureLogs, type LogCapture } from '../../support/logs';

const polly = mockClient(PollyClient);
const SECRET = 'My bank PIN is 4821 and my password is hunter2';
let logs: LogCapture;

/** A short MP3: an ID3v2 tag header followed by one MPEG-1 Layer III frame header and some payload. */
const MP3 = Buffer.concat([
  Buffer.from('ID3'),
  Buffer.from([0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]),
  Buffer.from([0xff, 0xfb, 0x90, 0x64]),
  Buffer.from('synthetic-audio-payload-for-the-polly-handler-test'),
]);
const MP3_BASE64 = MP3.toString('base64');
/** An Ogg page header ("OggS") and some payload. */
const OGG = Buffer.concat([
  Buffer.from('OggS'),
  Buffer.from([0x00, 0x02]),
  Buffer.from('vorbis-payload-0123456789'),
]);

/** What the SDK returns as AudioStream, reduced to the method the handler uses. */
function audioStream(bytes: Uint8Array): any {
  return { transformToByteArray: async () => new Uint8Array(bytes) };
}

const JOANNA: Voice = {
  Id: 'Joanna',
  Name: 'Joanna',
  Gender: 'Female',
  LanguageCode: 'en-US',
  LanguageName: 'US English',
  SupportedEngines: ['generative', 'long-form', 'neural', 'standard'],
};
const SEOYEON: Voice = {
  Id: 'Seoyeon',
  Name: 'Seoyeon',
  Gender: 'Female',
  LanguageCode: 'ko-KR',
  LanguageName: 'Korean',
  SupportedEngines: ['neural', 'standard'],
};
const JIHYE: Voice = {
  Id: 'Jihye',
  Name: 'Jihye',
  Gender: 'Female',
  LanguageCode: 'ko-KR',
  LanguageName: 'Korean',
  SupportedEngines: ['neural'],
};

beforeEach(() => {
  polly.reset();
  // The handler caches DescribeVoices for the life of the module, so every test sees the same list.
  polly.on(DescribeVoicesCommand).resolves({ Voices: [JOANNA, SEOYEON] });
  logs = captureLogs();
});
afterEach(() => logs.restore());

const speak = (body: unknown, headers?: Record<string, string>) =>
  handler(apiEvent({ resource: '/polly/speech', body, headers }));

const awsError = (name: string, status = 400) =>
  Object.assign(new Error(`${name} from AWS`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });

describe('POST /polly/speech', () => {
  it('returns JSON with base64 audio and character usage when Accept is absent', async () => {
    polly.on(SynthesizeSpeechCommand).resolves({
      AudioStream: audioStream(MP3),
      ContentType: 'audio/mpeg',
      RequestCharacters: 21,
    });

    const res = await speak({ text: 'Hello from Amazon Polly' });

    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBeUndefined();
    const body = bodyOf(res);
    expect(body).toMatchObject({
      voiceId: 'Joanna',
      engine: 'neural',
      contentType: 'audio/mpeg',
      audioBytes: MP3.length,
      audioBase64: MP3_BASE64,
      requestId: 'req-0001',
    });
    expect(body.usage).toEqual({
      unit: 'characters',
      quantity: 21,
      engine: 'neural',
      estimatedCostUsd: roundUsd(pollyCost(21, 'neural')),
    });
    expect(body.usage.estimatedCostUsd).toBeGreaterThan(0);
    expect(polly).toHaveReceivedCommandWith(SynthesizeSpeechCommand, {
      Text: 'Hello from Amazon Polly',
      TextType: 'text',
      VoiceId: 'Joanna',
      Engine: 'neural',
      OutputFormat: 'mp3',
    });
    expect(polly).toHaveReceivedCommandTimes(SynthesizeSpeechCommand, 1);
  });

  it.each([['application/json'], ['application/json, audio/mpeg'], ['*/*']])(
    'returns JSON when the first Accept type is %s',
    async (accept) => {
      polly.on(SynthesizeSpeechCommand).resolves({ AudioStream: audioStream(MP3), RequestCharacters: 5 });

      const res = await speak({ text: 'Hello' }, { Accept: accept });

      expect(res.statusCode).toBe(200);
      expect(res.headers?.['Content-Type']).toMatch(/^application\/json/);
      expect(bodyOf(res).audioBase64).toBe(MP3_BASE64);
    },
  );

  it.each([['audio/mpeg'], ['audio/mpeg, application/json;q=0.9']])(
    'returns the audio itself as a binary proxy response for Accept: %s',
    async (accept) => {
      polly.on(SynthesizeSpeechCommand).resolves({ AudioStream: audioStream(MP3), RequestCharacters: 5 });

      const res = await speak({ text: 'Hello' }, { accept });

      expect(res).toEqual({
        statusCode: 200,
        headers: { 'Content-Type': 'audio/mpeg', 'X-Request-Id': 'req-0001' },
        body: MP3_BASE64,
        isBase64Encoded: true,
      });
      expect(Buffer.from(res.body, 'base64').equals(MP3)).toBe(true);
    },
  );

  // API Gateway decodes the base64 body only for a first Accept type that matches binaryMediaTypes;
  // anything else would reach the caller as base64 text labelled audio/mpeg.
  it.each([
    ['audio/*', 'cannot be answered with audio'],
    ['Audio/MPEG', 'cannot be answered with audio'],
    ['audio/mp3', 'cannot be answered with audio'],
    ['audio/mpeg;q=1', 'cannot be answered with audio'],
    ['audio/ogg, audio/mpeg', 'another format than the one requested (audio/mpeg)'],
  ])('answers 406 before any Polly call for Accept: %s', async (accept, reason) => {
    const res = await speak({ text: 'Hello' }, { accept });

    expect(res.statusCode).toBe(406);
    expect(res.isBase64Encoded).toBeUndefined();
    expect(res.headers?.['Content-Type']).toMatch(/^application\/json/);
    const { error } = bodyOf(res);
    expect(error.code).toBe('NOT_ACCEPTABLE');
    expect(error.message).toContain(reason);
    expect(error.message).toContain("Send 'Accept: audio/mpeg' for the audio, or 'Accept: application/json'");
    expect(polly.calls()).toHaveLength(0);
  });

  it('asks Polly for ogg_vorbis and labels it audio/ogg', async () => {
    polly.on(SynthesizeSpeechCommand).resolves({ AudioStream: audioStream(OGG), RequestCharacters: 5 });

    const binary = await speak({ text: 'Hello', format: 'ogg_vorbis' }, { Accept: 'audio/ogg' });
    const json = await speak({ text: 'Hello', format: 'ogg_vorbis' });

    expect(binary.isBase64Encoded).toBe(true);
    expect(binary.headers?.['Content-Type']).toBe('audio/ogg');
    expect(binary.body).toBe(OGG.toString('base64'));
    expect(bodyOf(json).contentType).toBe('audio/ogg');
    expect(polly).toHaveReceivedCommandWith(SynthesizeSpeechCommand, { OutputFormat: 'ogg_vorbis' });
  });

  it('speaks Korean with Seoyeon on the neural engine', async () => {
    polly.on(SynthesizeSpeechCommand).resolves({ AudioStream: audioStream(MP3), RequestCharacters: 5 });

    const res = await speak({ text: '안녕하세요', voiceId: 'Seoyeon', engine: 'neural' });

    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toMatchObject({
      voiceId: 'Seoyeon',
      engine: 'neural',
      usage: { unit: 'characters', quantity: 5, estimatedCostUsd: roundUsd(pollyCost(5, 'neural')) },
    });
    expect(polly).toHaveReceivedCommandWith(SynthesizeSpeechCommand, {
      Text: '안녕하세요',
      VoiceId: 'Seoyeon',
      Engine: 'neural',
    });
  });

  it('rejects an engine the voice does not support, before a billed SynthesizeSpeech call', async () => {
    const res = await speak({ text: '안녕하세요', voiceId: 'Seoyeon', engine: 'generative' });

    expect(res.statusCode).toBe(400);
    const { error } = bodyOf(res);
    expect(error.code).toBe('ENGINE_NOT_SUPPORTED');
    expect(error.message).toMatch(/Seoyeon/);
    expect(error.message).toMatch(/neural, standard/);
    expect(polly).not.toHaveReceivedCommand(SynthesizeSpeechCommand);
  });

  it('calls DescribeVoices at most once for several requests (the list is cached)', async () => {
    polly.on(SynthesizeSpeechCommand).resolves({ AudioStream: audioStream(MP3), RequestCharacters: 5 });

    await speak({ text: 'Hello' });
    await speak({ text: 'Hello again', voiceId: 'Seoyeon' });

    expect(polly.commandCalls(DescribeVoicesCommand).length).toBeLessThanOrEqual(1);
    expect(polly).toHaveReceivedCommandTimes(SynthesizeSpeechCommand, 2);
  });

  it('bills SSML without its tags (entities count as one character)', async () => {
    // No RequestCharacters in the answer: the handler falls back to its own count.
    polly.on(SynthesizeSpeechCommand).resolves({ AudioStream: audioStream(MP3) });
    const ssml = '<speak>Hello <break time="300ms"/><emphasis>world</emphasis> &amp; you</speak>';

    const res = await speak({ text: ssml, textType: 'ssml' });

    expect(res.statusCode).toBe(200);
    expect(bodyOf(res).usage.quantity).toBe('Hello world _ you'.length); // 17
    expect(polly).toHaveReceivedCommandWith(SynthesizeSpeechCommand, { Text: ssml, TextType: 'ssml' });
  });

  it('counts only billed characters against the 3,000 limit for SSML', async () => {
    polly.on(SynthesizeSpeechCommand).resolves({ AudioStream: audioStream(MP3), RequestCharacters: 3_000 });
    const ssml = `<speak><prosody rate="slow">${'a'.repeat(3_000)}</prosody></speak>`; // 3,000 billed, 3,040 in all

    const res = await speak({ text: ssml, textType: 'ssml' });

    expect(res.statusCode).toBe(200);
    expect(polly).toHaveReceivedCommandTimes(SynthesizeSpeechCommand, 1);
  });

  it('rejects SSML that is not wrapped in <speak>, before any AWS call', async () => {
    const res = await speak({ text: 'Hello <break time="1s"/> world', textType: 'ssml' });

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.message).toMatch(/<speak>/);
    expect(polly.calls()).toHaveLength(0);
  });

  it.each([
    ['3,001 characters of text', { text: 'a'.repeat(3_001) }],
    ['3,001 billed characters of SSML', { text: `<speak>${'a'.repeat(3_001)}</speak>`, textType: 'ssml' }],
    [
      'over 6,000 characters of SSML in all',
      { text: `<speak>${'<break/>'.repeat(750)}a</speak>`, textType: 'ssml' }, // 1 billed, 6,016 in all
    ],
  ])('%s → 413 before any AWS call', async (_label, body) => {
    const res = await speak(body);

    expect(res.statusCode).toBe(413);
    expect(bodyOf(res).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(bodyOf(res).error.message).toMatch(/3000 billed characters/);
    expect(polly.calls()).toHaveLength(0);
  });
});

describe('bad input never reaches AWS', () => {
  it.each([
    ['non-JSON', '{"text": "Hello",'],
    ['a JSON array', '["Hello"]'],
    ['missing text', {}],
    ['empty text', { text: '' }],
    ['blank text', { text: '   ' }],
    ['unknown voice', { text: 'Hello', voiceId: 'Bob' }],
    ['unknown engine', { text: 'Hello', engine: 'turbo' }],
    ['unsupported format', { text: 'Hello', format: 'wav' }],
    ['bad text type', { text: 'Hello', textType: 'html' }],
    ['bad language code', { text: 'Hello', languageCode: 'english' }],
    ['unknown field', { text: 'Hello', speed: 2 }],
    ['text of the wrong type', { text: 42 }],
    ['voiceId of the wrong type', { text: 'Hello', voiceId: ['Joanna'] }],
  ])('%s → 400', async (_label, body) => {
    const res = await speak(body);

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error).toMatchObject({ code: 'INVALID_REQUEST', requestId: 'req-0001' });
    expect(polly.calls()).toHaveLength(0);
  });

  it('no body → 400', async () => {
    const res = await handler(apiEvent({ resource: '/polly/speech' }));
    expect(res.statusCode).toBe(400);
    expect(polly.calls()).toHaveLength(0);
  });

  it('a wrong method → 405', async () => {
    const res = await handler(apiEvent({ method: 'GET', resource: '/polly/speech' }));
    expect(res.statusCode).toBe(405);
  });
});

describe('AWS errors are mapped', () => {
  it.each([
    ['TextLengthExceededException', 400, 413, 'PAYLOAD_TOO_LARGE'],
    ['InvalidSsmlException', 400, 400, 'INVALID_REQUEST'],
    ['EngineNotSupportedException', 400, 400, 'INVALID_REQUEST'],
    ['ThrottlingException', 400, 429, 'THROTTLED'],
    ['ServiceFailureException', 500, 502, 'UPSTREAM_ERROR'],
  ])('%s (AWS %s) → %s', async (name, awsStatus, status, code) => {
    polly.on(SynthesizeSpeechCommand).rejects(awsError(name, awsStatus));

    const res = await speak({ text: SECRET });

    expect(res.statusCode).toBe(status);
    expect(bodyOf(res).error).toMatchObject({ code, requestId: 'req-0001' });
    expect(res.body).not.toMatch(/stack|at .*\.ts/);
  });
});

describe('GET /polly/voices', () => {
  it('maps the voice list for a language and follows NextToken', async () => {
    polly
      .on(DescribeVoicesCommand, { LanguageCode: 'ko-KR' })
      .resolves({ Voices: [SEOYEON], NextToken: 'page-2' });
    polly
      .on(DescribeVoicesCommand, { LanguageCode: 'ko-KR', NextToken: 'page-2' })
      .resolves({ Voices: [JIHYE] });

    const res = await handler(
      apiEvent({ method: 'GET', resource: '/polly/voices', query: { languageCode: 'ko-KR' } }),
    );

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body.count).toBe(2);
    expect(body.voices).toEqual([
      {
        id: 'Seoyeon',
        name: 'Seoyeon',
        gender: 'Female',
        languageCode: 'ko-KR',
        languageName: 'Korean',
        engines: ['neural', 'standard'],
      },
      {
        id: 'Jihye',
        name: 'Jihye',
        gender: 'Female',
        languageCode: 'ko-KR',
        languageName: 'Korean',
        engines: ['neural'],
      },
    ]);
    expect(body.usage).toMatchObject({ unit: 'characters', quantity: 0, estimatedCostUsd: 0 });
    expect(polly).toHaveReceivedCommandTimes(DescribeVoicesCommand, 2);
    expect(polly).toHaveReceivedNthSpecificCommandWith(1, DescribeVoicesCommand, {
      LanguageCode: 'ko-KR',
      IncludeAdditionalLanguageCodes: true,
      NextToken: undefined,
    });
    expect(polly).toHaveReceivedNthSpecificCommandWith(2, DescribeVoicesCommand, {
      LanguageCode: 'ko-KR',
      NextToken: 'page-2',
    });
  });

  it('does not cache a failed DescribeVoices call', async () => {
    polly.on(DescribeVoicesCommand, { Engine: 'long-form' }).rejectsOnce(awsError('ThrottlingException'));
    const list = () =>
      handler(apiEvent({ method: 'GET', resource: '/polly/voices', query: { engine: 'long-form' } }));

    const first = await list();
    polly.on(DescribeVoicesCommand, { Engine: 'long-form' }).resolves({ Voices: [JOANNA] });
    const second = await list();

    expect(first.statusCode).toBe(429);
    expect(second.statusCode).toBe(200);
    expect(bodyOf(second).voices.map((v: { id: string }) => v.id)).toEqual(['Joanna']);
  });

  it.each([
    ['a bad language code', { languageCode: 'korean' }],
    ['an unknown engine', { engine: 'turbo' }],
    ['an unknown parameter', { voice: 'Joanna' }],
  ])('rejects %s before any AWS call', async (_label, query) => {
    const res = await handler(apiEvent({ method: 'GET', resource: '/polly/voices', query }));
    expect(res.statusCode).toBe(400);
    expect(polly.calls()).toHaveLength(0);
  });
});

describe('privacy', () => {
  it('never logs the request text or the audio, on success or failure', async () => {
    polly
      .on(SynthesizeSpeechCommand)
      .resolvesOnce({ AudioStream: audioStream(MP3), RequestCharacters: 46 })
      .resolvesOnce({ AudioStream: audioStream(MP3), RequestCharacters: 46 })
      .rejectsOnce(awsError('InvalidSsmlException'));

    await speak({ text: SECRET });
    await speak({ text: SECRET }, { Accept: 'audio/mpeg' });
    await speak({ text: `<speak>${SECRET}</speak>`, textType: 'ssml' });
    await speak(`{"text": "${SECRET}", broken`);

    const output = logs.text();
    expect(output).toContain('request served'); // the capture works
    expect(output).toContain('request failed');
    expect(output).not.toContain('4821');
    expect(output).not.toContain('hunter2');
    expect(output).not.toContain(MP3_BASE64);
    expect(output).not.toContain(MP3_BASE64.slice(0, 24));
  });
});
