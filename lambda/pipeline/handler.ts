/** AiLab-Pipeline: many documents through chosen AI steps on Step Functions (lambda/pipeline/routes.ts). */
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { clientConfig, requiredEnv } from '../shared/aws';
import { createApiHandler } from '../shared/http';
import { PIPELINE_ERRORS, pipelineRoutes } from './routes';

const int = (name: string) => Number.parseInt(requiredEnv(name), 10);

export const handler = createApiHandler({
  service: 'pipeline',
  errorOverrides: PIPELINE_ERRORS,
  routes: pipelineRoutes({
    s3: new S3Client(clientConfig()),
    sfn: new SFNClient(clientConfig()),
    bucket: requiredEnv('PIPELINE_BUCKET'),
    stateMachineArn: requiredEnv('STATE_MACHINE_ARN'),
    modelId: requiredEnv('MODEL_ID'),
    guardrail: requiredEnv('GUARDRAIL') === 'true',
    limits: {
      maxItems: int('MAX_ITEMS'),
      maxBatchItems: int('MAX_BATCH_ITEMS'),
      batchMinRecords: int('BATCH_MIN_RECORDS'),
      maxItemBytes: int('MAX_ITEM_BYTES'),
    },
  }),
});
