/**
 * Output of the two Bedrock routes that are not one JSON answer: `bedrock stream` prints the
 * model's tokens as they arrive (POST /bedrock/converse-stream), `bedrock compare` prints the
 * models side by side (POST /bedrock/compare).
 */
import type { Json, StreamedLine } from './client';

export interface StreamSummary {
  /** The last event: `usage` when the answer completed, `error` when it did not. */
  readonly last: Json;
  readonly ok: boolean;
  /** When the first token arrived, measured by the client (ms after the request went out). */
  readonly firstTokenAtMs?: number;
  readonly endedAtMs?: number;
}

/**
 * Writes each token to `out` the moment its line arrives; a guardrail intervention or a
 * mid-stream error is written on a line of its own. Resolves to the final event.
 */
export async function printStream(
  lines: AsyncIterable<StreamedLine>,
  out: (text: string) => void,
): Promise<StreamSummary> {
  let last: Json = {};
  let firstTokenAtMs: number | undefined;
  let endedAtMs: number | undefined;
  let midLine = false;
  const newline = () => {
    if (midLine) out('\n');
    midLine = false;
  };
  for await (const { event, atMs } of lines) {
    endedAtMs = atMs;
    switch (event.type) {
      case 'token':
        firstTokenAtMs ??= atMs;
        out(String(event.text ?? ''));
        midLine = true;
        break;
      case 'guardrail':
        newline();
        out(`[guardrail intervened: ${JSON.stringify(event.reasons ?? [])}]\n`);
        break;
      case 'usage':
      case 'error':
        newline();
        last = event;
        break;
      default:
        break;
    }
  }
  newline();
  if (last.type === undefined) {
    last = {
      type: 'error',
      error: { code: 'STREAM_ENDED', message: 'The stream ended without a usage line.' },
    };
  }
  return { last, ok: last.type === 'usage', firstTokenAtMs, endedAtMs };
}

const cell = (v: unknown) => (v === undefined || v === null ? '—' : String(v)).replace(/\s+/g, ' ');
const excerpt = (text: unknown, max = 60) => {
  const t = cell(text);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** The comparison as a plain-text table, one row per model, and the price ratio under it. */
export function compareTable(body: Json): string {
  const rows = (body.models as Json[] | undefined) ?? [];
  const header = ['model', 'latency ms', 'tokens in/out', 'cost USD', '× cheapest', 'answer'];
  const table = rows.map((r) => {
    const price = (r.price ?? {}) as Json;
    if (r.ok === false) {
      const error = (r.error ?? {}) as Json;
      return [
        cell(r.modelId),
        '—',
        '—',
        '—',
        cell(price.timesCheapest),
        `error ${cell(error.code)}: ${excerpt(error.message)}`,
      ];
    }
    return [
      cell(r.modelId),
      cell(r.latencyMs),
      `${cell(r.inputTokens)}/${cell(r.outputTokens)}`,
      cell(r.estimatedCostUsd),
      cell(price.timesCheapest),
      excerpt(r.text),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const ratio = (body.priceRatio ?? {}) as Json;
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...table.map(line),
    '',
    `price ratio, dearest / cheapest (${cell(ratio.basis)}): ${cell(ratio.dearestOverCheapest)} ×`,
    '',
  ].join('\n');
}
