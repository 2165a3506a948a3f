/** Pure helpers of the Comprehend demo (no AWS calls): PII redaction, usage. */
import type { PiiEntity } from '@aws-sdk/client-comprehend';
import { comprehendCost, comprehendUnits, roundUsd } from '../shared/pricing';
import type { Usage } from '../shared/usage';

export const COMPREHEND_UNIT = 'Comprehend units of 100 characters';

/**
 * Replace each PII span with its type, e.g. "Mail jane@example.com" → "Mail [EMAIL]".
 * Offsets are character offsets; overlapping spans keep the first (longest start-first) one.
 */
export function redactPii(text: string, entities: readonly PiiEntity[]): string {
  const chars = Array.from(text);
  const spans = entities
    .filter((e) => e.BeginOffset !== undefined && e.EndOffset !== undefined && e.Type)
    .map((e) => ({ begin: e.BeginOffset!, end: e.EndOffset!, type: e.Type! }))
    .sort((a, b) => a.begin - b.begin || b.end - a.end);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.begin < cursor || span.end > chars.length || span.end <= span.begin) continue;
    out += `${chars.slice(cursor, span.begin).join('')}[${span.type}]`;
    cursor = span.end;
  }
  return out + chars.slice(cursor).join('');
}

/** Usage of one or more Comprehend requests over texts of these character counts. */
export function comprehendUsage(requestCharCounts: readonly number[]): Usage {
  const units = requestCharCounts.reduce((sum, c) => sum + comprehendUnits(c), 0);
  const cost = requestCharCounts.reduce((sum, c) => sum + comprehendCost(c), 0);
  return {
    unit: COMPREHEND_UNIT,
    quantity: units,
    requests: requestCharCounts.length,
    characters: requestCharCounts.reduce((a, b) => a + b, 0),
    estimatedCostUsd: roundUsd(cost),
  };
}

/** Characters as Comprehend counts them (code points). */
export const charCount = (s: string): number => Array.from(s).length;
