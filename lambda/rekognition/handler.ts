/** AiLab-Rekognition: computer vision, and unwanted content (사회적 위험). */
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { clientConfig } from '../shared/aws';
import { createApiHandler } from '../shared/http';
import { rekognitionErrorOverrides, rekognitionRoutes } from './routes';

const client = new RekognitionClient(clientConfig());

export const handler = createApiHandler({
  service: 'rekognition',
  routes: rekognitionRoutes(client),
  errorOverrides: rekognitionErrorOverrides,
});
