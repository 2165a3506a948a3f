import { RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { CostTags } from '../constructs/cost-tags';

/**
 * Account-level settings the demo stacks share. API Gateway can only write access and
 * execution logs once the account (per Region) has a CloudWatch role; that setting is a
 * singleton, so it lives here once instead of in seven stacks that would each create and
 * delete it. Demo stacks depend on this stack, so `cdk deploy AiLab-Comprehend` deploys it first.
 */
export class SharedStack extends Stack {
  public readonly apiGatewayCloudWatchRole: iam.Role;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, {
      description: 'ai-services-lab: account-level API Gateway logging role shared by the demo stacks',
      ...props,
    });
    CostTags.applyToStack(this, { service: 'Amazon API Gateway', pricingUnit: 'none' });
    this.apiGatewayCloudWatchRole = new iam.Role(this, 'ApiGatewayCloudWatchRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: 'Lets API Gateway write the lab APIs access and execution logs to CloudWatch Logs',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs'),
      ],
    });
    // IAM roles cost nothing; destroying keeps `cdk destroy` clean. Redeploy this stack to restore it.
    this.apiGatewayCloudWatchRole.applyRemovalPolicy(RemovalPolicy.DESTROY);

    const account = new apigw.CfnAccount(this, 'ApiGatewayAccount', {
      cloudWatchRoleArn: this.apiGatewayCloudWatchRole.roleArn,
    });
    account.node.addDependency(this.apiGatewayCloudWatchRole);

    Validations.of(this.apiGatewayCloudWatchRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The AWS-managed policy the API Gateway guide prescribes for the account CloudWatch role; API Gateway names its own log groups, so no narrower ARN is known in advance.',
    });
  }
}
