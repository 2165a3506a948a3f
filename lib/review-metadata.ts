/**
 * Facts a reviewer needs that a CloudFormation template cannot carry, written into the cloud
 * assembly as construct metadata (`cdk.out/<stack>.metadata.json`, not the template, so templates
 * and their snapshots do not change): the dated list prices a demo's `estimatedCostUsd` is
 * computed from, and the validation plugins synth ran (the validation report lists a plugin only
 * when it found something). `npm run review` reads both from the assembly, never from this code.
 */
import { type App, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { RegionGaps } from '../lambda/shared/availability';
import {
  baseModelId,
  COMPREHEND_MIN_UNITS,
  PRICES,
  PRICES_AS_OF,
  PRICING_REGION,
  type PriceKey,
  TRANSCRIBE_MIN_SECONDS,
} from '../lambda/shared/pricing';
import { REGIONS_AS_OF } from '../lambda/shared/regions';
import type { LabConfig } from './config';
import type { DemoId, DemoService } from './services';

export const PRICES_METADATA = 'ai-lab:prices';
export const METERED_METADATA = 'ai-lab:metered';
export const VALIDATION_PLUGINS_METADATA = 'ai-lab:validation-plugins';
export const REGIONS_METADATA = 'ai-lab:regions';

/** What the review shows of a demo's Region table: each table Region's gaps (501 routes and requests). */
export interface RegionsMetadata {
  readonly asOf: string;
  readonly source: string;
  readonly gaps: Readonly<Record<string, RegionGaps>>;
}

/** Record on a demo stack what each table Region lacks for it (the same sets its Mappings carry). */
export function recordRegionGaps(stack: Stack, gaps: Readonly<Record<string, RegionGaps>>): void {
  const data: RegionsMetadata = { asOf: REGIONS_AS_OF, source: 'lambda/shared/region-facts.ts', gaps };
  stack.node.addMetadata(REGIONS_METADATA, data);
}

export const KEPT_ON_DESTROY_METADATA = 'ai-lab:kept-on-destroy';

/** Why the lab keeps a resource on destroy on purpose; the review words each in both languages. */
export type KeptReason = 'apiGatewayAccountRole';

/** One resource kept on purpose: its construct path inside the stack, as the review shows paths. */
export interface KeptOnDestroy {
  readonly path: string;
  readonly reason: KeptReason;
}

/** The price entries each demo's responses use (lambda/<id>/ compute their cost from these). */
const PRICE_KEYS: Readonly<Record<DemoId, readonly PriceKey[]>> = {
  comprehend: ['comprehendNlpUnit', 'comprehendToxicityUnit'],
  translate: ['translateStandardChar'],
  textract: ['textractDetectTextPage', 'textractTablesPage', 'textractFormsPage', 'textractQueriesPage'],
  rekognition: ['rekognitionImageGroup2'],
  polly: ['pollyStandardChar', 'pollyNeuralChar', 'pollyGenerativeChar', 'pollyLongFormChar'],
  transcribe: ['transcribeBatchSecond'],
  // Token prices follow the models the stack's role may invoke (bedrockModelKeys); these come with them.
  bedrock: ['guardrailContentFilterTextUnit', 'guardrailSensitiveInfoTextUnit'],
  // The summarize step's model (on demand and in a batch job) comes from bedrockModelKeys too.
  pipeline: [
    'stepFunctionsStateTransition',
    'stepFunctionsExpressRequest',
    'stepFunctionsExpressGbSecond',
    'textractDetectTextPage',
    'comprehendNlpUnit',
    'translateStandardChar',
    'guardrailContentFilterTextUnit',
    'guardrailSensitiveInfoTextUnit',
    'pollyStandardChar',
    'lambdaRequest',
    's3PutRequest',
    's3GetRequest',
  ],
};

/** Minimum billable quantity per request or job, where the price table states one. */
const MINIMUMS: Partial<Record<PriceKey, number>> = {
  comprehendNlpUnit: COMPREHEND_MIN_UNITS,
  comprehendToxicityUnit: COMPREHEND_MIN_UNITS,
  transcribeBatchSecond: TRANSCRIBE_MIN_SECONDS,
};

/** Charges a demo's calls cause in another service (TranslateText with `auto` calls Amazon Comprehend). */
const INDIRECT: Partial<Record<DemoId, ReadonlyArray<{ key: string; priceKey: PriceKey }>>> = {
  translate: [{ key: 'translateAuto', priceKey: 'comprehendNlpUnit' }],
};

/**
 * The token price entries of a Bedrock model (`input token, <model> …`, or with `batch job` those of
 * a batch inference job: `input token in a batch job, <model> …`), with the model they price.
 */
function bedrockModelKeys(
  modelId: string,
  kind: 'token' | 'batch job' = 'token',
): Array<{ key: PriceKey; model: string }> {
  const base = baseModelId(modelId);
  return (Object.keys(PRICES) as PriceKey[])
    .filter((k) => PRICES[k].unit.includes(`${kind}, ${base} `))
    .map((key) => ({ key, model: base }));
}

/** Every model a Bedrock demo may call: the default, the compare list and the read-document model. */
function bedrockModels(config: LabConfig): string[] {
  const models = [config.bedrockModelId, ...config.bedrockCompareModelIds, config.bedrockDocumentModelId];
  return [...new Set(models.map(baseModelId))];
}

/**
 * Record on a demo stack the dated list prices its function reports costs with (every model its role
 * may invoke included, with minimum charges), which routes call the metered service, and the charges
 * its calls cause in another service.
 */
export function recordPrices(stack: Stack, service: DemoService, config: LabConfig): void {
  const id = service.id;
  recordPriceKeys(stack, [
    ...(id === 'bedrock' ? bedrockModels(config).flatMap((m) => bedrockModelKeys(m)) : []),
    ...(id === 'pipeline'
      ? [...bedrockModelKeys(config.bedrockModelId), ...bedrockModelKeys(config.bedrockModelId, 'batch job')]
      : []),
    ...PRICE_KEYS[id],
  ]);
  stack.node.addMetadata(METERED_METADATA, {
    routes: service.routes.map((r) => ({ method: r.method, path: r.path, metered: r.metered !== false })),
    indirect: INDIRECT[id] ?? [],
  });
}

/** Record on a stack the dated list prices of what it is billed for (a demo's calls, the dashboard's month). */
export function recordPriceKeys(
  stack: Stack,
  keys: ReadonlyArray<PriceKey | { readonly key: PriceKey; readonly model?: string }>,
): void {
  stack.node.addMetadata(PRICES_METADATA, {
    asOf: PRICES_AS_OF,
    region: PRICING_REGION,
    source: 'lambda/shared/price-table.ts',
    prices: keys.map((k) => {
      const { key, model } = typeof k === 'string' ? { key: k, model: undefined } : k;
      const p: { usd: number; unit: string; status: string; note?: string } = PRICES[key];
      return {
        key,
        usd: p.usd,
        unit: p.unit,
        status: p.status,
        ...(p.note ? { note: p.note } : {}),
        ...(model ? { model } : {}),
        ...(MINIMUMS[key] !== undefined ? { minimum: MINIMUMS[key] } : {}),
      };
    }),
  });
}

/** Record on every stack of the app which validation plugins synth runs over it. */
export function recordValidationPlugins(app: App, plugins: ReadonlyArray<{ readonly name: string }>): void {
  for (const child of app.node.children) {
    if (Stack.isStack(child))
      child.node.addMetadata(
        VALIDATION_PLUGINS_METADATA,
        plugins.map((p) => p.name),
      );
  }
}

/**
 * Record on a stack that these constructs are retained on destroy on purpose, and why, so the
 * review explains them instead of flagging them.
 */
export function recordKeptOnDestroy(
  stack: Stack,
  constructs: readonly IConstruct[],
  reason: KeptReason,
): void {
  const kept: KeptOnDestroy[] = constructs.map((c) => ({
    path: c.node.path.slice(stack.node.path.length + 1).replace(/\/(Resource|Default)$/, ''),
    reason,
  }));
  stack.node.addMetadata(KEPT_ON_DESTROY_METADATA, kept);
}
