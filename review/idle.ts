/**
 * Whether a resource costs money while nobody calls it. The template says what each resource is
 * and how it is configured, but not what AWS charges for it, so the review keeps its own small
 * table of billing bases per resource type and refines it from the template where a setting
 * changes the answer (an API cache cluster, provisioned concurrency, provisioned capacity). It does
 * not import the project's list (lib/idle-cost.ts) on purpose: the review reads only the assembly,
 * so it stays independent of the code it reviews; a type in neither list is flagged as unknown.
 */
import type { ResourceInfo } from './template';

/** `free`: no charge at all; `usage`: billed per request or per GB stored only; `idle`: billed hourly or monthly. */
export type IdleClass = 'free' | 'usage' | 'idle' | 'unknown';

const BY_TYPE: Readonly<Record<string, Exclude<IdleClass, 'unknown'>>> = {
  'AWS::ApiGateway::Account': 'free',
  'AWS::ApiGateway::Deployment': 'free',
  'AWS::ApiGateway::GatewayResponse': 'free',
  'AWS::ApiGateway::Method': 'free',
  'AWS::ApiGateway::Model': 'free',
  'AWS::ApiGateway::RequestValidator': 'free',
  'AWS::ApiGateway::Resource': 'free',
  'AWS::ApiGateway::Stage': 'free',
  'AWS::ApiGateway::RestApi': 'usage',
  'AWS::Bedrock::Guardrail': 'usage',
  'AWS::Bedrock::GuardrailVersion': 'free',
  'AWS::Budgets::Budget': 'free',
  'AWS::CDK::Metadata': 'free',
  'AWS::IAM::ManagedPolicy': 'free',
  'AWS::IAM::Policy': 'free',
  'AWS::IAM::Role': 'free',
  'AWS::Lambda::Function': 'usage',
  'AWS::Lambda::Permission': 'free',
  'AWS::Lambda::Version': 'free',
  'AWS::Lambda::Alias': 'free',
  'AWS::Logs::LogGroup': 'usage',
  'AWS::S3::Bucket': 'usage',
  'AWS::S3::BucketPolicy': 'free',
  'AWS::SNS::Topic': 'usage',
  'AWS::SNS::Subscription': 'free',
  'AWS::SQS::Queue': 'usage',
  'AWS::DynamoDB::Table': 'usage',
  // Billed per state transition (Standard) or per request and duration (Express).
  'AWS::StepFunctions::StateMachine': 'usage',
  // A rule on the default bus matching AWS service events: no charge for the rule.
  'AWS::Events::Rule': 'free',
  'AWS::EC2::NatGateway': 'idle',
  'AWS::EC2::Instance': 'idle',
  'AWS::EC2::EIP': 'idle',
  'AWS::EC2::VPCEndpoint': 'idle',
  'AWS::KMS::Key': 'idle',
  'AWS::SecretsManager::Secret': 'idle',
  'AWS::WAFv2::WebACL': 'idle',
  'AWS::RDS::DBInstance': 'idle',
  'AWS::RDS::DBCluster': 'idle',
  'AWS::OpenSearchService::Domain': 'idle',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'idle',
  'AWS::ElastiCache::CacheCluster': 'idle',
  'AWS::Bedrock::ProvisionedModelThroughput': 'idle',
  'AWS::SageMaker::Endpoint': 'idle',
  'AWS::Kendra::Index': 'idle',
  'AWS::CloudWatch::Dashboard': 'idle',
  'AWS::CloudWatch::Alarm': 'idle',
};

/** The idle class of a resource, from its type and, where it matters, its settings. */
export function idleClassOf(r: ResourceInfo, customProviders: ReadonlySet<string>): IdleClass {
  if (r.type === 'AWS::ApiGateway::Stage' && r.props.CacheClusterEnabled === true) return 'idle';
  if (
    (r.type === 'AWS::Lambda::Alias' || r.type === 'AWS::Lambda::Version') &&
    r.props.ProvisionedConcurrencyConfig
  )
    return 'idle';
  if (r.type === 'AWS::DynamoDB::Table' && r.props.BillingMode !== 'PAY_PER_REQUEST') return 'idle';
  // A custom resource is a record in CloudFormation; its provider (a function) is listed on its own.
  if (r.type.startsWith('Custom::') || r.type === 'AWS::CloudFormation::CustomResource')
    return customProviders.size > 0 ? 'free' : 'unknown';
  return BY_TYPE[r.type] ?? 'unknown';
}
