/** What the stand-in's parts share: the test identity, what it records, and the shape of a reply. */
import type * as http from 'node:http';

export const TEST_REGION = 'us-east-1';
/** Static test credentials: the CLI signs with these, the stand-in verifies with them. */
export const TEST_CREDENTIALS = {
  accessKeyId: 'AKIASTANDIN000000001',
  secretAccessKey: 'stand-in-secret-access-key-0000000000001',
  sessionToken: 'stand-in-session-token',
};
export const STAGE = 'v1';
export const NOTICE =
  'Unverified model output (할루시네이션 주의): check it against independent sources before you rely on it.';

export interface Recorded {
  readonly method: string;
  /** The catalogue route, e.g. `/textract/jobs/{jobId}`. */
  readonly route: string;
  readonly params: Record<string, string>;
  readonly query: Record<string, string>;
  readonly headers: http.IncomingHttpHeaders;
  readonly body?: any;
}

export interface RecordedUpload {
  readonly bucket: string;
  readonly fields: Record<string, string>;
  /** Form field names in the order sent (S3 wants `file` last). */
  readonly order: string[];
  readonly file: { name: string; type: string; bytes: Buffer };
}

/** A reply, sent after `delayMs` when given (a slow route). */
export type Reply = (
  | { status: number; body: unknown; headers?: Record<string, string> }
  | {
      status: number;
      stream: (write: (event: unknown) => void) => Promise<void>;
      headers?: Record<string, string>;
    }
  | { status: number; binary: Buffer; contentType: string; headers?: Record<string, string> }
) & { delayMs?: number };

/** Returns a reply to replace the normal one, or undefined to let the route answer. */
export type Override = (req: Recorded) => Reply | undefined;

/** One route's answer to a request its schema accepted (`input`); `base` is the server's root URL. */
export type Answer = (input: any, req: Recorded, base: string) => Reply;
/** Answers by route key, e.g. `POST /comprehend/toxicity`. */
export type Answers = Record<string, Answer>;

/** What the routes remember between requests: batch jobs and the keys S3 received. */
export interface LabState {
  /** Polls seen per job: IN_PROGRESS twice, then done. */
  readonly jobs: Map<string, { polls: number; kind: 'textract' | 'transcribe'; mode?: string }>;
  readonly uploadedKeys: Set<string>;
}

export const ok = (body: Record<string, unknown>, status = 200): Reply => ({ status, body });

export function usage(unit: string, quantity: number, extra: Record<string, unknown> = {}) {
  return { unit, quantity, ...extra };
}
