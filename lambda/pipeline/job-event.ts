/**
 * The other half of waiting without polling (일괄 추론): Bedrock publishes a "Batch Inference Job
 * State Change" event to EventBridge when a job changes state; the stack's rule sends this stack's
 * jobs' final states here, and this resumes the run's execution through the task token its
 * `WaitForBatchJob` state stored. The pattern follows AWS's generative-ai-cdk-constructs
 * BedrockBatchSfn, with the token kept in the run's own S3 prefix instead of job tags.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { SendTaskFailureCommand, SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { keys } from './run';
import { runIdOfJob } from './schemas';
import { RunStore } from './store';

/** The event's detail (Bedrock User Guide, monitoring-eventbridge-how-it-works.html). */
export interface BatchJobStateChange {
  readonly 'detail-type'?: string;
  readonly source?: string;
  readonly detail?: {
    readonly batchJobName?: string;
    readonly batchJobArn?: string;
    readonly status?: string;
    readonly failureMessage?: string;
  };
}

/** The job states after which nothing more happens, and whether the run goes on from them. */
export const FINAL_STATES: Readonly<Record<string, 'success' | 'failure'>> = {
  Completed: 'success',
  PartiallyCompleted: 'success',
  Failed: 'failure',
  Stopped: 'failure',
  Expired: 'failure',
};

export type Resumed =
  | { readonly resumed: false; readonly reason: string }
  | { readonly resumed: true; readonly runId: string; readonly outcome: 'success' | 'failure' };

export async function resumeRun(
  event: BatchJobStateChange,
  deps: { s3: S3Client; sfn: SFNClient; bucket: string; jobPrefix?: string },
): Promise<Resumed> {
  const d = event.detail ?? {};
  const runId = runIdOfJob(d.batchJobName ?? '', deps.jobPrefix);
  if (!runId) return { resumed: false, reason: 'not a job this stack started' };
  const outcome = FINAL_STATES[d.status ?? ''];
  if (!outcome) return { resumed: false, reason: `job state ${d.status} is not final` };
  // A missing token throws (NoSuchKey): Lambda retries the asynchronous event, and the wait state's
  // timeout ends the run if the token never appears.
  const taskToken = (await new RunStore(deps.s3, deps.bucket).text(keys.batchToken(runId))).trim();
  if (outcome === 'success') {
    await deps.sfn.send(
      new SendTaskSuccessCommand({
        taskToken,
        output: JSON.stringify({ status: d.status, jobArn: d.batchJobArn }),
      }),
    );
  } else {
    await deps.sfn.send(
      new SendTaskFailureCommand({
        taskToken,
        error: `Bedrock.BatchJob${d.status}`,
        cause: (d.failureMessage || `The batch inference job ended ${d.status}.`).slice(0, 32_000),
      }),
    );
  }
  return { resumed: true, runId, outcome };
}
