/**
 * Small pure helpers that turn a call's billable quantity into an estimated cost, from the ONE dated
 * price table in lambda/shared/price-table.ts (re-exported here, so callers import prices and helpers
 * from one place). Every `estimatedCostUsd` in a response comes from here.
 *
 * Estimates ignore free tiers, volume tiers, taxes and data transfer. They are for teaching
 * ("what did this call cost?"), not billing.
 */

import { PRICES } from './price-table';

export {
  PRICES,
  PRICES_AS_OF,
  PRICING_REGION,
  type PriceEntry,
  type PriceKey,
  type PriceStatus,
} from './price-table';

/** Comprehend meters 100-character units with a 3-unit minimum per request. */
export const COMPREHEND_UNIT_CHARS = 100;
export const COMPREHEND_MIN_UNITS = 3;
/** Transcribe bills whole seconds with a 15-second minimum per job. */
export const TRANSCRIBE_MIN_SECONDS = 15;
/** A Guardrails text unit holds up to 1,000 characters. */
export const GUARDRAIL_TEXT_UNIT_CHARS = 1_000;

function assertCount(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0 (got ${value}).`);
  }
}

/**
 * Round a USD amount to 8 significant digits: removes binary floating-point noise
 * (0.1 + 0.2 → 0.3) while keeping tiny per-token costs (3.5e-8) exact.
 */
export function roundUsd(n: number): number {
  if (!Number.isFinite(n)) throw new RangeError(`Cannot round a non-finite amount (${n}).`);
  if (n === 0) return 0;
  return Number(n.toPrecision(8));
}

/** Billable Comprehend units for one request of `chars` characters: ceil(chars / 100), at least 3. */
export function comprehendUnits(chars: number): number {
  assertCount('chars', chars);
  return Math.max(COMPREHEND_MIN_UNITS, Math.ceil(chars / COMPREHEND_UNIT_CHARS));
}

/** Cost of one Comprehend NLP/PII request over `chars` characters. */
export function comprehendCost(chars: number): number {
  return roundUsd(comprehendUnits(chars) * PRICES.comprehendNlpUnit.usd);
}

/** Cost of translating `chars` characters (standard, real-time). No per-request minimum. */
export function translateCost(chars: number): number {
  assertCount('chars', chars);
  return roundUsd(chars * PRICES.translateStandardChar.usd);
}

export type TextractFeature = 'TABLES' | 'FORMS' | 'QUERIES';

const TEXTRACT_FEATURE_PRICE: Record<TextractFeature, number> = {
  TABLES: PRICES.textractTablesPage.usd,
  FORMS: PRICES.textractFormsPage.usd,
  QUERIES: PRICES.textractQueriesPage.usd,
};

/**
 * Cost of `pages` pages. No features = DetectDocumentText. With features = AnalyzeDocument, priced
 * per feature and added up (TABLES + FORMS = $0.015 + $0.05 per page); the text itself is included,
 * so DetectDocumentText is not charged on top. Repeated features count once.
 */
export function textractCost(pages: number, features: readonly TextractFeature[] = []): number {
  assertCount('pages', pages);
  const unique = [...new Set(features)];
  for (const f of unique) {
    if (!(f in TEXTRACT_FEATURE_PRICE)) throw new RangeError(`Unknown Textract feature '${f}'.`);
  }
  const perPage =
    unique.length === 0
      ? PRICES.textractDetectTextPage.usd
      : unique.reduce((sum, f) => sum + TEXTRACT_FEATURE_PRICE[f], 0);
  return roundUsd(pages * perPage);
}

/** Cost of `images` Group 2 image analyses (one per API per image). */
export function rekognitionCost(images: number): number {
  assertCount('images', images);
  return roundUsd(images * PRICES.rekognitionImageGroup2.usd);
}

export type PollyEngine = 'standard' | 'neural' | 'generative' | 'long-form';

const POLLY_ENGINE_PRICE: Record<PollyEngine, number> = {
  standard: PRICES.pollyStandardChar.usd,
  neural: PRICES.pollyNeuralChar.usd,
  generative: PRICES.pollyGenerativeChar.usd,
  'long-form': PRICES.pollyLongFormChar.usd,
};

/** Cost of synthesising `chars` billed characters with `engine`. Throws for an engine not in the table. */
export function pollyCost(chars: number, engine: PollyEngine | string): number {
  assertCount('chars', chars);
  const price = POLLY_ENGINE_PRICE[engine as PollyEngine];
  if (price === undefined) throw new RangeError(`No Polly price for engine '${engine}'.`);
  return roundUsd(chars * price);
}

/** Seconds Transcribe bills for a job of `seconds` audio: whole seconds, at least 15. */
export function transcribeBilledSeconds(seconds: number): number {
  assertCount('seconds', seconds);
  return Math.max(TRANSCRIBE_MIN_SECONDS, Math.ceil(seconds));
}

/** Cost of one batch transcription job of `seconds` audio (per second, 15-second minimum). */
export function transcribeCost(seconds: number): number {
  return roundUsd(transcribeBilledSeconds(seconds) * PRICES.transcribeBatchSecond.usd);
}

interface TokenPrice {
  readonly input: number;
  readonly output: number;
}

/** Per-token prices by foundation-model id. */
export const BEDROCK_TOKEN_PRICES: Readonly<Record<string, TokenPrice>> = {
  'amazon.nova-micro-v1:0': {
    input: PRICES.novaMicroInputToken.usd,
    output: PRICES.novaMicroOutputToken.usd,
  },
  'amazon.nova-lite-v1:0': { input: PRICES.novaLiteInputToken.usd, output: PRICES.novaLiteOutputToken.usd },
  'amazon.nova-pro-v1:0': { input: PRICES.novaProInputToken.usd, output: PRICES.novaProOutputToken.usd },
  'ai21.jamba-1-5-mini-v1:0': {
    input: PRICES.jambaMiniInputToken.usd,
    output: PRICES.jambaMiniOutputToken.usd,
  },
  'ai21.jamba-1-5-large-v1:0': {
    input: PRICES.jambaLargeInputToken.usd,
    output: PRICES.jambaLargeOutputToken.usd,
  },
  'cohere.command-r-v1:0': { input: PRICES.commandRInputToken.usd, output: PRICES.commandROutputToken.usd },
  'cohere.command-r-plus-v1:0': {
    input: PRICES.commandRPlusInputToken.usd,
    output: PRICES.commandRPlusOutputToken.usd,
  },
};

/** Prefixes of system-defined cross-Region inference profiles, e.g. `us.amazon.nova-micro-v1:0`. */
const PROFILE_PREFIX = /^(?:us|us-gov|eu|apac|global|ca|jp|au)\./;

/**
 * The foundation-model id behind a model id, inference-profile id or either ARN:
 * `us.amazon.nova-micro-v1:0` and
 * `arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.amazon.nova-micro-v1:0` both give
 * `amazon.nova-micro-v1:0`.
 */
export function baseModelId(modelId: string): string {
  const id = modelId.trim();
  const tail = id.startsWith('arn:') ? id.slice(id.lastIndexOf('/') + 1) : id;
  return tail.replace(PROFILE_PREFIX, '');
}

/**
 * Cost of one Bedrock call, or `undefined` when the model is not in the table. Cross-Region
 * inference profiles (`us.`, `eu.`, `apac.`, `global.` …) are assumed to cost the same as the model
 * in us-east-1; per-profile and per-Region prices are not verified.
 */
export function bedrockTokenCost(
  modelId: string,
  inputTokens: number,
  outputTokens: number,
): number | undefined {
  return tokenCost(BEDROCK_TOKEN_PRICES, modelId, inputTokens, outputTokens);
}

function tokenCost(
  table: Readonly<Record<string, TokenPrice>>,
  modelId: string,
  inputTokens: number,
  outputTokens: number,
): number | undefined {
  assertCount('inputTokens', inputTokens);
  assertCount('outputTokens', outputTokens);
  const price = table[baseModelId(modelId)];
  if (!price) return undefined;
  return roundUsd(inputTokens * price.input + outputTokens * price.output);
}

/** Per-token prices of batch inference (일괄 추론) by foundation-model id: the models batch is priced for here. */
export const BEDROCK_BATCH_TOKEN_PRICES: Readonly<Record<string, TokenPrice>> = {
  'amazon.nova-micro-v1:0': {
    input: PRICES.novaMicroBatchInputToken.usd,
    output: PRICES.novaMicroBatchOutputToken.usd,
  },
  'amazon.nova-lite-v1:0': {
    input: PRICES.novaLiteBatchInputToken.usd,
    output: PRICES.novaLiteBatchOutputToken.usd,
  },
  'amazon.nova-pro-v1:0': {
    input: PRICES.novaProBatchInputToken.usd,
    output: PRICES.novaProBatchOutputToken.usd,
  },
};

/** Cost of tokens processed in a batch inference job, or `undefined` for a model not in the table. */
export function bedrockBatchTokenCost(
  modelId: string,
  inputTokens: number,
  outputTokens: number,
): number | undefined {
  return tokenCost(BEDROCK_BATCH_TOKEN_PRICES, modelId, inputTokens, outputTokens);
}

export interface GuardrailPolicies {
  /** Content filters (hate, insults, sexual, violence, misconduct, prompt attack). */
  readonly contentFilters: boolean;
  /** Sensitive-information (PII / regex) filters. */
  readonly sensitiveInfo: boolean;
}

/** Guardrails text units for `chars` characters: ceil(chars / 1000); 0 characters → 0 units. */
export function guardrailTextUnits(chars: number): number {
  assertCount('chars', chars);
  return Math.ceil(chars / GUARDRAIL_TEXT_UNIT_CHARS);
}

/** Cost of evaluating `chars` characters with a guardrail that has the given policies. */
export function guardrailCost(chars: number, policies: GuardrailPolicies): number {
  const units = guardrailTextUnits(chars);
  const perUnit =
    (policies.contentFilters ? PRICES.guardrailContentFilterTextUnit.usd : 0) +
    (policies.sensitiveInfo ? PRICES.guardrailSensitiveInfoTextUnit.usd : 0);
  return roundUsd(units * perUnit);
}
