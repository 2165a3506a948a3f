/**
 * The streaming entry point of AiLab-Bedrock: POST /bedrock/converse-stream only.
 *
 * A function of its own, because a handler wrapped in `awslambda.streamifyResponse` has another
 * shape (event, responseStream, context → void) and is invoked another way (API Gateway calls
 * InvokeWithResponseStream when the integration's responseTransferMode is STREAM), so it cannot
 * share the buffered router. It also keeps this function's cold start small: it imports the
 * Bedrock client and the prompt helpers, never the notes index that ask-notes needs.
 *
 * `awslambda` is a global the Node.js runtime provides; tests install a stand-in before import.
 */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { type ClientSettings, clientConfig } from '../shared/aws';
import { parseJson, rawBody, validate } from '../shared/body';
import { type HttpError, notFound, toHttpError } from '../shared/errors';
import { DEFAULT_MAX_BODY_BYTES, publishUsage, requestIdOf } from '../shared/http';
import { createLogger, createMetrics } from '../shared/logger';
import { prepareCall } from './call';
import { bedrockEnv } from './env';
import { converseStreamRequest } from './schemas';
import { openModelStream, relayModelStream, STREAM_CONTENT_TYPE, type StreamEvent } from './stream';

export const STREAM_ROUTE = '/bedrock/converse-stream';

/**
 * ConverseStream client timeouts. On HTTP/2 requestTimeout is the no-activity limit, so here it
 * bounds the wait for the first event and every gap between events, not the whole answer. Retries
 * apply only until the stream opens: 2 × (1 s + 10 s) = 22 s before the first event, inside the
 * 28 s function timeout. The whole stream must also end within the function timeout; the default
 * 512-token cap takes a few seconds on Nova Micro.
 */
export const STREAM_CLIENT_SETTINGS: ClientSettings = {
  maxAttempts: 2,
  connectionTimeoutMs: 1_000,
  requestTimeoutMs: 10_000,
};

const env = bedrockEnv();
const client = new BedrockRuntimeClient(clientConfig(STREAM_CLIENT_SETTINGS));
const logger = createLogger('bedrock');
const metrics = createMetrics('bedrock');
const deps = { client, ...env };

const JSON_TYPE = 'application/json; charset=utf-8';

type ResponseStream = NodeJS.WritableStream;

function sendError(responseStream: ResponseStream, err: HttpError, requestId: string): void {
  const error: Record<string, unknown> = { code: err.code, message: err.message, requestId };
  if (err.details !== undefined) error.details = err.details;
  const out = awslambda.HttpResponseStream.from(responseStream as never, {
    statusCode: err.status,
    headers: { 'Content-Type': JSON_TYPE, 'X-Request-Id': requestId },
  });
  out.end(JSON.stringify({ error }));
}

export async function streamHandler(
  event: APIGatewayProxyEvent,
  responseStream: ResponseStream,
  context?: Pick<Context, 'awsRequestId'>,
): Promise<void> {
  const started = Date.now();
  const requestId = requestIdOf(event, context);
  const resource = event.resource ?? event.path ?? '';
  logger.appendKeys({ requestId, route: `${event.httpMethod} ${resource}` });
  try {
    let prepared: ReturnType<typeof prepareCall>;
    let stream: Awaited<ReturnType<typeof openModelStream>>;
    try {
      if (resource !== STREAM_ROUTE || event.httpMethod !== 'POST') {
        throw notFound(`No route ${event.httpMethod} ${resource} on the streaming function.`);
      }
      const input = validate(converseStreamRequest, parseJson(rawBody(event, DEFAULT_MAX_BODY_BYTES)));
      prepared = prepareCall(input);
      stream = await openModelStream(deps, prepared.call);
    } catch (err) {
      const httpError = toHttpError(err);
      (httpError.status >= 500 ? logger.error : logger.warn).call(logger, 'request failed', {
        status: httpError.status,
        code: httpError.code,
        errorName: (err as { name?: string })?.name,
        durationMs: Date.now() - started,
      });
      sendError(responseStream, httpError, requestId);
      return;
    }

    const out = awslambda.HttpResponseStream.from(responseStream as never, {
      statusCode: 200,
      headers: {
        'Content-Type': STREAM_CONTENT_TYPE,
        'Cache-Control': 'no-cache',
        'X-Request-Id': requestId,
      },
    });
    const write = (e: StreamEvent) => out.write(`${JSON.stringify(e)}\n`);
    // Closed whatever happens: the status is already sent, so a throw must not leave it open.
    let outcome: Awaited<ReturnType<typeof relayModelStream>>;
    try {
      outcome = await relayModelStream(deps, prepared.call, stream, write, {
        requestId,
        started,
        promptEcho: prepared.promptEcho,
      });
    } finally {
      out.end();
    }
    if (outcome.usage) publishUsage(metrics, resource, outcome.usage, outcome.totalMs);
    const fields = {
      status: 200,
      streamed: outcome.status,
      durationMs: outcome.totalMs,
      timeToFirstTokenMs: outcome.timeToFirstTokenMs,
      tokenEvents: outcome.tokenEvents,
      usage: outcome.usage,
      errorName: outcome.errorName,
    };
    if (outcome.status === 'failed') logger.error('stream failed after the status was sent', fields);
    else logger.info('request served', fields);
  } finally {
    logger.removeKeys(['requestId', 'route']);
  }
}

export const handler = awslambda.streamifyResponse(streamHandler);
