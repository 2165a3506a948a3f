/** AiLab-Polly: text to speech (real-time inference). */
import { PollyClient } from '@aws-sdk/client-polly';
import { http2ClientConfig } from '../shared/aws';
import { createApiHandler } from '../shared/http';
import { pollyRoutes } from './routes';

// The Polly client speaks HTTP/2 (its runtimeConfig picks NodeHttp2Handler): see lambda/shared/aws.ts.
const client = new PollyClient(http2ClientConfig());

export const handler = createApiHandler({ service: 'polly', routes: pollyRoutes(client) });
