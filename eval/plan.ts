/**
 * What an eval run will call, as units of work (one HTTP call each), and what it may cost at most.
 * A unit's key is stable across runs, so a resumed run skips the units its results file already has.
 *
 * The estimate is an upper bound from the dated price table (lambda/shared/price-table.ts): input tokens
 * from the prompt's length (a Hangul syllable counted as a token, four other characters as one),
 * output at the data set's maxTokens, the guardrail on both (as the lab deploys it), and each call's
 * API Gateway request and Lambda time.
 */
import { bedrockTokenCost, comprehendCost, guardrailCost, roundUsd } from '../lambda/shared/pricing';
import { estimateTokens as estimateInputTokens } from '../lambda/shared/tokens';
import { platformUsd } from '../scripts/cost-report';
import type { Dataset, Item } from './dataset';
import { COMPREHEND_BASELINE, compareGroups, MAIN_MODEL } from './models';

export type EvalRoute =
  | '/bedrock/compare'
  | '/bedrock/converse'
  | '/bedrock/converse-stream'
  | '/bedrock/ask-notes'
  | '/comprehend/sentiment';

export interface Unit {
  readonly key: string;
  readonly dataset: string;
  readonly itemId: string;
  /** 1-based. */
  readonly sample: number;
  readonly route: EvalRoute;
  /** The models this call answers for: foundation ids, or `comprehend`, or (ask-notes) the main model. */
  readonly models: readonly string[];
  /** The request body (compare gets its `models` when sent: the deployed ids). */
  readonly body: Record<string, unknown>;
}

export interface PlanOptions {
  readonly models: readonly string[];
  readonly samples: number;
  /** Stream the first model's answers through /bedrock/converse-stream (time to first token). */
  readonly stream: boolean;
}

/** ask-notes sends the question with up to three passages of at most 1,500 characters, and a template. */
const ASK_NOTES_CONTEXT_CHARS = 3 * 1_500 + 400;
/** Per-call function share in the estimate: 512 MB for 5 s, generous for one Converse call. */
const LAMBDA = { memoryMb: 512, seconds: 5 };
/** Characters of one output token in the estimate (the guardrail also reads the output). */
const CHARS_PER_OUTPUT_TOKEN = 4;

export function promptOf(d: Dataset, item: Item): string {
  return d.instruction ? `${d.instruction}\n\n${item.input}` : item.input;
}

function inference(d: Dataset) {
  return { maxTokens: d.maxTokens, ...(d.temperature === undefined ? {} : { temperature: d.temperature }) };
}

export function planUnits(datasets: readonly Dataset[], o: PlanOptions): Unit[] {
  const units: Unit[] = [];
  for (const d of datasets) {
    for (const item of d.items) {
      for (let sample = 1; sample <= o.samples; sample++) {
        const unit = (
          route: EvalRoute,
          models: readonly string[],
          body: Record<string, unknown>,
          tag: string,
        ) =>
          units.push({
            key: `${d.name}/${item.id}#${sample}/${tag}`,
            dataset: d.name,
            itemId: item.id,
            sample,
            route,
            models,
            body,
          });
        if (d.task === 'ask-notes') {
          unit('/bedrock/ask-notes', [], { question: item.input, ...inference(d) }, 'ask-notes');
          continue;
        }
        const prompt = { prompt: promptOf(d, item), ...inference(d) };
        // --stream adds the first model once more through the streaming route: its own row in the
        // report (marked "stream"), with the time to first token the buffered routes cannot show.
        if (o.stream && o.models.length > 0)
          unit('/bedrock/converse-stream', [o.models[0]!], prompt, `stream:${o.models[0]}`);
        for (const group of compareGroups(o.models)) {
          if (group.length === 1) unit('/bedrock/converse', group, prompt, `converse:${group[0]}`);
          else unit('/bedrock/compare', group, prompt, `compare:${group.join('+')}`);
        }
        if (d.task === 'label')
          unit(
            '/comprehend/sentiment',
            [COMPREHEND_BASELINE],
            { text: item.input, languageCode: d.lang },
            COMPREHEND_BASELINE,
          );
      }
    }
  }
  return units;
}

/**
 * Input tokens of a text, from the lab's one estimate (lambda/shared/tokens.ts: Hangul syllables about one
 * each, everything else four characters a token), plus 10 for message framing. A typical figure: the
 * estimate's `max` (UTF-8 bytes) is the hard ceiling if the bound must never be passed.
 */
export function estimateTokens(text: string): number {
  return estimateInputTokens(text, MAIN_MODEL).typical + 10;
}

/** Cost of one model call at most; undefined when the model has no price. */
export function modelCallBound(
  model: string,
  promptChars: number,
  promptTokens: number,
  maxTokens: number,
): number | undefined {
  const tokens = bedrockTokenCost(model, promptTokens, maxTokens);
  if (tokens === undefined) return undefined;
  const both = { contentFilters: true, sensitiveInfo: true };
  return roundUsd(
    tokens + guardrailCost(promptChars, both) + guardrailCost(maxTokens * CHARS_PER_OUTPUT_TOKEN, both),
  );
}

export interface Estimate {
  readonly usd: number;
  readonly calls: number;
  readonly modelCalls: number;
  /** Models the price table does not know: their calls cannot be bounded. */
  readonly unpriced: string[];
}

/**
 * The most the units can cost. ask-notes answers with the stack's main model, which the eval cannot
 * see before it calls: it is priced as the dearest of `askNotesModels`. A judge adds one call per answer.
 */
export function estimate(
  units: readonly Unit[],
  datasets: readonly Dataset[],
  options: { askNotesModels: readonly string[]; judge?: string; judgePromptChars?: number },
): Estimate {
  const byName = new Map(datasets.map((d) => [d.name, d]));
  const unpriced = new Set<string>();
  let usd = 0;
  let modelCalls = 0;
  const add = (model: string, chars: number, tokens: number, maxTokens: number) => {
    const bound = modelCallBound(model, chars, tokens, maxTokens);
    if (bound === undefined) unpriced.add(model);
    else usd += bound;
    modelCalls += 1;
  };
  for (const u of units) {
    const d = byName.get(u.dataset)!;
    const item = d.items.find((i) => i.id === u.itemId)!;
    usd += platformUsd(LAMBDA.memoryMb, LAMBDA.seconds);
    if (u.route === '/comprehend/sentiment') {
      usd += comprehendCost(item.input.length);
      continue;
    }
    const prompt = u.route === '/bedrock/ask-notes' ? item.input : promptOf(d, item);
    const chars = prompt.length + (u.route === '/bedrock/ask-notes' ? ASK_NOTES_CONTEXT_CHARS : 0);
    const tokens =
      estimateTokens(prompt) +
      (u.route === '/bedrock/ask-notes' ? Math.ceil(ASK_NOTES_CONTEXT_CHARS / 2) : 0);
    const models = u.route === '/bedrock/ask-notes' ? [dearest(options.askNotesModels)] : u.models;
    for (const m of models) {
      add(m, chars, tokens, d.maxTokens);
      if (options.judge && d.task === 'short-answer') {
        const judgeChars =
          (options.judgePromptChars ?? 1_500) +
          prompt.length +
          (item.reference?.length ?? 0) +
          d.maxTokens * CHARS_PER_OUTPUT_TOKEN;
        add(
          options.judge === MAIN_MODEL ? dearest(options.askNotesModels) : options.judge,
          judgeChars,
          estimateTokens('x'.repeat(judgeChars)),
          JUDGE_MAX_TOKENS,
        );
        usd += platformUsd(LAMBDA.memoryMb, LAMBDA.seconds);
      }
    }
  }
  return { usd: roundUsd(usd), calls: units.length, modelCalls, unpriced: [...unpriced] };
}

/** What the judge may write: a verdict and one sentence. */
export const JUDGE_MAX_TOKENS = 120;

function dearest(models: readonly string[]): string {
  let best = models[0] ?? 'amazon.nova-micro-v1:0';
  let price = -1;
  for (const m of models) {
    const p = bedrockTokenCost(m, 1_000, 1_000);
    if (p !== undefined && p > price) {
      best = m;
      price = p;
    }
  }
  return best;
}
