/**
 * A test-only stack built with aws-cdk-lib directly, clean or bad. The bad one adds each thing the
 * review must flag: a wildcard action, a retained bucket, an untagged resource and an
 * unauthenticated method.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, CfnResource, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';

export function synthControl(bad: boolean): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `ai-lab-review-${bad ? 'bad' : 'clean'}-`));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Control');
  Tags.of(app).add('Project', 'review-control');
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "{}" });'),
    // A log group the stack owns, so nothing Lambda creates outlives `cdk destroy`.
    logGroup: new logs.LogGroup(stack, 'FnLogs', {
      retention: logs.RetentionDays.ONE_DAY,
      removalPolicy: RemovalPolicy.DESTROY,
    }),
  });
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: [bad ? 'comprehend:*' : 'comprehend:DetectSentiment'],
      resources: ['*'],
    }),
  );
  const api = new apigw.RestApi(stack, 'Api', {
    cloudWatchRole: false,
    deployOptions: { throttlingRateLimit: 5, throttlingBurstLimit: 10 },
  });
  const integration = new apigw.LambdaIntegration(fn);
  api.root
    .addResource('call')
    .addMethod('POST', integration, { authorizationType: apigw.AuthorizationType.IAM });
  if (bad) {
    api.root
      .addResource('open')
      .addMethod('POST', integration, { authorizationType: apigw.AuthorizationType.NONE });
    new s3.Bucket(stack, 'Uploads', {
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // A raw CfnResource: Tags.of cannot reach it, so it stays untagged.
    new CfnResource(stack, 'Untagged', { type: 'AWS::SQS::Queue' });
  }
  app.synth();
  return outdir;
}
