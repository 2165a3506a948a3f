import { Duration, type StackProps } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { FUNCTION_TIMEOUT_SECONDS, requestSchemas } from '../../lambda/textract/schemas';
import type { LabConfig } from '../config';
import { UploadBucket } from '../constructs/upload-bucket';
import { service } from '../services';
import { DemoStack } from './demo-stack';

/**
 * AiLab-Textract: DetectDocumentText and AnalyzeDocument (TABLES, FORMS, QUERIES) on a base64
 * single-page document, and the batch flow for multi-page ones: presigned upload, Start*, Get*.
 */
export class TextractStack extends DemoStack {
  public readonly uploads: UploadBucket;

  constructor(scope: Construct, id: string, props: StackProps & { config: LabConfig }) {
    super(scope, id, {
      ...props,
      service: service('textract'),
      requestSchemas,
      // Decoding a 4.4 MB base64 document (~6 MB string + buffer) and resolving up to 20,000 blocks is CPU-bound; CPU scales with memory.
      memorySize: 512,
      timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS),
    });
    this.uploads = new UploadBucket(this, 'Uploads', {
      governed: props.config.governed,
      logRetention: props.config.governed ? (props.config.logRetentionDays as logs.RetentionDays) : undefined,
    });
    this.demo.fn.addEnvironment('UPLOAD_BUCKET', this.uploads.bucket.bucketName);

    const role = this.demo.role;
    this.uploads.grantPut(role, 'uploads/'); // presigned uploads are signed with the function's role
    this.uploads.grantRead(role, 'uploads/'); // Textract reads the document with the caller's permissions

    this.demo.allowActionsWithoutResourceLevelPermissions(
      'TextractDocuments',
      [
        'textract:DetectDocumentText',
        'textract:AnalyzeDocument',
        'textract:StartDocumentTextDetection',
        'textract:StartDocumentAnalysis',
        'textract:GetDocumentTextDetection',
        'textract:GetDocumentAnalysis',
      ],
      'Textract DetectDocumentText, AnalyzeDocument and the Start*/Get* job actions have no resource-level permissions, so IAM requires Resource "*"; the documents they read are limited by the uploads/ S3 grant.',
    );
  }
}
