/**
 * The Bedrock demo's routes: Converse with the notes' prompt elements, a guardrail, a hallucination
 * notice, non-determinism samples and token costs (POST /bedrock/converse), and RAG over the study
 * notes with citations (POST /bedrock/ask-notes). Everything AWS-facing goes through `converse()`,
 * so the cap, the guardrail and the error mapping apply to both routes (see converse.ts, call.ts).
 *
 * Privacy: nothing here logs. The router logs only route, status, durations, error names and the
 * `usage` block, which holds counts and costs, never prompts, questions, answers or passages.
 */
import { type Route, route } from '../shared/http';
import { PRICES_AS_OF } from '../shared/pricing';
import { HALLUCINATION_NOTICE, inferenceReport, prepareCall, tokenUsage } from './call';
import { type ConverseDeps, converseOnce, type Sample } from './converse';
import { guardrailReport } from './guardrail';
import { assembleRagPrompt, type NotesIndex, RAG_NO_ANSWER, search } from './notes-index';
import { askNotesRequest, converseRequest } from './schemas';

export interface BedrockRoutesOptions extends ConverseDeps {
  /** Foundation-model or inference-profile id (MODEL_ID). */
  readonly modelId: string;
  /**
   * The notes index for ask-notes. A function, so the index is loaded on the first ask-notes
   * call rather than at cold start (about 15 ms that converse calls never need); memoise it.
   */
  readonly notesIndex: () => NotesIndex;
}

/** ask-notes: what RAG is, next to the answer it produced. */
export const RAG_EXPLANATION =
  'RAG (검색 증강 생성): the passages were retrieved from the study notes at request time and sent to the model as ' +
  "context; the model's weights did not change. Fine-tuning (미세 조정) would instead retrain the weights on examples.";

/** ask-notes answer when retrieval finds nothing: the model is not called. */
export const NOT_COVERED_ANSWER = `${RAG_NO_ANSWER} No passage of the notes matches the question, so the model was not called.`;

const NON_DETERMINISM_NOTE =
  'Non-determinism (비결정성): the same request ran several times; compare the outputs. A lower temperature makes ' +
  'answers more repeatable but does not guarantee identical output.';

export function bedrockRoutes(options: BedrockRoutesOptions): Route[] {
  const { modelId, maxTokensCap, guardrail, notesIndex } = options;
  const converse = (call: Parameters<typeof converseOnce>[2], signal: AbortSignal) =>
    converseOnce(options, modelId, call, signal);
  const report = (samples: readonly Sample[]) => guardrailReport(guardrail, samples);
  const usage = (samples: readonly Sample[]) => tokenUsage(modelId, Boolean(guardrail), samples);

  return [
    route({
      method: 'POST',
      path: '/bedrock/converse',
      schema: converseRequest,
      handle: async (input, ctx) => {
        const { call, promptEcho } = prepareCall(input);
        const samples = await Promise.all(
          Array.from({ length: input.samples }, () => converse(call, ctx.signal)),
        );
        const first = samples[0]!;
        const distinct = new Set(samples.map((s) => s.text.trim())).size;
        const samplesEcho =
          samples.length > 1
            ? {
                samples: samples.length,
                outputs: samples.map((s) => ({ text: s.text, stopReason: s.stopReason })),
                identical: distinct === 1,
                distinctOutputs: distinct,
                nonDeterminism: NON_DETERMINISM_NOTE,
              }
            : {};
        return {
          body: {
            modelId,
            text: first.text,
            stopReason: first.stopReason,
            ...samplesEcho,
            ...promptEcho,
            inferenceConfig: inferenceReport(maxTokensCap, input),
            guardrail: report(samples),
            verified: false,
            notice: HALLUCINATION_NOTICE,
            pricesAsOf: PRICES_AS_OF,
          },
          usage: usage(samples),
        };
      },
    }),
    route({
      method: 'POST',
      path: '/bedrock/ask-notes',
      schema: askNotesRequest,
      handle: async ({ question, topK, temperature, topP, maxTokens }, ctx) => {
        const hits = search(notesIndex(), question, topK).filter((h) => h.score > 0);
        const retrieval = {
          method: 'BM25+ keyword search over the notes (MiniSearch)',
          topK,
          found: hits.length,
        };
        if (hits.length === 0) {
          return {
            body: {
              modelId,
              answer: NOT_COVERED_ANSWER,
              modelCalled: false,
              citations: [],
              retrieval,
              rag: RAG_EXPLANATION,
              verified: false,
              notice: HALLUCINATION_NOTICE,
              pricesAsOf: PRICES_AS_OF,
            },
            usage: {
              unit: 'tokens',
              quantity: 0,
              inputTokens: 0,
              outputTokens: 0,
              modelCalls: 0,
              estimatedCostUsd: 0,
            },
          };
        }
        // Bounded by construction: a question of ≤1,000 characters and ≤5 passages of ≤1,500 characters.
        const prompt = assembleRagPrompt(question, hits);
        const sample = await converse({ prompt, temperature, topP, maxTokens }, ctx.signal);
        return {
          body: {
            modelId,
            answer: sample.text,
            stopReason: sample.stopReason,
            modelCalled: true,
            citations: hits.map((h, i) => ({
              n: i + 1,
              heading: h.heading,
              excerpt: h.excerpt,
              score: h.score,
              citedInAnswer: sample.text.includes(`[${i + 1}]`),
            })),
            retrieval,
            rag: RAG_EXPLANATION,
            inferenceConfig: inferenceReport(maxTokensCap, { temperature, topP, maxTokens }),
            guardrail: report([sample]),
            verified: false,
            notice: HALLUCINATION_NOTICE,
            pricesAsOf: PRICES_AS_OF,
          },
          usage: usage([sample]),
        };
      },
    }),
  ];
}
