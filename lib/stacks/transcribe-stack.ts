import { Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { requestSchemas } from '../../lambda/transcribe/schemas';
import type { LabConfig } from '../config';
import { UploadBucket } from '../constructs/upload-bucket';
import { transcribeJobStem } from '../names';
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
    // Job names are unique per account and Region: each instance names its jobs after its prefix.
    const jobStem = transcribeJobStem(props.config.prefix);
    this.demo.fn.addEnvironment('JOB_NAME_STEM', jobStem);

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
              // The exact shape of this instance's job names (lambda/transcribe/logic.ts), one
              // character per `?` and no `*`: the pattern has the length of this instance's job
              // names, so it never matches another instance's, even where one stem begins the
              // other (`ai-…` of prefix Ai, `ai-lab-…` of AiLab).
              resourceName: `${jobStem}-????????-??????-????????`,
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
  }
}
