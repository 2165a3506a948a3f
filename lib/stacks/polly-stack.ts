import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { BINARY_MEDIA_TYPES } from '../../lambda/polly/logic';
import { requestSchemas } from '../../lambda/polly/schemas';
import type { LabConfig } from '../config';
import { service } from '../services';
import { DemoStack } from './demo-stack';

/**
 * AiLab-Polly: SynthesizeSpeech returned as audio bytes (the first Accept type exactly the
 * format's, e.g. `Accept: audio/mpeg`) or JSON, and DescribeVoices. Any other audio Accept is a
 * 406 (lambda/polly/logic.ts).
 */
export class PollyStack extends DemoStack {
  constructor(scope: Construct, id: string, props: StackProps & { config: LabConfig }) {
    super(scope, id, {
      ...props,
      service: service('polly'),
      requestSchemas,
      // API Gateway turns the function's base64 body back into bytes when the caller's first
      // Accept type is one of these; the handler answers audio for exactly these and 406 for any
      // other audio type.
      binaryMediaTypes: [...BINARY_MEDIA_TYPES],
    });
    this.demo.allowActionsWithoutResourceLevelPermissions(
      'PollySpeech',
      ['polly:SynthesizeSpeech', 'polly:DescribeVoices'],
      'polly:SynthesizeSpeech without lexicons and polly:DescribeVoices have no resource-level permissions.',
    );
  }
}
