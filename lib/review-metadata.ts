/**
 * Facts a reviewer needs that a CloudFormation template cannot carry, written into the cloud
 * assembly as construct metadata (`cdk.out/<stack>.metadata.json`, not the template, so templates
 * and their snapshots do not change): the dated list prices a demo's `estimatedCostUsd` is
 * computed from, and the validation plugins synth ran (the validation report lists a plugin only
 * when it found something). `npm run review` reads both from the assembly, never from this code.
 */
import { type App, Stack } from 'aws-cdk-lib';
import { PRICES, PRICES_AS_OF, PRICING_REGION, type PriceKey } from '../lambda/shared/pricing';
import type { DemoId } from './services';

export const PRICES_METADATA = 'ai-lab:prices';
export const VALIDATION_PLUGINS_METADATA = 'ai-lab:validation-plugins';

/** The price entries each demo's responses use (lambda/<id>/ compute their cost from these). */
const PRICE_KEYS: Readonly<Record<DemoId, readonly PriceKey[]>> = {
  comprehend: ['comprehendNlpUnit', 'comprehendToxicityUnit'],
  translate: ['translateStandardChar'],
  textract: ['textractDetectTextPage', 'textractTablesPage', 'textractFormsPage', 'textractQueriesPage'],
  rekognition: ['rekognitionImageGroup2'],
  polly: ['pollyStandardChar', 'pollyNeuralChar', 'pollyGenerativeChar', 'pollyLongFormChar'],
  transcribe: ['transcribeBatchSecond'],
  bedrock: [
    'novaMicroInputToken',
    'novaMicroOutputToken',
    'novaLiteInputToken',
    'novaLiteOutputToken',
    'guardrailContentFilterTextUnit',
    'guardrailSensitiveInfoTextUnit',
  ],
};

/** Record on a demo stack the dated list prices its function reports costs with. */
export function recordPrices(stack: Stack, id: DemoId): void {
  recordPriceKeys(stack, PRICE_KEYS[id]);
}

/** Record on a stack the dated list prices of what it is billed for (a demo's calls, the dashboard's month). */
export function recordPriceKeys(stack: Stack, keys: readonly PriceKey[]): void {
  stack.node.addMetadata(PRICES_METADATA, {
    asOf: PRICES_AS_OF,
    region: PRICING_REGION,
    source: 'lambda/shared/pricing.ts',
    prices: keys.map((key) => {
      const p = PRICES[key];
      return { key, usd: p.usd, unit: p.unit, status: p.status };
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
