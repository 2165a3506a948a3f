import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DemoFunction } from '../../lib/constructs/demo-function';

function make(props: Partial<ConstructorParameters<typeof DemoFunction>[2]> = {}) {
  const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'S');
  const demo = new DemoFunction(stack, 'Fn', {
    entry: 'lambda/translate/handler.ts',
    serviceName: 'translate',
    description: 'test',
    ...props,
  });
  return { stack, demo };
}

test('house defaults: Node.js 24, arm64, 256 MB, 20 s, X-Ray, JSON logs, Powertools env', () => {
  const { stack } = make();
  Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
    Runtime: 'nodejs24.x',
    Architectures: ['arm64'],
    MemorySize: 256,
    Timeout: 20,
    TracingConfig: { Mode: 'Active' },
    LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Match.stringLikeRegexp('FnLogGroup') } },
    Environment: {
      Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'translate', POWERTOOLS_LOG_LEVEL: 'INFO' }),
    },
  });
});

test('source maps are read at run time only when asked: --enable-source-maps costs cold start', () => {
  const env = (stack: Stack) =>
    Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0]!.Properties.Environment
      .Variables;
  expect(env(make().stack)).not.toHaveProperty('NODE_OPTIONS');
  expect(env(make({ enableSourceMaps: true }).stack)).toHaveProperty('NODE_OPTIONS', '--enable-source-maps');
});

test('its log group has a retention and is deleted with the stack', () => {
  const { stack } = make();
  Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
    Properties: { RetentionInDays: 7 },
    DeletionPolicy: 'Delete',
    UpdateReplacePolicy: 'Delete',
  });
});

test('its role may only write to its own log group (no AWSLambdaBasicExecutionRole)', () => {
  const { stack } = make();
  const t = Template.fromStack(stack);
  t.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  t.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('FnLogGroup'), 'Arn'] },
        },
      ]),
    },
  });
});

test('a timeout at or above API Gateway’s 29 s is refused for a buffered function', () => {
  expect(() => make({ timeout: Duration.seconds(29) })).toThrow(/below API Gateway's 29 s/);
});

test('a response-streaming function may run past 29 s, up to the 15-minute streaming maximum', () => {
  const { stack } = make({ timeout: Duration.seconds(348), responseStreaming: true });
  Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Timeout: 348 });
  expect(() => make({ timeout: Duration.seconds(901), responseStreaming: true })).toThrow(
    /more than a streamed response may last \(900 s\)/,
  );
});

test('wildcard actions are refused', () => {
  const { demo } = make();
  expect(() => demo.allowActionsWithoutResourceLevelPermissions('X', ['polly:*'], 'no')).toThrow(/wildcard/);
});

test('bundles with the local esbuild (never Docker): minified, source maps, SDK bundled', () => {
  const stack = new Stack(new App(), 'Bundled');
  new DemoFunction(stack, 'Fn', { entry: 'lambda/translate/handler.ts', serviceName: 't', description: 't' });
  // Synthesis bundles for real here; without a local esbuild CDK would try Docker, which is absent.
  const asm = (stack.node.root as App).synth();
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const dirs = fs.readdirSync(asm.directory).filter((d) => d.startsWith('asset.'));
  expect(dirs).toHaveLength(1);
  const files = fs.readdirSync(path.join(asm.directory, dirs[0]!)).sort();
  expect(files).toEqual(['index.js', 'index.js.map']);
  const code = fs.readFileSync(path.join(asm.directory, dirs[0]!, 'index.js'), 'utf8');
  expect(code).toContain('TranslateText'); // the SDK client is in the bundle
  expect(code.length / code.split('\n').length).toBeGreaterThan(2_000); // minified: long lines
});
