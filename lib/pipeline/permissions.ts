/**
 * Every permission the pipeline's state machine has, in one place and in plain words: one named
 * policy per purpose, exact actions, resources scoped to the bucket's prefixes, the model and the
 * guardrail, `Resource: "*"` only for the AI actions IAM defines no resource type for.
 *
 * Where an AWS SDK integration's name is not its IAM action (Step Functions Developer Guide,
 * supported-services-awssdk.html; IAM Service Authorization Reference):
 * - `aws-sdk:bedrockruntime:converse` is authorized by `bedrock:InvokeModel` (no Converse action);
 * - `aws-sdk:bedrockruntime:applyGuardrail` by `bedrock:ApplyGuardrail` (service prefix `bedrock`,
 *   not `bedrockruntime`); `aws-sdk:bedrock:createModelInvocationJob` by
 *   `bedrock:CreateModelInvocationJob`, plus `iam:PassRole` for the job's service role;
 * - the Distributed Map's ItemReader (`s3:getObject`) needs `s3:GetObject`; its ResultWriter
 *   (`s3:putObject`) needs `s3:PutObject`, `s3:GetObject`, `s3:ListMultipartUploadParts` and
 *   `s3:AbortMultipartUpload`; Textract reads an S3 document with the caller's `s3:GetObject`,
 *   and Polly writes its MP3 with the caller's `s3:PutObject` (Polly Developer Guide,
 *   asynchronous-iam.html);
 * - the Map's child executions are started by the state machine itself: `states:StartExecution`
 *   on it, `states:DescribeExecution` and `states:StopExecution` on its executions (CDK adds
 *   these with the Distributed Map).
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { modelInvokePolicy } from '../bedrock-invoke';
import type { UploadBucket } from '../constructs/upload-bucket';

export interface PipelinePermissionsProps {
  readonly role: iam.IRole;
  readonly documents: UploadBucket;
  readonly modelId: string;
  /** ApplyGuardrail on the guardrail and, where the Region uses one, its guardrail profile. */
  readonly guardrailStatements?: readonly iam.PolicyStatement[];
  readonly functionArns: readonly string[];
  readonly batchRole: iam.IRole;
}

/** The AI actions the child workflow calls; none has a resource type in IAM, so `Resource: "*"`. */
export const NO_RESOURCE_LEVEL_ACTIONS = [
  'comprehend:DetectDominantLanguage',
  'comprehend:DetectPiiEntities',
  'comprehend:DetectSentiment',
  'polly:StartSpeechSynthesisTask',
  'textract:DetectDocumentText',
  'translate:TranslateText',
] as const;

/** Attach the state machine's policies to its role; returns them (the stack orders the machine after them). */
export function grantPipeline(scope: Construct, p: PipelinePermissionsProps): iam.Policy[] {
  const stack = Stack.of(scope);
  const b = p.documents.bucket;
  const objects = (...prefixes: string[]) => prefixes.map((x) => b.arnForObjects(`${x}*`));
  const policy = (id: string, statements: iam.PolicyStatement[]) => {
    const made = new iam.Policy(scope, id, { statements });
    made.attachToRole(p.role);
    return made;
  };

  // Object ARNs under a prefix are wildcards to cdk-nag; each one is acknowledged with its reason.
  const bucketId = stack.getLogicalId(b.node.defaultChild as s3.CfnBucket);
  const ackPrefixes = (on: iam.Policy, prefixes: string[], reason: string) => {
    for (const x of prefixes) {
      Validations.of(on).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${x}*]`, reason });
    }
  };
  const read = policy('ReadDocuments', [
    // The manifests (input/, batch/), text files, and the scans Textract reads with these permissions.
    new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: objects('input/', 'batch/') }),
  ]);
  ackPrefixes(
    read,
    ['input/', 'batch/'],
    "Reads a run's documents and manifests under the stack's own bucket prefixes; the keys are generated per run.",
  );
  const write = policy('WriteResults', [
    // Item records and the Map's result files (results/), speech (output/), the batch task token (batch/).
    new iam.PolicyStatement({
      actions: ['s3:PutObject'],
      resources: objects('results/', 'output/', 'batch/'),
    }),
    // The ResultWriter's multipart uploads of its result files.
    new iam.PolicyStatement({
      actions: ['s3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
      resources: objects('results/'),
    }),
  ]);
  ackPrefixes(
    write,
    ['results/', 'output/', 'batch/'],
    "Writes a run's records, speech and task token under the stack's own bucket prefixes; the keys are generated per run.",
  );
  const ai = policy('AiServices', [
    new iam.PolicyStatement({ actions: [...NO_RESOURCE_LEVEL_ACTIONS], resources: ['*'] }),
  ]);
  Validations.of(ai).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Comprehend DetectDominantLanguage/DetectPiiEntities/DetectSentiment, Polly StartSpeechSynthesisTask, Textract DetectDocumentText and Translate TranslateText define no resource type in IAM, so IAM requires Resource "*"; the documents they read and the audio Polly writes are limited by the S3 statements.',
  });

  const invoke = modelInvokePolicy(scope, 'SummarizeModel', [p.modelId], ['bedrock:InvokeModel']);
  invoke.addStatements(...(p.guardrailStatements ?? []));
  invoke.attachToRole(p.role);

  const batch = modelInvokePolicy(scope, 'BatchJob', [p.modelId], ['bedrock:CreateModelInvocationJob']);
  batch.addStatements(
    new iam.PolicyStatement({
      actions: ['bedrock:CreateModelInvocationJob'],
      resources: [
        stack.formatArn({ service: 'bedrock', resource: 'model-invocation-job', resourceName: '*' }),
      ],
    }),
    new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [p.batchRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
    }),
  );
  batch.attachToRole(p.role);
  Validations.of(batch).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:<AWS::Region>:<AWS::AccountId>:model-invocation-job/*]`,
    reason:
      "A batch job ARN is known only once CreateModelInvocationJob returns it; the jobs are this run's, named <stem>-pipeline-<runId> after the instance prefix.",
  });

  const functions = policy('InvokeFunctions', [
    new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [...p.functionArns] }),
  ]);
  return [read, write, ai, invoke, batch, functions];
}
