/**
 * The run: a Standard workflow around a Distributed Map. The map reads the run's manifest (one
 * JSON line per document) from S3, runs each document's child workflow (lib/pipeline/
 * item-workflow.ts) as an Express execution, at most MaxConcurrency at a time, tolerates up to
 * ToleratedFailurePercentage failed documents, and writes its results to results/<runId>/map.
 *
 * In a batch run (일괄 추론) the map stops each document at the summary prompt; the run then writes
 * one JSONL of Converse records to batch/, submits it as a Bedrock batch inference job, and waits
 * without polling: `Wait for the batch job` stores its task token in S3 and pauses until the job's
 * EventBridge state-change event resumes it (lambda/pipeline/job-event.ts). A second map finishes
 * each answered document (guardrail, speech). Either way the run ends with its report.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { finishItem, type ItemWorkflowProps, processItem } from './item-workflow';
import { lambdaTask, sdkTask } from './states';

export interface RunWorkflowProps extends ItemWorkflowProps {
  readonly bucket: s3.IBucket;
  readonly runFunctionArn: string;
  /** The service role a batch job runs as (passed with iam:PassRole). */
  readonly batchRoleArn: string;
  /** What the batch jobs' names start with (lib/names.ts pipelineJobPrefix); the run id follows. */
  readonly jobPrefix: string;
  readonly batchTimeoutHours: number;
  readonly maxConcurrency: number;
  readonly toleratedFailurePercentage: number;
}

/**
 * The Distributed Map's ItemReader: a JSONL manifest in the run's bucket, its key from the state's
 * input. Its S3 permission is stated with the rest of the role's in lib/pipeline/permissions.ts
 * (scoped to the prefix), so this reader provides none.
 */
export class JsonlManifestReader implements sfn.IItemReader {
  readonly resource = `arn:${Aws.PARTITION}:states:::s3:getObject`;
  constructor(
    readonly bucket: s3.IBucket,
    private readonly keyPath: string,
  ) {}
  render(): object {
    return {
      Resource: this.resource,
      ReaderConfig: { InputType: 'JSONL' },
      Parameters: { Bucket: this.bucket.bucketName, 'Key.$': this.keyPath },
    };
  }
  providePolicyStatements() {
    return [];
  }
  validateItemReader(): string[] {
    return [];
  }
}

/** The Map's ResultWriter, whose S3 permissions lib/pipeline/permissions.ts scopes to results/. */
class RunResultWriter extends sfn.ResultWriterV2 {
  override providePolicyStatements() {
    return [];
  }
}

function documentMap(
  scope: Construct,
  id: string,
  p: RunWorkflowProps,
  m: { keyPath: string; resultsPrefix: string; resultPath: string; itemSelector?: Record<string, string> },
) {
  return new sfn.DistributedMap(scope, id, {
    itemReader: new JsonlManifestReader(p.bucket, m.keyPath),
    itemSelector: m.itemSelector,
    resultPath: m.resultPath,
    maxConcurrency: p.maxConcurrency,
    toleratedFailurePercentage: p.toleratedFailurePercentage,
    mapExecutionType: sfn.StateMachineType.EXPRESS,
    label: id.replace(/\W/g, ''),
    resultWriterV2: new RunResultWriter({
      bucket: p.bucket,
      prefix: sfn.JsonPath.format(`results/{}/${m.resultsPrefix}`, sfn.JsonPath.stringAt('$.runId')),
    }),
  });
}

export function runWorkflow(scope: Construct, p: RunWorkflowProps): sfn.IChainable {
  const report = (outcome: 'SUCCEEDED' | 'FAILED', id: string) =>
    lambdaTask(
      scope,
      id,
      p.runFunctionArn,
      {
        op: 'report',
        'runId.$': '$.runId',
        'itemCount.$': '$.itemCount',
        outcome,
        ...(outcome === 'FAILED' && { 'error.$': '$.error' }),
      },
      {
        comment: 'Code: reads every item record and prices the run from the dated table.',
        resultSelector: { 'items.$': '$.Payload.items', 'totalUsd.$': '$.Payload.totalUsd' },
        resultPath: '$.report',
        timeoutSeconds: 300,
      },
    );

  // --- The end: a report either way -----------------------------------------------------------
  const runFailed = new sfn.Fail(scope, 'Run failed', {
    errorPath: '$.error.Error',
    causePath: '$.error.Cause',
  });
  const reportFailure = report('FAILED', 'Report the failed run').addCatch(runFailed, {
    errors: [sfn.Errors.ALL],
    resultPath: '$.reportError',
  });
  reportFailure.next(runFailed);
  const onError = { errors: [sfn.Errors.ALL], resultPath: '$.error' };
  const reportRun = report('SUCCEEDED', 'Report the run').addCatch(runFailed, onError);
  reportRun.next(new sfn.Succeed(scope, 'Run done'));

  // --- Batch: input file, job, wait for its event, answers back to the items ----------------------
  const finish = documentMap(scope, 'Finish documents', p, {
    keyPath: '$.batchOutput.finishKey',
    resultsPrefix: 'finish-map',
    resultPath: '$.finished',
  })
    .itemProcessor(finishItem(scope, p))
    .addCatch(reportFailure, onError);
  finish.next(reportRun);

  const readOutput = lambdaTask(
    scope,
    'Read the batch output (Lambda)',
    p.runFunctionArn,
    { op: 'batchOutput', 'runId.$': '$.runId', 'jobArn.$': '$.batchJob.jobArn' },
    {
      comment: "Code: parses the job's JSONL output and merges each answer into its item's record.",
      resultSelector: {
        'answered.$': '$.Payload.answered',
        'failed.$': '$.Payload.failed',
        'finishKey.$': '$.Payload.finishKey',
      },
      resultPath: '$.batchOutput',
      timeoutSeconds: 300,
    },
  ).addCatch(reportFailure, onError);
  readOutput.next(
    new sfn.Choice(scope, 'Any answers?')
      .when(sfn.Condition.numberGreaterThan('$.batchOutput.answered', 0), finish)
      .otherwise(reportRun),
  );

  const waitForJob = sdkTask(scope, 'Wait for the batch job', {
    service: 's3',
    action: 'putObject',
    retry: 'S3',
    waitForTaskToken: true,
    comment:
      "Stores this state's task token where the job's EventBridge event handler finds it, then waits (no polling) until it calls SendTaskSuccess or SendTaskFailure.",
    parameters: {
      Bucket: p.bucket.bucketName,
      'Key.$': "States.Format('batch/{}/task-token', $.runId)",
      'Body.$': '$$.Task.Token',
      ContentType: 'text/plain',
    },
    resultPath: '$.batchResult',
    // The job's own timeout plus an hour for it to report; then the run fails with States.Timeout.
    timeoutSeconds: Duration.hours(p.batchTimeoutHours + 1).toSeconds(),
  }).addCatch(reportFailure, onError);
  waitForJob.next(readOutput);

  const createJob = sdkTask(scope, 'Start the batch job (Bedrock)', {
    service: 'bedrock',
    action: 'createModelInvocationJob',
    retry: 'Bedrock',
    parameters: {
      'JobName.$': `States.Format('${p.jobPrefix}{}', $.runId)`,
      RoleArn: p.batchRoleArn,
      ModelId: p.modelId,
      ModelInvocationType: 'Converse',
      InputDataConfig: { S3InputDataConfig: { 'S3Uri.$': '$.batchInput.inputUri', S3InputFormat: 'JSONL' } },
      OutputDataConfig: { S3OutputDataConfig: { 'S3Uri.$': '$.batchInput.outputUri' } },
      TimeoutDurationInHours: p.batchTimeoutHours,
    },
    resultSelector: { 'jobArn.$': '$.JobArn' },
    resultPath: '$.batchJob',
    timeoutSeconds: 60,
  }).addCatch(reportFailure, onError);
  createJob.next(waitForJob);

  const writeInput = lambdaTask(
    scope,
    'Write the batch input (Lambda)',
    p.runFunctionArn,
    { op: 'batchInput', 'runId.$': '$.runId' },
    {
      comment: 'Code: gathers every waiting item into one JSONL file of Converse records.',
      resultSelector: {
        'records.$': '$.Payload.records',
        'inputUri.$': '$.Payload.inputUri',
        'outputUri.$': '$.Payload.outputUri',
      },
      resultPath: '$.batchInput',
      timeoutSeconds: 300,
    },
  ).addCatch(reportFailure, onError);
  writeInput.next(createJob);

  // --- The documents --------------------------------------------------------------------------------
  const process = documentMap(scope, 'Process documents', p, {
    keyPath: '$.manifestKey',
    resultsPrefix: 'map',
    resultPath: '$.processed',
    // Each child gets its document and the run's settings.
    itemSelector: { 'item.$': '$$.Map.Item.Value', 'run.$': '$.run' },
  })
    .itemProcessor(processItem(scope, p))
    .addCatch(reportFailure, onError);
  return process.next(
    new sfn.Choice(scope, 'Batch run?')
      .when(sfn.Condition.stringEquals('$.run.inference', 'batch'), writeInput)
      .otherwise(reportRun),
  );
}
