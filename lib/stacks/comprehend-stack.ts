import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { requestSchemas } from '../../lambda/comprehend/schemas';
import type { LabConfig } from '../config';
import { service } from '../services';
import { DemoStack } from './demo-stack';

/** AiLab-Comprehend: sentiment, entities, key phrases, language, PII and toxicity. */
export class ComprehendStack extends DemoStack {
  constructor(scope: Construct, id: string, props: StackProps & { config: LabConfig }) {
    super(scope, id, { ...props, service: service('comprehend'), requestSchemas });
    this.demo.allowActionsWithoutResourceLevelPermissions(
      'ComprehendDetect',
      [
        'comprehend:DetectSentiment',
        'comprehend:DetectEntities',
        'comprehend:DetectKeyPhrases',
        'comprehend:DetectDominantLanguage',
        'comprehend:DetectPiiEntities',
        'comprehend:DetectToxicContent',
      ],
      'Comprehend Detect* actions on the built-in models have no resource-level permissions (only custom entity-recognizer endpoints do), so IAM requires Resource "*".',
    );
  }
}
