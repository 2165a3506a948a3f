import { type CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface UploadBucketProps {
  /**
   * How long any object lives (privacy and cost: uploads and results are scratch data).
   * @default Duration.days(1)
   */
  readonly expireAfter?: Duration;
  /**
   * For accounts governed by AWS Control Tower (`-c governed=true`): versioning on (CT.S3.PR.11),
   * older versions expiring after a day so storage stays bounded, and the provider's log group kept
   * for `logRetention`. `cdk destroy` still empties every version. @default false
   */
  readonly governed?: boolean;
  /** Retention of the auto-delete provider's log group. @default logs.RetentionDays.ONE_DAY */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A private scratch bucket for uploads and job results: all public access blocked, SSE-S3,
 * SSL enforced, bucket-owner-enforced ownership, every object expires after a day, and the
 * bucket empties and deletes itself on `cdk destroy`. Grants are scoped to key prefixes.
 */
export class UploadBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: UploadBucketProps = {}) {
    super(scope, id);
    const expireAfter = props.expireAfter ?? Duration.days(1);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: props.governed === true,
      lifecycleRules: [
        {
          id: 'expire-scratch-data',
          expiration: expireAfter,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
          ...(props.governed ? { noncurrentVersionExpiration: Duration.days(1) } : {}),
        },
      ],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.ownAutoDeleteProviderLogs(props.logRetention ?? logs.RetentionDays.ONE_DAY);
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Scratch bucket whose objects expire after a day; access is already in CloudTrail and the function logs, and a second log bucket would outlive nothing useful.',
    });
  }

  /**
   * CDK's auto-delete provider function logs to /aws/lambda/<its name>, a log group Lambda would
   * create with no retention and `cdk destroy` would leave behind. Create it here first, with a
   * retention and DESTROY, so the stack owns it.
   */
  private ownAutoDeleteProviderLogs(retention: logs.RetentionDays): void {
    const stack = Stack.of(this);
    const provider = stack.node.tryFindChild('Custom::S3AutoDeleteObjectsCustomResourceProvider');
    const handler = provider?.node.tryFindChild('Handler') as CfnResource | undefined;
    const customResource = this.bucket.node.tryFindChild('AutoDeleteObjectsCustomResource');
    if (!handler || !customResource || stack.node.tryFindChild('AutoDeleteProviderLogs')) return;
    const logGroup = new logs.LogGroup(stack, 'AutoDeleteProviderLogs', {
      logGroupName: `/aws/lambda/${handler.ref}`,
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    customResource.node.addDependency(logGroup);
  }

  /** Allow `s3:PutObject` under `prefix` (e.g. `uploads/`), directly or through a presigned URL. */
  public grantPut(role: iam.Role, prefix: string): void {
    this.grantObjects(role, ['s3:PutObject'], prefix, 'written');
  }

  /** Allow `s3:GetObject` under `prefix`. */
  public grantRead(role: iam.Role, prefix: string): void {
    this.grantObjects(role, ['s3:GetObject'], prefix, 'read');
  }

  /** Allow `s3:ListBucket`, limited by condition to keys under `prefix`. */
  public grantList(role: iam.Role, prefix: string): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${assertPrefix(prefix)}*`] } },
      }),
    );
  }

  /**
   * Exact actions on `<bucket>/<prefix>*`. CDK's grantRead/grantPut would add wildcard actions
   * (s3:GetObject*, s3:List*, s3:Abort*); the lab lists exact ones.
   */
  private grantObjects(role: iam.Role, actions: string[], prefix: string, what: string): void {
    const p = assertPrefix(prefix);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions, resources: [this.bucket.arnForObjects(`${p}*`)] }),
    );
    const policy = role.node.tryFindChild('DefaultPolicy');
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    if (policy) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${p}*]`,
        reason: `Objects are ${what} under the ${p} prefix of the stack's own scratch bucket, whose keys are generated per request.`,
      });
    }
  }
}
function assertPrefix(prefix: string): string {
  if (!/^[a-z0-9-]+\/$/.test(prefix))
    throw new Error(`UploadBucket: prefix '${prefix}' must look like 'uploads/'.`);
  return prefix;
}
