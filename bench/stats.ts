/** Small statistics helpers: every figure in the report is a median with its min and max. */

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Number of samples. */
  readonly n: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length };
}

/** A constant (deterministic) figure, such as a bundle size: median = min = max. */
export function constant(value: number): Summary {
  return { median: value, min: value, max: value, n: 1 };
}

/** Nearest-rank percentile (p in 0..100) of an ascending-sorted array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new Error('percentile: no samples');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * Two-sided sign test: how likely `wins` or a more lopsided split of `n` paired rounds is if
 * neither side is faster (each round a fair coin). Small p: the difference is not noise.
 */
export function signTestP(wins: number, n: number): number {
  if (n === 0) return 1;
  const k = Math.min(wins, n - wins);
  let coefficient = 1; // C(n, 0)
  let tail = 0;
  for (let i = 0; i <= k; i++) {
    tail += coefficient;
    coefficient = (coefficient * (n - i)) / (i + 1);
  }
  return Math.min(1, (2 * tail) / 2 ** n);
}
