/** AiLab-Comprehend: NLP, PII (규정 위반) and toxicity (유해성) demos. */
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { clientConfig } from '../shared/aws';
import { createApiHandler } from '../shared/http';
import { comprehendRoutes } from './routes';

const client = new ComprehendClient(clientConfig());

export const handler = createApiHandler({ service: 'comprehend', routes: comprehendRoutes(client) });
