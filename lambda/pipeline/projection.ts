/**
 * What a run of N documents would cost and take, priced by the same function as a real run's
 * report (lambda/pipeline/cost.ts) over records a typical document would leave. The assumptions are
 * data, printed with every projection (docs/pipeline.md, `npm run cost`), so the numbers move with
 * the price table and say what they rest on.
 */
import { orchestrationCost, type RunCost, runCost } from './cost';
import type { ItemRecord } from './run';
import { STEPS } from './schemas';

export interface Assumptions {
  /** Pages Textract reads per document (a one-page scan). */
  readonly pages: number;
  /** Characters of text per document, and after translation. */
  readonly chars: number;
  /** Characters the instruction adds to the summary prompt. */
  readonly promptOverheadChars: number;
  /** Characters per token, for the prompt's input tokens. */
  readonly charsPerToken: number;
  /** Output tokens of a three-sentence summary. */
  readonly summaryTokens: number;
  /** Characters of that summary (what speak reads). */
  readonly summaryChars: number;
  /** Seconds one document's child workflow takes in real time (all steps, Converse included). */
  readonly secondsPerItem: number;
  /** Seconds of a batch run's child workflows: the first pass (no summary) and the finishing one. */
  readonly secondsPerItemBatch: { readonly process: number; readonly finish: number };
}

export const TYPICAL: Assumptions = {
  pages: 1,
  chars: 1_500,
  promptOverheadChars: 150,
  charsPerToken: 4,
  summaryTokens: 120,
  summaryChars: 480,
  secondsPerItem: 6,
  secondsPerItemBatch: { process: 4, finish: 2 },
};

/** The record a typical document leaves after every step. */
export function typicalRecord(a: Assumptions, inference: 'realtime' | 'batch', index = 0): ItemRecord {
  const text = 'x'.repeat(a.chars);
  const prompt = 'x'.repeat(a.chars + a.promptOverheadChars);
  const summary = 'x'.repeat(a.summaryChars);
  return {
    item: { itemId: `d${String(index + 1).padStart(5, '0')}`, key: '', name: '', type: 'image/png' },
    run: {
      runId: 'projection',
      inference,
      do: Object.fromEntries(STEPS.map((s) => [s, true])) as ItemRecord['run']['do'],
      targetLanguage: 'ko',
      summaryLanguage: 'ko',
    },
    status: 'ok',
    doc: { text, chars: a.chars, bytes: a.chars, pages: a.pages, redacted: [], piiChars: a.chars },
    language: { code: 'en', score: 0.99 },
    sentiment: { label: 'NEUTRAL', scores: {} },
    translation: { text, from: 'en', to: 'ko', chars: a.chars },
    prompt: { text: prompt },
    summary: {
      text: summary,
      inputTokens: Math.ceil(prompt.length / a.charsPerToken),
      outputTokens: a.summaryTokens,
      inference,
    },
    speechInput: { text: summary, language: 'ko' },
    speech: { voice: 'Seoyeon' },
  };
}

export interface Projection {
  readonly documents: number;
  readonly inference: 'realtime' | 'batch';
  readonly cost: RunCost;
  /** Wall-clock seconds of the documents' own processing at this concurrency (the batch job's wait excluded). */
  readonly seconds: number;
}

/** N typical documents at `concurrency` at a time: cost (every record priced) and time. */
export function project(
  documents: number,
  inference: 'realtime' | 'batch',
  o: { modelId: string; guardrail: boolean; concurrency: number; assumptions?: Assumptions },
): Projection {
  const a = o.assumptions ?? TYPICAL;
  // Every record is the same, so price one and scale: runCost is linear in the records.
  const costOptions = {
    modelId: o.modelId,
    guardrail: o.guardrail,
    expressSecondsPerItem:
      inference === 'batch' ? a.secondsPerItemBatch.process + a.secondsPerItemBatch.finish : a.secondsPerItem,
  };
  const one = runCost([typicalRecord(a, inference)], costOptions);
  // Two Lambda calls a document (prepare, redact), plus the report and, in batch, the two batch files.
  const lambdaCalls = documents * 2 + (inference === 'batch' ? 3 : 1);
  const orchestration = orchestrationCost(
    documents,
    { batched: inference === 'batch', lambdaCalls },
    costOptions,
  );
  const rounds = Math.ceil(documents / o.concurrency);
  const seconds =
    inference === 'batch'
      ? rounds * (a.secondsPerItemBatch.process + a.secondsPerItemBatch.finish)
      : rounds * a.secondsPerItem;
  return { documents, inference, cost: scale(one, documents, orchestration), seconds };
}

/** A one-document cost times N, with the orchestration of N documents in one run. */
function scale(one: RunCost, n: number, orchestration: RunCost['steps'][number]): RunCost {
  const round = (x: number) => Number(x.toPrecision(8));
  const steps = [
    ...one.steps
      .filter((s) => s.step !== 'orchestration')
      .map((s) => ({ ...s, quantity: s.quantity * n, costUsd: round(s.costUsd * n) })),
    orchestration,
  ];
  const batch = one.batch && {
    batchUsd: round(one.batch.batchUsd * n),
    onDemandUsd: round(one.batch.onDemandUsd * n),
    savedUsd: round(one.batch.savedUsd * n),
  };
  return {
    ...one,
    items: n,
    steps,
    totalUsd: round(steps.reduce((sum, s) => sum + s.costUsd, 0)),
    ...(batch && { batch }),
  };
}
