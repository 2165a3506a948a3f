import { ListLanguagesCommand, TranslateClient, TranslateTextCommand } from '@aws-sdk/client-translate';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../lambda/translate/handler';
import { apiEvent, bodyOf } from '../../support/events';
import { useCapturedLogs } from '../../support/logs';

const translate = mockClient(TranslateClient);
const SECRET = 'My confidential salary is 98,765 won';
const logs = useCapturedLogs();
beforeEach(() => translate.reset());

const post = (body: unknown) => handler(apiEvent({ resource: '/translate', body }));
const awsError = (name: string, status = 400) =>
  Object.assign(new Error(`${name} from AWS`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });

describe('POST /translate', () => {
  it('translates with automatic source detection and bills characters', async () => {
    translate.on(TranslateTextCommand).resolves({
      TranslatedText: '안녕하세요, 세계',
      SourceLanguageCode: 'en',
      TargetLanguageCode: 'ko',
    });

    const res = await post({ text: 'Hello, world', targetLanguage: 'ko' });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body).toMatchObject({
      translatedText: '안녕하세요, 세계',
      sourceLanguage: 'en',
      sourceLanguageDetected: true,
      targetLanguage: 'ko',
      usage: { unit: 'characters', quantity: 12 },
    });
    expect(body.usage.estimatedCostUsd).toBeGreaterThan(0);
    expect(translate).toHaveReceivedCommandWith(TranslateTextCommand, {
      Text: 'Hello, world',
      SourceLanguageCode: 'auto',
      TargetLanguageCode: 'ko',
      Settings: undefined,
    });
  });

  it('passes formality and profanity settings', async () => {
    translate.on(TranslateTextCommand).resolves({
      TranslatedText: 'Guten Tag',
      SourceLanguageCode: 'en',
      TargetLanguageCode: 'de',
      AppliedSettings: { Formality: 'FORMAL', Profanity: 'MASK' },
    });
    const res = await post({
      text: 'Good day',
      sourceLanguage: 'en',
      targetLanguage: 'de',
      formality: 'FORMAL',
      maskProfanity: true,
    });
    expect(bodyOf(res).appliedSettings).toEqual({ formality: 'FORMAL', profanity: 'MASK' });
    expect(translate).toHaveReceivedCommandWith(TranslateTextCommand, {
      Settings: { Formality: 'FORMAL', Profanity: 'MASK' },
    });
  });

  it.each([
    ['missing target', { text: 'hi' }],
    ['unsupported target', { text: 'hi', targetLanguage: 'klingon' }],
    ['unsupported source', { text: 'hi', targetLanguage: 'ko', sourceLanguage: 'xx' }],
    ['same source and target', { text: 'hi', targetLanguage: 'ko', sourceLanguage: 'ko' }],
    ['empty text', { text: '', targetLanguage: 'ko' }],
    ['wrong type', { text: ['hi'], targetLanguage: 'ko' }],
    ['unknown field', { text: 'hi', targetLanguage: 'ko', glossary: 'x' }],
    ['bad formality', { text: 'hi', targetLanguage: 'ko', formality: 'polite' }],
    ['non-JSON', 'text=hi'],
  ])('%s → 400 before any AWS call', async (_label, body) => {
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('INVALID_REQUEST');
    expect(translate.calls()).toHaveLength(0);
  });

  it('returns 413 over 10,000 bytes of UTF-8', async () => {
    const res = await post({ text: '한'.repeat(3_334), targetLanguage: 'en' }); // 10,002 bytes
    expect(res.statusCode).toBe(413);
    expect(bodyOf(res).error.message).toMatch(/10000 bytes/);
    expect(translate.calls()).toHaveLength(0);
  });

  it.each([
    ['TooManyRequestsException', 429, 429],
    ['UnsupportedLanguagePairException', 400, 400],
    ['DetectedLanguageLowConfidenceException', 400, 400],
    ['TextSizeLimitExceededException', 400, 413],
    ['AccessDeniedException', 400, 403],
    ['ServiceUnavailableException', 503, 503],
    ['InternalServerException', 500, 502],
  ])('maps %s to %s', async (name, awsStatus, status) => {
    translate.on(TranslateTextCommand).rejects(awsError(name, awsStatus));
    const res = await post({ text: SECRET, targetLanguage: 'ko' });
    expect(res.statusCode).toBe(status);
    expect(bodyOf(res).error.requestId).toBe('req-0001');
  });

  it('never logs the text', async () => {
    translate
      .on(TranslateTextCommand)
      .resolvesOnce({ TranslatedText: '비밀', SourceLanguageCode: 'en', TargetLanguageCode: 'ko' })
      .rejects(awsError('TooManyRequestsException', 429));
    await post({ text: SECRET, targetLanguage: 'ko' });
    await post({ text: SECRET, targetLanguage: 'ko' });
    const out = logs.text();
    expect(out).toContain('request served');
    expect(out).not.toContain('salary');
    expect(out).not.toContain('비밀');
  });
});

describe('GET /translate/languages', () => {
  it('follows NextToken and lists every language', async () => {
    translate
      .on(ListLanguagesCommand)
      .resolvesOnce({ Languages: [{ LanguageCode: 'en', LanguageName: 'English' }], NextToken: 'page2' })
      .resolvesOnce({ Languages: [{ LanguageCode: 'ko', LanguageName: 'Korean' }] });

    const res = await handler(
      apiEvent({ method: 'GET', resource: '/translate/languages', query: { displayLanguageCode: 'en' } }),
    );

    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toMatchObject({
      count: 2,
      languages: [
        { code: 'en', name: 'English' },
        { code: 'ko', name: 'Korean' },
      ],
    });
    expect(translate).toHaveReceivedCommandTimes(ListLanguagesCommand, 2);
  });

  it('rejects an unsupported display language', async () => {
    const res = await handler(
      apiEvent({ method: 'GET', resource: '/translate/languages', query: { displayLanguageCode: 'xx' } }),
    );
    expect(res.statusCode).toBe(400);
    expect(translate.calls()).toHaveLength(0);
  });
});
