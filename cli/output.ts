/** What the CLI prints: readable responses, usage lines, and progress while a job runs. */
import stringWidth from 'string-width';
import { type Lang, translator } from '../lib/i18n';
import type { Json } from './client';
import { OUTPUT_MESSAGES } from './messages/output';
import { CliError } from './signer';

type Words = ReturnType<typeof translator<keyof typeof OUTPUT_MESSAGES.en>>;

/** `text` padded with spaces to `width` terminal columns (Hangul and other wide characters count two). */
export function pad(text: string, width: number, side: 'end' | 'start' = 'end'): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return side === 'end' ? text + fill : fill + text;
}

/** How many terminal columns `text` takes. */
export const columns = (text: string): number => stringWidth(text);

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** A spinner only on a terminal; plain status lines otherwise. */
  readonly stderrIsTTY: boolean;
}

/** Lists longer than this are cut in the readable output (`--json` prints everything). */
const MAX_ITEMS = 100;
/** Geometry is noise to a reader; `--json` keeps it. */
const HIDDEN = new Set(['boundingBox', 'polygon', 'geometry', 'instances', 'blockCounts']);

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => ['string', 'number', 'boolean'].includes(typeof v);

function scalar(v: Scalar, t: Words): string {
  if (typeof v === 'string' && v.length > 200 && /^[A-Za-z0-9+/=]+$/.test(v)) {
    return t('base64', { count: v.length });
  }
  return String(v);
}

/** An object whose values are all scalars (or short lists of them) fits on one line. */
function inline(obj: object, t: Words): string | undefined {
  const show = (v: Scalar) => scalar(v, t);
  const parts: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null || HIDDEN.has(k)) continue;
    if (isScalar(v) && !String(v).includes('\n')) parts.push(`${k}: ${show(v)}`);
    else if (Array.isArray(v) && v.every(isScalar)) parts.push(`${k}: [${v.map(show).join(', ')}]`);
    else return undefined;
  }
  const line = parts.join(', ');
  return line.length <= 160 ? line : undefined;
}

function entries(obj: object, depth: number, t: Words): string[] {
  const indent = '  '.repeat(depth);
  const show = (v: Scalar) => scalar(v, t);
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null || HIDDEN.has(k)) continue;
    if (isScalar(v)) {
      const text = show(v);
      if (text.includes('\n'))
        out.push(`${indent}${k}: |`, ...text.split('\n').map((l) => `${indent}  ${l}`));
      else out.push(`${indent}${k}: ${text}`);
    } else if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${indent}${k}: ${t('none')}`);
      else if (v.every(isScalar)) out.push(`${indent}${k}: ${v.map(show).join(', ')}`);
      else {
        out.push(`${indent}${k}:`);
        for (const item of v.slice(0, MAX_ITEMS)) out.push(...listItem(item, depth + 1, t));
        if (v.length > MAX_ITEMS) out.push(`${indent}  ${t('more', { count: v.length - MAX_ITEMS })}`);
      }
    } else if (typeof v === 'object') {
      const line = inline(v, t);
      if (line !== undefined) out.push(`${indent}${k}: ${line}`);
      else out.push(`${indent}${k}:`, ...entries(v, depth + 1, t));
    }
  }
  return out;
}

function listItem(item: unknown, depth: number, t: Words): string[] {
  const indent = '  '.repeat(depth);
  if (isScalar(item)) return [`${indent}- ${scalar(item, t)}`];
  if (Array.isArray(item))
    return [`${indent}- ${item.map((c) => (isScalar(c) ? scalar(c, t) : '…')).join(' | ')}`];
  if (item === null || typeof item !== 'object') return [];
  const line = inline(item, t);
  if (line !== undefined) return [`${indent}- ${line}`];
  const [first = '', ...rest] = entries(item, depth + 1, t);
  return [`${indent}- ${first.trimStart()}`, ...rest];
}

/** `312 tokens (inputTokens 200, outputTokens 112) ≈ $0.00004`; `—` without a usage block. */
export function formatUsage(usage: unknown, detail = true): string {
  if (!usage || typeof usage !== 'object') return '—';
  const u = usage as Json;
  let text = `${u.quantity} ${u.unit}`;
  if (!detail) return text;
  const extra = Object.entries(u)
    .filter(([k, v]) => typeof v === 'number' && k !== 'quantity' && !/usd$/i.test(k))
    .map(([k, v]) => `${k} ${v}`);
  if (extra.length) text += ` (${extra.join(', ')})`;
  if (typeof u.estimatedCostUsd === 'number') text += ` ≈ $${u.estimatedCostUsd}`;
  return text;
}

/** A response as indented `key: value` lines, the usage and request id last. */
export function render(body: Json, lang: Lang = 'en'): string {
  const { usage, requestId, ...rest } = body;
  const lines = entries(rest, 0, translator(OUTPUT_MESSAGES, lang));
  if (usage) lines.push(`usage: ${formatUsage(usage)}`);
  if (requestId) lines.push(`requestId: ${requestId}`);
  return `${lines.join('\n')}\n`;
}

/** Statuses of a batch job that is still running (Transcribe and Textract). */
const RUNNING = new Set(['QUEUED', 'IN_PROGRESS', 'SUBMITTED']);
export const isRunning = (body: Json): boolean => RUNNING.has(String(body.status));

export interface WaitOptions {
  readonly io: Io;
  /** The language of the progress lines. */
  readonly lang: Lang;
  /** e.g. `Transcribe job ai-lab-…` (OUTPUT_MESSAGES `job.*`) */
  readonly label: string;
  /** The command that resumes waiting, named in the timeout error. */
  readonly resume: string;
  readonly timeoutSeconds: number;
  readonly intervalSeconds: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Poll until the job leaves QUEUED/IN_PROGRESS, showing progress on stderr. */
export async function waitFor(poll: () => Promise<Json>, o: WaitOptions): Promise<Json> {
  const t = translator(OUTPUT_MESSAGES, o.lang);
  const { label } = o;
  const started = o.now();
  const seconds = () => Math.round((o.now() - started) / 1000);
  let status = '';
  let frame = 0;
  const draw = () =>
    o.io.stderr(
      `\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${t('wait.spinner', { label, status, seconds: seconds() })}`,
    );
  const spinner = o.io.stderrIsTTY ? setInterval(draw, 120) : undefined;
  spinner?.unref();
  try {
    for (;;) {
      const body = await poll();
      const next = String(body.status);
      if (!isRunning(body)) {
        if (!o.io.stderrIsTTY)
          o.io.stderr(`${t('wait.done', { label, status: next, seconds: seconds() })}\n`);
        return body;
      }
      if (o.io.stderrIsTTY) {
        status = next;
        draw();
      } else if (next !== status) {
        status = next;
        const interval = o.intervalSeconds;
        o.io.stderr(`${t('wait.polling', { label, status, interval, timeout: o.timeoutSeconds })}\n`);
      }
      if (o.now() - started >= o.timeoutSeconds * 1000) {
        throw new CliError(t('wait.timeout', { seconds: seconds(), label, status, resume: o.resume }));
      }
      await o.sleep(o.intervalSeconds * 1000);
    }
  } finally {
    if (spinner) {
      clearInterval(spinner);
      o.io.stderr('\r\x1b[2K');
    }
  }
}
