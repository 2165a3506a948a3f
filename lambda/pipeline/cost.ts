/**
 * What a run costs, from the records its items left (or, for docs/pipeline.md, from records a
 * projection makes up): each step's billable units priced from the ONE dated table
 * (lambda/shared/price-table.ts), the orchestration around them, and for a batch run what the same
 * tokens would have cost on demand. Pure: the report step, the API and the docs script share it.
 */
import {
  bedrockBatchTokenCost,
  bedrockTokenCost,
  comprehendCost,
  comprehendUnits,
  guardrailCost,
  guardrailTextUnits,
  PRICES,
  PRICES_AS_OF,
  pollyCost,
  roundUsd,
  textractCost,
  translateCost,
} from '../shared/pricing';
import type { ItemRecord } from './run';
import type { Step } from './schemas';

export interface StepCost {
  readonly step: Step | 'guardrail' | 'orchestration';
  readonly unit: string;
  readonly quantity: number;
  readonly costUsd: number;
  readonly note?: string;
}

export interface RunCost {
  readonly items: number;
  readonly steps: StepCost[];
  readonly totalUsd: number;
  /** Batch runs: the summaries' tokens at the batch price and at the on-demand price. */
  readonly batch?: { readonly batchUsd: number; readonly onDemandUsd: number; readonly savedUsd: number };
  readonly pricesAsOf: string;
  readonly assumptions: string[];
}

export interface CostOptions {
  readonly modelId: string;
  /** The lab's guardrail has content filters and sensitive-information filters. */
  readonly guardrail: boolean;
  /** Memory the Express child is billed for (64-MB chunks). @default 64 */
  readonly expressMemoryMb?: number;
  /** Seconds one child workflow runs, for its duration charge. @default 6 */
  readonly expressSecondsPerItem?: number;
  /** State transitions of the Standard parent per run. @default 12 */
  readonly parentTransitions?: number;
}

/** Lambda invocations per item (prepare, and redact when pii runs) at 256 MB for ~50 ms each. */
const LAMBDA_GB_SECONDS_PER_CALL = 0.25 * 0.05;

const add = (
  m: Map<string, { unit: string; quantity: number; costUsd: number }>,
  key: string,
  unit: string,
  q: number,
  c: number,
) => {
  const cur = m.get(key) ?? { unit, quantity: 0, costUsd: 0 };
  m.set(key, { unit, quantity: cur.quantity + q, costUsd: cur.costUsd + c });
};

/**
 * Step Functions, Lambda and S3 around the AI calls, estimated from counts: the parent's
 * transitions, one Express execution per document (two in a batch run) of ~`expressSecondsPerItem`
 * at 64 MB, the Lambda calls, a record write per pass and the reads of the report.
 */
export function orchestrationCost(
  n: number,
  c: { readonly batched: boolean; readonly lambdaCalls: number },
  o: Pick<CostOptions, 'expressMemoryMb' | 'expressSecondsPerItem' | 'parentTransitions'>,
): StepCost {
  const memGb = Math.ceil((o.expressMemoryMb ?? 64) / 64) * 0.0625;
  const seconds = o.expressSecondsPerItem ?? 6;
  const transitions = o.parentTransitions ?? 12;
  const passes = c.batched ? 2 : 1;
  const usd =
    transitions * PRICES.stepFunctionsStateTransition.usd +
    n * passes * PRICES.stepFunctionsExpressRequest.usd +
    n * memGb * seconds * PRICES.stepFunctionsExpressGbSecond.usd +
    c.lambdaCalls * (PRICES.lambdaRequest.usd + LAMBDA_GB_SECONDS_PER_CALL * PRICES.lambdaArmGbSecond.usd) +
    (n * passes + 4) * PRICES.s3PutRequest.usd +
    n * PRICES.s3GetRequest.usd;
  return {
    step: 'orchestration',
    unit: 'Step Functions, Lambda, S3 requests',
    quantity: n,
    costUsd: roundUsd(usd),
    note: `estimate: ${transitions} Standard transitions per run; ${passes} Express execution(s) of ~${seconds} s at ${memGb * 1024} MB, a record write and read per document; ${c.lambdaCalls} Lambda calls`,
  };
}

/** The cost of the items' records: each step's units, priced, then orchestration, then the total. */
export function runCost(records: readonly ItemRecord[], o: CostOptions): RunCost {
  const m = new Map<string, { unit: string; quantity: number; costUsd: number }>();
  let batchUsd = 0;
  let onDemandUsd = 0;
  let batched = false;
  let lambdaCalls = 0;
  const policies = { contentFilters: o.guardrail, sensitiveInfo: o.guardrail };
  for (const r of records) {
    const doc = r.doc ?? {};
    const readChars = doc.piiChars ?? doc.chars ?? 0;
    if (doc.chars !== undefined) lambdaCalls += 1;
    if (doc.pages) add(m, 'extract', 'pages', doc.pages, textractCost(doc.pages));
    if (r.language)
      add(m, 'language', 'Comprehend units', comprehendUnits(readChars), comprehendCost(readChars));
    if (doc.redacted) {
      lambdaCalls += 1;
      add(m, 'pii', 'Comprehend units', comprehendUnits(readChars), comprehendCost(readChars));
    }
    if (r.sentiment) {
      const c = doc.chars ?? 0;
      add(m, 'sentiment', 'Comprehend units', comprehendUnits(c), comprehendCost(c));
    }
    if (r.translation && r.translation.from !== r.translation.to) {
      const c = r.translation.chars ?? doc.chars ?? 0;
      add(m, 'translate', 'characters', c, translateCost(c));
    }
    const s = r.summary;
    if (s?.inputTokens !== undefined && s.outputTokens !== undefined) {
      const tokens = s.inputTokens + s.outputTokens;
      const onDemand = bedrockTokenCost(o.modelId, s.inputTokens, s.outputTokens) ?? 0;
      if (s.inference === 'batch') {
        batched = true;
        const b = bedrockBatchTokenCost(o.modelId, s.inputTokens, s.outputTokens) ?? onDemand;
        batchUsd += b;
        onDemandUsd += onDemand;
        add(m, 'summarize', 'tokens (batch)', tokens, b);
      } else {
        add(m, 'summarize', 'tokens', tokens, onDemand);
      }
      if (o.guardrail) {
        // Converse runs the guardrail on the prompt and on the answer; a batch run checks the
        // answer only (ApplyGuardrail on OUTPUT), its prompt having gone through the pii step.
        const summaryChars = Array.from(s.text ?? '').length;
        const promptChars = Array.from(r.prompt?.text ?? '').length;
        const chars = [s.inference === 'batch' ? 0 : promptChars, summaryChars];
        const units = chars.reduce((n, c) => n + guardrailTextUnits(c), 0);
        const cost = chars.reduce((n, c) => n + guardrailCost(c, policies), 0);
        add(m, 'guardrail', 'text units', units, cost);
      }
    }
    if (r.speech && r.speechInput) {
      // Polly bills the characters it reads (StartSpeechSynthesisTask returns no count at start).
      const c = Array.from(r.speechInput.text).length;
      add(m, 'speak', 'characters', c, pollyCost(c, 'standard'));
    }
  }
  const order: Array<StepCost['step']> = [
    'extract',
    'language',
    'pii',
    'sentiment',
    'translate',
    'summarize',
    'guardrail',
    'speak',
  ];
  const steps: StepCost[] = order
    .filter((k) => m.has(k))
    .map((k) => {
      const v = m.get(k)!;
      return { step: k, unit: v.unit, quantity: v.quantity, costUsd: roundUsd(v.costUsd) };
    });
  steps.push(orchestrationCost(records.length, { batched, lambdaCalls }, o));
  const totalUsd = roundUsd(steps.reduce((sum, x) => sum + x.costUsd, 0));
  return {
    items: records.length,
    steps,
    totalUsd,
    ...(batched && {
      batch: {
        batchUsd: roundUsd(batchUsd),
        onDemandUsd: roundUsd(onDemandUsd),
        savedUsd: roundUsd(onDemandUsd - batchUsd),
      },
    }),
    pricesAsOf: PRICES_AS_OF,
    assumptions: [
      'List prices in us-east-1, first volume tier; free tiers, taxes and data transfer left out.',
      'Polly at the standard-voice price (the voices the speak step uses).',
      'Orchestration is an estimate from counts, not a measured bill.',
    ],
  };
}
