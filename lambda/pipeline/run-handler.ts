/**
 * AiLab-Pipeline's run function: the parent workflow's code steps (lambda/pipeline/batch.ts) —
 * the batch job's input file, its output mapped back to the items, and the run's report. Logs
 * counts and ids, never document text.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { clientConfig, requiredEnv } from '../shared/aws';
import { createLogger } from '../shared/logger';
import { readBatchOutput, writeBatchInput, writeReport } from './batch';
import { RunStore } from './store';
import { ItemError } from './text';

const logger = createLogger('pipeline');
const store = new RunStore(new S3Client(clientConfig()), requiredEnv('PIPELINE_BUCKET'));
const modelId = requiredEnv('MODEL_ID');
const maxTokens = Number(requiredEnv('MAX_TOKENS_CAP'));
const minRecords = Number(requiredEnv('BATCH_MIN_RECORDS'));
const guardrail = requiredEnv('GUARDRAIL') === 'true';

export type RunEvent =
  | { op: 'batchInput'; runId: string }
  | { op: 'batchOutput'; runId: string; jobArn: string }
  | {
      op: 'report';
      runId: string;
      itemCount: number;
      outcome: string;
      error?: { Error?: string; Cause?: string };
    };

export const handler = async (event: RunEvent) => {
  switch (event.op) {
    case 'batchInput': {
      const out = await writeBatchInput(store, event.runId, { minRecords, maxTokens });
      logger.info('batch input written', { runId: event.runId, records: out.records });
      return out;
    }
    case 'batchOutput': {
      const out = await readBatchOutput(store, event.runId, event.jobArn);
      logger.info('batch output read', { runId: event.runId, answered: out.answered, failed: out.failed });
      return out;
    }
    case 'report': {
      const r = await writeReport(
        store,
        event.runId,
        event.itemCount,
        { modelId, guardrail },
        event.outcome,
        event.error,
      );
      logger.info('run reported', { runId: event.runId, ...r.items, totalUsd: r.cost.totalUsd });
      return { items: r.items, totalUsd: r.cost.totalUsd, outcome: r.outcome };
    }
    default:
      throw new ItemError('UnknownOperation', `No run operation '${(event as { op?: string }).op}'.`);
  }
};
