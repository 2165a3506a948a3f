import { Match, type Template } from 'aws-cdk-lib/assertions';
import { labAssembly } from '../support/lab-assembly';

let template: Template;

beforeAll(() => {
  template = labAssembly().demo('comprehend');
});

test('matches the snapshot (asset hashes masked)', () => {
  expect(template.toJSON()).toMatchSnapshot();
});

test('has one function on Node.js 24, arm64, with tracing and an explicit log group', () => {
  template.resourceCountIs('AWS::Lambda::Function', 1);
  template.hasResourceProperties('AWS::Lambda::Function', {
    Runtime: 'nodejs24.x',
    Architectures: ['arm64'],
    MemorySize: 256,
    Timeout: 20,
    TracingConfig: { Mode: 'Active' },
    LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: Match.anyValue() }),
  });
});

test('grants exactly the six Comprehend Detect actions, on "*" only because they have no resource ARNs', () => {
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'comprehend:DetectDominantLanguage',
            'comprehend:DetectEntities',
            'comprehend:DetectKeyPhrases',
            'comprehend:DetectPiiEntities',
            'comprehend:DetectSentiment',
            'comprehend:DetectToxicContent',
          ],
          Resource: '*',
        },
      ],
    },
  });
});

test('exposes the six catalogue routes as POST methods with IAM auth and request models', () => {
  const methods = template.findResources('AWS::ApiGateway::Method');
  expect(Object.keys(methods)).toHaveLength(6);
  for (const m of Object.values(methods)) {
    expect(m.Properties.HttpMethod).toBe('POST');
    expect(m.Properties.AuthorizationType).toBe('AWS_IAM');
    expect(m.Properties.RequestModels).toEqual({ 'application/json': expect.anything() });
  }
  template.resourceCountIs('AWS::ApiGateway::Model', 6);
  template.hasResourceProperties('AWS::ApiGateway::Model', {
    Schema: Match.objectLike({
      $schema: 'http://json-schema.org/draft-04/schema#',
      required: ['text'],
      additionalProperties: false,
    }),
  });
});
