/** Both catalogues have every key, with the same placeholders; a missing one fails (negative control). */
import { CATALOGUES } from '../../review/i18n';

const placeholders = (s: string) =>
  [...new Set([...s.matchAll(/\{(\w+)(?:\|[^}]+)?\}/g)].map((m) => m[1]))].sort();

function mismatches(a: Record<string, string>, b: Record<string, string>): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!(key in a) || !(key in b)) out.push(`${key}: missing`);
    else if (placeholders(a[key]!).join() !== placeholders(b[key]!).join())
      out.push(`${key}: placeholders differ`);
  }
  return out;
}

test('every key exists in English and Korean, with the same placeholders', () => {
  expect(mismatches(CATALOGUES.en, CATALOGUES.ko)).toEqual([]);
  expect(Object.keys(CATALOGUES.ko).length).toBe(Object.keys(CATALOGUES.en).length);
});

test('negative control: a dropped key and a renamed placeholder are caught', () => {
  const { 'doc.title': _dropped, ...ko } = CATALOGUES.ko;
  expect(mismatches(CATALOGUES.en, ko)).toEqual(['doc.title: missing']);
  expect(mismatches(CATALOGUES.en, { ...CATALOGUES.ko, 'doc.summary': '{resource}개' })).toEqual([
    'doc.summary: placeholders differ',
  ]);
});

test('Korean entries are Korean (a copied English sentence is caught)', () => {
  const english = Object.entries(CATALOGUES.ko).filter(
    ([key, v]) =>
      !key.startsWith('cond.op.') &&
      !key.startsWith('word.') &&
      !['flow.sigv4', 'governed.cheap'].includes(key) &&
      v.length > 12 &&
      !/[가-힣]/.test(v),
  );
  expect(english).toEqual([]);
});

/** `{x}{x|을/를}` prints the value twice: the particle placeholder already carries the value. */
const twice = (table: Readonly<Record<string, string>>) =>
  Object.entries(table)
    .filter(([, v]) => /\{(\w+)\}\{\1\|/.test(v))
    .map(([k]) => k);

test('no placeholder is written twice in a row (its particle form already prints the value)', () => {
  expect(twice(CATALOGUES.ko)).toEqual([]);
  expect(twice(CATALOGUES.en)).toEqual([]);
  // Negative control: the form several Korean sentences had.
  expect(twice({ 'expo.serviceSource': '{source}: 서비스 {who}{who|은/는} …' })).toEqual([
    'expo.serviceSource',
  ]);
});
