/**
 * The AWS Control Tower proactive controls the lab's templates fail, and which demos' stacks fail each:
 * what the review finds when it runs AWS Control Tower's rules over the synthesized templates with
 * cfn-guard (`npm run review`, section "Governed accounts"; docs/review.md). The doctor needs the list
 * without cfn-guard, which is not part of the lean install, so it is kept here as data, and
 * test/cli/doctor-controls.test.ts runs cfn-guard over the lab's assembly and requires this list to
 * equal what it finds, with and without `-c governed=true`.
 *
 * In an account where an administrator turned one of these controls on as a CloudFormation hook in
 * FAIL mode, `cdk deploy` of those stacks stops at the failing resource.
 */
import { GOVERNED_RETENTION_DAYS, type LabConfig } from '../../lib/config';
import { type DemoId, SERVICES } from '../../lib/services';

export interface LabControlFailure {
  /** The control's id, e.g. `CT.S3.PR.11`. */
  readonly control: string;
  /** The demos whose stacks fail it (a control may have two entries, passed by different settings). */
  readonly demos: readonly DemoId[];
  /** `-c governed=true` makes every one of those stacks pass it. */
  readonly governedFixes: boolean;
  /** Settings that pass it even without `governed` (CT.CLOUDWATCH.PR.2: a year of log retention). */
  readonly passesWith?: (config: Pick<LabConfig, 'logRetentionDays'>) => boolean;
}

const EVERY_DEMO: readonly DemoId[] = SERVICES.map((s) => s.id);
/** The demos with a document bucket (uploads, the pipeline's runs). */
const BUCKET_DEMOS: readonly DemoId[] = ['textract', 'transcribe', 'pipeline'];

export const LAB_CONTROL_FAILURES: readonly LabControlFailure[] = [
  // Log groups kept 7 days (cost); -c governed=true keeps every one 365. A long logRetentionDays alone
  // covers the functions' log groups, but not the log group of a document bucket's clean-up provider,
  // which only -c governed=true sets.
  {
    control: 'CT.CLOUDWATCH.PR.2',
    demos: EVERY_DEMO.filter((d) => !BUCKET_DEMOS.includes(d)),
    governedFixes: true,
    passesWith: (c) => c.logRetentionDays >= GOVERNED_RETENTION_DAYS,
  },
  { control: 'CT.CLOUDWATCH.PR.2', demos: BUCKET_DEMOS, governedFixes: true },
  // No customer managed KMS key on log groups: a key is billed every month.
  { control: 'CT.CLOUDWATCH.PR.3', demos: EVERY_DEMO, governedFixes: false },
  // Lambda permissions name their API by SourceArn built with Fn::Join (see docs/review.md).
  { control: 'CT.LAMBDA.PR.2', demos: EVERY_DEMO, governedFixes: false },
  // Functions outside a VPC: NAT gateways or endpoints would cost money while idle.
  { control: 'CT.LAMBDA.PR.3', demos: EVERY_DEMO, governedFixes: false },
  // The document buckets: no access logging, event notifications, Object Lock or SSE-KMS.
  { control: 'CT.S3.PR.2', demos: BUCKET_DEMOS, governedFixes: false },
  { control: 'CT.S3.PR.4', demos: BUCKET_DEMOS, governedFixes: false },
  { control: 'CT.S3.PR.9', demos: BUCKET_DEMOS, governedFixes: false },
  { control: 'CT.S3.PR.10', demos: BUCKET_DEMOS, governedFixes: false },
  // Versioning off (objects expire after a day); -c governed=true turns it on.
  { control: 'CT.S3.PR.11', demos: BUCKET_DEMOS, governedFixes: true },
];

/**
 * The controls the lab fails with these settings, one entry per control (`-c governed=true` and a
 * long log retention pass some), with the demos in catalogue order.
 */
export function labControlFailures(
  config: Pick<LabConfig, 'governed' | 'logRetentionDays'>,
): LabControlFailure[] {
  const failing = LAB_CONTROL_FAILURES.filter(
    (c) => !(config.governed && c.governedFixes) && !c.passesWith?.(config),
  );
  const byControl = new Map<string, LabControlFailure>();
  for (const c of failing) {
    const seen = byControl.get(c.control);
    byControl.set(
      c.control,
      seen
        ? {
            control: c.control,
            demos: EVERY_DEMO.filter((d) => seen.demos.includes(d) || c.demos.includes(d)),
            governedFixes: seen.governedFixes && c.governedFixes,
          }
        : { control: c.control, demos: c.demos, governedFixes: c.governedFixes },
    );
  }
  return [...byControl.values()];
}

/** The lab's failure of `control` with these settings, if it fails it. */
export function controlFailure(
  control: string,
  config: Pick<LabConfig, 'governed' | 'logRetentionDays'>,
): LabControlFailure | undefined {
  return labControlFailures(config).find((c) => c.control === control.trim().toUpperCase());
}
