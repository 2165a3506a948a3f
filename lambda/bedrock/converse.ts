/**
 * One Converse call (the whole answer at once) with the lab's cap, guardrail and error mapping.
 * POST /bedrock/converse, /bedrock/ask-notes and /bedrock/compare all call the model through here.
 */
import {
  type BedrockRuntimeClient,
  type ContentBlock,
  ConverseCommand,
  type ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { type Call, modelInput } from './call';
import { bedrockError } from './errors';
import {
  type BedrockGuardrailRef,
  type GuardrailReason,
  guardrailCallCost,
  guardrailConfig,
  guardrailReasons,
} from './guardrail';

export interface ConverseDeps {
  readonly client: BedrockRuntimeClient;
  /** Upper bound on maxTokens (MAX_TOKENS_CAP): the cost ceiling. */
  readonly maxTokensCap: number;
  /** Applied to every call when given. @default no guardrail */
  readonly guardrail?: BedrockGuardrailRef;
  /** The function's Region, named in actionable error messages. @default 'your Region' */
  readonly region?: string;
}

export interface Sample {
  readonly text: string;
  readonly stopReason: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly guardrailCostUsd: number;
  readonly reasons: GuardrailReason[];
  /** Model latency as Bedrock reports it (metrics.latencyMs), when it does. */
  readonly latencyMs?: number;
}

const textOf = (content: ContentBlock[] | undefined): string =>
  (content ?? []).map((c) => ('text' in c && typeof c.text === 'string' ? c.text : '')).join('');

/**
 * Call `modelId` once; errors come back as HttpErrors with actionable messages. `abortSignal` is
 * the request's deadline: the call is abandoned when it fires, and never retried after a timeout
 * (MODEL_API in lambda/shared/aws.ts).
 */
export async function converseOnce(
  deps: ConverseDeps,
  modelId: string,
  call: Call,
  abortSignal?: AbortSignal,
): Promise<Sample> {
  const { client, maxTokensCap, guardrail, region } = deps;
  let out: ConverseCommandOutput;
  try {
    out = await client.send(
      new ConverseCommand({
        ...modelInput(modelId, call, maxTokensCap),
        ...(guardrail ? { guardrailConfig: guardrailConfig(guardrail) } : {}),
      }),
      { abortSignal },
    );
  } catch (err) {
    throw bedrockError(err, modelId, region);
  }
  const text = textOf(out.output?.message?.content);
  const trace = out.trace?.guardrail;
  const inputChars = call.prompt.length + (call.system?.length ?? 0);
  const latency = out.metrics?.latencyMs;
  return {
    text,
    stopReason: String(out.stopReason ?? 'unknown'),
    inputTokens: out.usage?.inputTokens ?? 0,
    outputTokens: out.usage?.outputTokens ?? 0,
    guardrailCostUsd: guardrail ? guardrailCallCost(trace, inputChars, text.length) : 0,
    reasons: guardrailReasons(trace),
    ...(typeof latency === 'number' ? { latencyMs: latency } : {}),
  };
}
