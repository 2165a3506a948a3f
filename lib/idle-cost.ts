/**
 * Which CloudFormation resource types cost money while nobody calls the lab. One list, read by
 * `npm run cost` (scripts/cost-report.ts) and by the template policy tests, so the report and
 * the check cannot disagree.
 */

/** Resource types that cost money while nobody calls the lab (hourly or monthly). */
export const IDLE_CHARGE_TYPES: Readonly<Record<string, string>> = {
  'AWS::EC2::NatGateway': 'hourly',
  'AWS::EC2::Instance': 'hourly',
  'AWS::EC2::EIP': 'hourly when unattached or public IPv4',
  'AWS::KMS::Key': 'monthly per key',
  'AWS::SecretsManager::Secret': 'monthly per secret',
  'AWS::WAFv2::WebACL': 'monthly per web ACL and rule',
  'AWS::RDS::DBInstance': 'hourly',
  'AWS::OpenSearchService::Domain': 'hourly',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'hourly',
  'AWS::Bedrock::ProvisionedModelThroughput': 'hourly (provisioned throughput)',
  'AWS::SageMaker::Endpoint': 'hourly',
  'AWS::Kendra::Index': 'hourly',
  'AWS::CloudWatch::Dashboard':
    '$3.00 a month beyond the free tier of three dashboards (opt-in AiLab-Dashboard)',
  'AWS::CloudWatch::Alarm': 'monthly per alarm beyond ten',
};

/** Types known to cost nothing when idle (billed per request, per GB stored, or free). */
export const NO_IDLE_CHARGE_TYPES = new Set([
  'AWS::ApiGateway::Account',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::GatewayResponse',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Model',
  'AWS::ApiGateway::RequestValidator',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Stage',
  'AWS::Bedrock::Guardrail',
  'AWS::Bedrock::GuardrailVersion',
  // A budget without budget actions: $0.00 per budget-day in the AWS price list (offer dated
  // 2020-10-01). Budgets with actions cost $0.10 per day after 62 free budget-days; the lab's has none.
  'AWS::Budgets::Budget',
  'AWS::CDK::Metadata',
  // An EventBridge rule on the default bus matching AWS service events: no charge for the rule or
  // for AWS service events delivered on the default bus (aws.amazon.com/eventbridge/pricing).
  'AWS::Events::Rule',
  'AWS::IAM::Policy',
  'AWS::IAM::Role',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Logs::LogGroup',
  'AWS::S3::Bucket',
  'AWS::S3::BucketPolicy',
  // Billed per state transition (Standard) and per request and duration (Express): nothing idle.
  'AWS::StepFunctions::StateMachine',
  'Custom::S3AutoDeleteObjects',
]);
