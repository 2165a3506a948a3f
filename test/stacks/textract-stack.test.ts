import { Match, type Template } from 'aws-cdk-lib/assertions';
import { MAX_SYNC_BODY_BYTES } from '../../lambda/textract/schemas';
import { service } from '../../lib/services';
import { expectSecureUploadBucket } from '../support/buckets';
import { labAssembly } from '../support/lab-assembly';
import { apiRoutes } from '../support/policy';

let template: Template;
beforeAll(() => {
  template = labAssembly().demo('textract');
});

const bucketId = () => Object.keys(template.findResources('AWS::S3::Bucket'))[0]!;
const bucketArn = () => ({ 'Fn::GetAtt': [bucketId(), 'Arn'] });
const objects = (prefix: string) => ({ 'Fn::Join': ['', [bucketArn(), `/${prefix}*`]] });

/** The function role's default policy (logs, X-Ray, S3), found by its log statement. */
const rolePolicy = () =>
  Object.values(template.findResources('AWS::IAM::Policy')).find((p) =>
    JSON.stringify(p).includes('logs:PutLogEvents'),
  )!;

test('matches the snapshot (asset hashes masked)', () => {
  expect(template.toJSON()).toMatchSnapshot();
});

test('has one demo function: Node.js 24, arm64, 512 MB for parsing, 25 s, tracing, explicit log group', () => {
  const fns = Object.entries(template.findResources('AWS::Lambda::Function')).filter(
    ([id]) => !id.startsWith('CustomS3AutoDeleteObjectsCustomResourceProvider'),
  );
  expect(fns).toHaveLength(1);
  template.hasResourceProperties('AWS::Lambda::Function', {
    Runtime: 'nodejs24.x',
    Architectures: ['arm64'],
    MemorySize: 512,
    Timeout: 25,
    TracingConfig: { Mode: 'Active' },
    LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: Match.anyValue() }),
    Environment: {
      Variables: Match.objectLike({
        POWERTOOLS_SERVICE_NAME: 'textract',
        UPLOAD_BUCKET: { Ref: bucketId() },
      }),
    },
  });
});

test('grants exactly the six Textract actions, on "*" only because they have no resource ARNs', () => {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    JSON.stringify(p).includes('textract:'),
  );
  expect(policies).toHaveLength(1);
  expect(policies[0]!.Properties.PolicyDocument.Statement).toEqual([
    {
      Effect: 'Allow',
      Action: [
        'textract:AnalyzeDocument',
        'textract:DetectDocumentText',
        'textract:GetDocumentAnalysis',
        'textract:GetDocumentTextDetection',
        'textract:StartDocumentAnalysis',
        'textract:StartDocumentTextDetection',
      ],
      Resource: '*',
    },
  ]);
});

test('the role’s other statements are exact: its log group, X-Ray, and S3 put/get under uploads/ only', () => {
  const statements = rolePolicy().Properties.PolicyDocument.Statement;
  expect(statements).toEqual([
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^HandlerLogGroup/), 'Arn'] },
    },
    {
      Effect: 'Allow',
      Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
      Resource: '*',
    },
    // cdk.json's @aws-cdk/aws-iam:minimizePolicies merges statements on the same resource.
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: objects('uploads/') },
  ]);
  const functionPolicies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
  expect(functionPolicies).not.toMatch(/"s3:\*"|s3:GetObject\*|s3:List|s3:Abort\*|s3:DeleteObject/);
});

test('the upload bucket is private, encrypted, SSL-only, expires objects after a day and is destroyed', () => {
  expectSecureUploadBucket(template);
});

test('no cross-stack references: the stack imports nothing', () => {
  expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
});

test('serves exactly the catalogue routes, all with IAM auth; POST routes have request models', () => {
  expect(apiRoutes(template)).toEqual(
    service('textract')
      .routes.map((r) => `${r.method} ${r.path}`)
      .sort(),
  );
  const methods = Object.values(template.findResources('AWS::ApiGateway::Method'));
  expect(methods).toHaveLength(5);
  for (const m of methods) {
    expect(m.Properties.AuthorizationType).toBe('AWS_IAM');
    if (m.Properties.HttpMethod === 'POST') {
      expect(m.Properties.RequestModels).toEqual({ 'application/json': expect.anything() });
    }
  }
  template.resourceCountIs('AWS::ApiGateway::Model', 4);
});

test('the request models reject unknown fields at the edge and require the document / key', () => {
  const schemaOf = (name: string) =>
    Object.values(template.findResources('AWS::ApiGateway::Model')).find((m) => m.Properties.Name === name)!
      .Properties.Schema;

  expect(schemaOf('TextractTextRequest')).toMatchObject({
    $schema: 'http://json-schema.org/draft-04/schema#',
    type: 'object',
    required: ['document'],
    additionalProperties: false,
  });
  expect(schemaOf('TextractAnalyzeRequest')).toMatchObject({
    required: ['document', 'features'],
    additionalProperties: false,
    properties: {
      features: { type: 'array', minItems: 1, items: { enum: ['TABLES', 'FORMS', 'QUERIES'] } },
      queries: { type: 'array', maxItems: 15 },
    },
  });
  expect(schemaOf('TextractUploadsRequest')).toMatchObject({
    required: ['contentType'],
    properties: { contentType: { enum: ['application/pdf', 'image/tiff'] } },
  });
  expect(schemaOf('TextractJobsRequest')).toMatchObject({
    required: ['key', 'mode'],
    properties: { mode: { enum: ['text', 'analyze'] } },
  });
});

test('the sync body ceiling fits a 4.4 MB document in base64 inside Lambda’s 6 MB payload', () => {
  expect(MAX_SYNC_BODY_BYTES).toBeGreaterThan(6_160_384);
  expect(MAX_SYNC_BODY_BYTES).toBeLessThan(6 * 1024 * 1024);
});
