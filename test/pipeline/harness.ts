/**
 * One offline pipeline run, end to end: the real API handler starts it (its StartExecution input
 * captured), the synthesized state machine runs in aws-local-stepfunctions (test/support/
 * sfn-local.ts), the functions' real handlers answer their Tasks in-process, and stand-ins answer
 * the AI services. Call `useHandlerEnv(PIPELINE_ENV)` in the test file before creating one.
 */
import { S3Client } from '@aws-sdk/client-s3';
import {
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import type { ExecutionInput } from '../../lambda/pipeline/run';
import { apiEvent, bodyOf } from '../support/events';
import { labAssembly } from '../support/lab-assembly';
import {
  definitionOf,
  distributedMaps,
  forLocalInterpreter,
  LOCAL,
  localMapHandlers,
  StateMachine,
} from '../support/sfn-local';
import { awsError, detectLanguage, FakeBucket, findPii, textractBlocks } from './stand-ins';

type Json = Record<string, any>;
type Handler = (input: any) => Promise<unknown>;

export const PIPELINE_ENV = {
  PIPELINE_BUCKET: LOCAL.bucket,
  STATE_MACHINE_ARN: `arn:aws:states:${LOCAL.region}:${LOCAL.account}:stateMachine:Pipeline`,
  MODEL_ID: 'amazon.nova-micro-v1:0',
  MAX_TOKENS_CAP: '512',
  MAX_ITEMS: '100',
  MAX_BATCH_ITEMS: '1000',
  // The offline batch runs use a handful of sample documents; the stack's default is the quota's 100.
  BATCH_MIN_RECORDS: '3',
  MAX_ITEM_BYTES: String(5 * 1024 * 1024),
  GUARDRAIL: 'true',
  BATCH_JOB_PREFIX: 'ai-lab-pipeline-',
};

/** The synthesized definition (tokens resolved) and its local form, built once per test file. */
export function pipelineDefinition(context: Record<string, unknown> = {}) {
  // The default lab is the run's shared assembly; another setting synthesizes the pipeline's stack alone.
  const only = Object.keys(context).length > 0 ? { demos: ['pipeline'] as const } : {};
  const template = labAssembly(context, only).demo('pipeline').toJSON() as never;
  const definition = definitionOf(template);
  return { template: template as Json, definition, local: forLocalInterpreter(definition) };
}

/** Every Task state name at any depth (to set their retry waits to zero). */
export function taskNames(definition: Json): string[] {
  const out: string[] = [];
  const walk = (states: Record<string, Json>) => {
    for (const [name, s] of Object.entries(states)) {
      if (s.Type === 'Task') out.push(name);
      if (s.ItemProcessor) walk(s.ItemProcessor.States);
      for (const b of s.Branches ?? []) walk(b.States);
    }
  };
  walk(definition.States);
  return out;
}

export interface Calls {
  readonly translate: Json[];
  readonly converse: Json[];
  readonly pii: Json[];
  readonly polly: Json[];
  readonly createJob: Json[];
  readonly attempts: Record<string, number>;
}

export class PipelineHarness {
  readonly bucket = new FakeBucket(LOCAL.bucket);
  readonly s3 = mockClient(S3Client);
  readonly sfn = mockClient(SFNClient);
  readonly calls: Calls = { translate: [], converse: [], pii: [], polly: [], createJob: [], attempts: {} };
  /** Per-state replacements of the default stand-ins. */
  readonly override: Record<string, Handler> = {};
  private startInput?: ExecutionInput;
  private waiting?: { resolve: (v: unknown) => void; reject: (e: unknown) => void };

  constructor(private readonly def: ReturnType<typeof pipelineDefinition>) {
    this.bucket.install(this.s3);
    this.sfn.on(StartExecutionCommand).callsFake(async (input: { input: string; name: string }) => {
      this.startInput = JSON.parse(input.input) as ExecutionInput;
      return {
        executionArn: `${PIPELINE_ENV.STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${input.name}`,
      };
    });
    // SendTaskSuccess / SendTaskFailure settle the waiting Task, as Step Functions would.
    this.sfn.on(SendTaskSuccessCommand).callsFake(async (input: { taskToken: string; output: string }) => {
      if (input.taskToken !== 'local-task-token') throw awsError('TaskDoesNotExist');
      this.waiting?.resolve(JSON.parse(input.output));
      return {};
    });
    this.sfn
      .on(SendTaskFailureCommand)
      .callsFake(async (input: { taskToken: string; error: string; cause: string }) => {
        if (input.taskToken !== 'local-task-token') throw awsError('TaskDoesNotExist');
        this.waiting?.reject(awsError(input.error, input.cause));
        return {};
      });
  }

  /** POST /pipeline/runs through the real API handler; returns its response and the execution input. */
  async start(body: Json) {
    const { handler } =
      require('../../lambda/pipeline/handler') as typeof import('../../lambda/pipeline/handler');
    const res = await handler(apiEvent({ resource: '/pipeline/runs', body }));
    return { status: res.statusCode, body: bodyOf(res) as Json, input: this.startInput };
  }

  /** Upload a file into a run as POST /pipeline/uploads would name it. */
  upload(runId: string, name: string, body: string): void {
    const { inputKey } =
      require('../../lambda/pipeline/routes') as typeof import('../../lambda/pipeline/routes');
    this.bucket.put(inputKey(runId, name, name.slice(name.lastIndexOf('.') + 1)), body);
  }

  /** The batch job's side, as Bedrock would do it: answer every record of the input file. */
  answerBatch(jobId: string, runId: string, answer = (recordId: string) => `Summary of ${recordId}.`): void {
    const lines = this.bucket
      .get(`batch/${runId}/input/records.jsonl`)
      .split('\n')
      .map((l) => JSON.parse(l) as { recordId: string; modelInput: Json });
    const out = lines.map((l) => ({
      recordId: l.recordId,
      modelInput: l.modelInput,
      modelOutput: {
        output: { message: { role: 'assistant', content: [{ text: answer(l.recordId) }] } },
        stopReason: 'end_turn',
        usage: { inputTokens: 100, outputTokens: 20, totalTokens: 120 },
      },
    }));
    this.bucket.put(
      `batch/${runId}/output/${jobId}/records.jsonl.out`,
      out.map((o) => JSON.stringify(o)).join('\n'),
    );
  }

  /** The job's EventBridge event, delivered to the real job-event handler. */
  async jobEvent(status: string, runId: string, failureMessage?: string) {
    const { handler } =
      require('../../lambda/pipeline/job-event-handler') as typeof import('../../lambda/pipeline/job-event-handler');
    return handler({
      'detail-type': 'Batch Inference Job State Change',
      source: 'aws.bedrock',
      detail: {
        batchJobName: `ai-lab-pipeline-${runId}`,
        batchJobArn: `arn:aws:bedrock:${LOCAL.region}:${LOCAL.account}:model-invocation-job/job1`,
        status,
        ...(failureMessage && { failureMessage }),
      },
    });
  }

  /** Called when the run reaches `Wait for the batch job` (after the token is stored). */
  onBatchWait: (runId: string) => Promise<void> = async () => undefined;

  private count(state: string) {
    this.calls.attempts[state] = (this.calls.attempts[state] ?? 0) + 1;
  }

  /** The stand-in for every Task state of the definition, by name. */
  handlers(): Record<string, Handler> {
    const lambda = (file: string) => async (input: { Payload: unknown }) => {
      const { handler } = require(`../../lambda/pipeline/${file}`) as {
        handler: (e: unknown) => Promise<unknown>;
      };
      try {
        return { Payload: await handler(input.Payload), StatusCode: 200 };
      } catch (err) {
        // A function error reaches Step Functions named by its errorType.
        throw awsError((err as Error).name, (err as Error).message);
      }
    };
    const save = async (input: { Key: string; Body: unknown }) => {
      // States.JsonToString($) on AWS; the local form passes the object (test/support/sfn-local.ts).
      this.bucket.put(input.Key, typeof input.Body === 'string' ? input.Body : JSON.stringify(input.Body));
      return { ETag: '"local"' };
    };
    const speak = async (input: Json) => {
      this.calls.polly.push(input);
      return {
        SynthesisTask: {
          TaskId: `task-${this.calls.polly.length}`,
          OutputUri: `https://s3.${LOCAL.region}.amazonaws.com/${input.OutputS3BucketName}/${input.OutputS3KeyPrefix}task.mp3`,
          VoiceId: input.VoiceId,
          TaskStatus: 'scheduled',
        },
      };
    };
    const base: Record<string, Handler> = {
      'Read text file (S3)': async (input: { Key: string }) => ({
        Body: this.bucket.get(input.Key),
        ContentType: 'text/plain',
      }),
      'Extract text (Textract)': async () => textractBlocks(),
      'Prepare text (Lambda)': lambda('text-handler'),
      'Language (Comprehend)': async (input: { Text: string }) => ({
        Languages: [{ LanguageCode: detectLanguage(input.Text), Score: 0.99 }],
      }),
      'Find PII (Comprehend)': async (input: Json) => {
        this.calls.pii.push(input);
        return { Entities: findPii(input.Text) };
      },
      'Redact PII (Lambda)': lambda('text-handler'),
      'Sentiment (Comprehend)': async () => ({
        Sentiment: 'POSITIVE',
        SentimentScore: { Positive: 0.9, Negative: 0.02, Neutral: 0.07, Mixed: 0.01 },
      }),
      'Translate (Amazon Translate)': async (input: Json) => {
        this.calls.translate.push(input);
        return {
          TranslatedText: `[${input.TargetLanguageCode}] ${input.Text}`,
          SourceLanguageCode: input.SourceLanguageCode === 'auto' ? 'en' : input.SourceLanguageCode,
          TargetLanguageCode: input.TargetLanguageCode,
        };
      },
      'Summarize (Bedrock Converse)': async (input: Json) => {
        this.calls.converse.push(input);
        return {
          Output: { Message: { Role: 'assistant', Content: [{ Text: 'A short summary.' }] } },
          StopReason: 'end_turn',
          Usage: { InputTokens: 120, OutputTokens: 12, TotalTokens: 132 },
        };
      },
      'Speak (Polly)': speak,
      'Finish: Speak (Polly)': speak,
      'Save record': save,
      'Save failed record': save,
      'Save record for the batch': save,
      'Finish: Save record': save,
      'Finish: Save failed record': save,
      'Finish: Guardrail on the answer (Bedrock)': async () => ({ Action: 'NONE', Outputs: [] }),
      'Write the batch input (Lambda)': lambda('run-handler'),
      'Read the batch output (Lambda)': lambda('run-handler'),
      'Report the run': lambda('run-handler'),
      'Report the failed run': lambda('run-handler'),
      'Start the batch job (Bedrock)': async (input: Json) => {
        this.calls.createJob.push(input);
        return { JobArn: `arn:aws:bedrock:${LOCAL.region}:${LOCAL.account}:model-invocation-job/job1` };
      },
      'Wait for the batch job': async (input: { Key: string; Body: string }) => {
        this.bucket.put(input.Key, input.Body);
        const settled = new Promise((resolve, reject) => {
          this.waiting = { resolve, reject };
        });
        await this.onBatchWait(input.Key.split('/')[1]!);
        return settled;
      },
    };
    const maps = localMapHandlers(distributedMaps(this.def.definition), (_b, key) => this.bucket.get(key));
    const all: Record<string, Handler> = { ...base, ...maps, ...this.override };
    // Count every call, so retries can be asserted.
    return Object.fromEntries(
      Object.entries(all).map(([name, h]) => [
        name,
        async (input: unknown) => {
          this.count(name);
          return h(input);
        },
      ]),
    );
  }

  /** Run the definition on the input the API started it with. */
  async run(input = this.startInput) {
    if (!input) throw new Error('start a run first');
    const names = taskNames(this.def.local);
    const sm = new StateMachine(this.def.local as never, { validationOptions: { checkArn: false } });
    const started = performance.now();
    const execution = sm.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: this.handlers() as never,
        retryIntervalOverrides: Object.fromEntries(names.map((n) => [n, 0])),
      },
      context: { Task: { Token: 'local-task-token' }, Execution: { Name: input.runId } },
    });
    let output: unknown;
    let error: (Error & { cause?: unknown }) | undefined;
    try {
      output = await execution.result;
    } catch (e) {
      error = e as Error;
    }
    return { output: output as Json, error, ms: performance.now() - started, input };
  }

  record(runId: string, itemId: string): Json {
    return this.bucket.json(`results/${runId}/items/${itemId}.json`);
  }
}
