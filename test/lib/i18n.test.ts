import { defineMessages, fill, particle, pickLang, translator } from '../../lib/i18n';

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
