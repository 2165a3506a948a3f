import {
  ComprehendClient,
  DetectDominantLanguageCommand,
  DetectEntitiesCommand,
  DetectKeyPhrasesCommand,
  DetectPiiEntitiesCommand,
  DetectSentimentCommand,
  DetectToxicContentCommand,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../lambda/comprehend/handler';
import { apiEvent, bodyOf } from '../../support/events';
import { useCapturedLogs } from '../../support/logs';

const comprehend = mockClient(ComprehendClient);
const SECRET = 'Jane Doe lives at 12 Secret Lane, jane.doe@example.com';
const logs = useCapturedLogs();
beforeEach(() => comprehend.reset());

const call = (resource: string, body: unknown) => handler(apiEvent({ resource, body }));

function awsError(name: string, status = 400) {
  return Object.assign(new Error(`${name} from AWS`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

describe('POST /comprehend/sentiment', () => {
  it('returns the sentiment, scores and usage for a given language', async () => {
    comprehend.on(DetectSentimentCommand).resolves({
      Sentiment: 'POSITIVE',
      SentimentScore: { Positive: 0.98123, Negative: 0.001, Neutral: 0.017, Mixed: 0.00077 },
    });

    const res = await call('/comprehend/sentiment', {
      text: 'I love learning about AWS AI services!',
      languageCode: 'en',
    });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body.sentiment).toBe('POSITIVE');
    expect(body.scores.positive).toBe(0.981);
    expect(body.usage).toMatchObject({
      unit: 'Comprehend units of 100 characters',
      quantity: 3,
      requests: 1,
    });
    expect(body.requestId).toBe('req-0001');
    expect(comprehend).toHaveReceivedCommandWith(DetectSentimentCommand, {
      Text: 'I love learning about AWS AI services!',
      LanguageCode: 'en',
    });
    expect(comprehend).not.toHaveReceivedCommand(DetectDominantLanguageCommand);
  });

  it('detects the language first when none is given, and bills both requests', async () => {
    comprehend
      .on(DetectDominantLanguageCommand)
      .resolves({ Languages: [{ LanguageCode: 'ko', Score: 0.99 }] });
    comprehend.on(DetectSentimentCommand).resolves({ Sentiment: 'NEUTRAL', SentimentScore: {} });

    const res = await call('/comprehend/sentiment', {
      text: '생성형 AI는 데이터로부터 학습하여 새로운 콘텐츠를 만듭니다.',
    });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body.languageCode).toBe('ko');
    expect(body.detectedLanguage).toEqual({ languageCode: 'ko', score: 0.99 });
    expect(body.usage.requests).toBe(2);
    expect(body.usage.quantity).toBe(6);
  });

  it('rejects a detected language the operation does not support', async () => {
    comprehend
      .on(DetectDominantLanguageCommand)
      .resolves({ Languages: [{ LanguageCode: 'sw', Score: 0.9 }] });

    const res = await call('/comprehend/sentiment', {
      text: 'Habari za asubuhi, rafiki yangu mpendwa sana.',
    });

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('UNSUPPORTED_LANGUAGE');
    expect(comprehend).not.toHaveReceivedCommand(DetectSentimentCommand);
  });

  it('asks for languageCode when the text is too short to detect', async () => {
    const res = await call('/comprehend/sentiment', { text: 'Great!' });
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.message).toMatch(/languageCode/);
    expect(comprehend.calls()).toHaveLength(0);
  });

  it('returns 413 over the 5,000-byte DetectSentiment limit, before any AWS call', async () => {
    const res = await call('/comprehend/sentiment', { text: '가'.repeat(1700), languageCode: 'ko' }); // 5,100 bytes
    expect(res.statusCode).toBe(413);
    expect(bodyOf(res).error.message).toMatch(/5000 bytes/);
    expect(comprehend.calls()).toHaveLength(0);
  });
});

describe('POST /comprehend/entities and /key-phrases', () => {
  it('lists entities with offsets', async () => {
    comprehend.on(DetectEntitiesCommand).resolves({
      Entities: [{ Text: 'Amazon', Type: 'ORGANIZATION', Score: 0.99, BeginOffset: 0, EndOffset: 6 }],
    });
    const res = await call('/comprehend/entities', {
      text: 'Amazon Comprehend finds entities.',
      languageCode: 'en',
    });
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res).entities).toEqual([
      { text: 'Amazon', type: 'ORGANIZATION', score: 0.99, beginOffset: 0, endOffset: 6 },
    ]);
  });

  it('lists key phrases', async () => {
    comprehend.on(DetectKeyPhrasesCommand).resolves({
      KeyPhrases: [{ Text: 'foundation models', Score: 0.9999, BeginOffset: 10, EndOffset: 27 }],
    });
    const res = await call('/comprehend/key-phrases', {
      text: 'We study foundation models.',
      languageCode: 'en',
    });
    expect(bodyOf(res).keyPhrases[0]).toMatchObject({ text: 'foundation models', score: 1 });
  });

  it('returns 413 over 100 KB', async () => {
    const res = await call('/comprehend/entities', { text: 'a'.repeat(100_001), languageCode: 'en' });
    expect(res.statusCode).toBe(413);
  });
});

describe('POST /comprehend/language', () => {
  it('returns the candidate languages', async () => {
    comprehend.on(DetectDominantLanguageCommand).resolves({
      Languages: [
        { LanguageCode: 'en', Score: 0.91 },
        { LanguageCode: 'ko', Score: 0.07 },
      ],
    });
    const res = await call('/comprehend/language', { text: 'Which language is this sentence written in?' });
    expect(bodyOf(res).languages).toEqual([
      { languageCode: 'en', score: 0.91 },
      { languageCode: 'ko', score: 0.07 },
    ]);
  });

  it('needs at least 20 characters', async () => {
    const res = await call('/comprehend/language', { text: 'too short' });
    expect(res.statusCode).toBe(400);
    expect(comprehend.calls()).toHaveLength(0);
  });
});

describe('POST /comprehend/pii', () => {
  it('returns entities and the text with each PII span replaced by its type', async () => {
    const text = 'Hello, my name is Jane Doe. Email jane.doe@example.com, phone 555-0100.';
    comprehend.on(DetectPiiEntitiesCommand).resolves({
      Entities: [
        { Type: 'NAME', Score: 0.999, BeginOffset: 18, EndOffset: 26 },
        { Type: 'EMAIL', Score: 0.999, BeginOffset: 34, EndOffset: 54 },
        { Type: 'PHONE', Score: 0.998, BeginOffset: 62, EndOffset: 70 },
      ],
    });

    const res = await call('/comprehend/pii', { text, languageCode: 'en' });

    const body = bodyOf(res);
    expect(body.redactedText).toBe('Hello, my name is [NAME]. Email [EMAIL], phone [PHONE].');
    expect(body.containsPii).toBe(true);
    expect(body.entities).toHaveLength(3);
    expect(JSON.stringify(body.entities)).not.toContain('jane.doe');
  });

  it('rejects languages DetectPiiEntities does not support', async () => {
    const res = await call('/comprehend/pii', {
      text: '이메일은 jane@example.com 입니다',
      languageCode: 'ko',
    });
    expect(res.statusCode).toBe(400);
    expect(comprehend.calls()).toHaveLength(0);
  });
});

describe('POST /comprehend/toxicity', () => {
  it('scores each segment', async () => {
    comprehend.on(DetectToxicContentCommand).resolves({
      ResultList: [{ Toxicity: 0.0123, Labels: [{ Name: 'INSULT', Score: 0.0101 }] }],
    });
    const res = await call('/comprehend/toxicity', { segments: ['Have a lovely day.'] });
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res).results).toEqual([
      { segment: 0, toxicity: 0.012, labels: [{ name: 'INSULT', score: 0.01 }] },
    ]);
    expect(comprehend).toHaveReceivedCommandWith(DetectToxicContentCommand, { LanguageCode: 'en' });
  });

  it('limits segments to 1 KB each and 10 in all', async () => {
    expect((await call('/comprehend/toxicity', { segments: ['x'.repeat(1_001)] })).statusCode).toBe(413);
    expect((await call('/comprehend/toxicity', { segments: Array(11).fill('hi') })).statusCode).toBe(400);
    expect(comprehend.calls()).toHaveLength(0);
  });

  it('names the Regions when the operation is not offered here', async () => {
    const region = process.env.AWS_REGION;
    process.env.AWS_REGION = 'ca-central-1';
    comprehend.on(DetectToxicContentCommand).rejects(awsError('UnknownOperationException'));
    try {
      const res = await call('/comprehend/toxicity', { text: 'Hello there' });
      expect(res.statusCode).toBe(501);
      expect(bodyOf(res).error.message).toMatch(/us-east-1/);
    } finally {
      process.env.AWS_REGION = region;
    }
  });
});

describe('bad input never reaches AWS', () => {
  it.each([
    ['non-JSON', '{not json'],
    ['a JSON array', '[1,2]'],
    ['missing text', {}],
    ['empty text', { text: '   ' }],
    ['wrong type', { text: 42 }],
    ['unknown field', { text: 'hello world, twenty chars', extra: true }],
    ['unsupported language', { text: 'hello world, twenty chars', languageCode: 'xx' }],
  ])('%s → 400 with the error shape', async (_label, body) => {
    const res = await call('/comprehend/sentiment', body);
    expect(res.statusCode).toBe(400);
    const { error } = bodyOf(res);
    expect(Object.keys(error).sort()).toEqual(expect.arrayContaining(['code', 'message', 'requestId']));
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.any(String),
      requestId: 'req-0001',
    });
    expect(comprehend.calls()).toHaveLength(0);
  });

  it('no body → 400', async () => {
    const res = await handler(apiEvent({ resource: '/comprehend/sentiment' }));
    expect(res.statusCode).toBe(400);
  });

  it('an unknown route → 404 and a wrong method → 405', async () => {
    expect((await call('/comprehend/nope', { text: 'x' })).statusCode).toBe(404);
    expect((await handler(apiEvent({ method: 'GET', resource: '/comprehend/sentiment' }))).statusCode).toBe(
      405,
    );
  });
});

describe('AWS errors are mapped', () => {
  it.each([
    ['ThrottlingException', 400, 429, 'THROTTLED'],
    ['AccessDeniedException', 400, 403, 'ACCESS_DENIED'],
    ['TextSizeLimitExceededException', 400, 413, 'PAYLOAD_TOO_LARGE'],
    ['UnsupportedLanguageException', 400, 400, 'INVALID_REQUEST'],
    ['InvalidRequestException', 400, 400, 'INVALID_REQUEST'],
    ['InternalServerException', 500, 502, 'UPSTREAM_ERROR'],
    ['SomethingNew', 500, 502, 'UPSTREAM_ERROR'],
  ])('%s → %s', async (name, awsStatus, status, code) => {
    comprehend.on(DetectSentimentCommand).rejects(awsError(name, awsStatus));
    const res = await call('/comprehend/sentiment', { text: SECRET, languageCode: 'en' });
    expect(res.statusCode).toBe(status);
    expect(bodyOf(res).error.code).toBe(code);
    expect(res.body).not.toMatch(/\n\s+at |\.ts:\d+/); // no stack trace
  });
});

describe('privacy', () => {
  it('never logs request text, on success or failure', async () => {
    comprehend
      .on(DetectPiiEntitiesCommand)
      .resolves({ Entities: [{ Type: 'EMAIL', BeginOffset: 34, EndOffset: 54 }] });
    comprehend.on(DetectSentimentCommand).rejects(awsError('ThrottlingException'));
    await call('/comprehend/pii', { text: SECRET, languageCode: 'en' });
    await call('/comprehend/sentiment', { text: SECRET, languageCode: 'en' });
    await call('/comprehend/sentiment', `{"text": "${SECRET}", broken`);

    const output = logs.text();
    expect(output).toContain('request served'); // the capture works
    expect(output).toContain('request failed');
    expect(output).not.toContain('Jane');
    expect(output).not.toContain('jane.doe');
    expect(output).not.toContain('Secret Lane');
  });
});
