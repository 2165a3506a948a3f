/**
 * SDK client settings shared by every demo: the HTTP handler's options, per protocol, and the
 * retry strategy.
 *
 * What bounds a request is its deadline (deadline.ts): every call carries it as `abortSignal`,
 * so however many attempts the settings below allow, the route answers before the Lambda
 * timeout. The per-attempt timeouts only decide when a stuck attempt is given up early enough
 * to try again.
 *
 * What the handler options mean, read from the installed @smithy/node-http-handler (4.14):
 *
 * HTTP/1.1 (`NodeHttpHandler`: Comprehend, Translate, Rekognition, Textract, Transcribe, S3)
 * - `connectionTimeout`: from the start of the attempt until the socket connects; then TimeoutError.
 * - `requestTimeout`: from the start of the attempt until the response headers arrive — a
 *   deadline to the headers, not a socket timeout. It only logs a warning unless
 *   `throwOnRequestTimeout` is true, and it is cleared when the headers arrive, so it does not
 *   cover reading the body.
 * - `socketTimeout`: no byte in either direction for that long, armed once the socket is
 *   connected and kept while the body is read; then TimeoutError.
 *
 * HTTP/2 (`NodeHttp2Handler`: Bedrock Runtime and Polly; each client's runtimeConfig picks it)
 * - `requestTimeout`: inactivity of the HTTP/2 stream. Converse sends nothing until the answer is
 *   complete, so there it would bound the whole call.
 * - There is no `connectionTimeout` or `throwOnRequestTimeout`: the handler ignores them. The
 *   connect timeout is applied here, through `nodeHttp2ConnectOptions.createConnection`.
 * - The client's own default options are `{ disableConcurrentStreams: true }` (a session per
 *   request). Options given as a plain object replace that default, so they are passed again here.
 */
import type { ClientSessionOptions, SecureClientSessionOptions } from 'node:http2';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { NodeHttp2HandlerOptions, NodeHttpHandlerOptions } from '@smithy/node-http-handler';
import type { RetryErrorInfo, StandardRetryToken } from '@smithy/types';
import { isTimeoutError } from './errors';

export interface ClientSettings {
  /** Total attempts including the first. */
  readonly maxAttempts: number;
  /** Per attempt: time to open the connection (TCP, and TLS on HTTP/2), in ms. */
  readonly connectionTimeoutMs: number;
  /**
   * Per attempt, in ms. HTTP/1.1: a deadline to the response headers. HTTP/2: inactivity of the
   * stream. Unset: only the request's deadline ends an attempt.
   */
  readonly requestTimeoutMs?: number;
  /** HTTP/1.1 only: socket inactivity while the response is read, in ms. @default none */
  readonly socketTimeoutMs?: number;
  /**
   * Retry an attempt that timed out. False for calls billed for the work they start (model calls,
   * document analysis): the SDK cannot tell whether the service already did, and billed, the work
   * of a timed-out attempt, so a retry may generate and bill it twice. Throttling is retried
   * either way. @default true
   */
  readonly retryTimeouts?: boolean;
}

/**
 * The fast AI APIs (Comprehend, Translate, Rekognition, Polly, Transcribe, S3): they answer in
 * well under a second, so an attempt with no headers after 4 s (or silent for 4 s while its body
 * is read) is stuck and is tried again, up to 3 attempts, inside the request's deadline.
 */
export const FAST_API: ClientSettings = {
  maxAttempts: 3,
  connectionTimeoutMs: 1_000,
  requestTimeoutMs: 4_000,
  socketTimeoutMs: 4_000,
};

/**
 * Model calls (Bedrock Converse and ConverseStream): one attempt may take as long as the deadline
 * allows (a long answer, a slower model, the guardrail), and a timed-out one is never repeated.
 * Throttling (and a connection refused before anything was sent) is retried, up to 3 attempts.
 */
export const MODEL_API: ClientSettings = {
  maxAttempts: 3,
  connectionTimeoutMs: 1_000,
  retryTimeouts: false,
};

/**
 * The SDK's standard retry strategy (backoff, retry quota, throttling delays), except that an
 * attempt that timed out is not tried again.
 */
export class NoTimeoutRetryStrategy extends StandardRetryStrategy {
  override async refreshRetryTokenForRetry(
    token: StandardRetryToken,
    errorInfo: RetryErrorInfo,
  ): Promise<StandardRetryToken> {
    if (isTimeoutError(errorInfo.error)) {
      throw new Error(
        'Not retried: the attempt timed out, and the service may already have done (and billed) it.',
      );
    }
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

function retryConfig(settings: ClientSettings) {
  return {
    maxAttempts: settings.maxAttempts,
    ...(settings.retryTimeouts === false && {
      retryStrategy: new NoTimeoutRetryStrategy(settings.maxAttempts),
    }),
  };
}

/** Client options for an SDK client on HTTP/1.1 (`NodeHttpHandler`). */
export function clientConfig(settings: ClientSettings = FAST_API) {
  const requestHandler: NodeHttpHandlerOptions = {
    connectionTimeout: settings.connectionTimeoutMs,
    ...(settings.requestTimeoutMs !== undefined && {
      requestTimeout: settings.requestTimeoutMs,
      // Without this the handler only logs a warning when requestTimeout passes and keeps waiting.
      throwOnRequestTimeout: true,
    }),
    ...(settings.socketTimeoutMs !== undefined && { socketTimeout: settings.socketTimeoutMs }),
  };
  return { ...retryConfig(settings), requestHandler };
}

/**
 * The options the HTTP/2 clients' runtimeConfig gives `NodeHttp2Handler` when none are passed
 * (@aws-sdk/client-bedrock-runtime and client-polly, dist-es/runtimeConfig.js). In the default
 * "legacy" defaults mode the defaults-mode part is empty. test/lambda/shared/aws.test.ts compares
 * this with what an unconfigured client resolves, so an SDK update that changes it is noticed.
 */
export const HTTP2_CLIENT_DEFAULTS: NodeHttp2HandlerOptions = { disableConcurrentStreams: true };

/** Client options for an SDK client on HTTP/2 (`NodeHttp2Handler`): Bedrock Runtime, Polly. */
export function http2ClientConfig(settings: ClientSettings = FAST_API) {
  const requestHandler: NodeHttp2HandlerOptions = {
    ...HTTP2_CLIENT_DEFAULTS,
    ...(settings.requestTimeoutMs !== undefined && { requestTimeout: settings.requestTimeoutMs }),
    nodeHttp2ConnectOptions: { createConnection: connectWithin(settings.connectionTimeoutMs) },
  };
  return { ...retryConfig(settings), requestHandler };
}

/**
 * The socket for an HTTP/2 session, as `http2.connect` opens it by default (TLS with ALPN `h2`
 * and SNI, or plain TCP for an `http:` endpoint), destroyed with a TimeoutError if it is not
 * connected (and, on TLS, through the handshake) within `timeoutMs`.
 */
export function connectWithin(timeoutMs: number) {
  return (authority: URL, options: ClientSessionOptions | SecureClientSessionOptions): Duplex => {
    const host = authority.hostname.replace(/^\[(.*)\]$/, '$1');
    const secure = authority.protocol !== 'http:';
    const port = Number(authority.port) || (secure ? 443 : 80);
    const socket = secure
      ? tls.connect({
          ...(options as tls.ConnectionOptions),
          host,
          port,
          servername: net.isIP(host) ? undefined : host,
          ALPNProtocols: ['h2'],
        })
      : net.connect({ ...(options as net.NetConnectOpts), host, port } as net.NetConnectOpts);
    const timer = setTimeout(() => {
      socket.destroy(
        Object.assign(new Error(`No connection to ${authority.host} within ${timeoutMs} ms.`), {
          name: 'TimeoutError',
          code: 'ETIMEDOUT',
        }),
      );
    }, timeoutMs);
    const clear = () => clearTimeout(timer);
    socket.once(secure ? 'secureConnect' : 'connect', clear);
    socket.once('close', clear);
    return socket;
  };
}

/** Read a required environment variable at start-up; fail fast with a clear message. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set; the stack should set it.`);
  return value;
}
