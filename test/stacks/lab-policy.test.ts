/**
 * Template policies checked on every stack the app creates, so a new stack is covered
 * automatically, plus negative controls proving each check catches a violation.
 */
import { App, CfnResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SERVICES } from '../../lib/services';
import { labAssembly } from '../support/lab-assembly';
import {
  apiRoutes,
  CDK_AUTO_DELETE_WILDCARDS,
  functionsWithoutOwnedLogGroup,
  functionViolations,
  idleCostResources,
  logGroupsWithoutRetention,
  methodsWithoutIamAuth,
  missingTags,
  retainedResources,
  starResourceViolations,
  unthrottledStages,
  wildcardActions,
} from '../support/policy';

const lab = labAssembly({ budgetEmail: 'learner@example.com' });
// Every stack of the default lab, and of the two modes that turn on API Gateway stage logging
// (`create` adds the Shared stack; demo stacks are named for the mode so failures say which).
const templates = [
  ...lab.stackNames.map((name) => [name, lab.template(name)] as const),
  ...(['existing', 'create'] as const).flatMap((mode) => {
    const modeLab = labAssembly({ apiGatewayCloudWatchRole: mode });
    return modeLab.stackNames
      .filter((name) => mode === 'create' || name !== 'AiLab-Shared')
      .map((name) => [`${name} (${mode})`, modeLab.template(name)] as const);
  }),
];

/** What `create` keeps on destroy on purpose: the account's CloudWatch role and its setting. */
const KEPT_ON_PURPOSE: Record<string, string[]> = {
  'AiLab-Shared (create)': [
    expect.stringMatching(/^ApiGatewayCloudWatchRole\w+ \(AWS::IAM::Role\)$/),
    expect.stringMatching(/^ApiGatewayAccount \(AWS::ApiGateway::Account\)$/),
  ] as unknown as string[],
};

test('the app has a stack per built demo, and no Shared stack unless asked', () => {
  expect(lab.stackNames).toEqual(
    expect.arrayContaining(['AiLab-Comprehend', 'AiLab-Translate', 'AiLab-Budget']),
  );
  expect(lab.stackNames).not.toContain('AiLab-Shared');
  expect(templates.map(([name]) => name)).toContain('AiLab-Shared (create)');
});

describe.each(templates)('%s', (name, template) => {
  test('every API method uses AWS_IAM', () => expect(methodsWithoutIamAuth(template)).toEqual([]));
  test('no policy document allows a wildcard action (but CDK’s bucket-emptying statement)', () =>
    expect(wildcardActions(template)).toEqual([]));
  test('Resource "*" only for actions without resource-level permissions', () =>
    expect(starResourceViolations(template)).toEqual([]));
  test('every taggable resource has the cost-allocation tags', () =>
    expect(missingTags(template)).toEqual([]));
  test('nothing is retained on destroy (but what create keeps on purpose)', () =>
    expect(retainedResources(template)).toEqual(KEPT_ON_PURPOSE[name] ?? []));
  test('every log group has a retention', () => expect(logGroupsWithoutRetention(template)).toEqual([]));
  test('functions: Node.js 24, arm64, explicit log group, X-Ray', () =>
    expect(functionViolations(template)).toEqual([]));
  test('every function logs to a log group the stack owns', () =>
    expect(functionsWithoutOwnedLogGroup(template)).toEqual([]));
  test('stages are throttled', () => expect(unthrottledStages(template)).toEqual([]));
  test('no resource has an idle charge', () => expect(idleCostResources(template)).toEqual([]));
});

test.each(SERVICES.filter((s) => lab.demos[s.id]))(
  '$stackName serves exactly the catalogue routes',
  (svc) => {
    const template = lab.demo(svc.id);
    expect(apiRoutes(template)).toEqual(svc.routes.map((r) => `${r.method} ${r.path}`).sort());
  },
);

describe('negative controls: each check catches a violation', () => {
  const stack = new Stack(new App(), 'Bad');
  const api = new apigw.RestApi(stack, 'Api', { cloudWatchRole: false, deploy: true });
  api.root.addMethod('GET', new apigw.MockIntegration()); // no auth, no throttling
  new logs.LogGroup(stack, 'Forever', {
    retention: logs.RetentionDays.INFINITE,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
  new sns.Topic(stack, 'Topic');
  const bad = Template.fromStack(stack);

  // Wildcards in the other kinds of policy document: a bucket policy, a trust policy, a Lambda
  // permission, and a statement posing as CDK's bucket-emptying one with an action CDK does not write.
  const docs = new Stack(new App(), 'BadDocuments');
  const bucket = new s3.Bucket(docs, 'Bucket', {
    removalPolicy: RemovalPolicy.DESTROY,
    autoDeleteObjects: true,
  });
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      actions: ['s3:Get*'],
      principals: [new iam.AccountRootPrincipal()],
      resources: [bucket.arnForObjects('*')],
    }),
  );
  new iam.Role(docs, 'Trusting', {
    assumedBy: new iam.AccountRootPrincipal(),
  }).assumeRolePolicy!.addStatements(
    new iam.PolicyStatement({ actions: ['sts:*'], principals: [new iam.AccountRootPrincipal()] }),
  );
  new lambda.CfnPermission(docs, 'AnyLambdaAction', {
    action: 'lambda:*',
    functionName: 'f',
    principal: 'apigateway.amazonaws.com',
  });
  new CfnResource(docs, 'PosingAsCdk', {
    type: 'AWS::S3::BucketPolicy',
    properties: {
      Bucket: bucket.bucketName,
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: {
              AWS: { 'Fn::GetAtt': ['CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092', 'Arn'] },
            },
            Action: ['s3:Put*'],
            Resource: [bucket.bucketArn],
          },
        ],
      },
    },
  });
  const badDocs = Template.fromStack(docs);

  test('IAM auth', () => expect(methodsWithoutIamAuth(bad)).toHaveLength(1));
  test('wildcard action', () => expect(wildcardActions(bad)).toEqual([expect.stringContaining('s3:*')]));
  test('wildcard actions in bucket, trust and Lambda permission documents; CDK’s own statement alone excepted', () => {
    const found = wildcardActions(badDocs);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^BucketPolicy.*: s3:Get\*$/),
        expect.stringMatching(/^Trusting.*: sts:\*$/),
        'AnyLambdaAction: lambda:*',
        'PosingAsCdk: s3:Put*',
      ]),
    );
    expect(found).toHaveLength(4);
    // CDK's statement is in the template, and each of its wildcards is the excepted one.
    const cdk = JSON.stringify(badDocs.toJSON());
    for (const a of CDK_AUTO_DELETE_WILDCARDS) expect(cdk).toContain(`"${a}"`);
  });
  test('Resource "*"', () =>
    expect(starResourceViolations(bad)).toEqual(
      expect.arrayContaining([expect.stringContaining('s3:GetObject on *')]),
    ));
  test('tags', () => expect(missingTags(bad).length).toBeGreaterThan(0));
  test('retain', () => expect(retainedResources(bad)).toEqual([expect.stringContaining('Forever')]));
  test('retention', () =>
    expect(logGroupsWithoutRetention(bad)).toEqual([expect.stringContaining('Forever')]));
  test('throttling', () => expect(unthrottledStages(bad)).toHaveLength(1));
  test('idle cost allowlist', () =>
    expect(idleCostResources(bad)).toEqual([expect.stringContaining('AWS::SNS::Topic')]));
});
