/**
 * Small builders for the pipeline's Task states, written as the Amazon States Language they become
 * (sfn.CustomState): an AWS SDK integration, a Lambda call, and the Retry every call gets. They
 * keep to JSONPath (Parameters, ResultSelector, ResultPath), the query language an offline
 * interpreter can run (test/pipeline/), and leave IAM to lib/pipeline/permissions.ts, which states
 * every permission in one readable place.
 */
import { Aws } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

/** A Retry rule: exponential backoff with full jitter, capped (States Language `Retry`). */
export interface RetryRule {
  readonly ErrorEquals: string[];
  readonly IntervalSeconds: number;
  readonly MaxAttempts: number;
  readonly BackoffRate: number;
  readonly MaxDelaySeconds: number;
  readonly JitterStrategy: 'FULL' | 'NONE';
}

/**
 * The throttling errors each service's SDK integration raises, as Step Functions names them:
 * `<Service>.<ErrorName>` in PascalCase with the Exception suffix (Step Functions Developer Guide,
 * supported-services-awssdk.html). Only these are retried: any other error fails the item at once.
 */
export const THROTTLING: Readonly<Record<string, readonly string[]>> = {
  S3: ['S3.SlowDownException'],
  Textract: ['Textract.ThrottlingException', 'Textract.ProvisionedThroughputExceededException'],
  Comprehend: ['Comprehend.ThrottlingException', 'Comprehend.TooManyRequestsException'],
  Translate: [
    'Translate.ThrottlingException',
    'Translate.TooManyRequestsException',
    'Translate.ServiceUnavailableException',
  ],
  BedrockRuntime: [
    'BedrockRuntime.ThrottlingException',
    'BedrockRuntime.ModelNotReadyException',
    'BedrockRuntime.ServiceUnavailableException',
  ],
  Bedrock: ['Bedrock.ThrottlingException', 'Bedrock.ServiceQuotaExceededException'],
  Polly: ['Polly.ThrottlingException', 'Polly.ServiceFailureException'],
  Lambda: [
    'Lambda.TooManyRequestsException',
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
  ],
};

/** 1 s, 2 s, 4 s, 8 s, 16 s (each with full jitter): at most ~31 s, well inside a child's 5 minutes. */
export function backoff(service: keyof typeof THROTTLING): RetryRule {
  return {
    ErrorEquals: [...THROTTLING[service]!],
    IntervalSeconds: 1,
    MaxAttempts: 5,
    BackoffRate: 2,
    MaxDelaySeconds: 16,
    JitterStrategy: 'FULL',
  };
}

export interface TaskProps {
  /** Parameters, as in ASL (keys ending `.$` are paths or intrinsic functions). */
  readonly parameters: Record<string, unknown>;
  readonly resultSelector?: Record<string, unknown>;
  /** @default '$' */
  readonly resultPath?: string | null;
  readonly timeoutSeconds?: number;
  readonly comment?: string;
}

export interface SdkTaskProps extends TaskProps {
  /** The SDK integration's service name, e.g. `comprehend`, `bedrockruntime`. */
  readonly service: string;
  /** The API action in camelCase, e.g. `detectPiiEntities`. */
  readonly action: string;
  /** The Retry's service, e.g. `Comprehend`. */
  readonly retry: keyof typeof THROTTLING;
  /** `.waitForTaskToken`: pause until SendTaskSuccess/Failure with the state's task token. */
  readonly waitForTaskToken?: boolean;
}

/** A Task state calling an AWS API through Step Functions' AWS SDK integration. */
export function sdkTask(scope: Construct, id: string, p: SdkTaskProps): sfn.CustomState {
  const resource = `arn:${Aws.PARTITION}:states:::aws-sdk:${p.service}:${p.action}${p.waitForTaskToken ? '.waitForTaskToken' : ''}`;
  return task(scope, id, resource, p, backoff(p.retry));
}

/** A Task state calling a Lambda function (optimized integration, request-response). */
export function lambdaTask(
  scope: Construct,
  id: string,
  functionArn: string,
  payload: Record<string, unknown>,
  p: Omit<TaskProps, 'parameters'> = {},
): sfn.CustomState {
  return task(
    scope,
    id,
    `arn:${Aws.PARTITION}:states:::lambda:invoke`,
    { ...p, parameters: { FunctionName: functionArn, Payload: payload } },
    backoff('Lambda'),
  );
}

function task(
  scope: Construct,
  id: string,
  resource: string,
  p: TaskProps,
  retry: RetryRule,
): sfn.CustomState {
  const stateJson: Record<string, unknown> = {
    Type: 'Task',
    ...(p.comment && { Comment: p.comment }),
    Resource: resource,
    Parameters: p.parameters,
    ...(p.resultSelector && { ResultSelector: p.resultSelector }),
    ResultPath: p.resultPath === undefined ? '$' : p.resultPath,
    ...(p.timeoutSeconds && { TimeoutSeconds: p.timeoutSeconds }),
    Retry: [retry],
  };
  return new sfn.CustomState(scope, id, { stateJson });
}

/** A Pass state that writes Parameters (paths and intrinsics allowed) at `resultPath`. */
export function shape(
  scope: Construct,
  id: string,
  parameters: Record<string, unknown>,
  resultPath: string,
): sfn.Pass {
  return new sfn.Pass(scope, id, { parameters, resultPath });
}

/** A Pass state that writes a fixed value at `resultPath`. */
export function setValue(
  scope: Construct,
  id: string,
  value: string | Record<string, unknown>,
  resultPath: string,
): sfn.Pass {
  const result = typeof value === 'string' ? sfn.Result.fromString(value) : sfn.Result.fromObject(value);
  return new sfn.Pass(scope, id, { result, resultPath });
}
