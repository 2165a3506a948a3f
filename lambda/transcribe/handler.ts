/** AiLab-Transcribe: speech to text as a batch (일괄) job. */
import { S3Client } from '@aws-sdk/client-s3';
import { TranscribeClient } from '@aws-sdk/client-transcribe';
import { clientConfig, requiredEnv } from '../shared/aws';
import { createApiHandler } from '../shared/http';
import { transcribeRoutes } from './routes';

const bucket = requiredEnv('UPLOAD_BUCKET');
const jobStem = requiredEnv('JOB_NAME_STEM');
const transcribe = new TranscribeClient(clientConfig());
const s3 = new S3Client(clientConfig());

export const handler = createApiHandler({
  service: 'transcribe',
  routes: transcribeRoutes({ transcribe, s3, bucket, jobStem }),
});
