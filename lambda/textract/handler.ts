/** AiLab-Textract: documents to structured data, in real time (sync) or as a batch (일괄) job. */
import { S3Client } from '@aws-sdk/client-s3';
import { TextractClient } from '@aws-sdk/client-textract';
import { clientConfig, requiredEnv } from '../shared/aws';
import { createApiHandler } from '../shared/http';
import { TEXTRACT_ERROR_OVERRIDES, textractRoutes } from './routes';
import { TEXTRACT_CLIENT } from './schemas';

const bucket = requiredEnv('UPLOAD_BUCKET');
const textract = new TextractClient(clientConfig(TEXTRACT_CLIENT));
const s3 = new S3Client(clientConfig());

export const handler = createApiHandler({
  service: 'textract',
  routes: textractRoutes({ textract, s3, bucket }),
  errorOverrides: TEXTRACT_ERROR_OVERRIDES,
});
