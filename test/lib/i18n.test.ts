import { defineMessages, fill, particle, pickLang, translator } from '../../lib/i18n';
import { DOUBLED } from '../review/korean';

describe('particle', () => {
  it.each([
    ['사과', '을/를', '를'],
    ['역할', '을/를', '을'],
    ['역할', '으로/로', '로'],
    ['버킷', '이/가', '이'],
    ['S3', '은/는', '는'],
    ['EC2', '이/가', '가'],
    ['Nova 2', '을/를', '를'],
    ['Lambda', '이/가', '가'],
    ['IAM', '을/를', '을'],
    ['API', '은/는', '는'],
    ['`logs:PutLogEvents`', '을/를', '를'],
    ['`s3:GetObject`', '을/를', '를'],
    ['AiLab-Bedrock', '은/는', '은'],
    ['bucket', '이/가', '이'],
    ['role', '을/를', '을'],
    ['ConverseStream', '을/를', '을'],
    ['Amazon Rekognition', '은/는', '은'],
    ['Amazon Polly', '은/는', '는'],
    ['2', '이/가', '가'],
    ['10', '으로/로', '으로'],
  ] as const)('%s + %s → %s', (word, pair, expected) => {
    expect(particle(word, pair)).toBe(expected);
  });
});

describe('fill', () => {
  it('fills values and chooses particles, leaving unknown placeholders as written', () => {
    expect(fill('{who|은/는} {what|을/를} 호출합니다. {missing}', { who: 'Lambda 함수', what: 'S3' })).toBe(
      'Lambda 함수는 S3를 호출합니다. {missing}',
    );
  });
  it('never writes the mechanical 을(를)', () => {
    for (const word of ['역할', 'S3', 'IAM', 'bucket', '정책'])
      expect(fill('{w|을/를}', { w: word })).not.toMatch(/\(/);
  });
});

describe('defineMessages and translator', () => {
  it('reads the table of the language asked for', () => {
    const m = defineMessages({ hi: 'Hello {name}' }, { hi: '{name|아/야}, 안녕' });
    expect(translator(m, 'en')('hi', { name: 'Mina' })).toBe('Hello Mina');
    expect(translator(m, 'ko')('hi', { name: '민아' })).toBe('민아야, 안녕');
  });
  it('is a compile error to leave a Korean key out (checked by tsc)', () => {
    // @ts-expect-error: 'bye' is missing from the Korean table
    defineMessages({ hi: 'Hello', bye: 'Bye' }, { hi: '안녕' });
  });
});

describe('pickLang', () => {
  it('prefers the flag, then the locale, then English', () => {
    expect(pickLang('ko', {})).toBe('ko');
    expect(pickLang(undefined, { LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(pickLang(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(pickLang(undefined, {})).toBe('en');
  });
});

describe('message tables', () => {
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
      return /\.ts$/.test(e.name) ? [p] : [];
    });

  it('never write a value and then the same value with its particle', () => {
    const root = path.resolve(__dirname, '../..');
    const hits = ['lib', 'review', 'cli', 'playground', 'eval', 'scripts']
      .flatMap((d) => sources(path.join(root, d)))
      .flatMap((file) =>
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => (DOUBLED.test(line) ? `${path.relative(root, file)}:${i + 1}` : ''))
          .filter(Boolean),
      );
    expect(hits).toEqual([]);
  });

  it('the check sees a doubled value (negative control)', () => {
    expect(DOUBLED.test("'{control}{control|을/를} 통과합니다'")).toBe(true);
    expect(fill('{control}{control|을/를}', { control: 'CT.S3.PR.11' })).toBe('CT.S3.PR.11CT.S3.PR.11을');
    expect(DOUBLED.test("'{control|을/를} 통과합니다'")).toBe(false);
  });
});
