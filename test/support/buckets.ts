/** What every UploadBucket must look like in a synthesized stack. */
import { Match, type Template } from 'aws-cdk-lib/assertions';

/**
 * Private, encrypted, owner-enforced, SSL-only, objects expire after a day (or the days a stack
 * needs, such as a pipeline run waiting for a batch job), and the bucket is
 * deleted with the stack (emptied first by the auto-delete custom resource, whose provider's log
 * group is owned by the stack, kept a day and destroyed with it).
 */
export function expectSecureUploadBucket(template: Template, expirationDays = 1): void {
  template.resourceCountIs('AWS::S3::Bucket', 1);
  template.hasResource('AWS::S3::Bucket', {
    Properties: {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            ExpirationInDays: expirationDays,
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            Status: 'Enabled',
          }),
        ],
      },
    },
    UpdateReplacePolicy: 'Delete',
    DeletionPolicy: 'Delete',
  });
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      ]),
    },
  });
  // cdk destroy empties the bucket first; the provider's own log group is owned and destroyed too.
  template.resourceCountIs('Custom::S3AutoDeleteObjects', 1);
  const [bucketId] = Object.keys(template.findResources('AWS::S3::Bucket'));
  template.hasResourceProperties('Custom::S3AutoDeleteObjects', { BucketName: { Ref: bucketId } });
  const provider = Object.keys(template.findResources('AWS::Lambda::Function')).find((id) =>
    id.startsWith('CustomS3AutoDeleteObjectsCustomResourceProvider'),
  );
  expect(provider).toBeDefined();
  template.hasResource('AWS::Logs::LogGroup', {
    Properties: {
      LogGroupName: { 'Fn::Join': ['', ['/aws/lambda/', { Ref: provider }]] },
      RetentionInDays: 1,
    },
    DeletionPolicy: 'Delete',
  });
}
