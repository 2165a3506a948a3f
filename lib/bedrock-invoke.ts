/**
 * IAM for calling Bedrock models: exactly the ARNs each configured model id needs (lib/bedrock-model.ts
 * says what an id means), for exactly the actions given. Both Bedrock functions use it: the buffered
 * one (Converse: bedrock:InvokeModel, for the main model and the comparison list) and the streaming
 * one (ConverseStream: bedrock:InvokeModelWithResponseStream).
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { parseModelId } from './bedrock-model';

export type ModelAction = 'bedrock:InvokeModel' | 'bedrock:InvokeModelWithResponseStream';

/**
 * A policy allowing `actions` on each model id, once per distinct id, in the given order:
 * - a foundation-model id: the foundation model's ARN in the stack's Region;
 * - a cross-Region inference-profile id: the profile's ARN, and the foundation model's ARN in any
 *   Region on condition `bedrock:InferenceProfileArn` = that profile (the Regions the profile
 *   routes to), so the model is reachable only through the profile.
 */
export function modelInvokePolicy(
  scope: Construct,
  id: string,
  modelIds: readonly string[],
  actions: readonly ModelAction[],
): iam.Policy {
  const stack = Stack.of(scope);
  const policy = new iam.Policy(scope, id);
  const foundationModelArn = (region: string, modelId: string) =>
    stack.formatArn({
      service: 'bedrock',
      region,
      account: '',
      resource: 'foundation-model',
      resourceName: modelId,
    });
  const allow = (resources: string[], conditions?: Record<string, unknown>) =>
    new iam.PolicyStatement({ actions: [...actions], resources, conditions });
  for (const modelId of [...new Set(modelIds)]) {
    const model = parseModelId(modelId);
    if (!model.profileGeo) {
      policy.addStatements(allow([foundationModelArn(stack.region, model.foundationModelId)]));
      continue;
    }
    const profileArn = stack.formatArn({
      service: 'bedrock',
      resource: 'inference-profile',
      resourceName: model.id,
    });
    policy.addStatements(
      allow([profileArn]),
      allow([foundationModelArn('*', model.foundationModelId)], {
        StringEquals: { 'bedrock:InferenceProfileArn': profileArn },
      }),
    );
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:*::foundation-model/${model.foundationModelId}]`,
      reason:
        'A cross-Region inference profile invokes this exact model in the Regions it routes to; the bedrock:InferenceProfileArn condition allows it only through the configured profile.',
    });
  }
  return policy;
}
