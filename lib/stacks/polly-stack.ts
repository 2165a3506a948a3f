import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { FORMATS, requestSchemas } from '../../lambda/polly/schemas';
import type { LabConfig } from '../config';
import { service } from '../services';
import { DemoStack } from './demo-stack';

/** AiLab-Polly: SynthesizeSpeech returned as audio bytes (Accept: audio/*) or JSON, and DescribeVoices. */
export class PollyStack extends DemoStack {
  constructor(scope: Construct, id: string, props: StackProps & { config: LabConfig }) {
    super(scope, id, {
      ...props,
      service: service('polly'),
      requestSchemas,
      // API Gateway turns the function's base64 body back into bytes when the caller's first
      // Accept type is one of these.
      binaryMediaTypes: Object.values(FORMATS),
    });
    this.demo.allowActionsWithoutResourceLevelPermissions(
      'PollySpeech',
      ['polly:SynthesizeSpeech', 'polly:DescribeVoices'],
      'polly:SynthesizeSpeech without lexicons and polly:DescribeVoices have no resource-level permissions.',
    );
  }
}
