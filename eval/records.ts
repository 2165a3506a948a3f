/**
 * The results file: JSON lines, a header with the run's settings, then one line per model answer
 * (and per judge verdict) as each call finishes. It is what makes a run resumable (units already in
 * it are skipped), and what every report is rendered from, so a report can be redrawn without a call.
 * Answers are kept on your machine only; nothing here is logged.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface RunSettings {
  readonly datasets: ReadonlyArray<{ readonly name: string; readonly hash: string; readonly items: number }>;
  readonly models: readonly string[];
  readonly samples: number;
  readonly stream: boolean;
  readonly judge?: string;
}

export interface RunHeader {
  readonly kind: 'run';
  readonly version: 1;
  readonly settings: RunSettings;
  readonly startedAt: string;
  /** Set by the tests' stand-in runs and the committed example: these answers come from no model. */
  readonly standIn?: boolean;
}

export interface CallError {
  readonly status: number;
  readonly code: string;
}

interface Measured {
  readonly unit: string;
  readonly dataset: string;
  readonly itemId: string;
  readonly sample: number;
  readonly ok: boolean;
  readonly latencyMs?: number;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly costUsd?: number;
  /** 429/503 answers retried before this result. */
  readonly retries: number;
  readonly error?: CallError;
}

export interface AnswerRecord extends Measured {
  readonly kind: 'answer';
  /** The model id (as deployed), `comprehend`, or the main model for ask-notes. */
  readonly model: string;
  readonly route: string;
  readonly text?: string;
  /** The lab guardrail intervened (stopReason guardrail_intervened). */
  readonly intervened?: boolean;
  /** ask-notes: the headings of the passages sent as context. */
  readonly citations?: readonly string[];
  readonly modelCalled?: boolean;
  /** --stream: time to the first token event. */
  readonly ttftMs?: number;
}

export interface JudgeRecord extends Measured {
  readonly kind: 'judge';
  /** The answer judged: its unit and model. */
  readonly forUnit: string;
  readonly model: string;
  readonly judge: string;
  readonly verdict?: 'correct' | 'incorrect' | 'unparsed';
}

export type EvalRecord = AnswerRecord | JudgeRecord;

export interface Results {
  readonly header: RunHeader;
  readonly records: EvalRecord[];
}

export const RESULTS_FILE = 'results.jsonl';

export class ResultsFile {
  constructor(readonly file: string) {}

  static in(dir: string): ResultsFile {
    return new ResultsFile(path.join(dir, RESULTS_FILE));
  }

  exists(): boolean {
    return existsSync(this.file);
  }

  read(): Results {
    const lines = readFileSync(this.file, 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    const parsed = lines.flatMap((l) => {
      try {
        return [JSON.parse(l) as RunHeader | EvalRecord];
      } catch {
        return []; // a line cut off by a stop mid-write: that unit runs again
      }
    });
    const header = parsed[0];
    if (header?.kind !== 'run') throw new Error(`${this.file} does not start with a run header.`);
    return { header, records: parsed.slice(1) as EvalRecord[] };
  }

  start(header: RunHeader): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, `${JSON.stringify(header)}\n`);
  }

  /** One unit's records in one write, so a stop leaves a unit whole or absent. */
  append(records: readonly EvalRecord[]): void {
    if (records.length) appendFileSync(this.file, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
}

/** Whether a results file can be resumed with these settings (the same data, models, samples, judge). */
export function sameRun(a: RunSettings, b: RunSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
