/**
 * One Powertools Logger and Metrics per function, created at start-up.
 * Rule: log request shape (route, sizes, durations, error names), never request content —
 * no text, prompts, images, audio or transcripts.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from './usage';

export { METRICS_NAMESPACE } from './usage';

export function createLogger(serviceName: string): Logger {
  // Level from POWERTOOLS_LOG_LEVEL (the stack sets INFO).
  return new Logger({ serviceName });
}

export function createMetrics(serviceName: string): Metrics {
  return new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
}
