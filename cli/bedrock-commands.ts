/**
 * The Bedrock actions that do not fit the one-JSON-answer shape of cli/commands.ts:
 * `bedrock stream` prints the model's tokens as the NDJSON stream of POST /bedrock/converse-stream
 * delivers them (응답성: real-time answers), `bedrock compare` prints POST /bedrock/compare as a
 * table (모델 선택 시 고려 사항: latency, tokens and cost of one prompt across models), and
 * `bedrock read-document` sends an image or PDF with the prompt fields of a request file.
 */
import { Option, type OptionValues } from 'commander';
import type { Json, LabClient } from './client';
import type { Session } from './session';
import { CliError } from './signer';

/** What these actions need from the CLI's per-action context (cli/commands.ts Ctx). */
export interface BedrockCtx {
  exitCode: number;
  readonly o: OptionValues;
  readonly session: Session;
  client(): Promise<LabClient>;
  json(name: string): Json;
  file(name: string): Buffer;
}

export interface BedrockAction {
  readonly name: string;
  readonly options: () => Option[];
  /** Prints as it goes; returns nothing (the stream) or the body to print (the comparison). */
  readonly run: (c: BedrockCtx) => Promise<Json | undefined>;
}

const toNumber = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new CliError(`${v} is not a number.`);
  return n;
};

const promptOptions = () => [
  new Option('--text <prompt>', 'the prompt'),
  new Option(
    '--file <json>',
    'a request body, e.g. samples/prompts/four-elements.json (options override it)',
  ),
  new Option('--system <text>', 'system prompt (role, tone)'),
  new Option('--temperature <0-1>', '0 = most repeatable, 1 = most varied').argParser(toNumber),
  new Option('--top-p <0-1>', 'nucleus sampling').argParser(toNumber),
  new Option('--max-tokens <n>', 'cap on output tokens (the stack caps it too)').argParser(toNumber),
];

function promptBody(c: BedrockCtx): Json {
  const o = c.o;
  const body: Json = {
    ...(o.file ? c.json(o.file) : {}),
    ...(o.text !== undefined && { prompt: o.text }),
    ...Object.fromEntries(
      ['system', 'temperature', 'topP', 'maxTokens'].filter((k) => o[k] !== undefined).map((k) => [k, o[k]]),
    ),
  };
  if (!body.prompt && !body.instruction && !body.inputData) {
    throw new CliError('Give --text, or --file with a prompt or the prompt elements.');
  }
  return body;
}

const ms = (v: unknown) => (typeof v === 'number' ? `${v} ms` : 'n/a');

/** What `bedrock stream` says when a stream ends badly. */
export const STREAM_TEXT = {
  cut:
    'error: the stream ended without its final usage or error event, so the answer above is incomplete ' +
    '(the function was stopped or a connection broke).',
  partial: (tokenEvents: unknown, chars: unknown) =>
    `Stopped after ${tokenEvents} token events (${chars} characters); Bedrock had not reported the token counts yet.`,
};
const usd = (v: unknown) => (typeof v === 'number' ? `$${v.toFixed(6)}` : 'n/a');

export const streamAction: BedrockAction = {
  name: 'stream',
  options: promptOptions,
  run: async (c) => {
    const body = promptBody(c);
    const { stdout, stderr } = c.session.io;
    const res = await (await c.client()).ndjson({ method: 'POST', path: '/bedrock/converse-stream', body });
    let firstTokenSeenMs: number | undefined;
    let ended = false;
    for await (const event of res.events) {
      if (c.o.json) {
        stdout(`${JSON.stringify(event)}\n`);
      }
      switch (event.type) {
        case 'start': {
          const g = event.guardrail as { applied?: boolean; streamProcessingMode?: string } | undefined;
          if (!c.o.json) {
            stdout(
              `[${event.modelId}; guardrail ${g?.applied ? `on, ${g.streamProcessingMode ?? ''} mode` : 'off'}]\n`,
            );
          }
          break;
        }
        case 'token':
          firstTokenSeenMs ??= Math.round(performance.now() - res.started);
          if (!c.o.json) stdout(String(event.text));
          break;
        case 'guardrail': {
          const reasons = (event.reasons as string[] | undefined)?.join(', ') || 'no reason given';
          if (!c.o.json) {
            stdout(`\n\n[Guardrail intervened after ${event.afterTokenEvents} token events: ${reasons}]\n`);
          }
          break;
        }
        case 'usage': {
          ended = true;
          if (c.o.json) break;
          const u = (event.usage ?? {}) as Json;
          const t = (event.timing ?? {}) as Json;
          stdout(
            `\n\nusage: ${u.inputTokens ?? '?'} input + ${u.outputTokens ?? '?'} output tokens, ` +
              `estimated cost ${usd(u.estimatedCostUsd)} (prices as of ${event.pricesAsOf})\n` +
              `time to first token: ${ms(t.timeToFirstTokenMs)}, total: ${ms(t.totalMs)} (function); ` +
              `first token printed here after ${ms(firstTokenSeenMs)}\n` +
              `verified: ${String(event.verified)} — ${event.notice}\n`,
          );
          break;
        }
        case 'error': {
          ended = true;
          const e = (event.error ?? {}) as Json;
          const u = (event.usage ?? {}) as Json;
          stderr(
            `\nThe stream failed after ${event.afterTokenEvents ?? 0} token events: ` +
              `${event.status ?? ''} ${e.code}: ${e.message}${e.requestId ? ` (${e.requestId})` : ''}\n` +
              (u.partial ? `${STREAM_TEXT.partial(u.tokenEvents, u.streamedCharacters)}\n` : ''),
          );
          c.exitCode = 1;
          break;
        }
      }
    }
    if (!ended) {
      stderr(`\n${STREAM_TEXT.cut}\n`);
      c.exitCode = 1;
    }
    return undefined;
  },
};

const excerpt = (s: unknown, n = 60) => {
  const flat = String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

/** A plain-text table: columns padded to their widest cell. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join(' | ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export function compareTable(body: Json): string {
  const models = (body.models ?? []) as Json[];
  const rows = models.map((m) => {
    const price = (m.price ?? {}) as Json;
    const times = typeof price.timesCheapest === 'number' ? `${price.timesCheapest}x` : 'n/a';
    if (!m.ok) {
      const e = (m.error ?? {}) as Json;
      return [String(m.modelId), 'failed', '', '', '', times, `${e.code}: ${excerpt(e.message)}`];
    }
    return [
      String(m.modelId),
      ms(m.latencyMs),
      String(m.inputTokens),
      String(m.outputTokens),
      usd(m.estimatedCostUsd),
      times,
      excerpt(m.text),
    ];
  });
  const ratio = (body.priceRatio ?? {}) as Json;
  return (
    `${table(['model', 'latency', 'tokens in', 'tokens out', 'cost', 'price', 'answer'], rows)}\n\n` +
    `price ratio (dearest / cheapest, ${ratio.basis}): ` +
    `${typeof ratio.dearestOverCheapest === 'number' ? `${ratio.dearestOverCheapest}x` : 'n/a'}\n` +
    `prices as of ${body.pricesAsOf}; verified: ${String(body.verified)} — ${body.notice}\n` +
    `${body.note ?? ''}\n`
  );
}

export const compareAction: BedrockAction = {
  name: 'compare',
  options: () => [
    ...promptOptions(),
    new Option(
      '--models <a,b[,c]>',
      "two or three of the stack's comparison models (default: its list)",
    ).argParser((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ],
  run: async (c) => {
    const body = { ...promptBody(c), ...(c.o.models && { models: c.o.models }) };
    const res = await (await c.client()).json({ method: 'POST', path: '/bedrock/compare', body });
    if (c.o.json) return res.body;
    c.session.io.stdout(compareTable(res.body));
    if ((res.body.models as Json[] | undefined)?.some((m) => !m.ok)) c.exitCode = 1;
    return undefined;
  },
};

export const readDocumentAction: BedrockAction = {
  name: 'read-document',
  options: () => [
    new Option(
      '--file <document>',
      'PNG, JPEG or PDF, e.g. samples/invoice-form.ko.png',
    ).makeOptionMandatory(),
    new Option(
      '--request <json>',
      'the prompt fields and output schema, e.g. samples/prompts/read-invoice.ko.json (options override it)',
    ),
    new Option('--instruction <text>', 'prompt element 1: what to do with the document (지침)'),
    new Option('--context <text>', 'prompt element 2: what the document is (컨텍스트)'),
    new Option('--output-indicator <text>', 'prompt element 4: how to answer (출력 지표)'),
    new Option('--schema <json>', 'a JSON Schema file for the fields to return (outputSchema)'),
    new Option('--temperature <0-1>', '0 = most repeatable, 1 = most varied').argParser(toNumber),
    new Option('--max-tokens <n>', 'cap on output tokens (the stack caps it too)').argParser(toNumber),
  ],
  run: async (c) => {
    const o = c.o;
    const body: Json = {
      ...(o.request ? c.json(o.request) : {}),
      ...Object.fromEntries(
        ['instruction', 'context', 'outputIndicator', 'temperature', 'maxTokens']
          .filter((k) => o[k] !== undefined)
          .map((k) => [k, o[k]]),
      ),
      ...(o.schema && { outputSchema: c.json(o.schema) }),
      document: c.file(o.file).toString('base64'),
    };
    const res = await (await c.client()).json({ method: 'POST', path: '/bedrock/read-document', body });
    const structured = (res.body.structured ?? {}) as Json;
    if (structured.parsed === false || structured.valid === false) c.exitCode = 1;
    return res.body;
  },
};

export const BEDROCK_ACTIONS: Record<string, BedrockAction> = {
  'POST /bedrock/converse-stream': streamAction,
  'POST /bedrock/compare': compareAction,
  'POST /bedrock/read-document': readDocumentAction,
};
