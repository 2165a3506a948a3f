/**
 * The custom metrics `npm run eval -- --publish` writes and the lab dashboard graphs beside latency
 * and cost, so quality over time sits next to them. One list for both sides.
 */
export const EVAL_NAMESPACE = 'AiServicesLab/Eval';

/**
 * The dimension naming the lab instance (`-c prefix=…`, `--prefix`) whose endpoints were scored, so
 * each instance's dashboard shows only its own scores. Capitalised like the namespace's others.
 */
export const EVAL_INSTANCE_DIMENSION = 'Instance';

/** Dimensions of every eval metric: the data set's name, the instance and the model id (or `comprehend`). */
export const EVAL_DIMENSIONS = ['Dataset', EVAL_INSTANCE_DIMENSION, 'Model'] as const;

export const EVAL_METRICS = {
  /** % of answers correct against the reference. */
  accuracy: { name: 'Accuracy', unit: 'Percent' },
  /** USD spent per correct answer (efficiency). */
  costPerCorrect: { name: 'CostPerCorrectUsd', unit: 'None' },
  /** Seconds of latency per correct answer (efficiency). */
  secondsPerCorrect: { name: 'SecondsPerCorrect', unit: 'Seconds' },
  /** p95 latency of the answers. */
  latencyP95: { name: 'LatencyP95', unit: 'Milliseconds' },
  /** With --samples ≥ 2: agreement of repeated answers, %. */
  consistency: { name: 'Consistency', unit: 'Percent' },
} as const;
