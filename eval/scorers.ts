/**
 * The eval's scorers: pure functions from an answer and its reference to a score, hand-checkable.
 *
 * - labels: exact match after normalising (case, width, punctuation), the first allowed label found;
 * - short answers: token-F1 against the reference answer, and required facts (each a list of
 *   accepted spellings, matched as normalised substrings so a Korean particle after a stem still counts);
 * - ask-notes: citation hit, the expected section among the passages the answer was grounded on;
 * - consistency (non-determinism, 비결정성): for labels, whether all samples agree; for text, the mean
 *   pairwise token-F1 of the samples.
 *
 * Tokens: NFKC, lower case, split on anything that is not a letter or digit. A word with Hangul in it
 * becomes its character bigrams ("모델은" → 모델, 델은), so a particle changes one bigram, not the whole
 * word; other words stay whole.
 */

const HANGUL = /[\uac00-\ud7a3]/;

/** NFKC, lower case, whitespace collapsed: what every comparison sees. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Words of `text`, Hangul words as character bigrams (see the module comment). */
export function tokens(text: string): string[] {
  const words = normalise(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.flatMap((w) => {
    if (!HANGUL.test(w) || w.length < 2) return [w];
    const chars = [...w];
    return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
  });
}

/** Token-level F1 of `answer` against `reference` (SQuAD style: multiset overlap); 1 for two empties. */
export function tokenF1(answer: string, reference: string): number {
  const a = tokens(answer);
  const r = tokens(reference);
  if (a.length === 0 && r.length === 0) return 1;
  if (a.length === 0 || r.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of r) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of a) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      overlap += 1;
      counts.set(t, n - 1);
    }
  }
  if (overlap === 0) return 0;
  const precision = overlap / a.length;
  const recall = overlap / r.length;
  return (2 * precision * recall) / (precision + recall);
}

/** A required fact: one or more accepted spellings; the fact is present when any of them is. */
export type Fact = string | readonly string[];

const squash = (s: string) => normalise(s).replace(/[\s\-_.,·]/g, '');

/** Which facts the answer contains (normalised substring, spaces and light punctuation ignored). */
export function factsFound(answer: string, facts: readonly Fact[]): boolean[] {
  const text = squash(answer);
  return facts.map((f) => (typeof f === 'string' ? [f] : f).some((alt) => text.includes(squash(alt))));
}

/** Share of required facts found, 1 when none are required. */
export function factScore(answer: string, facts: readonly Fact[]): number {
  if (facts.length === 0) return 1;
  const found = factsFound(answer, facts);
  return found.filter(Boolean).length / facts.length;
}

/**
 * The label an answer gives: the allowed label that appears first in it (whole word, normalised), or
 * undefined when it names none. "Positive." and "The sentiment is POSITIVE" both give POSITIVE.
 */
export function labelOf(answer: string, labels: readonly string[]): string | undefined {
  const text = normalise(answer);
  let best: { label: string; at: number } | undefined;
  for (const label of labels) {
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(normalise(label))}($|[^\\p{L}\\p{N}])`, 'u');
    const m = re.exec(text);
    if (m && (best === undefined || m.index < best.at)) best = { label, at: m.index };
  }
  return best?.label;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Exact match of two labels after normalising. */
export function labelMatch(predicted: string | undefined, reference: string): boolean {
  return predicted !== undefined && normalise(predicted) === normalise(reference);
}

/** Whether any cited section's heading contains the expected section (normalised). */
export function citationHit(headings: readonly string[], expected: string): boolean {
  const want = normalise(expected);
  return headings.some((h) => normalise(h).includes(want));
}

/** Whether the answer leaks none of the strings it must not contain (digits compared without separators). */
export function leaksNone(answer: string, mustNotContain: readonly string[]): boolean {
  const text = squash(answer);
  const digits = answer.replace(/\D/g, '');
  return mustNotContain.every((s) => {
    const d = s.replace(/\D/g, '');
    if (d.length >= 6 && d.length === s.replace(/[\s-]/g, '').length) return !digits.includes(d);
    return !text.includes(squash(s));
  });
}

/** Labels: true when every sample gave the same (defined) value. */
export function allAgree(values: ReadonlyArray<string | undefined>): boolean {
  return values.length > 0 && values.every((v) => v !== undefined && v === values[0]);
}

/** Text: mean token-F1 over every pair of samples; 1 for a single sample. */
export function meanPairwiseSimilarity(texts: readonly string[]): number {
  if (texts.length < 2) return 1;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      sum += tokenF1(texts[i]!, texts[j]!);
      pairs += 1;
    }
  }
  return sum / pairs;
}
