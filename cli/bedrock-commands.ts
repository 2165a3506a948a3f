/**
 * The Bedrock actions that do not fit the one-JSON-answer shape of cli/commands.ts:
 * `bedrock stream` prints the model's tokens as the NDJSON stream of POST /bedrock/converse-stream
 * delivers them (응답성: real-time answers), `bedrock compare` prints POST /bedrock/compare as a
 * table (모델 선택 시 고려 사항: latency, tokens and cost of one prompt across models), and
 * `bedrock read-document` sends an image or PDF with the prompt fields of a request file.
 */
import { Option, type OptionValues } from 'commander';
import { type Lang, translator } from '../lib/i18n';
import type { Json, LabClient } from './client';
import { BEDROCK_MESSAGES } from './messages/bedrock';
import type { OptionKit } from './options';
import { columns, pad } from './output';
import type { Session } from './session';
import { CliError } from './signer';

/** The words of these actions in `lang` (cli/messages/bedrock.ts). */
const words = (lang: Lang) => translator(BEDROCK_MESSAGES, lang);

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
  readonly options: (k: OptionKit) => Option[];
  /** Prints as it goes; returns nothing (the stream) or the body to print (the comparison). */
  readonly run: (c: BedrockCtx) => Promise<Json | undefined>;
}

const toNumber = (lang: Lang) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new CliError(words(lang)('nan', { value: v }));
  return n;
};

const promptOptions = (k: OptionKit) => [
  new Option('--text <prompt>', words(k.lang)('opt.text')),
  new Option('--file <json>', k.t('requestFile')),
  new Option('--system <text>', k.t('system')),
  new Option('--temperature <0-1>', k.t('temperature')).argParser(toNumber(k.lang)),
  new Option('--top-p <0-1>', k.t('topP')).argParser(toNumber(k.lang)),
  new Option('--max-tokens <n>', k.t('maxTokens')).argParser(toNumber(k.lang)),
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
    throw new CliError(words(c.session.lang)('give.prompt'));
  }
  return body;
}

const ms = (v: unknown, lang: Lang) => (typeof v === 'number' ? `${v} ms` : words(lang)('na'));
const usd = (v: unknown, lang: Lang) => (typeof v === 'number' ? `$${v.toFixed(6)}` : words(lang)('na'));

export const streamAction: BedrockAction = {
  name: 'stream',
  options: promptOptions,
  run: async (c) => {
    const body = promptBody(c);
    const { stdout, stderr } = c.session.io;
    const { lang } = c.session;
    const w = words(lang);
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
            const guardrail = g?.applied
              ? w('guardrail.on', { mode: g.streamProcessingMode ?? '' })
              : w('guardrail.off');
            stdout(`${w('stream.start', { model: String(event.modelId), guardrail })}\n`);
          }
          break;
        }
        case 'token':
          firstTokenSeenMs ??= Math.round(performance.now() - res.started);
          if (!c.o.json) stdout(String(event.text));
          break;
        case 'guardrail': {
          const reasons = (event.reasons as string[] | undefined)?.join(', ') || w('stream.noReason');
          if (!c.o.json) {
            stdout(`\n\n${w('stream.intervened', { count: String(event.afterTokenEvents), reasons })}\n`);
          }
          break;
        }
        case 'usage': {
          ended = true;
          if (c.o.json) break;
          const u = (event.usage ?? {}) as Json;
          const t = (event.timing ?? {}) as Json;
          const [input, output] = [String(u.inputTokens ?? '?'), String(u.outputTokens ?? '?')];
          const cost = usd(u.estimatedCostUsd, lang);
          const [first, total, seen] = [t.timeToFirstTokenMs, t.totalMs, firstTokenSeenMs].map((v) =>
            ms(v, lang),
          );
          stdout(
            `\n\n${w('stream.usage', { input, output, cost, asOf: String(event.pricesAsOf) })}\n` +
              `${w('stream.timing', { first: first!, total: total!, seen: seen! })}\n` +
              `${w('stream.verified', { verified: String(event.verified), notice: String(event.notice) })}\n`,
          );
          break;
        }
        case 'error': {
          ended = true;
          const e = (event.error ?? {}) as Json;
          const u = (event.usage ?? {}) as Json;
          const error = `${event.status ?? ''} ${e.code}: ${e.message}${e.requestId ? ` (${e.requestId})` : ''}`;
          const partial = { count: String(u.tokenEvents), chars: String(u.streamedCharacters) };
          stderr(
            `\n${w('stream.failed', { count: String(event.afterTokenEvents ?? 0), error })}\n` +
              (u.partial ? `${w('stream.partial', partial)}\n` : ''),
          );
          c.exitCode = 1;
          break;
        }
      }
    }
    if (!ended) {
      stderr(`\n${w('stream.cut')}\n`);
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

/** A plain-text table: columns padded to their widest cell (in terminal columns: Hangul takes two). */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(columns(h), ...rows.map((r) => columns(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i]!))
      .join(' | ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export function compareTable(body: Json, lang: Lang = 'en'): string {
  const w = words(lang);
  const models = (body.models ?? []) as Json[];
  const rows = models.map((m) => {
    const price = (m.price ?? {}) as Json;
    const times = typeof price.timesCheapest === 'number' ? `${price.timesCheapest}x` : w('na');
    if (!m.ok) {
      const e = (m.error ?? {}) as Json;
      return [String(m.modelId), w('compare.failed'), '', '', '', times, `${e.code}: ${excerpt(e.message)}`];
    }
    return [
      String(m.modelId),
      ms(m.latencyMs, lang),
      String(m.inputTokens),
      String(m.outputTokens),
      usd(m.estimatedCostUsd, lang),
      times,
      excerpt(m.text),
    ];
  });
  const ratio = (body.priceRatio ?? {}) as Json;
  const head = (['model', 'latency', 'tokensIn', 'tokensOut', 'cost', 'price', 'answer'] as const).map((k) =>
    w(`compare.${k}`),
  );
  const dearest = typeof ratio.dearestOverCheapest === 'number' ? `${ratio.dearestOverCheapest}x` : w('na');
  const verified = String(body.verified);
  return (
    `${table(head, rows)}\n\n` +
    `${w('compare.ratio', { basis: String(ratio.basis), ratio: dearest })}\n` +
    `${w('compare.prices', { asOf: String(body.pricesAsOf), verified, notice: String(body.notice) })}\n` +
    `${body.note ?? ''}\n`
  );
}

export const compareAction: BedrockAction = {
  name: 'compare',
  options: (k) => [
    ...promptOptions(k),
    new Option('--models <a,b[,c]>', words(k.lang)('opt.models')).argParser((v) =>
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
    c.session.io.stdout(compareTable(res.body, c.session.lang));
    if ((res.body.models as Json[] | undefined)?.some((m) => !m.ok)) c.exitCode = 1;
    return undefined;
  },
};

export const readDocumentAction: BedrockAction = {
  name: 'read-document',
  options: (k) => [
    new Option('--file <document>', words(k.lang)('read.file')).makeOptionMandatory(),
    new Option('--request <json>', words(k.lang)('read.request')),
    new Option('--instruction <text>', words(k.lang)('read.instruction')),
    new Option('--context <text>', words(k.lang)('read.context')),
    new Option('--output-indicator <text>', words(k.lang)('read.outputIndicator')),
    new Option('--schema <json>', words(k.lang)('read.schema')),
    new Option('--temperature <0-1>', k.t('temperature')).argParser(toNumber(k.lang)),
    new Option('--max-tokens <n>', k.t('maxTokens')).argParser(toNumber(k.lang)),
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
