/**
 * The one rule for what a Region does not offer: a route, a feature or a model the lab's Region table
 * says is missing here answers 501 `NOT_AVAILABLE_IN_REGION`, naming the Regions where it is offered,
 * before any AWS call. The stack computes the gaps of each Region from the table at synth and CloudFormation
 * picks the deployment Region's set at deploy time (env AI_LAB_REGION_GAPS, JSON), so the function needs
 * no table of its own.
 */
import { HttpError } from './errors';

export const REGION_GAPS_ENV = 'AI_LAB_REGION_GAPS';

export interface RegionGap {
  /** What is missing, in words ("Amazon Textract", "Polly's generative engine"). */
  readonly what: string;
  /** The table Regions that offer it. */
  readonly offeredIn: readonly string[];
}

/** Gaps by key: a route (`POST /textract/text`) or a need (`feature:polly-generative`, `model:…`). */
export type RegionGaps = Readonly<Record<string, RegionGap>>;

let cached: { value: string; gaps: RegionGaps } | undefined;

/** Read the gaps the stack set; unset or empty means nothing is missing. A malformed value fails fast. */
export function readRegionGaps(value: string | undefined = process.env[REGION_GAPS_ENV]): RegionGaps {
  if (!value) return {};
  if (cached?.value === value) return cached.gaps;
  const parsed: unknown = JSON.parse(value);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(
      `Environment variable ${REGION_GAPS_ENV} must be a JSON object; the stack should set it.`,
    );
  cached = { value, gaps: parsed as RegionGaps };
  return cached.gaps;
}

export function notAvailableInRegion(gap: RegionGap, region: string | undefined): HttpError {
  const where = gap.offeredIn.length
    ? `It is offered in ${gap.offeredIn.join(', ')} (the lab's Region table): deploy there to use it.`
    : "No Region in the lab's Region table offers it.";
  return new HttpError(
    501,
    'NOT_AVAILABLE_IN_REGION',
    `${gap.what} is not offered in ${region ?? 'this Region'}. ${where}`,
    {
      offeredIn: gap.offeredIn,
    },
  );
}

/** Throw the 501 when `key` is a gap of this deployment's Region. */
export function assertOfferedHere(
  key: string,
  gaps: RegionGaps = readRegionGaps(),
  region: string | undefined = process.env.AWS_REGION,
): void {
  const gap = gaps[key];
  if (gap) throw notAvailableInRegion(gap, region);
}
