/**
 * One Powertools Logger and Metrics per function, created at start-up.
 * Rule: log request shape (route, sizes, durations, error names), never request content —
 * no text, prompts, images, audio or transcripts.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { INSTANCE_DIMENSION, METRICS_NAMESPACE, usageMetricsSettings } from './usage';

export { METRICS_NAMESPACE } from './usage';

export function createLogger(serviceName: string): Logger {
  // Level from POWERTOOLS_LOG_LEVEL (the stack sets INFO).
  return new Logger({ serviceName });
}

/** The lab's metrics, every one carrying the instance's name (lambda/shared/usage.ts) when the stack set it. */
export function createMetrics(
  serviceName: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Metrics {
  const { instance } = usageMetricsSettings(env);
  return new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName,
    ...(instance ? { defaultDimensions: { [INSTANCE_DIMENSION]: instance } } : {}),
  });
}
