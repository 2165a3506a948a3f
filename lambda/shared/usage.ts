/**
 * The billable units a call consumed, returned in every success response and emitted as a
 * CloudWatch metric, so a learner sees what each call costs (the notes' cost lessons).
 */
export interface Usage {
  /** The pricing unit, e.g. "characters", "Comprehend units (100 characters)", "pages", "tokens". */
  readonly unit: string;
  /** Billable quantity of `unit` for this call. */
  readonly quantity: number;
  /** Estimated list-price cost of this call in USD, when the price is known. */
  readonly estimatedCostUsd?: number;
  /** Extra detail, e.g. inputTokens / outputTokens, characters before rounding. */
  readonly [detail: string]: string | number | boolean | undefined;
}

/**
 * The metrics every served call emits (Powertools, namespace `AiServicesLab`, dimensions `service`,
 * `instance` and `route`), named once here for the handlers and for the lab dashboard
 * (lib/constructs/lab-dashboard.ts).
 */
export const METRICS_NAMESPACE = 'AiServicesLab';
export const USAGE_METRICS = {
  /** The call's billable quantity in the service's own unit (Count). Always emitted. */
  billableUnits: 'BillableUnits',
  /** The call's estimated list-price cost in USD (None), when the price is known. Dashboard only. */
  estimatedCost: 'EstimatedCostUsd',
  /** Time the function spent serving the call, in milliseconds. Dashboard only. */
  latency: 'LatencyMs',
} as const;

/**
 * The dimension that names the lab instance (`-c prefix=…`) on every metric it emits, so two
 * instances in one account and Region (two learners of a classroom account) never add up on one
 * graph: CloudWatch treats each combination of dimension values as a metric of its own.
 */
export const INSTANCE_DIMENSION = 'instance';

/** The function's environment the stack sets: the instance's name, and whether the dashboard is deployed. */
export const INSTANCE_ENV = 'AI_LAB_INSTANCE';
export const DASHBOARD_METRICS_ENV = 'AI_LAB_DASHBOARD_METRICS';

/**
 * What a function emits, from its environment. `EstimatedCostUsd` and `LatencyMs` exist for the
 * dashboard's graphs and are emitted only when it is deployed (`-c dashboard=true`): each metric is a
 * custom metric billed for every hour it receives data, and without the dashboard nothing reads them
 * (the response carries the cost, the logs and X-Ray the time). `BillableUnits` is always emitted.
 */
export interface UsageMetricsSettings {
  /** The instance's name (the `instance` dimension); none when the function runs outside a stack. */
  readonly instance?: string;
  readonly dashboard: boolean;
}

export function usageMetricsSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
): UsageMetricsSettings {
  return { instance: env[INSTANCE_ENV] || undefined, dashboard: env[DASHBOARD_METRICS_ENV] === 'true' };
}

/** The environment a stack gives every function of an instance (the inverse of usageMetricsSettings). */
export function usageMetricsEnvironment(instance: string, dashboard: boolean): Record<string, string> {
  return { [INSTANCE_ENV]: instance, [DASHBOARD_METRICS_ENV]: String(dashboard) };
}
