/**
 * The Bedrock demo's routes: Converse with the notes' prompt elements, a guardrail, a hallucination
 * notice, non-determinism samples and token costs (POST /bedrock/converse), and RAG over the study
 * notes with citations (POST /bedrock/ask-notes). Everything AWS-facing goes through `converse()`,
 * so the cap, the guardrail and the error mapping apply to both routes.
 *
 * Privacy: nothing here logs. The router logs only route, status, durations, error names and the
 * `usage` block, which holds counts and costs, never prompts, questions, answers or passages.
 */
import {
  type BedrockRuntimeClient,
  type ContentBlock,
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseCommandOutput,
  type GuardrailAssessment,
  type GuardrailTraceAssessment,
} from '@aws-sdk/client-bedrock-runtime';
import { assertMaxBytes } from '../shared/body';
import { type AwsErrorOverride, HttpError, isHttpError, toHttpError } from '../shared/errors';
import { type Route, route } from '../shared/http';
import {
  baseModelId,
  bedrockTokenCost,
  GUARDRAIL_TEXT_UNIT_CHARS,
  guardrailCost,
  PRICES,
  PRICES_AS_OF,
  roundUsd,
} from '../shared/pricing';
import type { Usage } from '../shared/usage';
import { assembleRagPrompt, type NotesIndex, RAG_NO_ANSWER, search } from './notes-index';
import { assemblePrompt, type PromptElement } from './prompt';
import { askNotesRequest, converseRequest, MAX_PROMPT_BYTES } from './schemas';

export interface BedrockGuardrailRef {
  /** Guardrail id (GUARDRAIL_ID). */
  readonly id: string;
  /** Guardrail version (GUARDRAIL_VERSION). */
  readonly version: string;
}

export interface BedrockRoutesOptions {
  readonly client: BedrockRuntimeClient;
  /** Foundation-model or inference-profile id (MODEL_ID). */
  readonly modelId: string;
  /** Upper bound on maxTokens (MAX_TOKENS_CAP): the cost ceiling. */
  readonly maxTokensCap: number;
  /** Applied to every Converse call when given. @default no guardrail */
  readonly guardrail?: BedrockGuardrailRef;
  /**
   * The notes index for ask-notes. A function, so the index is loaded on the first ask-notes
   * call rather than at cold start (about 15 ms that converse calls never need); memoise it.
   */
  readonly notesIndex: () => NotesIndex;
  /** The function's Region, named in actionable error messages. @default 'your Region' */
  readonly region?: string;
}

/** Hallucination mitigation (할루시네이션 완화): every generated answer is marked unverified. */
export const HALLUCINATION_NOTICE =
  'Unverified model output (할루시네이션 주의): check it against independent sources before you rely on it.';

/** ask-notes: what RAG is, next to the answer it produced. */
export const RAG_EXPLANATION =
  'RAG (검색 증강 생성): the passages were retrieved from the study notes at request time and sent to the model as ' +
  "context; the model's weights did not change. Fine-tuning (미세 조정) would instead retrain the weights on examples.";

/** ask-notes answer when retrieval finds nothing: the model is not called. */
export const NOT_COVERED_ANSWER = `${RAG_NO_ANSWER} No passage of the notes matches the question, so the model was not called.`;

const NON_DETERMINISM_NOTE =
  'Non-determinism (비결정성): the same request ran several times; compare the outputs. A lower temperature makes ' +
  'answers more repeatable but does not guarantee identical output.';

export type GuardrailPolicy = 'content' | 'sensitiveInformation' | 'topic' | 'word' | 'contextualGrounding';

/** Why a guardrail acted: policy and type only, never the matched or blocked text. */
export interface GuardrailReason {
  readonly source: 'input' | 'output';
  readonly policy: GuardrailPolicy;
  /** Filter type (PROMPT_ATTACK, HATE…), PII entity type (EMAIL…), topic or regex name, word list type. */
  readonly type: string;
  /** BLOCKED or ANONYMIZED. */
  readonly action: string;
  readonly confidence?: string;
}

export interface GuardrailReport {
  readonly applied: boolean;
  readonly version?: string;
  readonly intervened: boolean;
  readonly reasons: GuardrailReason[];
}

interface Sample {
  readonly text: string;
  readonly stopReason: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly guardrailCostUsd: number;
  readonly reasons: GuardrailReason[];
}

interface Call {
  readonly prompt: string;
  readonly system?: string;
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxTokens?: number;
}

const textOf = (content: ContentBlock[] | undefined): string =>
  (content ?? []).map((c) => ('text' in c && typeof c.text === 'string' ? c.text : '')).join('');

/** Policies that acted in one assessment (actions other than NONE), without any matched text. */
function assessmentReasons(a: GuardrailAssessment, source: 'input' | 'output'): GuardrailReason[] {
  const acted = (action: string | undefined): action is string => Boolean(action) && action !== 'NONE';
  const out: GuardrailReason[] = [];
  for (const f of a.contentPolicy?.filters ?? []) {
    if (acted(f.action))
      out.push({
        source,
        policy: 'content',
        type: String(f.type),
        action: f.action,
        confidence: f.confidence,
      });
  }
  for (const p of a.sensitiveInformationPolicy?.piiEntities ?? []) {
    if (acted(p.action))
      out.push({ source, policy: 'sensitiveInformation', type: String(p.type), action: p.action });
  }
  for (const r of a.sensitiveInformationPolicy?.regexes ?? []) {
    if (acted(r.action))
      out.push({
        source,
        policy: 'sensitiveInformation',
        type: `regex:${r.name ?? 'unnamed'}`,
        action: r.action,
      });
  }
  for (const t of a.topicPolicy?.topics ?? []) {
    if (acted(t.action)) out.push({ source, policy: 'topic', type: String(t.name), action: t.action });
  }
  for (const w of a.wordPolicy?.customWords ?? []) {
    if (acted(w.action)) out.push({ source, policy: 'word', type: 'CUSTOM_WORD', action: w.action });
  }
  for (const w of a.wordPolicy?.managedWordLists ?? []) {
    if (acted(w.action)) out.push({ source, policy: 'word', type: String(w.type), action: w.action });
  }
  for (const g of a.contextualGroundingPolicy?.filters ?? []) {
    if (acted(g.action))
      out.push({ source, policy: 'contextualGrounding', type: String(g.type), action: g.action });
  }
  return out;
}

function assessments(
  trace: GuardrailTraceAssessment | undefined,
): Array<[GuardrailAssessment, 'input' | 'output']> {
  return [
    ...Object.values(trace?.inputAssessment ?? {}).map((a) => [a, 'input'] as [GuardrailAssessment, 'input']),
    ...Object.values(trace?.outputAssessments ?? {})
      .flat()
      .map((a) => [a, 'output'] as [GuardrailAssessment, 'output']),
  ];
}

/** Policies that acted, de-duplicated, from the guardrail trace (never `modelOutput` or `match`). */
export function guardrailReasons(trace: GuardrailTraceAssessment | undefined): GuardrailReason[] {
  const seen = new Map<string, GuardrailReason>();
  for (const [a, source] of assessments(trace)) {
    for (const r of assessmentReasons(a, source)) seen.set(JSON.stringify(r), r);
  }
  return [...seen.values()];
}

/**
 * Estimated guardrail cost of one call: from the text units the trace reports when it has them,
 * otherwise from characters (input and output evaluated separately, ≤1,000 characters a unit).
 */
export function guardrailCallCost(
  trace: GuardrailTraceAssessment | undefined,
  inputChars: number,
  outputChars: number,
): number {
  let content = 0;
  let sensitive = 0;
  let reported = false;
  for (const [a] of assessments(trace)) {
    const u = a.invocationMetrics?.usage;
    if (!u) continue;
    reported = true;
    content += u.contentPolicyUnits ?? 0;
    sensitive += u.sensitiveInformationPolicyUnits ?? 0;
  }
  if (reported) {
    return roundUsd(
      content * PRICES.guardrailContentFilterTextUnit.usd +
        sensitive * PRICES.guardrailSensitiveInfoTextUnit.usd,
    );
  }
  const policies = { contentFilters: true, sensitiveInfo: true };
  return roundUsd(guardrailCost(inputChars, policies) + guardrailCost(outputChars, policies));
}

// ---------------------------------------------------------------------------------------------
// Errors: the Bedrock-specific, actionable messages
// ---------------------------------------------------------------------------------------------

const MODEL_ACCESS = /model access|access to (the|this) model/i;
const MODEL_UNAVAILABLE =
  /model identifier|model id|on-demand throughput|inference profile|(not supported|not available|unsupported) in (this|the) region/i;

/** Map an error from Converse to an HttpError whose message tells the learner what to do. */
export function bedrockError(err: unknown, modelId: string, region = 'your Region'): HttpError {
  if (isHttpError(err)) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as { name?: string; message?: string };
  const name = e.name ?? 'Error';
  const message = e.message ?? '';
  const foundationModel = baseModelId(modelId);
  const viaProfile = foundationModel !== modelId;

  if ((name === 'AccessDeniedException' || name === 'AccessDenied') && MODEL_ACCESS.test(message)) {
    return new HttpError(
      403,
      'MODEL_ACCESS',
      `This account has no access to model ${modelId} in ${region}. Enable it: Amazon Bedrock console → Region ` +
        `${region} → Model access → Modify model access → select ${foundationModel} → Submit, wait for "Access granted", ` +
        `then retry${viaProfile ? ` (an inference profile needs ${foundationModel} enabled in every Region it routes to)` : ''}. ` +
        'Or redeploy with -c bedrockModelId=<a model you have access to>.',
    );
  }
  const unavailable =
    !/guardrail/i.test(message) &&
    (name === 'ResourceNotFoundException' ||
      (name === 'ValidationException' && MODEL_UNAVAILABLE.test(message)));
  if (unavailable) {
    return new HttpError(
      name === 'ResourceNotFoundException' ? 404 : 400,
      'MODEL_NOT_AVAILABLE',
      `Model ${modelId} is not available in ${region} (${name}). Redeploy with ` +
        '-c bedrockModelId=<an inference profile id like us.amazon.nova-micro-v1:0> (eu.… or apac.… outside the US), ' +
        'or deploy to a Region that offers the model on demand.',
    );
  }
  const overrides: Record<string, AwsErrorOverride> = {
    AccessDeniedException: {
      status: 403,
      code: 'ACCESS_DENIED',
      message:
        `The function's role may not invoke ${modelId} (AccessDeniedException). Check the stack's BedrockInvoke ` +
        'policy (InvokeModel on the model or profile ARNs, ApplyGuardrail on the guardrail) and any SCPs.',
    },
    ThrottlingException: {
      status: 429,
      code: 'THROTTLED',
      message:
        'Amazon Bedrock is throttling requests for this model (ThrottlingException). Retry after a pause.',
    },
    ServiceQuotaExceededException: {
      status: 429,
      code: 'THROTTLED',
      message:
        'A Bedrock quota for this model is used up (ServiceQuotaExceededException). Retry later or ask for a higher quota in Service Quotas.',
    },
    ModelNotReadyException: {
      status: 429,
      code: 'MODEL_NOT_READY',
      message: 'The model is not ready to serve yet (ModelNotReadyException). Retry in a few seconds.',
    },
    ModelTimeoutException: {
      status: 504,
      code: 'MODEL_TIMEOUT',
      message: 'The model took too long (ModelTimeoutException). Retry, or ask for fewer tokens (maxTokens).',
    },
    ServiceUnavailableException: {
      status: 503,
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'Amazon Bedrock is unavailable (ServiceUnavailableException). Try again later.',
    },
    ModelErrorException: {
      status: 502,
      code: 'MODEL_ERROR',
      message:
        'The model failed while processing the request (ModelErrorException). Retry; if it persists, try another model.',
    },
  };
  return toHttpError(err, overrides);
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

export function bedrockRoutes(options: BedrockRoutesOptions): Route[] {
  const { client, modelId, maxTokensCap, guardrail, notesIndex, region } = options;

  /** maxTokens as asked, and as sent: never above the cap (the cost ceiling). */
  const maxTokensOf = (requested: number | undefined) => {
    const applied = Math.min(requested ?? maxTokensCap, maxTokensCap);
    return {
      requested,
      applied,
      cap: maxTokensCap,
      clamped: requested !== undefined && requested > maxTokensCap,
    };
  };

  function commandInput(call: Call): ConverseCommandInput {
    const inferenceConfig: NonNullable<ConverseCommandInput['inferenceConfig']> = {
      maxTokens: maxTokensOf(call.maxTokens).applied,
    };
    if (call.temperature !== undefined) inferenceConfig.temperature = call.temperature;
    if (call.topP !== undefined) inferenceConfig.topP = call.topP;
    const input: ConverseCommandInput = {
      modelId,
      messages: [{ role: 'user', content: [{ text: call.prompt }] }],
      inferenceConfig,
    };
    if (call.system) input.system = [{ text: call.system }];
    if (guardrail) {
      input.guardrailConfig = {
        guardrailIdentifier: guardrail.id,
        guardrailVersion: guardrail.version,
        trace: 'enabled',
      };
    }
    return input;
  }

  async function converse(call: Call): Promise<Sample> {
    let out: ConverseCommandOutput;
    try {
      out = await client.send(new ConverseCommand(commandInput(call)));
    } catch (err) {
      throw bedrockError(err, modelId, region);
    }
    const text = textOf(out.output?.message?.content);
    const trace = out.trace?.guardrail;
    const inputChars = call.prompt.length + (call.system?.length ?? 0);
    return {
      text,
      stopReason: String(out.stopReason ?? 'unknown'),
      inputTokens: out.usage?.inputTokens ?? 0,
      outputTokens: out.usage?.outputTokens ?? 0,
      guardrailCostUsd: guardrail ? guardrailCallCost(trace, inputChars, text.length) : 0,
      reasons: guardrailReasons(trace),
    };
  }

  function guardrailReport(samples: readonly Sample[]): GuardrailReport {
    const seen = new Map<string, GuardrailReason>();
    for (const r of samples.flatMap((s) => s.reasons)) seen.set(JSON.stringify(r), r);
    return {
      applied: Boolean(guardrail),
      version: guardrail?.version,
      intervened: samples.some((s) => s.stopReason === 'guardrail_intervened'),
      reasons: [...seen.values()],
    };
  }

  function tokenUsage(samples: readonly Sample[]): Usage {
    const inputTokens = samples.reduce((n, s) => n + s.inputTokens, 0);
    const outputTokens = samples.reduce((n, s) => n + s.outputTokens, 0);
    const tokenCost = bedrockTokenCost(modelId, inputTokens, outputTokens);
    const guardrailUsd = roundUsd(samples.reduce((n, s) => n + s.guardrailCostUsd, 0));
    return {
      unit: 'tokens',
      quantity: inputTokens + outputTokens,
      inputTokens,
      outputTokens,
      modelCalls: samples.length,
      tokenCostUsd: tokenCost,
      guardrailCostUsd: guardrail ? guardrailUsd : undefined,
      estimatedCostUsd: tokenCost === undefined ? undefined : roundUsd(tokenCost + guardrailUsd),
      costNote:
        tokenCost === undefined
          ? `Estimate unavailable: no price for ${baseModelId(modelId)} in the lab's price table.`
          : `Estimate: ${PRICES_AS_OF} us-east-1 on-demand list prices${guardrail ? `, guardrail per ${GUARDRAIL_TEXT_UNIT_CHARS}-character text unit` : ''}; not a bill.`,
    };
  }

  const inferenceReport = (i: { temperature?: number; topP?: number; maxTokens?: number }) => ({
    temperature: i.temperature,
    topP: i.topP,
    maxTokens: maxTokensOf(i.maxTokens),
  });

  return [
    route({
      method: 'POST',
      path: '/bedrock/converse',
      schema: converseRequest,
      handle: async (input) => {
        const elements = input.prompt
          ? undefined
          : assemblePrompt({
              instruction: input.instruction,
              context: input.context,
              inputData: input.inputData,
              outputIndicator: input.outputIndicator,
            });
        const prompt = input.prompt ?? elements?.prompt ?? '';
        assertMaxBytes(
          input.system ? 'system + prompt' : 'prompt',
          (input.system ?? '') + prompt,
          MAX_PROMPT_BYTES,
        );

        const call: Call = {
          prompt,
          system: input.system,
          temperature: input.temperature,
          topP: input.topP,
          maxTokens: input.maxTokens,
        };
        const samples = await Promise.all(Array.from({ length: input.samples }, () => converse(call)));
        const first = samples[0]!;
        const distinct = new Set(samples.map((s) => s.text.trim())).size;
        const promptEcho: { assembledPrompt?: string; elementsUsed?: PromptElement[] } = elements
          ? { assembledPrompt: elements.prompt, elementsUsed: elements.elementsUsed }
          : {};
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
            inferenceConfig: inferenceReport(input),
            guardrail: guardrailReport(samples),
            verified: false,
            notice: HALLUCINATION_NOTICE,
            pricesAsOf: PRICES_AS_OF,
          },
          usage: tokenUsage(samples),
        };
      },
    }),
    route({
      method: 'POST',
      path: '/bedrock/ask-notes',
      schema: askNotesRequest,
      handle: async ({ question, topK, temperature, topP, maxTokens }) => {
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
        const sample = await converse({ prompt, temperature, topP, maxTokens });
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
            inferenceConfig: inferenceReport({ temperature, topP, maxTokens }),
            guardrail: guardrailReport([sample]),
            verified: false,
            notice: HALLUCINATION_NOTICE,
            pricesAsOf: PRICES_AS_OF,
          },
          usage: tokenUsage([sample]),
        };
      },
    }),
  ];
}
