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
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { assertOfferedHere, readRegionGaps } from '../shared/availability';
import { http2ClientConfig, MODEL_API } from '../shared/aws';
import { parseJson, rawBody, validate } from '../shared/body';
import { requestDeadline } from '../shared/deadline';
import { type HttpError, notFound } from '../shared/errors';
import {
  DEFAULT_MAX_BODY_BYTES,
  failureOf,
  type HandlerContext,
  publishUsage,
  requestIdOf,
} from '../shared/http';
import { createLogger, createMetrics } from '../shared/logger';
import { prepareCall } from './call';
import { bedrockEnv } from './env';
import { converseStreamRequest } from './schemas';
import { openModelStream, relayModelStream, STREAM_CONTENT_TYPE, type StreamEvent } from './stream';

export const STREAM_ROUTE = '/bedrock/converse-stream';

/**
 * ConverseStream client: HTTP/2 with the client's own defaults and a connect timeout, throttling
 * retried only until the stream opens (a stream is never retried), and no per-attempt timeout:
 * the request's deadline, from the function's timeout (sized to the token cap, see
 * stream-timeout.ts), is what ends a long or stalled answer, with a final TIMEOUT event.
 */
const env = bedrockEnv();
const client = new BedrockRuntimeClient(http2ClientConfig(MODEL_API));
const logger = createLogger('bedrock');
const metrics = createMetrics('bedrock');
const deps = { client, ...env };
const gaps = readRegionGaps();

const JSON_TYPE = 'application/json; charset=utf-8';

type ResponseStream = NodeJS.WritableStream & { readonly writableEnded?: boolean };

/** The reason the request's signal carries when the caller went away before the answer ended. */
export class ClientDisconnected extends Error {
  constructor() {
    super('The client closed the connection.');
    this.name = 'ClientDisconnected';
  }
}

function sendError(responseStream: ResponseStream, err: HttpError, requestId: string): void {
  const error: Record<string, unknown> = { code: err.code, message: err.message, requestId };
  if (err.details !== undefined) error.details = err.details;
  const out = awslambda.HttpResponseStream.from(responseStream as never, {
    statusCode: err.status,
    headers: { 'Content-Type': JSON_TYPE, 'X-Request-Id': requestId },
  });
  out.end(JSON.stringify({ error }));
}

/**
 * Watch the response stream for the caller going away (it closes, or fails, before the handler
 * ended it) and abort with ClientDisconnected. Lambda keeps a function running when the client
 * disconnects (its response streaming documentation), so without this the model would generate,
 * and bill, to the token cap for nobody.
 */
function watchDisconnect(responseStream: ResponseStream) {
  const controller = new AbortController();
  const gone = () => {
    if (!responseStream.writableEnded) controller.abort(new ClientDisconnected());
  };
  responseStream.on('close', gone);
  responseStream.on('error', gone);
  return {
    signal: controller.signal,
    dispose: () => {
      responseStream.removeListener('close', gone);
      responseStream.removeListener('error', gone);
    },
  };
}

export async function streamHandler(
  event: APIGatewayProxyEvent,
  responseStream: ResponseStream,
  context?: HandlerContext,
): Promise<void> {
  const started = Date.now();
  const requestId = requestIdOf(event, context);
  const resource = event.resource ?? event.path ?? '';
  const deadline = requestDeadline(context);
  const disconnect = watchDisconnect(responseStream);
  // One signal for every AWS call and the relay: the deadline, or the caller going away.
  const signal = AbortSignal.any([deadline.signal, disconnect.signal]);
  logger.appendKeys({ requestId, route: `${event.httpMethod} ${resource}` });
  try {
    let prepared: ReturnType<typeof prepareCall>;
    let stream: Awaited<ReturnType<typeof openModelStream>>;
    try {
      if (resource !== STREAM_ROUTE || event.httpMethod !== 'POST') {
        throw notFound(`No route ${event.httpMethod} ${resource} on the streaming function.`);
      }
      assertOfferedHere(`POST ${STREAM_ROUTE}`, gaps);
      const input = validate(converseStreamRequest, parseJson(rawBody(event, DEFAULT_MAX_BODY_BYTES)));
      prepared = prepareCall(input);
      stream = await deadline.race(openModelStream(deps, prepared.call, signal));
    } catch (err) {
      const httpError = failureOf(err, deadline);
      (httpError.status >= 500 ? logger.error : logger.warn).call(logger, 'request failed', {
        status: httpError.status,
        code: httpError.code,
        errorName: (err as { name?: string })?.name,
        durationMs: Date.now() - started,
        clientDisconnected: disconnect.signal.aborted,
      });
      if (!disconnect.signal.aborted) sendError(responseStream, httpError, requestId);
      else responseStream.end();
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
        signal,
      });
    } finally {
      out.end();
    }
    // A stopped stream's usage is partial (no token counts): only a whole answer is a metric.
    if (outcome.status === 'completed' && outcome.usage) {
      publishUsage(metrics, resource, outcome.usage, outcome.totalMs);
    }
    const fields = {
      status: 200,
      streamed: outcome.status,
      durationMs: outcome.totalMs,
      timeToFirstTokenMs: outcome.timeToFirstTokenMs,
      tokenEvents: outcome.tokenEvents,
      usage: outcome.usage,
      errorName: outcome.errorName,
      ...(deadline.budgetMs !== undefined && { budgetMs: deadline.budgetMs }),
    };
    if (outcome.status === 'completed') logger.info('request served', fields);
    else if (outcome.status === 'disconnected')
      logger.warn('client disconnected; model stream aborted', fields);
    else logger.error('stream failed after the status was sent', fields);
  } finally {
    deadline.dispose();
    disconnect.dispose();
    logger.removeKeys(['requestId', 'route']);
  }
}

export const handler = awslambda.streamifyResponse(streamHandler);
