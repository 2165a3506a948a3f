import { Match, type Template } from 'aws-cdk-lib/assertions';
import { service } from '../../lib/services';
import { labAssembly } from '../support/lab-assembly';
import { apiRoutes } from '../support/policy';

let template: Template;

beforeAll(() => {
  template = labAssembly().demo('rekognition');
});

test('matches the snapshot (asset hashes masked)', () => {
  expect(template.toJSON()).toMatchSnapshot();
});

test('has one function on Node.js 24, arm64, 512 MB, with tracing and an explicit log group', () => {
  template.resourceCountIs('AWS::Lambda::Function', 1);
  template.hasResourceProperties('AWS::Lambda::Function', {
    Runtime: 'nodejs24.x',
    Architectures: ['arm64'],
    MemorySize: 512,
    Timeout: 20,
    TracingConfig: { Mode: 'Active' },
    LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: Match.anyValue() }),
    Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'rekognition' }) },
  });
});

test('grants exactly the four Rekognition Detect actions, on "*" only because they have no resource ARNs', () => {
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'rekognition:DetectFaces',
            'rekognition:DetectLabels',
            'rekognition:DetectModerationLabels',
            'rekognition:DetectText',
          ],
          Resource: '*',
        },
      ],
    },
  });
});

test('the role may do nothing else: its own logs, X-Ray and the four Detect actions', () => {
  const actions = Object.values(template.findResources('AWS::IAM::Policy'))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>)
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .sort();
  expect(actions).toEqual([
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    'rekognition:DetectFaces',
    'rekognition:DetectLabels',
    'rekognition:DetectModerationLabels',
    'rekognition:DetectText',
    'xray:PutTelemetryRecords',
    'xray:PutTraceSegments',
  ]);
  template.resourceCountIs('AWS::IAM::Role', 1);
  const [role] = Object.values(template.findResources('AWS::IAM::Role'));
  expect(role?.Properties.ManagedPolicyArns).toBeUndefined();
  expect(role?.Properties.Policies).toBeUndefined();
});

test('exposes exactly the four catalogue routes as POST methods with IAM auth and request models', () => {
  expect(apiRoutes(template)).toEqual(
    service('rekognition')
      .routes.map((r) => `${r.method} ${r.path}`)
      .sort(),
  );
  const methods = template.findResources('AWS::ApiGateway::Method');
  expect(Object.keys(methods)).toHaveLength(4);
  for (const m of Object.values(methods)) {
    expect(m.Properties.HttpMethod).toBe('POST');
    expect(m.Properties.AuthorizationType).toBe('AWS_IAM');
    expect(m.Properties.RequestModels).toEqual({ 'application/json': expect.anything() });
  }
  template.resourceCountIs('AWS::ApiGateway::Model', 4);
  template.hasResourceProperties('AWS::ApiGateway::Model', {
    Name: 'RekognitionLabelsRequest',
    Schema: Match.objectLike({
      $schema: 'http://json-schema.org/draft-04/schema#',
      required: ['image'],
      additionalProperties: false,
      properties: Match.objectLike({
        maxLabels: Match.objectLike({ type: 'integer', minimum: 1, maximum: 100 }),
        minConfidence: Match.objectLike({ type: 'number', minimum: 0, maximum: 100 }),
      }),
    }),
  });
});

test('sends JSON only: no binary media types', () => {
  template.hasResourceProperties('AWS::ApiGateway::RestApi', {
    Name: 'ai-lab-rekognition',
    BinaryMediaTypes: Match.absent(),
  });
});
