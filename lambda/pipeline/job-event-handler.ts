/** AiLab-Pipeline's batch job event function (lambda/pipeline/job-event.ts): EventBridge invokes it. */
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { clientConfig, requiredEnv } from '../shared/aws';
import { createLogger } from '../shared/logger';
import { type BatchJobStateChange, resumeRun } from './job-event';

const logger = createLogger('pipeline');
const deps = {
  s3: new S3Client(clientConfig()),
  sfn: new SFNClient(clientConfig()),
  bucket: requiredEnv('PIPELINE_BUCKET'),
  jobPrefix: requiredEnv('BATCH_JOB_PREFIX'),
};

export const handler = async (event: BatchJobStateChange) => {
  const result = await resumeRun(event, deps);
  logger.info('batch job event', { status: event.detail?.status, ...result });
  return result;
};
