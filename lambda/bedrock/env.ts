/** The Bedrock functions' settings, read once at start-up from the environment the stack sets. */
import { requiredEnv } from '../shared/aws';
import type { BedrockGuardrailRef } from './guardrail';

function positiveInt(name: string): number {
  const value = Number(requiredEnv(name));
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`Environment variable ${name} must be a positive integer.`);
  return value;
}

export interface BedrockEnv {
  /** Foundation-model or inference-profile id (MODEL_ID). */
  readonly modelId: string;
  /** Upper bound on maxTokens (MAX_TOKENS_CAP): the cost ceiling. */
  readonly maxTokensCap: number;
  /** GUARDRAIL_ID and GUARDRAIL_VERSION, when the stack created the guardrail. */
  readonly guardrail?: BedrockGuardrailRef;
  readonly region?: string;
}

export function bedrockEnv(): BedrockEnv {
  const guardrailId = process.env.GUARDRAIL_ID;
  return {
    modelId: requiredEnv('MODEL_ID'),
    maxTokensCap: positiveInt('MAX_TOKENS_CAP'),
    guardrail: guardrailId
      ? {
          id: guardrailId,
          version: requiredEnv('GUARDRAIL_VERSION'),
          tier: process.env.GUARDRAIL_TIER || undefined,
        }
      : undefined,
    region: process.env.AWS_REGION,
  };
}

/**
 * COMPARE_MODEL_IDS: the comma-separated models POST /bedrock/compare may call (the IAM policy's
 * list). Unset: no comparison route (the stack does not set it yet).
 */
export function compareModelIds(): string[] | undefined {
  const raw = process.env.COMPARE_MODEL_IDS;
  if (!raw) return undefined;
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length < 2)
    throw new Error('Environment variable COMPARE_MODEL_IDS must list at least two models.');
  return ids;
}

/**
 * DOCUMENT_MODEL_ID: the multimodal model POST /bedrock/read-document calls, as this Region calls it (a
 * foundation model or the geography's profile). Required: the stack always sets it.
 */
export function documentModelId(): string {
  return requiredEnv('DOCUMENT_MODEL_ID');
}
