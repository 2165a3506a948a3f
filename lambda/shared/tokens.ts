/**
 * Token estimates made BEFORE a model call (the comparison's estimate, any cost ceiling), honest for
 * Korean. After a call the lab always prices the token counts the model returns (`usage`), never these.
 *
 * Two numbers per text:
 * - `typical`: Hangul syllables × the family's tokens per syllable, plus other characters ÷ the family's
 *   characters per token. No public tokenizer for Amazon Nova, Amazon Titan, AI21 Jamba or Cohere
 *   Command ships on npm, and no family publishes a Hangul figure, so every family uses the general
 *   figures below, marked unverified.
 * - `max`: the text's UTF-8 length in bytes. Every token of a subword tokenizer covers at least one byte
 *   of the text, so no model needs more tokens than bytes (a Hangul syllable is 3 bytes in UTF-8,
 *   RFC 3629). A sound ceiling for the text itself; Converse adds a few tokens of message framing.
 *
 * The English rule of characters ÷ 4 undercounts Korean: "안녕하세요" is 5 characters (≈ 1 token by
 * that rule) but about 5 tokens by the figure below, and at most 15.
 */
import type { ModelFamily } from './region-facts';

export type FactStatus = 'verified' | 'unverified';

export interface TokenFigure {
  /** Characters per token for text other than Hangul (mostly Latin script). */
  readonly charsPerToken: number;
  /** Tokens per Hangul syllable. */
  readonly tokensPerHangul: number;
  readonly source: string;
  readonly status: FactStatus;
}

const GENERAL: TokenFigure = {
  charsPerToken: 4,
  tokensPerHangul: 1,
  source:
    'General figures, not the model’s own: about 4 characters per token for English; about 1 token per Hangul ' +
    'syllable (BPE tokenizers measured at 1–2 tokens per syllable, more efficient multilingual ones nearer 1: ' +
    'aitoken.bal.pe.kr/en/guide; jangwook.net measured Korean at 1.38× the English token count of the same ' +
    'articles). Read 2026-12-05.',
  status: 'unverified',
};

export const TOKEN_FIGURES: Readonly<Record<ModelFamily | 'other', TokenFigure>> = {
  'amazon-nova': GENERAL,
  'amazon-titan': GENERAL,
  'ai21-jamba': GENERAL,
  'cohere-command': GENERAL,
  other: GENERAL,
};

/** Hangul syllables (U+AC00–U+D7A3) and compatibility/conjoining jamo. */
const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7A3]/gu;

export interface TokenEstimate {
  readonly typical: number;
  readonly max: number;
  readonly hangul: number;
  readonly otherChars: number;
  readonly figure: TokenFigure;
}

/** Model-id prefixes of each family (a prefix, not the Region table: keeps the table out of the bundles). */
const FAMILY_PREFIXES: ReadonlyArray<[string, ModelFamily]> = [
  ['amazon.nova-', 'amazon-nova'],
  ['amazon.titan-', 'amazon-titan'],
  ['ai21.jamba', 'ai21-jamba'],
  ['cohere.command', 'cohere-command'],
];

export function tokenFigure(modelId: string): TokenFigure {
  const base = modelId.replace(/^(?:us|us-gov|eu|apac|jp|au|ca|global)\./, '');
  const family = FAMILY_PREFIXES.find(([prefix]) => base.startsWith(prefix))?.[1];
  return TOKEN_FIGURES[family ?? 'other'];
}

/** Estimated input tokens of `text` for `modelId`: a typical figure and a ceiling (UTF-8 bytes). */
export function estimateTokens(text: string, modelId: string): TokenEstimate {
  const figure = tokenFigure(modelId);
  const hangul = text.match(HANGUL)?.length ?? 0;
  const otherChars = [...text].length - hangul;
  const typical = Math.ceil(hangul * figure.tokensPerHangul + otherChars / figure.charsPerToken);
  return { typical, max: Buffer.byteLength(text, 'utf8'), hangul, otherChars, figure };
}
