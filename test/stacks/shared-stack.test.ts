/**
 * The account's API Gateway CloudWatch role (`AWS::ApiGateway::Account`, one per account and
 * Region): the default synth neither sets it nor needs it; `existing` logs through the account's
 * role without touching the setting; only `create` sets it, and keeps role and setting on destroy.
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { KEPT_ON_DESTROY_METADATA } from '../../lib/review-metadata';
import { type LabAssembly, labAssembly } from '../support/lab-assembly';

/** Every stack of a synthesized lab, as [stack name, template]. */
const stacksOf = (lab: LabAssembly) => lab.stackNames.map((name) => [name, lab.template(name)] as const);
/** The demo stacks of a synthesized lab, as [stack name, template]. */
const demoStacksOf = (lab: LabAssembly) =>
  Object.values(lab.demos).map((name) => [name!, lab.template(name!)] as const);

/** Every `AWS::ApiGateway::Account` in these stacks: each one points the Region's setting at a role. */
function accountSettings(stacks: ReadonlyArray<readonly [string, Template]>): string[] {
  return stacks.flatMap(([stackName, template]) =>
    Object.keys(template.findResources('AWS::ApiGateway::Account')).map((id) => `${stackName}/${id}`),
  );
}

/** The stages' logging: access log settings and the method logging level. */
function stageLogging(template: Template): Array<{ access: boolean; level?: string }> {
  return Object.values(template.findResources('AWS::ApiGateway::Stage')).map((r) => ({
    access: r.Properties.AccessLogSetting !== undefined,
    level: r.Properties.MethodSettings?.find((m: { LoggingLevel?: string }) => m.LoggingLevel)?.LoggingLevel,
  }));
}

/** Log groups named for API Gateway's execution logs (the stack owns them when the stage logs). */
function executionLogGroups(template: Template): number {
  return Object.values(template.findResources('AWS::Logs::LogGroup')).filter((r) =>
    JSON.stringify(r.Properties.LogGroupName ?? '').includes('API-Gateway-Execution-Logs_'),
  ).length;
}

describe('default (apiGatewayCloudWatchRole=none)', () => {
  const lab = labAssembly({ budgetEmail: 'learner@example.com' });

  test('no stack sets the account-wide setting, and there is no Shared stack', () => {
    expect(accountSettings(stacksOf(lab))).toEqual([]);
    expect(lab.named.shared).toBeUndefined();
    expect(lab.stackNames).not.toContain('AiLab-Shared');
  });

  test('no stage logs to CloudWatch, so deploy does not need an account role', () => {
    // API Gateway refuses a stage with access or execution logging while the account has no
    // CloudWatch role ("CloudWatch Logs role ARN must be set in account settings to enable logging").
    for (const [, t] of demoStacksOf(lab))
      expect(stageLogging(t)).toEqual([{ access: false, level: undefined }]);
    for (const [, t] of demoStacksOf(lab)) expect(executionLogGroups(t)).toBe(0);
  });

  test('no demo stack depends on another stack', () => {
    for (const [name] of demoStacksOf(lab)) expect(lab.dependencies(name)).toEqual([]);
  });
});

describe('apiGatewayCloudWatchRole=existing (and the older false)', () => {
  test.each(['existing', 'false'])(
    '%s: stages log through the account role; the setting is untouched',
    (mode) => {
      const lab = labAssembly({ apiGatewayCloudWatchRole: mode });
      expect(accountSettings(stacksOf(lab))).toEqual([]);
      expect(lab.named.shared).toBeUndefined();
      for (const [, t] of demoStacksOf(lab))
        expect(stageLogging(t)).toEqual([{ access: true, level: 'ERROR' }]);
    },
  );
});

describe('apiGatewayCloudWatchRole=create (and the older true)', () => {
  const lab = labAssembly({ apiGatewayCloudWatchRole: 'create' });
  const shared = lab.template(lab.named.shared!);

  test('only the Shared stack sets the account role, once', () => {
    expect(accountSettings(stacksOf(lab))).toEqual([
      expect.stringMatching(/^AiLab-Shared\/ApiGatewayAccount$/),
    ]);
    expect(labAssembly({ apiGatewayCloudWatchRole: 'true' }).named.shared).toBe('AiLab-Shared');
  });

  test('the role and the setting are retained on destroy, as CDK retains its own', () => {
    shared.hasResource('AWS::IAM::Role', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        AssumeRolePolicyDocument: Match.objectLike({
          Statement: [Match.objectLike({ Principal: { Service: 'apigateway.amazonaws.com' } })],
        }),
      }),
    });
    shared.hasResource('AWS::ApiGateway::Account', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('the stack records both as kept on purpose, for the review', () => {
    // The stack's own metadata (its node.metadata), as the assembly records it for the review.
    const kept = (lab.metadata('AiLab-Shared')['/AiLab-Shared'] ?? [])
      .filter((m) => m.type === KEPT_ON_DESTROY_METADATA)
      .map((m) => m.data);
    expect(kept).toEqual([
      [
        { path: 'ApiGatewayCloudWatchRole', reason: 'apiGatewayAccountRole' },
        { path: 'ApiGatewayAccount', reason: 'apiGatewayAccountRole' },
      ],
    ]);
  });

  test('every demo stack depends on it and logs', () => {
    for (const [name, t] of demoStacksOf(lab)) {
      expect(lab.dependencies(name)).toEqual(['AiLab-Shared']);
      expect(stageLogging(t)).toEqual([{ access: true, level: 'ERROR' }]);
    }
  });
});

test('negative control: the old design (a stack that sets the account role) is caught', () => {
  const app = new App();
  const stack = new Stack(app, 'Old');
  // What RestApi's `cloudWatchRole: true` (and this lab's old default) adds to a stack.
  const api = new apigw.RestApi(stack, 'Api', { cloudWatchRole: true });
  api.root.addMethod('GET', new apigw.MockIntegration());
  expect(accountSettings([[stack.stackName, Template.fromStack(stack)]])).toHaveLength(1);
  expect(
    stack.node
      .findAll()
      .some((c) => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::ApiGateway::Account'),
  ).toBe(true);
});
