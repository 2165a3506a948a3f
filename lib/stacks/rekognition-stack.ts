import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { requestSchemas } from '../../lambda/rekognition/schemas';
import type { LabConfig } from '../config';
import { service } from '../services';
import { DemoStack } from './demo-stack';

/** AiLab-Rekognition: labels, text, faces and moderation (사회적 위험) on an image sent as base64. */
export class RekognitionStack extends DemoStack {
  constructor(scope: Construct, id: string, props: StackProps & { config: LabConfig }) {
    super(scope, id, {
      ...props,
      service: service('rekognition'),
      requestSchemas,
      // 512 MB for CPU rather than room: an image at the 4.4 MB limit adds only ~45 MB (event, parsed
      // JSON, decoded bytes, the SDK's base64 request), but Lambda's CPU share grows with memory, so
      // parsing and re-encoding a 6 MB body takes about half as long as at the 256 MB default.
      memorySize: 512,
    });
    this.demo.allowActionsWithoutResourceLevelPermissions(
      'RekognitionDetect',
      [
        'rekognition:DetectLabels',
        'rekognition:DetectText',
        'rekognition:DetectFaces',
        'rekognition:DetectModerationLabels',
      ],
      'Rekognition DetectLabels, DetectText and DetectFaces have no resource-level permissions, and DetectModerationLabels has one only for a custom adapter (projectversion), which this demo does not use, so IAM requires Resource "*".',
    );
  }
}
