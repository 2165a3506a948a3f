import { RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { CostTags } from '../constructs/cost-tags';
import { recordKeptOnDestroy } from '../review-metadata';

/**
 * <prefix>-Shared, only with `-c apiGatewayCloudWatchRole=create`: a role API Gateway may
 * assume to write logs, and the account's API Gateway setting (`AWS::ApiGateway::Account`, one
 * per account and Region) pointed at it. Demo stacks depend on this stack, so
 * `cdk deploy AiLab-Comprehend` deploys it first.
 *
 * Both are kept on destroy (RemovalPolicy.RETAIN, as CDK's own `cloudWatchRole` does): the
 * setting outlives any stack — deleting the resource leaves the account pointing at the role —
 * and once set, every API in the account and Region logs through it, so deleting the role would
 * silently stop their logs. An IAM role costs nothing. Use this mode in an account that has no
 * role yet, once; every other copy of the lab there then uses `existing`.
 * AWS's note on the resource: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-account.html
 */
export class SharedStack extends Stack {
  public readonly apiGatewayCloudWatchRole: iam.Role;
  public readonly apiGatewayAccount: apigw.CfnAccount;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, {
      description:
        "ai-services-lab: the account's API Gateway CloudWatch role (created on request, kept on destroy)",
      ...props,
    });
    CostTags.applyToStack(this, { service: 'Amazon API Gateway', pricingUnit: 'none' });
    this.apiGatewayCloudWatchRole = new iam.Role(this, 'ApiGatewayCloudWatchRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description:
        'Lets API Gateway write API access and execution logs to CloudWatch Logs (account setting)',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs'),
      ],
    });
    this.apiGatewayCloudWatchRole.applyRemovalPolicy(RemovalPolicy.RETAIN);

    this.apiGatewayAccount = new apigw.CfnAccount(this, 'ApiGatewayAccount', {
      cloudWatchRoleArn: this.apiGatewayCloudWatchRole.roleArn,
    });
    this.apiGatewayAccount.node.addDependency(this.apiGatewayCloudWatchRole);
    this.apiGatewayAccount.applyRemovalPolicy(RemovalPolicy.RETAIN);
    recordKeptOnDestroy(
      this,
      [this.apiGatewayCloudWatchRole, this.apiGatewayAccount],
      'apiGatewayAccountRole',
    );

    Validations.of(this.apiGatewayCloudWatchRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The AWS-managed policy the API Gateway guide prescribes for the account CloudWatch role; API Gateway names its own log groups, so no narrower ARN is known in advance.',
    });
  }
}
