/**
 * Korean through the Comprehend demo: the features that take Korean go through, the ones that do
 * not are refused before any AWS call with a message that names them and what to use instead.
 * The committed Korean samples are the requests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
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
import { looksKorean } from '../../../lambda/comprehend/languages';
import { apiEvent, bodyOf } from '../../support/events';
import { captureLogs, type LogCapture } from '../../support/logs';

const comprehend = mockClient(ComprehendClient);
let logs: LogCapture;
beforeEach(() => {
  comprehend.reset();
  logs = captureLogs();
});
afterEach(() => {
  // Refused or served, the Korean text never reaches the logs (the handler logs route and sizes).
  const text = logs.text();
  // The capture saw the handler's lines (pure helper tests write none), and none holds Hangul.
  if (text) expect(text).toContain('"route":"POST /comprehend/');
  expect(text).not.toMatch(/[\uac00-\ud7af]/u);
  logs.restore();
});

const sample = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'samples', 'text', name), 'utf8'));
const call = (resource: string, body: unknown) => handler(apiEvent({ resource, body }));

describe('features without Korean are refused before any AWS call', () => {
  it('PII: samples/text/pii.ko.json gets a 400 that names the features and the alternatives', async () => {
    const res = await call('/comprehend/pii', sample('pii.ko.json'));

    expect(res.statusCode).toBe(400);
    const { error } = bodyOf(res);
    expect(error.code).toBe('UNSUPPORTED_LANGUAGE');
    expect(error.message).toContain("DetectPiiEntities (/comprehend/pii) does not support 'ko'");
    expect(error.message).toContain('it supports en, es');
    expect(error.message).toMatch(/toxicity \(\/comprehend\/toxicity.*targeted sentiment.*syntax/);
    expect(error.message).toContain('POST /comprehend/entities with languageCode "ko"');
    expect(error.message).toContain('POST /translate');
    expect(error.requestId).toBe('req-0001');
    expect(comprehend.calls()).toHaveLength(0);
  });

  it('PII without languageCode: Hangul text is refused without a billed language detection', async () => {
    const { text } = sample('pii.ko.json');
    const res = await call('/comprehend/pii', { text });

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.message).toContain('the text is mostly Hangul');
    expect(comprehend).not.toHaveReceivedCommand(DetectDominantLanguageCommand);
    expect(comprehend).not.toHaveReceivedCommand(DetectPiiEntitiesCommand);
  });

  it('toxicity: samples/text/toxicity.ko.json is refused, and so is languageCode "ko"', async () => {
    const bySample = await call('/comprehend/toxicity', sample('toxicity.ko.json'));
    const byCode = await call('/comprehend/toxicity', { text: 'Shut up.', languageCode: 'ko' });

    for (const res of [bySample, byCode]) {
      expect(res.statusCode).toBe(400);
      expect(bodyOf(res).error.message).toContain(
        "DetectToxicContent (/comprehend/toxicity) does not support 'ko'",
      );
      expect(bodyOf(res).error.message).toContain('translate it to English first (POST /translate)');
    }
    expect(comprehend.calls()).toHaveLength(0);
  });

  it('a language Comprehend detects and PII lacks gets the same message after detection', async () => {
    comprehend
      .on(DetectDominantLanguageCommand)
      .resolves({ Languages: [{ LanguageCode: 'ko', Score: 0.7 }] });
    const res = await call('/comprehend/pii', { text: 'Kim Minjun 김민준 lives in Seoul 서울, hello' });

    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.message).toContain('detected by DetectDominantLanguage');
    expect(comprehend).not.toHaveReceivedCommand(DetectPiiEntitiesCommand);
  });
});

describe('features with Korean go through', () => {
  it('sentiment: samples/text/sentiment.ko.json reaches DetectSentiment with LanguageCode ko', async () => {
    comprehend.on(DetectSentimentCommand).resolves({
      Sentiment: 'MIXED',
      SentimentScore: { Positive: 0.3, Negative: 0.2, Neutral: 0.05, Mixed: 0.45 },
    });
    const body = sample('sentiment.ko.json');
    const res = await call('/comprehend/sentiment', body);

    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toMatchObject({ sentiment: 'MIXED', languageCode: 'ko' });
    expect(comprehend).toHaveReceivedCommandWith(DetectSentimentCommand, {
      Text: body.text,
      LanguageCode: 'ko',
    });
  });

  it('entities and key phrases: samples/text/entities.ko.json', async () => {
    comprehend.on(DetectEntitiesCommand).resolves({
      Entities: [{ Text: '김민준', Type: 'PERSON', Score: 0.99, BeginOffset: 0, EndOffset: 3 }],
    });
    comprehend.on(DetectKeyPhrasesCommand).resolves({ KeyPhrases: [] });
    const body = sample('entities.ko.json');

    const entities = await call('/comprehend/entities', body);
    const phrases = await call('/comprehend/key-phrases', body);

    expect(entities.statusCode).toBe(200);
    expect(bodyOf(entities).entities[0]).toMatchObject({ text: '김민준', type: 'PERSON' });
    expect(phrases.statusCode).toBe(200);
    expect(comprehend).toHaveReceivedCommandWith(DetectKeyPhrasesCommand, { LanguageCode: 'ko' });
  });

  it('English PII and toxicity still go through (the check is about the language, not the route)', async () => {
    comprehend
      .on(DetectDominantLanguageCommand)
      .resolves({ Languages: [{ LanguageCode: 'en', Score: 0.99 }] });
    comprehend.on(DetectPiiEntitiesCommand).resolves({ Entities: [] });
    comprehend.on(DetectToxicContentCommand).resolves({ ResultList: [{ Toxicity: 0.01, Labels: [] }] });

    expect((await call('/comprehend/pii', sample('pii.json'))).statusCode).toBe(200);
    expect(
      (await call('/comprehend/toxicity', { text: 'Have a nice day', languageCode: 'en' })).statusCode,
    ).toBe(200);
    expect(comprehend).toHaveReceivedCommandWith(DetectPiiEntitiesCommand, { LanguageCode: 'en' });
  });
});

describe('looksKorean', () => {
  it.each([
    ['안녕하세요, 제 이름은 김민준입니다.', true],
    ['이메일은 minjun@example.com 입니다', true],
    ['Hello, my name is Jane Doe. 안녕', false],
    ['12345 !!!', false],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(looksKorean(text)).toBe(expected);
  });
});
