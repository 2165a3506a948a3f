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
import type { DemoId } from '../../lib/services';

export interface LabControlFailure {
  /** The control's id, e.g. `CT.S3.PR.11`. */
  readonly control: string;
  /** The demos whose stacks fail it. */
  readonly demos: readonly DemoId[];
  /** `-c governed=true` makes every one of those stacks pass it. */
  readonly governedFixes: boolean;
}

const EVERY_DEMO: readonly DemoId[] = [
  'comprehend',
  'translate',
  'textract',
  'rekognition',
  'polly',
  'transcribe',
  'bedrock',
];
const BUCKET_DEMOS: readonly DemoId[] = ['textract', 'transcribe'];

export const LAB_CONTROL_FAILURES: readonly LabControlFailure[] = [
  // Log groups kept 7 days (cost); -c governed=true keeps them 365.
  { control: 'CT.CLOUDWATCH.PR.2', demos: EVERY_DEMO, governedFixes: true },
  // No customer managed KMS key on log groups: a key is billed every month.
  { control: 'CT.CLOUDWATCH.PR.3', demos: EVERY_DEMO, governedFixes: false },
  // Lambda permissions name their API by SourceArn built with Fn::Join (see docs/review.md).
  { control: 'CT.LAMBDA.PR.2', demos: EVERY_DEMO, governedFixes: false },
  // Functions outside a VPC: NAT gateways or endpoints would cost money while idle.
  { control: 'CT.LAMBDA.PR.3', demos: EVERY_DEMO, governedFixes: false },
  // The scratch buckets: no access logging, event notifications, Object Lock or SSE-KMS.
  { control: 'CT.S3.PR.2', demos: BUCKET_DEMOS, governedFixes: false },
  { control: 'CT.S3.PR.4', demos: BUCKET_DEMOS, governedFixes: false },
  { control: 'CT.S3.PR.9', demos: BUCKET_DEMOS, governedFixes: false },
  { control: 'CT.S3.PR.10', demos: BUCKET_DEMOS, governedFixes: false },
  // Versioning off (objects expire after a day); -c governed=true turns it on.
  { control: 'CT.S3.PR.11', demos: BUCKET_DEMOS, governedFixes: true },
];

export function controlFailure(control: string): LabControlFailure | undefined {
  return LAB_CONTROL_FAILURES.find((c) => c.control === control.trim().toUpperCase());
}
