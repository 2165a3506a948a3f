/**
 * What a served call emits as CloudWatch metrics (Embedded Metric Format on stdout, by Powertools):
 * billable units always, and with the dashboard deployed its estimated cost and the function's latency,
 * by service, instance and route — the numbers the lab dashboard graphs. Amounts only: no request text.
 */
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { publishUsage } from '../../../lambda/shared/http';
import { createMetrics } from '../../../lambda/shared/logger';
import { USAGE_METRICS, usageMetricsEnvironment, usageMetricsSettings } from '../../../lambda/shared/usage';

type Emf = Record<string, unknown> & {
  _aws: {
    CloudWatchMetrics: Array<{
      Namespace: string;
      Dimensions: string[][];
      Metrics: Array<{ Name: string; Unit: string }>;
    }>;
  };
};

/** What the function writes for one call, with the environment a stack of `instance` gives it. */
function emitted(env: Record<string, string>, run: (m: Metrics) => void): Emf[] {
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    run(createMetrics('translate', env));
  } finally {
    write.mockRestore();
  }
  return lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l));
}

const call = { unit: 'characters', quantity: 120, estimatedCostUsd: 0.0018 };
const withDashboard = usageMetricsEnvironment('Kim', true);

test('with the dashboard: billable units, estimated cost and latency, by service, instance and route', () => {
  const [emf] = emitted(withDashboard, (m) =>
    publishUsage(m, '/translate', call, 42, usageMetricsSettings(withDashboard).dashboard),
  );
  expect(emf).toMatchObject({
    service: 'translate',
    instance: 'Kim',
    route: '/translate',
    [USAGE_METRICS.billableUnits]: 120,
    [USAGE_METRICS.estimatedCost]: 0.0018,
    [USAGE_METRICS.latency]: 42,
  });
  const directive = emf!._aws.CloudWatchMetrics[0]!;
  expect(directive.Namespace).toBe('AiServicesLab');
  expect(directive.Dimensions).toEqual([['service', 'instance', 'route']]);
  expect(directive.Metrics).toEqual([
    { Name: 'BillableUnits', Unit: 'Count' },
    { Name: 'EstimatedCostUsd', Unit: 'None' },
    { Name: 'LatencyMs', Unit: 'Milliseconds' },
  ]);
});

test('without the dashboard: billable units only (the other two would be custom metrics nobody reads)', () => {
  const env = usageMetricsEnvironment('Kim', false);
  expect(usageMetricsSettings(env)).toEqual({ instance: 'Kim', dashboard: false });
  const [emf] = emitted(env, (m) =>
    publishUsage(m, '/translate', call, 42, usageMetricsSettings(env).dashboard),
  );
  expect(emf!._aws.CloudWatchMetrics[0]!.Metrics).toEqual([{ Name: 'BillableUnits', Unit: 'Count' }]);
  expect(emf).not.toHaveProperty(USAGE_METRICS.estimatedCost);
  expect(emf).not.toHaveProperty(USAGE_METRICS.latency);
  expect(emf).toMatchObject({ instance: 'Kim', BillableUnits: 120 });
});

test('two instances emit two metrics, not one: their instance dimension differs', () => {
  const [kim] = emitted(usageMetricsEnvironment('Kim', true), (m) =>
    publishUsage(m, '/translate', call, 1, true),
  );
  const [lee] = emitted(usageMetricsEnvironment('Lee', true), (m) =>
    publishUsage(m, '/translate', call, 1, true),
  );
  expect([kim!.instance, lee!.instance]).toEqual(['Kim', 'Lee']);
  // Negative control: a function the stack gave no instance name emits the dimension set every
  // instance would share, which is what let two learners' numbers add up before.
  const [bare] = emitted({}, (m) => publishUsage(m, '/translate', call, 1, true));
  expect(bare!._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service', 'route']]);
  expect(bare).not.toHaveProperty('instance');
});

test('an unpriced call emits no cost metric rather than a made-up zero', () => {
  const [emf] = emitted(withDashboard, (m) =>
    publishUsage(m, '/bedrock/converse', { unit: 'tokens', quantity: 30 }, 900, true),
  );
  expect(emf).not.toHaveProperty(USAGE_METRICS.estimatedCost);
  expect(emf).toMatchObject({ BillableUnits: 30, LatencyMs: 900 });
});
