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
 * The metrics every served call emits (Powertools, namespace `AiServicesLab`, dimensions `service` and
 * `route`), named once here for the handlers and for the lab dashboard (lib/constructs/lab-dashboard.ts).
 */
export const METRICS_NAMESPACE = 'AiServicesLab';
export const USAGE_METRICS = {
  /** The call's billable quantity in the service's own unit (Count). */
  billableUnits: 'BillableUnits',
  /** The call's estimated list-price cost in USD (None), when the price is known. */
  estimatedCost: 'EstimatedCostUsd',
  /** Time the function spent serving the call, in milliseconds. */
  latency: 'LatencyMs',
} as const;
