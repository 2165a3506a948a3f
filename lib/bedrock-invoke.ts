/**
 * IAM for calling Bedrock models, resolved per Region at deploy time from the Region table
 * (lambda/shared/regions.ts → CloudFormation Mappings, lib/region-map.ts). Both Bedrock functions use
 * it: the buffered one (Converse: bedrock:InvokeModel, for the main model and the comparison list)
 * and the streaming one (ConverseStream: bedrock:InvokeModelWithResponseStream).
 *
 * For each model id, in each table Region, the template allows exactly what that Region calls:
 * - the model offered in the Region: its foundation-model ARN there;
 * - offered only through the geography's system-defined profile (`apac.` from Seoul): the profile ARN,
 *   and the foundation-model ARNs in the profile's destination Regions on condition
 *   `bedrock:InferenceProfileArn` = that profile (a statement present only in those Regions);
 * - not offered at all: the in-Region foundation-model ARN, which the route never calls (it answers
 *   501 first), so the policy is never empty and grants nothing usable.
 */
import { Aws, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { modelRoute } from '../lambda/shared/regions';
import { ConditionalStatement, mapKey, RegionMap } from './region-map';

export type ModelAction =
  | 'bedrock:InvokeModel'
  | 'bedrock:InvokeModelWithResponseStream'
  // A batch inference job names its model the same way (AiLab-Pipeline).
  | 'bedrock:CreateModelInvocationJob';

/** The ARN form the table's destination lists use (every table Region is in the `aws` partition). */
const foundationModelArn = (region: string, modelId: string) =>
  `arn:aws:bedrock:${region}::foundation-model/${modelId}`;

export interface ResolvedModel {
  /** The id the function calls in the deployment's Region (Fn::FindInMap). */
  readonly invokeId: string;
  /** The ARN of what it calls: the in-Region foundation model or the profile (tokens). */
  readonly targetArn: string;
}

/** The Region's resolved id and target ARN for `modelId` (the mapping keys are shared per stack). */
export function resolveModel(scope: Construct, modelId: string): ResolvedModel {
  const map = RegionMap.of(scope);
  const via = viaProfile(scope, modelId);
  const invokeId = map.value(mapKey('Model', `${modelId} id`), (r) => {
    const route = modelRoute(r, modelId);
    return route.kind === 'none' ? route.foundationModelId : route.invokeId;
  });
  const target = map.value(mapKey('Model', `${modelId} target`), (r) => {
    const route = modelRoute(r, modelId);
    return route.kind === 'profile'
      ? `inference-profile/${route.invokeId}`
      : `foundation-model/${route.foundationModelId}`;
  });
  const account = Fn.conditionIf(via.logicalId, Aws.ACCOUNT_ID, '').toString();
  const targetArn = Fn.join('', ['arn:', Aws.PARTITION, ':bedrock:', Aws.REGION, ':', account, ':', target]);
  return { invokeId, targetArn };
}

function viaProfile(scope: Construct, modelId: string) {
  return RegionMap.of(scope).condition(
    mapKey('AiLabViaProfile', modelId),
    mapKey('Model', `${modelId} via`),
    (r) => modelRoute(r, modelId).kind,
    'profile',
  );
}

/**
 * A policy allowing `actions` on each model id, once per distinct id, in the given order, for the
 * deployment's Region (see the file comment).
 */
export function modelInvokePolicy(
  scope: Construct,
  id: string,
  modelIds: readonly string[],
  actions: readonly ModelAction[],
): iam.Policy {
  const policy = new iam.Policy(scope, id);
  const map = RegionMap.of(scope);
  for (const modelId of [...new Set(modelIds)]) {
    const { targetArn } = resolveModel(scope, modelId);
    policy.addStatements(new iam.PolicyStatement({ actions: [...actions], resources: [targetArn] }));
    const destinations = map.list(mapKey('Model', `${modelId} destinations`), (r) => {
      const route = modelRoute(r, modelId);
      return route.kind === 'profile'
        ? route.destinations.map((d) => foundationModelArn(d, route.foundationModelId))
        : [foundationModelArn(r, route.foundationModelId)];
    });
    policy.addStatements(
      new ConditionalStatement(viaProfile(scope, modelId), {
        sid: mapKey('ViaProfile', `${actions.join(' ')} ${modelId}`),
        actions: [...actions],
        resources: destinations,
        conditions: { StringEquals: { 'bedrock:InferenceProfileArn': targetArn } },
      }),
    );
  }
  return policy;
}
