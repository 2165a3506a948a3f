/** Pure helpers of the Transcribe demo. */
import { randomUUID } from 'node:crypto';

/** A unique, safe job name: `ai-lab-<UTC timestamp>-<random>`. */
export function newJobName(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `ai-lab-${stamp}-${randomUUID().slice(0, 8)}`;
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
