import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { requestSchemas } from '../../lambda/translate/schemas';
import type { LabConfig } from '../config';
import { service } from '../services';
import { DemoStack } from './demo-stack';

/** AiLab-Translate: TranslateText (with automatic source detection) and ListLanguages. */
export class TranslateStack extends DemoStack {
  constructor(scope: Construct, id: string, props: StackProps & { config: LabConfig }) {
    super(scope, id, { ...props, service: service('translate'), requestSchemas });
    this.demo.allowActionsWithoutResourceLevelPermissions(
      'TranslateText',
      // TranslateText with SourceLanguageCode "auto" calls Comprehend on the caller's behalf.
      ['translate:TranslateText', 'translate:ListLanguages', 'comprehend:DetectDominantLanguage'],
      'translate:TranslateText without custom terminology or parallel data, translate:ListLanguages and comprehend:DetectDominantLanguage have no resource-level permissions.',
    );
  }
}
