/**
 * The lab guardrail as the Bedrock routes see it: the reference sent with each call, and what a
 * guardrail trace says (which policies acted, what the evaluation cost). Shared by Converse,
 * ConverseStream and the model comparison. Only policy names and types leave this module,
 * never the matched or blocked text.
 */
import type { GuardrailAssessment, GuardrailTraceAssessment } from '@aws-sdk/client-bedrock-runtime';
import { guardrailCost, PRICES, roundUsd } from '../shared/pricing';

export interface BedrockGuardrailRef {
  /** Guardrail id (GUARDRAIL_ID). */
  readonly id: string;
  /** Guardrail version (GUARDRAIL_VERSION). */
  readonly version: string;
  /**
   * Safeguard tier in this Region (GUARDRAIL_TIER): STANDARD covers Korean for content filters and
   * prompt attacks; CLASSIC only English, French and Spanish.
   */
  readonly tier?: string;
}

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
  readonly tier?: string;
  readonly intervened: boolean;
  readonly reasons: GuardrailReason[];
}

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

/** The guardrail block of a response, from the reasons and stop reasons of its model calls. */
export function guardrailReport(
  guardrail: BedrockGuardrailRef | undefined,
  calls: ReadonlyArray<{ readonly stopReason: string; readonly reasons: readonly GuardrailReason[] }>,
): GuardrailReport {
  const seen = new Map<string, GuardrailReason>();
  for (const r of calls.flatMap((c) => c.reasons)) seen.set(JSON.stringify(r), r);
  return {
    applied: Boolean(guardrail),
    version: guardrail?.version,
    tier: guardrail?.tier,
    intervened: calls.some((c) => c.stopReason === 'guardrail_intervened'),
    reasons: [...seen.values()],
  };
}

/** The guardrail block of a Converse request; ConverseStream adds its stream processing mode. */
export function guardrailConfig(guardrail: BedrockGuardrailRef) {
  return {
    guardrailIdentifier: guardrail.id,
    guardrailVersion: guardrail.version,
    trace: 'enabled' as const,
  };
}
