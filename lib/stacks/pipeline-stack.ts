import { ArnFormat, Duration, RemovalPolicy, type StackProps, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { FINAL_STATES } from '../../lambda/pipeline/job-event';
import { stepNeeds } from '../../lambda/pipeline/needs';
import { requestSchemas, STEPS } from '../../lambda/pipeline/schemas';
import { labGuardrail } from '../bedrock-guardrail';
import { resolveModel } from '../bedrock-invoke';
import { parseModelId } from '../bedrock-model';
import type { LabConfig } from '../config';
import { DemoFunction } from '../constructs/demo-function';
import { UploadBucket } from '../constructs/upload-bucket';
import { pipelineGuardrailName, pipelineJobPrefix } from '../names';
import { grantPipeline } from '../pipeline/permissions';
import { runWorkflow } from '../pipeline/run-workflow';
import { service } from '../services';
import { DemoStack } from './demo-stack';

/** The extra functions' handler files (the API's is lambda/pipeline/handler.ts), for the prebuild too. */
export const PIPELINE_ENTRIES = {
  text: 'lambda/pipeline/text-handler.ts',
  run: 'lambda/pipeline/run-handler.ts',
  jobEvent: 'lambda/pipeline/job-event-handler.ts',
} as const;

/**
 * AiLab-Pipeline: from one call to a workload. Documents uploaded to a private bucket go through
 * the steps a caller picks (extract, language, pii, sentiment, translate, summarize, speak) on a
 * Standard Step Functions workflow whose Distributed Map runs one Express child per document;
 * summaries run in real time or as one Bedrock batch inference job (일괄 추론) the run waits for
 * without polling. Nothing here costs money while idle.
 */
export class PipelineStack extends DemoStack {
  public static readonly extraEntries = Object.values(PIPELINE_ENTRIES);

  public readonly documents: UploadBucket;
  public readonly stateMachine: sfn.StateMachine;
  public readonly batchRole: iam.Role;
  public readonly jobEvents: events.Rule;

  constructor(scope: Construct, id: string, props: StackProps & { config: LabConfig }) {
    const { config } = props;
    const model = parseModelId(config.bedrockModelId);
    super(scope, id, {
      ...props,
      service: service('pipeline'),
      requestSchemas,
      memorySize: 256,
      timeout: Duration.seconds(20),
      environment: {
        MODEL_ID: model.id,
        MAX_ITEMS: String(config.pipelineMaxItems),
        MAX_BATCH_ITEMS: String(config.pipelineMaxBatchItems),
        BATCH_MIN_RECORDS: String(config.pipelineBatchMinRecords),
        MAX_ITEM_BYTES: String(config.pipelineMaxItemBytes),
        GUARDRAIL: String(config.bedrockGuardrail),
      },
      // Every step's needs (its service, a feature, the model): a run asking for a step this Region
      // lacks answers 501 naming where it is offered (lambda/pipeline/needs.ts).
      regionNeeds: { requests: stepNeeds(STEPS, model.id) },
    });
    const retention = config.logRetentionDays as logs.RetentionDays;

    // --- The bucket: input/, output/, results/, batch/. Objects outlive the longest run by a day. --------
    this.documents = new UploadBucket(this, 'Documents', {
      expireAfter: Duration.days(Math.ceil(config.pipelineExecutionTimeoutHours / 24) + 1),
      governed: config.governed,
      logRetention: config.governed ? retention : undefined,
    });
    const bucket = this.documents.bucket;

    // The pipeline's own guardrail with the lab guardrail's settings (lib/bedrock-guardrail.ts), so this
    // stack deploys and is destroyed without AiLab-Bedrock.
    const guardrail = config.bedrockGuardrail
      ? labGuardrail(
          this,
          pipelineGuardrailName(config.prefix, config.environment),
          "the pipeline's summarize step",
        )
      : undefined;
    // Each Region's own model id (in-Region model or the geography's inference profile, Mappings).
    const modelId = resolveModel(this, model.id).invokeId;
    const jobPrefix = pipelineJobPrefix(config.prefix);

    // --- The two functions the workflow calls, where code is needed (lambda/pipeline/text.ts, batch.ts) --
    const fn = (fid: string, entry: string, description: string, timeout: Duration, memorySize = 256) =>
      new DemoFunction(this, fid, {
        entry,
        serviceName: 'pipeline',
        description,
        memorySize,
        timeout,
        logRetention: retention,
        enableSourceMaps: config.sourceMaps,
        invokedBy: 'step-functions',
        environment: { PIPELINE_BUCKET: bucket.bucketName },
      });
    const text = fn(
      'TextFunction',
      PIPELINE_ENTRIES.text,
      'Pipeline: joins Textract lines, redacts PII entities',
      Duration.seconds(30),
    );
    const run = fn(
      'RunFunction',
      PIPELINE_ENTRIES.run,
      'Pipeline: batch input and output files, the run report',
      Duration.minutes(5),
      512,
    );
    run.fn.addEnvironment('MODEL_ID', model.id);
    run.fn.addEnvironment('MAX_TOKENS_CAP', String(config.bedrockMaxTokensCap));
    run.fn.addEnvironment('BATCH_MIN_RECORDS', String(config.pipelineBatchMinRecords));
    run.fn.addEnvironment('GUARDRAIL', String(config.bedrockGuardrail));
    this.documents.grantRead(run.role, 'results/');
    this.documents.grantRead(run.role, 'batch/');
    this.documents.grantPut(run.role, 'results/');
    this.documents.grantPut(run.role, 'batch/');
    this.documents.grantList(run.role, 'results/');
    this.documents.grantList(run.role, 'batch/');

    // --- The batch job's service role: Bedrock reads and writes batch/ only -------------------------------
    this.batchRole = new iam.Role(this, 'BatchJobRole', {
      description: 'Bedrock batch inference jobs of the pipeline: read and write batch/ in its bucket',
      assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: {
            'aws:SourceArn': this.formatArn({
              service: 'bedrock',
              resource: 'model-invocation-job',
              resourceName: '*',
            }),
          },
        },
      }),
    });
    this.documents.grantRead(this.batchRole, 'batch/');
    this.documents.grantPut(this.batchRole, 'batch/');
    this.documents.grantList(this.batchRole, 'batch/');

    // --- The state machine ------------------------------------------------------------------------------
    const definition = runWorkflow(this, {
      bucket,
      bucketName: bucket.bucketName,
      textFunctionArn: text.fn.functionArn,
      runFunctionArn: run.fn.functionArn,
      batchRoleArn: this.batchRole.roleArn,
      jobPrefix,
      batchTimeoutHours: config.pipelineBatchTimeoutHours,
      modelId,
      maxTokens: config.bedrockMaxTokensCap,
      guardrail: guardrail && {
        id: guardrail.guardrail.attrGuardrailId,
        version: guardrail.version.attrVersion,
      },
      maxConcurrency: config.pipelineMaxConcurrency,
      toleratedFailurePercentage: config.pipelineToleratedFailurePercent,
    });
    const machineLogs = new logs.LogGroup(this, 'StateMachineLogs', {
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment:
        'ai-services-lab pipeline: documents through AI services in a Distributed Map, real time or batch',
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      stateMachineType: sfn.StateMachineType.STANDARD,
      timeout: Duration.hours(config.pipelineExecutionTimeoutHours),
      tracingEnabled: true,
      // Every event, but never the execution data: it holds the documents' text.
      logs: { destination: machineLogs, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    const policies = grantPipeline(this, {
      role: this.stateMachine.role,
      documents: this.documents,
      modelId: model.id,
      guardrailStatements: guardrail?.statements,
      functionArns: [text.fn.functionArn, run.fn.functionArn],
      batchRole: this.batchRole,
    });
    // What CDK grants the machine for its logs, X-Ray and the Distributed Map's child executions.
    const role = this.stateMachine.role.node.tryFindChild('DefaultPolicy');
    if (role) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'CloudWatch Logs log delivery (logs:CreateLogDelivery and the rest) and X-Ray (xray:PutTraceSegments and the rest) define no resource type in IAM, so IAM requires Resource "*" (added by CDK for the state machine\'s logging and tracing).',
      });
    }
    // The machine (not its role, which the policies name) is created after its policies.
    for (const p of policies) this.stateMachine.node.defaultChild!.node.addDependency(p);

    // --- Waiting without polling: the job's state-change event resumes the run ---------------------------
    const jobEvent = new DemoFunction(this, 'JobEventFunction', {
      entry: PIPELINE_ENTRIES.jobEvent,
      serviceName: 'pipeline',
      description: 'Pipeline: resumes a run when its Bedrock batch job ends (EventBridge)',
      timeout: Duration.seconds(20),
      logRetention: retention,
      enableSourceMaps: config.sourceMaps,
      invokedBy: 'eventbridge',
      environment: { PIPELINE_BUCKET: bucket.bucketName, BATCH_JOB_PREFIX: jobPrefix },
    });
    this.documents.grantRead(jobEvent.role, 'batch/');
    jobEvent.allowActionsWithoutResourceLevelPermissions(
      'ResumeRuns',
      ['states:SendTaskSuccess', 'states:SendTaskFailure'],
      'states:SendTaskSuccess and SendTaskFailure define no resource type in IAM (the task token names the execution), so IAM requires Resource "*"; the function only holds tokens its own runs stored in batch/.',
    );
    this.jobEvents = new events.Rule(this, 'BatchJobEvents', {
      description: "The pipeline's Bedrock batch jobs reaching a final state",
      eventPattern: {
        source: ['aws.bedrock'],
        detailType: ['Batch Inference Job State Change'],
        detail: {
          batchJobName: events.Match.prefix(jobPrefix),
          status: Object.keys(FINAL_STATES),
        },
      },
      targets: [new targets.LambdaFunction(jobEvent.fn, { retryAttempts: 2 })],
    });

    // --- The API --------------------------------------------------------------------------------------------
    const api = this.demo;
    api.fn.addEnvironment('PIPELINE_BUCKET', bucket.bucketName);
    api.fn.addEnvironment('STATE_MACHINE_ARN', this.stateMachine.stateMachineArn);
    this.documents.grantPut(api.role, 'input/'); // presigned uploads, inline documents, the manifest
    this.documents.grantList(api.role, 'input/');
    this.documents.grantList(api.role, 'results/');
    this.documents.grantRead(api.role, 'results/');
    const smName = this.stateMachine.stateMachineName;
    const arn = (resource: string, resourceName: string) =>
      this.formatArn({ service: 'states', resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    api.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['states:StartExecution'],
        resources: [this.stateMachine.stateMachineArn],
      }),
    );
    api.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['states:DescribeExecution', 'states:ListMapRuns'],
        resources: [arn('execution', `${smName}:*`)],
      }),
    );
    api.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['states:DescribeMapRun'],
        resources: [arn('mapRun', `${smName}/*`)],
      }),
    );
    const machineId = this.resolve(
      this.getLogicalId(this.stateMachine.node.defaultChild as sfn.CfnStateMachine),
    );
    const ackStates = (on: Construct | undefined, resources: string[], reason: string) => {
      for (const r of resources) {
        if (on) {
          Validations.of(on).acknowledge({
            id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:${r}]`,
            reason,
          });
        }
      }
    };
    ackStates(
      api.role.node.tryFindChild('DefaultPolicy'),
      [`execution:<${machineId}.Name>:*`, `mapRun:<${machineId}.Name>/*`],
      "GET /pipeline/runs/{runId} reads the executions and map runs of this stack's state machine only; run ids are made per request.",
    );
    // CDK's policy for the Distributed Map: this machine's own child executions (names made per run).
    const name = `{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}`;
    ackStates(
      this.stateMachine.node.tryFindChild('DistributedMapPolicy'),
      [`execution:${name}:*`, `execution:${name}/Processdocuments:*`, `execution:${name}/Finishdocuments:*`],
      'The Distributed Maps start, describe, stop and redrive child executions of this state machine only; their names are made per run.',
    );
    Validations.of(this.jobEvents).acknowledge({
      id: 'Serverless-EventBusDLQ',
      reason:
        "EventBridge retries the delivery twice; an event still lost leaves its run waiting until the wait state's timeout, which fails the run with States.Timeout and writes its report, so nothing is left unrecorded.",
    });
  }
}
