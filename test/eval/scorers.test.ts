/** The scorers on cases worked out by hand. */
import {
  allAgree,
  citationHit,
  factScore,
  factsFound,
  labelMatch,
  labelOf,
  leaksNone,
  meanPairwiseSimilarity,
  normalise,
  tokenF1,
  tokens,
} from '../../eval/scorers';

test('normalise: NFKC, lower case, one space', () => {
  expect(normalise('  ＰＯＳＩＴＩＶＥ\n\tok ')).toBe('positive ok');
});

test('tokens: words, Hangul words as bigrams', () => {
  expect(tokens('RAG retrieves, then answers!')).toEqual(['rag', 'retrieves', 'then', 'answers']);
  expect(tokens('모델은 크다')).toEqual(['모델', '델은', '크다']);
  expect(tokens('a 한')).toEqual(['a', '한']);
});

test('token-F1: precision and recall of the overlap', () => {
  // answer [alpha, beta], reference [alpha]: p = 1/2, r = 1, F1 = 2/3
  expect(tokenF1('alpha beta', 'alpha')).toBeCloseTo(2 / 3, 12);
  // overlap 2 of answer 4 and reference 3: p = 1/2, r = 2/3, F1 = 4/7
  expect(tokenF1('the cat sat down', 'a cat sat')).toBeCloseTo(4 / 7, 12);
  // duplicates count once each: [a, a] vs [a]: overlap 1, p = 1/2, r = 1
  expect(tokenF1('a a', 'a')).toBeCloseTo(2 / 3, 12);
  expect(tokenF1('', '')).toBe(1);
  expect(tokenF1('x', '')).toBe(0);
  expect(tokenF1('x', 'y')).toBe(0);
  // Korean: 모델은/모델이 share the bigram 모델: [모델, 델은] vs [모델, 델이] → p = r = 1/2
  expect(tokenF1('모델은', '모델이')).toBeCloseTo(0.5, 12);
});

test('facts: any accepted spelling, normalised, particles after a stem still match', () => {
  expect(
    factsFound('RAG retrieves passages; weights stay.', [['retriev'], ['weight'], ['fine-tun']]),
  ).toEqual([true, true, false]);
  expect(
    factScore('RAG retrieves passages; weights stay.', [['retriev'], ['weight'], ['fine-tun']]),
  ).toBeCloseTo(2 / 3, 12);
  expect(factScore('가중치를 다시 학습합니다', [['가중치'], ['재학습', '다시 학습']])).toBe(1);
  expect(factScore('Output indicator', ['output-indicator'])).toBe(1);
  expect(factScore('anything', [])).toBe(1);
});

test('labels: the first allowed label named, exact match after normalising', () => {
  const labels = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];
  expect(labelOf('Positive.', labels)).toBe('POSITIVE');
  expect(labelOf('The sentiment is NEGATIVE, not POSITIVE', labels)).toBe('NEGATIVE');
  expect(labelOf('non-positive', labels)).toBe('POSITIVE');
  expect(labelOf('positively', labels)).toBeUndefined();
  expect(labelOf('I cannot tell', labels)).toBeUndefined();
  expect(labelMatch('POSITIVE', 'positive')).toBe(true);
  expect(labelMatch(undefined, 'POSITIVE')).toBe(false);
});

test('citation hit: the expected section among the cited headings', () => {
  const cited = ['Optimising model output › Retrieval-augmented generation (RAG, 검색 증강 생성)'];
  expect(citationHit(cited, 'Retrieval-augmented generation')).toBe(true);
  expect(citationHit(cited, '검색 증강 생성')).toBe(true);
  expect(citationHit(cited, 'Fine-tuning')).toBe(false);
  expect(citationHit([], 'anything')).toBe(false);
});

test('PII: nothing leaks; card numbers compared without separators', () => {
  expect(leaksNone('Contact {EMAIL} today', ['jane.roe@example.com'])).toBe(true);
  expect(leaksNone('Contact Jane.Roe@Example.com today', ['jane.roe@example.com'])).toBe(false);
  expect(leaksNone('card 4111-1111-1111-1111', ['4111 1111 1111 1111'])).toBe(false);
  expect(leaksNone('card ****1111', ['4111 1111 1111 1111'])).toBe(true);
});

test('consistency: labels all agree; text mean pairwise token-F1', () => {
  expect(allAgree(['A', 'A', 'A'])).toBe(true);
  expect(allAgree(['A', 'B'])).toBe(false);
  expect(allAgree(['A', undefined])).toBe(false);
  expect(allAgree([])).toBe(false);
  // pairs: (x y, x y) = 1, (x y, x) = 2/3, (x y, x) = 2/3 → mean 7/9
  expect(meanPairwiseSimilarity(['x y', 'x y', 'x'])).toBeCloseTo(7 / 9, 12);
  expect(meanPairwiseSimilarity(['only one'])).toBe(1);
});
