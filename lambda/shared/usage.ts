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
