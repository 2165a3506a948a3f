/**
 * One deadline per invocation, taken from the time Lambda says is left.
 *
 * Every AWS call a route makes gets the deadline's `signal` as its `abortSignal`, so a call that
 * is still waiting when time runs out is abandoned (the SDK rejects it with an AbortError and
 * retries nothing once the signal has fired). The router then answers the lab's JSON 504
 * (`TIMEOUT`) while the function still has `DEADLINE_MARGIN_MS` to send it, instead of Lambda
 * killing the invocation and API Gateway answering a bare 5xx. The streaming function ends its
 * stream with a final `error` event the same way.
 *
 * Two moments, both before Lambda's own timeout:
 * - `signal` aborts `DEADLINE_MARGIN_MS` before it: AWS calls stop, and a route may still turn
 *   what it has into an answer (compare keeps the models that answered);
 * - `race()` gives up `FALLBACK_GRACE_MS` later, whatever the route is doing, so even code that
 *   forgot the signal cannot outrun the function.
 *
 * Without a Lambda context (a local call, a unit test that passes none) there is no deadline:
 * the signal never fires.
 */
import type { Context } from 'aws-lambda';
import { HttpError } from './errors';

/**
 * Time kept back from Lambda's timeout: enough to map the error, log it and return the response
 * through the runtime (a few milliseconds), with room for a slow moment (a GC pause, a cold CPU).
 */
export const DEADLINE_MARGIN_MS = 1_500;
/** How long after the signal the router stops waiting for a route that ignores it. */
export const FALLBACK_GRACE_MS = 250;

/** The reason the deadline's signal carries. */
export class DeadlineExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`The request used its ${budgetMs} ms budget.`);
    this.name = 'DeadlineExceeded';
  }
}

export interface Deadline {
  /** Aborts at the deadline: pass it to every AWS call (`client.send(cmd, { abortSignal })`). */
  readonly signal: AbortSignal;
  /** Milliseconds from the start of the request to the deadline, if there is one. */
  readonly budgetMs?: number;
  /** True once the signal has fired. */
  readonly expired: boolean;
  /** Milliseconds until the deadline (Infinity without one; never below 0). */
  remainingMs(): number;
  /**
   * `work`, or a rejection with the deadline's 504 if `work` has not settled
   * `FALLBACK_GRACE_MS` after the signal fired.
   */
  race<T>(work: Promise<T>): Promise<T>;
  /** Clear the timers (the request is answered). */
  dispose(): void;
}

export interface DeadlineOptions {
  /** @default DEADLINE_MARGIN_MS */
  readonly marginMs?: number;
  /** @default FALLBACK_GRACE_MS */
  readonly graceMs?: number;
  /** Milliseconds clock. @default Date.now */
  readonly now?: () => number;
}

type RemainingTime = Partial<Pick<Context, 'getRemainingTimeInMillis'>>;

/** The deadline of the request `context` belongs to: Lambda's remaining time less the margin. */
export function requestDeadline(context?: RemainingTime, options: DeadlineOptions = {}): Deadline {
  const now = options.now ?? Date.now;
  const controller = new AbortController();
  const remaining = context?.getRemainingTimeInMillis?.();
  if (typeof remaining !== 'number' || !Number.isFinite(remaining)) {
    return {
      signal: controller.signal,
      expired: false,
      remainingMs: () => Number.POSITIVE_INFINITY,
      race: (work) => work,
      dispose: () => undefined,
    };
  }
  const budgetMs = Math.max(0, Math.floor(remaining - (options.marginMs ?? DEADLINE_MARGIN_MS)));
  const graceMs = options.graceMs ?? FALLBACK_GRACE_MS;
  const at = now() + budgetMs;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  later(budgetMs, () => controller.abort(new DeadlineExceeded(budgetMs)));
  return {
    signal: controller.signal,
    budgetMs,
    get expired() {
      return controller.signal.aborted;
    },
    remainingMs: () => Math.max(0, at - now()),
    race<T>(work: Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        later(Math.max(0, at - now()) + graceMs, () => reject(deadlineError(budgetMs)));
        work.then(resolve, reject);
      });
    },
    dispose() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

/** The lab's answer when the deadline passed: 504 `TIMEOUT`, the same code the stream's last event uses. */
export function deadlineError(budgetMs: number | undefined): HttpError {
  const budget = budgetMs === undefined ? '' : ` (${(budgetMs / 1000).toFixed(1)} s this time)`;
  return new HttpError(
    504,
    'TIMEOUT',
    `The request ran out of time${budget}: the function stops its AWS calls ${DEADLINE_MARGIN_MS / 1000} s ` +
      "before its Lambda timeout so that you get this answer, not API Gateway's. Try again, or ask for less " +
      '(shorter text, fewer tokens).',
    budgetMs === undefined ? undefined : { budgetMs },
  );
}

/** Did `err` come from an abort (the deadline's signal, or a disconnected client)? */
export function isAbort(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name;
  return name === 'AbortError' || name === 'DeadlineExceeded';
}
