/**
 * One model call as every Bedrock route builds it: the prompt (plain, or the notes' four prompt
 * elements), the inference settings with maxTokens capped (the cost ceiling), the system prompt,
 * and the usage block that prices it. Converse, ConverseStream and the comparison share it, so
 * the cap, the template and the cost estimate are the same on every route. Pure: no AWS calls.
 */
import type { ContentBlock, Message, SystemContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { assertMaxBytes } from '../shared/body';
import {
  baseModelId,
  bedrockTokenCost,
  GUARDRAIL_TEXT_UNIT_CHARS,
  PRICES_AS_OF,
  roundUsd,
} from '../shared/pricing';
import type { Usage } from '../shared/usage';
import { assemblePrompt, type PromptElement, type PromptElements } from './prompt';
import { MAX_PROMPT_BYTES } from './schemas';

/** Hallucination mitigation (할루시네이션 완화): every generated answer is marked unverified. */
export const HALLUCINATION_NOTICE =
  'Unverified model output (할루시네이션 주의): check it against independent sources before you rely on it.';

export interface Call {
  readonly prompt: string;
  /** Image or document blocks sent before the prompt in the same user message (read-document). */
  readonly media?: readonly ContentBlock[];
  readonly system?: string;
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxTokens?: number;
}

/** What a prompt route accepts: a plain prompt or the four elements, a system prompt, inference settings. */
export interface PromptInput extends PromptElements {
  readonly prompt?: string;
  readonly system?: string;
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxTokens?: number;
}

export interface PreparedCall {
  readonly call: Call;
  /** For the response: the assembled prompt and the elements used, when the elements were sent. */
  readonly promptEcho: { assembledPrompt?: string; elementsUsed?: PromptElement[] };
}

/**
 * The call for a validated prompt request: assembles the elements, then checks the prompt size.
 * @throws HttpError 400 (no element) or 413 (prompt too large), before any model call.
 */
export function prepareCall(input: PromptInput): PreparedCall {
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
  return {
    call: {
      prompt,
      system: input.system,
      temperature: input.temperature,
      topP: input.topP,
      maxTokens: input.maxTokens,
    },
    promptEcho: elements ? { assembledPrompt: elements.prompt, elementsUsed: elements.elementsUsed } : {},
  };
}

/** maxTokens as asked, and as sent: never above the cap (the cost ceiling). */
export function maxTokensOf(cap: number, requested: number | undefined) {
  const applied = Math.min(requested ?? cap, cap);
  return { requested, applied, cap, clamped: requested !== undefined && requested > cap };
}

/** The inferenceConfig block of a response. */
export function inferenceReport(cap: number, i: { temperature?: number; topP?: number; maxTokens?: number }) {
  return { temperature: i.temperature, topP: i.topP, maxTokens: maxTokensOf(cap, i.maxTokens) };
}

/** The request fields Converse and ConverseStream share (the guardrail config differs in shape). */
export function modelInput(
  modelId: string,
  call: Call,
  cap: number,
): {
  modelId: string;
  messages: Message[];
  inferenceConfig: { maxTokens: number; temperature?: number; topP?: number };
  system?: SystemContentBlock[];
} {
  const inferenceConfig: { maxTokens: number; temperature?: number; topP?: number } = {
    maxTokens: maxTokensOf(cap, call.maxTokens).applied,
  };
  if (call.temperature !== undefined) inferenceConfig.temperature = call.temperature;
  if (call.topP !== undefined) inferenceConfig.topP = call.topP;
  return {
    modelId,
    messages: [{ role: 'user', content: [...(call.media ?? []), { text: call.prompt }] }],
    inferenceConfig,
    ...(call.system ? { system: [{ text: call.system }] } : {}),
  };
}

/** Tokens and guardrail cost of one model call. */
export interface CallCost {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly guardrailCostUsd: number;
}

/** The usage block for calls to one model: tokens, estimated cost from the dated price table. */
export function tokenUsage(modelId: string, guardrailApplied: boolean, calls: readonly CallCost[]): Usage {
  const inputTokens = calls.reduce((n, s) => n + s.inputTokens, 0);
  const outputTokens = calls.reduce((n, s) => n + s.outputTokens, 0);
  const tokenCost = bedrockTokenCost(modelId, inputTokens, outputTokens);
  const guardrailUsd = roundUsd(calls.reduce((n, s) => n + s.guardrailCostUsd, 0));
  return {
    unit: 'tokens',
    quantity: inputTokens + outputTokens,
    inputTokens,
    outputTokens,
    modelCalls: calls.length,
    tokenCostUsd: tokenCost,
    guardrailCostUsd: guardrailApplied ? guardrailUsd : undefined,
    estimatedCostUsd: tokenCost === undefined ? undefined : roundUsd(tokenCost + guardrailUsd),
    costNote:
      tokenCost === undefined
        ? `Estimate unavailable: no price for ${baseModelId(modelId)} in the lab's price table.`
        : `Estimate: ${PRICES_AS_OF} us-east-1 on-demand list prices${guardrailApplied ? `, guardrail per ${GUARDRAIL_TEXT_UNIT_CHARS}-character text unit` : ''}; not a bill.`,
  };
}
