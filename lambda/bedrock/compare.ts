/**
 * POST /bedrock/compare: one prompt sent to two or three models from the configured list, in
 * parallel, each answer returned with its latency, tokens and estimated cost side by side, and the
 * price ratio (모델 선택 시 고려 사항; 비용: larger models are usually more capable, slower and dearer).
 *
 * A model outside the configured list is a 400 before any call: the function's role may invoke
 * exactly those models (the stack scopes IAM to them), so anything else could only fail later.
 * One model failing (no model access, throttled) leaves the others' answers; when every model
 * fails, the first model's error is the response.
 */
import { assertOfferedHere, readRegionGaps } from '../shared/availability';
import { badRequest, HttpError } from '../shared/errors';
import { type Route, route } from '../shared/http';
import { baseModelId, bedrockTokenCost, PRICES_AS_OF, roundUsd } from '../shared/pricing';
import { estimateTokens } from '../shared/tokens';
import {
  type Call,
  HALLUCINATION_NOTICE,
  inferenceReport,
  maxTokensOf,
  prepareCall,
  tokenUsage,
} from './call';
import { type ConverseDeps, converseOnce, type Sample } from './converse';
import { guardrailReport } from './guardrail';
import { compareRequest } from './schemas';

export interface CompareOptions extends ConverseDeps {
  /** The configured models (COMPARE_MODEL_IDS), in the order the table shows them. */
  readonly models: readonly string[];
}

export const MODEL_CHOICE_NOTE =
  'Model choice (모델 선택 시 고려 사항): the same prompt, several models. Larger models tend to answer more ' +
  'fully and cost more per token; smaller ones are faster and cheaper. Judge the answers, not only the price.';

/** Reference size for the list-price comparison: 1,000 input and 1,000 output tokens. */
const REFERENCE_TOKENS = 1_000;

type Outcome = { readonly sample: Sample; readonly wallMs: number } | { readonly error: HttpError };

async function timed(deps: ConverseDeps, modelId: string, call: Call, signal: AbortSignal): Promise<Outcome> {
  const started = Date.now();
  try {
    const sample = await converseOnce(deps, modelId, call, signal);
    return { sample, wallMs: Date.now() - started };
  } catch (err) {
    if (signal.aborted) {
      // The request's deadline stopped this model; the others' answers still go back.
      return {
        error: new HttpError(504, 'TIMEOUT', `${modelId} did not answer before the request's deadline.`),
      };
    }
    return {
      error: err instanceof HttpError ? err : new HttpError(502, 'UPSTREAM_ERROR', 'The model call failed.'),
    };
  }
}

/**
 * What a call will cost at most, known before it is made: input tokens estimated from the text (a
 * typical figure and a ceiling that holds for Korean too, lambda/shared/tokens.ts) and every allowed
 * output token. The answer's own `inputTokens`/`estimatedCostUsd` come from the usage the model returns.
 */
export function preCallEstimate(modelId: string, call: Call, maxOutputTokens: number) {
  const tokens = estimateTokens([call.system ?? '', call.prompt].join('\n'), modelId);
  return {
    inputTokens: { typical: tokens.typical, max: tokens.max },
    hangulSyllables: tokens.hangul,
    maxOutputTokens,
    maxCostUsd: bedrockTokenCost(modelId, tokens.max, maxOutputTokens),
    basis: `input: ${tokens.figure.status} figures (lambda/shared/tokens.ts); ceiling = UTF-8 bytes of the text`,
  };
}

/** Price of 1,000 input + 1,000 output tokens per model, and each model's multiple of the cheapest. */
export function priceRatios(models: readonly string[]) {
  const prices = models.map((m) => ({
    modelId: m,
    usd: bedrockTokenCost(m, REFERENCE_TOKENS, REFERENCE_TOKENS),
  }));
  const known = prices.flatMap((p) => (p.usd === undefined ? [] : [p.usd]));
  const cheapest = known.length ? Math.min(...known) : undefined;
  return prices.map((p) => ({
    modelId: p.modelId,
    usdPer1kInAnd1kOutTokens: p.usd,
    timesCheapest: p.usd === undefined || !cheapest ? undefined : roundUsd(p.usd / cheapest),
  }));
}

export function compareRoute(options: CompareOptions): Route {
  const { models: configured, maxTokensCap, guardrail } = options;
  return route({
    method: 'POST',
    path: '/bedrock/compare',
    schema: compareRequest,
    handle: async (input, ctx) => {
      // The list holds this Region's ids (apac.amazon.nova-lite-v1:0 in Seoul); a caller may name a
      // model by its foundation-model id or by any profile of it.
      const models = (input.models ?? configured.slice(0, 3)).map(
        (m) => configured.find((c) => baseModelId(c) === baseModelId(m)) ?? m,
      );
      const gaps = readRegionGaps();
      for (const m of models.filter((x) => !configured.includes(x))) {
        const key = Object.keys(gaps).find(
          (k) => k.startsWith('model:') && baseModelId(k.slice(6)) === baseModelId(m),
        );
        if (key) assertOfferedHere(key, gaps);
      }
      const unknown = models.filter((m) => !configured.includes(m));
      if (unknown.length > 0) {
        throw badRequest(
          `Model ${unknown.join(', ')} is not in the lab's comparison list. Choose two or three of: ${configured.join(', ')} ` +
            '(redeploy with -c bedrockCompareModelIds=… to change the list).',
          { allowed: configured },
        );
      }
      const { call, promptEcho } = prepareCall(input);
      // In parallel, under one deadline: a slow model is cut at it, the others still answer.
      const outcomes = await Promise.all(models.map((m) => timed(options, m, call, ctx.signal)));
      const firstError = outcomes.find((o): o is { error: HttpError } => 'error' in o);
      if (firstError && outcomes.every((o) => 'error' in o)) throw firstError.error;

      const ratios = priceRatios(models);
      const maxOutput = maxTokensOf(maxTokensCap, input.maxTokens).applied;
      const rows = models.map((modelId, i) => {
        const o = outcomes[i]!;
        const ratio = ratios[i]!;
        const estimate = preCallEstimate(modelId, call, maxOutput);
        if ('error' in o) {
          return {
            modelId,
            ok: false,
            error: { code: o.error.code, message: o.error.message },
            price: ratio,
            estimate,
          };
        }
        const usage = tokenUsage(modelId, Boolean(guardrail), [o.sample]);
        return {
          modelId,
          ok: true,
          text: o.sample.text,
          stopReason: o.sample.stopReason,
          latencyMs: o.wallMs,
          modelLatencyMs: o.sample.latencyMs,
          inputTokens: o.sample.inputTokens,
          outputTokens: o.sample.outputTokens,
          estimatedCostUsd: usage.estimatedCostUsd,
          guardrail: guardrailReport(guardrail, [o.sample]),
          price: ratio,
          estimate,
        };
      });
      const samples = outcomes.flatMap((o) => ('sample' in o ? [o.sample] : []));
      const costs = rows.flatMap((r) => ('estimatedCostUsd' in r ? [r.estimatedCostUsd] : []));
      const totalKnown = costs.every((c) => c !== undefined);
      const inputTokens = samples.reduce((n, s) => n + s.inputTokens, 0);
      const outputTokens = samples.reduce((n, s) => n + s.outputTokens, 0);
      return {
        body: {
          models: rows,
          priceRatio: {
            basis: `list price of ${REFERENCE_TOKENS} input + ${REFERENCE_TOKENS} output tokens`,
            dearestOverCheapest: dearestOverCheapest(ratios),
          },
          ...promptEcho,
          inferenceConfig: inferenceReport(maxTokensCap, input),
          note: MODEL_CHOICE_NOTE,
          verified: false,
          notice: HALLUCINATION_NOTICE,
          pricesAsOf: PRICES_AS_OF,
        },
        usage: {
          unit: 'tokens',
          quantity: inputTokens + outputTokens,
          inputTokens,
          outputTokens,
          modelCalls: samples.length,
          estimatedCostUsd: totalKnown
            ? roundUsd(costs.reduce<number>((n, c) => n + (c ?? 0), 0))
            : undefined,
          costNote: `Estimate: ${PRICES_AS_OF} us-east-1 on-demand list prices, summed over the models; not a bill.`,
        },
      };
    },
  });
}

function dearestOverCheapest(ratios: ReturnType<typeof priceRatios>): number | undefined {
  const known = ratios.flatMap((r) => (r.timesCheapest === undefined ? [] : [r.timesCheapest]));
  return known.length === ratios.length && known.length > 0 ? Math.max(...known) : undefined;
}
