/** What the CLI prints: readable responses, usage lines, and progress while a job runs. */
import type { Json } from './client';
import { CliError } from './signer';

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

function scalar(v: Scalar): string {
  if (typeof v === 'string' && v.length > 200 && /^[A-Za-z0-9+/=]+$/.test(v)) {
    return `<${v.length} characters of base64>`;
  }
  return String(v);
}

/** An object whose values are all scalars (or short lists of them) fits on one line. */
function inline(obj: object): string | undefined {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null || HIDDEN.has(k)) continue;
    if (isScalar(v) && !String(v).includes('\n')) parts.push(`${k}: ${scalar(v)}`);
    else if (Array.isArray(v) && v.every(isScalar)) parts.push(`${k}: [${v.map(scalar).join(', ')}]`);
    else return undefined;
  }
  const line = parts.join(', ');
  return line.length <= 160 ? line : undefined;
}

function entries(obj: object, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null || HIDDEN.has(k)) continue;
    if (isScalar(v)) {
      const text = scalar(v);
      if (text.includes('\n')) out.push(`${pad}${k}: |`, ...text.split('\n').map((l) => `${pad}  ${l}`));
      else out.push(`${pad}${k}: ${text}`);
    } else if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${pad}${k}: (none)`);
      else if (v.every(isScalar)) out.push(`${pad}${k}: ${v.map(scalar).join(', ')}`);
      else {
        out.push(`${pad}${k}:`);
        for (const item of v.slice(0, MAX_ITEMS)) out.push(...listItem(item, depth + 1));
        if (v.length > MAX_ITEMS) out.push(`${pad}  … ${v.length - MAX_ITEMS} more (--json prints all)`);
      }
    } else if (typeof v === 'object') {
      const line = inline(v);
      if (line !== undefined) out.push(`${pad}${k}: ${line}`);
      else out.push(`${pad}${k}:`, ...entries(v, depth + 1));
    }
  }
  return out;
}

function listItem(item: unknown, depth: number): string[] {
  const pad = '  '.repeat(depth);
  if (isScalar(item)) return [`${pad}- ${scalar(item)}`];
  if (Array.isArray(item)) return [`${pad}- ${item.map((c) => (isScalar(c) ? scalar(c) : '…')).join(' | ')}`];
  if (item === null || typeof item !== 'object') return [];
  const line = inline(item);
  if (line !== undefined) return [`${pad}- ${line}`];
  const [first = '', ...rest] = entries(item, depth + 1);
  return [`${pad}- ${first.trimStart()}`, ...rest];
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
export function render(body: Json): string {
  const { usage, requestId, ...rest } = body;
  const lines = entries(rest, 0);
  if (usage) lines.push(`usage: ${formatUsage(usage)}`);
  if (requestId) lines.push(`requestId: ${requestId}`);
  return `${lines.join('\n')}\n`;
}

/** Statuses of a batch job that is still running (Transcribe and Textract). */
const RUNNING = new Set(['QUEUED', 'IN_PROGRESS', 'SUBMITTED']);
export const isRunning = (body: Json): boolean => RUNNING.has(String(body.status));

export interface WaitOptions {
  readonly io: Io;
  /** e.g. `Transcribe job ai-lab-…` */
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
  const started = o.now();
  const seconds = () => Math.round((o.now() - started) / 1000);
  let status = '';
  let frame = 0;
  const draw = () =>
    o.io.stderr(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${o.label}: ${status} ${seconds()} s`);
  const spinner = o.io.stderrIsTTY ? setInterval(draw, 120) : undefined;
  spinner?.unref();
  try {
    for (;;) {
      const body = await poll();
      const next = String(body.status);
      if (!isRunning(body)) {
        if (!o.io.stderrIsTTY) o.io.stderr(`${o.label}: ${next} after ${seconds()} s\n`);
        return body;
      }
      if (o.io.stderrIsTTY) {
        status = next;
        draw();
      } else if (next !== status) {
        status = next;
        o.io.stderr(
          `${o.label}: ${status} (polling every ${o.intervalSeconds} s, up to ${o.timeoutSeconds} s)\n`,
        );
      }
      if (o.now() - started >= o.timeoutSeconds * 1000) {
        throw new CliError(
          `Timed out after ${seconds()} s waiting for ${o.label} (still ${status}). Check again with: ${o.resume}`,
        );
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
