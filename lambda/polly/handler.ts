/** AiLab-Polly: text to speech (real-time inference). */
import { PollyClient } from '@aws-sdk/client-polly';
import { clientConfig } from '../shared/aws';
import { createApiHandler } from '../shared/http';
import { pollyRoutes } from './routes';

const client = new PollyClient(clientConfig());

export const handler = createApiHandler({ service: 'polly', routes: pollyRoutes(client) });
