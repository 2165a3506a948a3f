/** The benchmark's output: one markdown table, a machine line, and a verdict line per target. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { Summary } from './stats';

export interface Row {
  readonly subject: string;
  readonly measure: string;
  /** One or more figures shown side by side ("raw / gzip"), each a median with min and max. */
  readonly values: readonly Summary[];
  readonly digits: number;
  readonly unit: string;
  readonly target?: string;
  readonly result?: string;
}

export type VerdictStatus = 'met' | 'missed' | 'not measured';

export interface Verdict {
  readonly target: string;
  readonly status: VerdictStatus;
  readonly detail: string;
}

const fmt = (n: number, digits: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function cell(values: readonly Summary[], pick: (s: Summary) => number, digits: number): string {
  return values.map((v) => fmt(pick(v), digits)).join(' / ');
}

export function table(rows: readonly Row[]): string {
  const lines = [
    '| Subject | Measure | Median | Min | Max | Target | Result |',
    '|---|---|--:|--:|--:|---|---|',
  ];
  for (const r of rows) {
    const unit = r.unit ? ` ${r.unit}` : '';
    lines.push(
      `| ${r.subject} | ${r.measure} | ${cell(r.values, (s) => s.median, r.digits)}${unit} | ${cell(r.values, (s) => s.min, r.digits)} | ${cell(r.values, (s) => s.max, r.digits)} | ${r.target ?? ''} | ${r.result ?? ''} |`,
    );
  }
  return lines.join('\n');
}

export function verdictLines(verdicts: readonly Verdict[]): string {
  return verdicts.map((v) => `- **${v.target}**: ${v.status} — ${v.detail}`).join('\n');
}

/** "missed by 12.3 ms (12 %)" style detail for a figure over its limit. */
export function overBy(value: number, limit: number, unit: string, digits = 1): string {
  const pct = ((value - limit) / limit) * 100;
  return `missed by ${fmt(value - limit, digits)} ${unit} (${fmt(pct, pct < 10 ? 1 : 0)} %)`;
}

export function machineLine(extra: string): string {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU';
  const cores = os.availableParallelism();
  const memGb = os.totalmem() / 1024 ** 3;
  return `Machine: ${model.trim()}, ${cores} cores, ${os.arch()}, ${fmt(memGb, 1)} GB RAM, ${os.type()} ${os.release()}; Node ${process.version} (Lambda runs Node.js 24 on arm64); ${extra}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
