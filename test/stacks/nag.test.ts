/**
 * cdk-nag (AwsSolutions + Serverless packs, registered in lib/app.ts) over the whole lab: zero
 * unacknowledged findings. Negative controls prove the same harness reports findings when a
 * construct is non-compliant or an acknowledgement is missing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, CloudFormationValidatePlugin, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { DemoApi } from '../../lib/constructs/demo-api';
import { DemoFunction } from '../../lib/constructs/demo-function';
import { CachedCloudFormationValidation } from '../../lib/validation-cache';
import { buildTestLab } from '../support/lab';
import { nagFindings } from '../support/nag';
import { withCloudFormationValidation } from '../support/validation';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-nag-'));
let errorSpy: jest.SpyInstance;
beforeEach(() => {
  // cdk-nag prints its report to the console; the assertions read the JSON report instead.
  errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => errorSpy.mockRestore());

test('the whole lab has zero unacknowledged findings: cdk-nag and CloudFormation validation', () => {
  const outdir = tmp();
  const { app } = buildTestLab({ budgetEmail: 'learner@example.com' }, { outdir, nag: true });
  // CloudFormation validation as bin/ runs it: aws-cdk-lib's check, its report kept by template
  // content (lib/validation-cache.ts; test/lib/validation-cache.test.ts shows a kept report is the
  // engine's own), so an unchanged lab does not start the engine again.
  const validate = jest.spyOn(CachedCloudFormationValidation.prototype, 'validate');
  const engine = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
  let plugin: CachedCloudFormationValidation | undefined;
  const findings = withCloudFormationValidation(() => {
    plugin = CachedCloudFormationValidation.register(app);
    return nagFindings(app, outdir);
  });
  expect(findings).toEqual([]);
  // A validation that did not run finds nothing either: it ran once, over every stack's template,
  // in place of aws-cdk-lib's default instance: the engine ran only for a cache miss.
  expect(validate).toHaveBeenCalledTimes(1);
  const stats = plugin?.stats ?? { hits: 0, misses: 0 };
  expect(stats.hits + stats.misses).toBe(1);
  expect(engine).toHaveBeenCalledTimes(stats.misses);
  const checked = validate.mock.calls[0]?.[0].templatePaths.map((t) => path.basename(t)) ?? [];
  expect(checked.sort()).toEqual(
    app
      .synth()
      .stacks.map((s) => s.templateFile)
      .sort(),
  );
  validate.mockRestore();
  engine.mockRestore();
});

function nagApp(outdir: string): { app: App; stack: Stack } {
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Control');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}

test('negative control: a non-compliant bucket is reported', () => {
  const outdir = tmp();
  const { app, stack } = nagApp(outdir);
  new s3.Bucket(stack, 'Plain');
  const rules = nagFindings(app, outdir).map((f) => f.rule);
  expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
});

test('negative control: Resource "*" without an acknowledgement is reported', () => {
  const outdir = tmp();
  const { app, stack } = nagApp(outdir);
  const demo = new DemoFunction(stack, 'Fn', {
    entry: 'lambda/translate/handler.ts',
    serviceName: 'control',
    description: 'control',
  });
  // Added straight to the role, bypassing allowActionsWithoutResourceLevelPermissions (and its acknowledgement).
  new iam.Policy(stack, 'Unacknowledged', {
    statements: [new iam.PolicyStatement({ actions: ['translate:TranslateText'], resources: ['*'] })],
  }).attachToRole(demo.role);
  const findings = nagFindings(app, outdir);
  expect(findings).toEqual([
    { rule: 'AwsSolutions-IAM5[Resource::*]', path: 'Control/Unacknowledged/Resource' },
  ]);
});

test('negative control: a method without IAM auth is reported', () => {
  const outdir = tmp();
  const { app, stack } = nagApp(outdir);
  const demo = new DemoFunction(stack, 'Fn', {
    entry: 'lambda/translate/handler.ts',
    serviceName: 'c',
    description: 'c',
  });
  const api = new DemoApi(stack, 'Api', {
    restApiName: 'c',
    description: 'c',
    handler: demo.fn,
    throttle: { rateLimit: 1, burstLimit: 1 },
  });
  api.addRoute('POST', '/ok');
  api.api.root
    .addResource('open')
    .addMethod('GET', undefined, { authorizationType: apigw.AuthorizationType.NONE });
  const rules = nagFindings(app, outdir).map((f) => f.rule);
  expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-APIG4']));
});

test('negative control: a state machine without logs and X-Ray is reported (AiLab-Pipeline has both)', () => {
  const outdir = tmp();
  const { app, stack } = nagApp(outdir);
  new sfn.StateMachine(stack, 'Bare', {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Only')),
  });
  const rules = nagFindings(app, outdir).map((f) => f.rule);
  expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-SF1', 'AwsSolutions-SF2']));
});

test('negative control: an event rule with no DLQ reason is reported (AiLab-Pipeline acknowledges its one)', () => {
  const outdir = tmp();
  const { app, stack } = nagApp(outdir);
  const demo = new DemoFunction(stack, 'Fn', {
    entry: 'lambda/pipeline/job-event-handler.ts',
    serviceName: 'control',
    description: 'control',
    invokedBy: 'eventbridge',
  });
  new events.Rule(stack, 'Rule', {
    eventPattern: { source: ['aws.bedrock'] },
    targets: [new targets.LambdaFunction(demo.fn)],
  });
  const rules = nagFindings(app, outdir).map((f) => f.rule);
  expect(rules).toContain('Serverless-EventBusDLQ');
});
