/** AiLab-Translate: language services. */
import { TranslateClient } from '@aws-sdk/client-translate';
import { clientConfig } from '../shared/aws';
import { createApiHandler } from '../shared/http';
import { translateRoutes } from './routes';

const client = new TranslateClient(clientConfig());

export const handler = createApiHandler({ service: 'translate', routes: translateRoutes(client) });
