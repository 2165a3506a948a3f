/**
 * What a served call emits as CloudWatch metrics (Embedded Metric Format on stdout, by Powertools):
 * billable units, estimated cost and the function's latency, by service and route — the numbers the
 * lab dashboard graphs. Amounts only: no request text.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { publishUsage } from '../../../lambda/shared/http';
import { METRICS_NAMESPACE, USAGE_METRICS } from '../../../lambda/shared/usage';

function emitted(run: (m: Metrics) => void): Array<Record<string, unknown>> {
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    run(new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'translate' }));
  } finally {
    write.mockRestore();
  }
  return lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l));
}

test('billable units, estimated cost and latency, by service and route', () => {
  const [emf] = emitted((m) =>
    publishUsage(m, '/translate', { unit: 'characters', quantity: 120, estimatedCostUsd: 0.0018 }, 42),
  );
  expect(emf).toMatchObject({
    service: 'translate',
    route: '/translate',
    [USAGE_METRICS.billableUnits]: 120,
    [USAGE_METRICS.estimatedCost]: 0.0018,
    [USAGE_METRICS.latency]: 42,
  });
  const directive = (
    emf!._aws as {
      CloudWatchMetrics: Array<{
        Namespace: string;
        Dimensions: string[][];
        Metrics: Array<{ Name: string; Unit: string }>;
      }>;
    }
  ).CloudWatchMetrics[0]!;
  expect(directive.Namespace).toBe('AiServicesLab');
  expect(directive.Dimensions).toEqual([['service', 'route']]);
  expect(directive.Metrics).toEqual([
    { Name: 'BillableUnits', Unit: 'Count' },
    { Name: 'EstimatedCostUsd', Unit: 'None' },
    { Name: 'LatencyMs', Unit: 'Milliseconds' },
  ]);
});

test('an unpriced call emits no cost metric rather than a made-up zero', () => {
  const [emf] = emitted((m) => publishUsage(m, '/bedrock/converse', { unit: 'tokens', quantity: 30 }, 900));
  expect(emf).not.toHaveProperty(USAGE_METRICS.estimatedCost);
  expect(emf).toMatchObject({ BillableUnits: 30, LatencyMs: 900 });
});
