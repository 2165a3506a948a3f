/**
 * `--publish`: the run's scores as CloudWatch custom metrics (namespace AiServicesLab/Eval, dimensions
 * Dataset, Instance and Model), which the instance's lab dashboard (-c dashboard=true) graphs over
 * time; another instance's dashboard in the same account does not. One PutMetricData call per 20
 * data points; each metric is a custom metric, billed only in the hours it receives data.
 */
import { type CloudWatchClient, type MetricDatum, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EVAL_INSTANCE_DIMENSION, EVAL_METRICS, EVAL_NAMESPACE } from '../lib/eval-metrics';
import type { DatasetSummary } from './summary';

/** The data points of a run: one per metric that has a value, per data set and model, of one instance. */
export function scoreData(
  summaries: readonly DatasetSummary[],
  timestamp: Date,
  instance: string,
): MetricDatum[] {
  const data: MetricDatum[] = [];
  for (const s of summaries) {
    for (const m of s.models) {
      const dims = [
        { Name: 'Dataset', Value: s.dataset.name },
        { Name: EVAL_INSTANCE_DIMENSION, Value: instance },
        { Name: 'Model', Value: m.model },
      ];
      const put = (metric: { name: string; unit: string }, value: number | undefined) => {
        if (value !== undefined && Number.isFinite(value))
          data.push({
            MetricName: metric.name,
            Unit: metric.unit as MetricDatum['Unit'],
            Value: value,
            Dimensions: dims,
            Timestamp: timestamp,
          });
      };
      put(EVAL_METRICS.accuracy, m.accuracy * 100);
      put(EVAL_METRICS.costPerCorrect, m.costPerCorrectUsd);
      put(EVAL_METRICS.secondsPerCorrect, m.secondsPerCorrect);
      put(EVAL_METRICS.latencyP95, m.latencyP95);
      put(EVAL_METRICS.consistency, m.consistency === undefined ? undefined : m.consistency * 100);
    }
  }
  return data;
}

/** PutMetricData takes at most 1,000 data points a call; 20 keeps each request small. */
const BATCH = 20;

export async function publishScores(client: CloudWatchClient, data: readonly MetricDatum[]): Promise<number> {
  for (let i = 0; i < data.length; i += BATCH) {
    await client.send(
      new PutMetricDataCommand({ Namespace: EVAL_NAMESPACE, MetricData: data.slice(i, i + BATCH) }),
    );
  }
  return data.length;
}
