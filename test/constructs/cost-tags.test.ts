import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CostTags } from '../../lib/constructs/cost-tags';

const APP_TAGS = { project: 'ai-services-lab', environment: 'test', owner: 'me', costCenter: 'cc-1' };

test('applies app and stack tags to taggable resources', () => {
  const app = new App();
  const stack = new Stack(app, 'S');
  new sns.Topic(stack, 'Topic');
  CostTags.applyToApp(app, APP_TAGS);
  CostTags.applyToStack(stack, { service: 'Amazon Polly', pricingUnit: 'characters' });

  const topic = Object.values(Template.fromStack(stack).findResources('AWS::SNS::Topic'))[0]!;
  expect(topic.Properties.Tags).toEqual(
    expect.arrayContaining([
      { Key: 'Project', Value: 'ai-services-lab' },
      { Key: 'Environment', Value: 'test' },
      { Key: 'Owner', Value: 'me' },
      { Key: 'CostCenter', Value: 'cc-1' },
      { Key: 'Service', Value: 'Amazon Polly' },
      { Key: 'PricingUnit', Value: 'characters' },
    ]),
  );
  Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
});

test('reports an error (failing synth) when a taggable resource lacks a required tag', () => {
  const app = new App();
  const stack = new Stack(app, 'Untagged');
  new sns.Topic(stack, 'Topic');
  CostTags.applyToApp(app, APP_TAGS); // but no applyToStack: Service and PricingUnit missing

  Annotations.fromStack(stack).hasError(
    '/Untagged/Topic/Resource',
    Match.stringLikeRegexp('lacks required cost-allocation tag\\(s\\): Service, PricingUnit'),
  );
});

test.each([
  ['without feature flags', {}],
  // cdk.json sets it: a stack's tag manager then never hears of Tags.of(stack).
  ['with @aws-cdk/core:explicitStackTags', { '@aws-cdk/core:explicitStackTags': true }],
])("tags CDK's raw provider resources that Tags.of cannot reach (bucket auto-delete), %s", (_, context) => {
  const app = new App({ context });
  const stack = new Stack(app, 'WithProvider');
  new s3.Bucket(stack, 'Bucket', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  CostTags.applyToApp(app, APP_TAGS);
  CostTags.applyToStack(stack, { service: 'Amazon S3', pricingUnit: 'requests' });

  const template = Template.fromStack(stack);
  const providerFn = Object.values(template.findResources('AWS::Lambda::Function'));
  expect(providerFn).toHaveLength(1);
  const keys = (providerFn[0]!.Properties.Tags as Array<{ Key: string }>).map((t) => t.Key).sort();
  expect(keys).toEqual(['CostCenter', 'Environment', 'Owner', 'PricingUnit', 'Project', 'Service']);
  for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
    expect((role.Properties.Tags as Array<{ Key: string }>).map((t) => t.Key).sort()).toEqual(keys);
  }
});
