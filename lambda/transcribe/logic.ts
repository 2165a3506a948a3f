/** Pure helpers of the Transcribe demo. */
import { randomUUID } from 'node:crypto';
import { DEFAULT_JOB_STEM } from './schemas';

/**
 * A unique, safe job name of a fixed shape: `<stem>-<YYYYMMDD>-<HHMMSS>-<8 hex>`, e.g.
 * `ai-lab-20261128-120000-1a2b3c4d`. The fixed shape lets the role's ARN pattern
 * (lib/stacks/transcribe-stack.ts) match this instance's jobs and no other instance's.
 */
export function newJobName(now = new Date(), stem = DEFAULT_JOB_STEM): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${stem}-${stamp}-${randomUUID().slice(0, 8)}`;
}

export const transcriptKey = (jobName: string) => `transcripts/${jobName}.json`;

/** The parts of Transcribe's output JSON the lab reads. */
export interface TranscriptDocument {
  results?: {
    transcripts?: Array<{ transcript?: string }>;
    items?: Array<{ end_time?: string; type?: string }>;
    language_code?: string;
  };
}

/** Transcript text and the audio length (seconds) from the output document. */
export function readTranscript(doc: TranscriptDocument): { text: string; durationSeconds?: number } {
  const text = (doc.results?.transcripts ?? [])
    .map((t) => t.transcript ?? '')
    .join(' ')
    .trim();
  const ends = (doc.results?.items ?? []).map((i) => Number(i.end_time)).filter((n) => Number.isFinite(n));
  return { text, durationSeconds: ends.length ? Math.max(...ends) : undefined };
}
