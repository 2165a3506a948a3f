import { Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { requestSchemas } from '../../lambda/transcribe/schemas';
import type { LabConfig } from '../config';
import { UploadBucket } from '../constructs/upload-bucket';
import { service } from '../services';
import { DemoStack } from './demo-stack';

/** AiLab-Transcribe: presigned audio upload, StartTranscriptionJob, and polling for the transcript. */
export class TranscribeStack extends DemoStack {
  public readonly uploads: UploadBucket;

  constructor(scope: Construct, id: string, props: StackProps & { config: LabConfig }) {
    super(scope, id, { ...props, service: service('transcribe'), requestSchemas });
    this.uploads = new UploadBucket(this, 'Uploads', {
      governed: props.config.governed,
      logRetention: props.config.governed ? (props.config.logRetentionDays as logs.RetentionDays) : undefined,
    });
    const bucket = this.uploads.bucket;
    this.demo.fn.addEnvironment('UPLOAD_BUCKET', bucket.bucketName);

    const role = this.demo.role;
    this.uploads.grantPut(role, 'uploads/'); // presigned uploads and inline clips
    this.uploads.grantRead(role, 'uploads/'); // Transcribe reads the media with the caller's permissions
    this.uploads.grantList(role, 'uploads/');
    this.uploads.grantPut(role, 'transcripts/'); // Transcribe writes OutputKey with the caller's permissions
    this.uploads.grantRead(role, 'transcripts/'); // the GET route reads the transcript

    // StartTranscriptionJob has no resource-level permissions; the condition pins its output to this bucket.
    const start = new iam.Policy(this.demo, 'TranscribeStart', {
      statements: [
        new iam.PolicyStatement({
          actions: ['transcribe:StartTranscriptionJob'],
          resources: ['*'],
          conditions: { StringEquals: { 'transcribe:OutputBucketName': bucket.bucketName } },
        }),
        new iam.PolicyStatement({
          actions: ['transcribe:GetTranscriptionJob'],
          resources: [
            Stack.of(this).formatArn({
              service: 'transcribe',
              resource: 'transcription-job',
              resourceName: 'ai-lab-*',
            }),
          ],
        }),
      ],
    });
    start.attachToRole(role);
    this.demo.fn.node.addDependency(start);
    Validations.of(start).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'transcribe:StartTranscriptionJob has no resource-level permissions; the transcribe:OutputBucketName condition limits it to this stack’s bucket.',
    });
    Validations.of(start).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:transcribe:<AWS::Region>:<AWS::AccountId>:transcription-job/ai-lab-*]',
      reason:
        'Job names are generated per request with the ai-lab- prefix; the GET route may read only those jobs.',
    });
  }
}
