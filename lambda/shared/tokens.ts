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

/**
 * Amazon Nova (version 1) "Image to tokens conversion": sample image sizes and their approximate token
 * counts, from the Amazon Nova User Guide, Image understanding (read 2026-12-05):
 * https://docs.aws.amazon.com/nova/latest/userguide/modalities-image.html (verified). Nova first snaps an
 * image to the closest of its aspect ratios and rescales it "so that at least one side of the image is
 * greater than 896px or the length of shorter side of the original image"; the guide's worked example
 * takes an 800 × 400 image to 900 × 450, about 800 tokens.
 */
export const NOVA_IMAGE_TOKENS: ReadonlyArray<{
  readonly width: number;
  readonly height: number;
  readonly tokens: number;
}> = [
  { width: 900, height: 450, tokens: 800 },
  { width: 900, height: 900, tokens: 1_300 },
  { width: 1_400, height: 900, tokens: 1_800 },
  { width: 1_800, height: 900, tokens: 2_400 },
  { width: 1_300, height: 1_300, tokens: 2_600 },
];
export const NOVA_IMAGE_TOKENS_SOURCE =
  'https://docs.aws.amazon.com/nova/latest/userguide/modalities-image.html';
/** The side Nova scales a smaller image up to (the guide: "greater than 896px"). */
const NOVA_MIN_LONG_SIDE_PX = 896;

export interface ImageTokenEstimate {
  /** Estimated input tokens for the image alone. */
  readonly tokens: number;
  /** The pixel area the estimate used (after scaling a small image up). */
  readonly pixels: number;
  /** True when the image is larger than the guide's largest example (the last ratio is carried on). */
  readonly beyondTable: boolean;
  readonly basis: string;
}

/**
 * Estimated tokens of one image for an Amazon Nova model, before the call: an image whose long side is
 * under 896 px is scaled up to it, as Nova does, and its pixel area is interpolated between the guide's
 * examples (about one token per 500–700 pixels). An estimate, marked so: the model's own `inputTokens` after
 * the call is what the lab prices.
 */
export function estimateNovaImageTokens(width: number, height: number): ImageTokenEstimate {
  const long = Math.max(width, height);
  const scale = long > 0 && long < NOVA_MIN_LONG_SIDE_PX ? NOVA_MIN_LONG_SIDE_PX / long : 1;
  const pixels = Math.round(width * scale * (height * scale));
  const points = NOVA_IMAGE_TOKENS.map((p) => ({ area: p.width * p.height, tokens: p.tokens })).sort(
    (a, b) => a.area - b.area,
  );
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let tokens: number;
  if (pixels <= first.area) tokens = (pixels / first.area) * first.tokens;
  else if (pixels >= last.area) tokens = (pixels / last.area) * last.tokens;
  else {
    const i = points.findIndex((p) => p.area >= pixels);
    const lo = points[i - 1]!;
    const hi = points[i]!;
    tokens = lo.tokens + ((pixels - lo.area) / (hi.area - lo.area)) * (hi.tokens - lo.tokens);
  }
  return {
    tokens: Math.round(tokens),
    pixels,
    beyondTable: pixels > last.area,
    basis: `interpolated by pixel area in the Amazon Nova User Guide's image-token examples (${NOVA_IMAGE_TOKENS_SOURCE})`,
  };
}
