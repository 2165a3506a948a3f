/**
 * A stand-in for the Lambda Node.js runtime's response streaming globals, for offline tests of
 * handlers wrapped in `awslambda.streamifyResponse`.
 *
 * Like the runtime, `HttpResponseStream.from(stream, prelude)` writes the prelude as JSON followed
 * by eight NUL bytes to the underlying stream, before anything else; API Gateway reads the status
 * and headers from that prelude and passes the rest through. `decodeStreamed` splits the bytes the
 * same way, so a handler that writes before the prelude, or never writes one, fails to decode.
 */
import { PassThrough, type Writable } from 'node:stream';
import type { APIGatewayProxyEvent } from 'aws-lambda';

export const PRELUDE_DELIMITER = Buffer.alloc(8, 0);

/**
 * Install the streaming members of `globalThis.awslambda` (before the handler module is imported).
 * Other packages may already have put an `awslambda` object there (the SDK's invoke store), so the
 * members are added to it, not swapped for it.
 */
export function installAwsLambdaStandIn(): void {
  const g = globalThis as Record<string, unknown>;
  g.awslambda = (g.awslambda as object | undefined) ?? {};
  Object.assign(g.awslambda as object, {
    streamifyResponse: <T>(handler: T) => handler,
    HttpResponseStream: {
      from(stream: Writable, prelude: Record<string, unknown>) {
        stream.write(JSON.stringify(prelude));
        stream.write(PRELUDE_DELIMITER);
        return stream;
      },
    },
  });
}

export interface Streamed {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Body chunks after the prelude, with the ms (since the call) at which each was written. */
  readonly chunks: ReadonlyArray<{ readonly at: number; readonly text: string }>;
}

/** Split what a streaming handler wrote into its prelude and body. @throws when there is no prelude first */
export function decodeStreamed(bytes: Buffer, chunks: Streamed['chunks'] = []): Streamed {
  const end = bytes.indexOf(PRELUDE_DELIMITER);
  if (end < 0)
    throw new Error('No prelude: the handler did not call awslambda.HttpResponseStream.from first.');
  const prelude = JSON.parse(bytes.subarray(0, end).toString('utf8')) as {
    statusCode: number;
    headers?: Record<string, string>;
  };
  return {
    statusCode: prelude.statusCode,
    headers: prelude.headers ?? {},
    body: bytes.subarray(end + PRELUDE_DELIMITER.length).toString('utf8'),
    chunks,
  };
}

/** A handler as streamifyResponse receives it: (event, responseStream, context). */
export type StreamingHandler = (event: APIGatewayProxyEvent, responseStream: any, context: any) => unknown;

/** Run a streaming handler to the end and decode what it wrote, with per-chunk times. */
export async function invokeStreaming(
  handler: StreamingHandler,
  event: APIGatewayProxyEvent,
): Promise<Streamed> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  const timed: Array<{ at: number; text: string }> = [];
  const t0 = performance.now();
  let preludeSeen = false;
  sink.on('data', (b: Buffer) => {
    parts.push(b);
    if (preludeSeen) timed.push({ at: performance.now() - t0, text: b.toString('utf8') });
    else if (b.equals(PRELUDE_DELIMITER)) preludeSeen = true;
  });
  const ended = new Promise<void>((resolve) => sink.on('end', resolve));
  await handler(event, sink, { awsRequestId: 'lambda-req' });
  if (!sink.writableEnded) throw new Error('The handler returned without ending the response stream.');
  await ended;
  return decodeStreamed(Buffer.concat(parts), timed);
}

/** The NDJSON events of a streamed body. */
export function ndjson(body: string): Array<Record<string, any>> {
  return body
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

/** An async iterable of events with an optional delay before each (a model generating). */
export async function* eventStream<T>(
  events: readonly T[],
  delayMs = 0,
  failAt?: { index: number; error: Error },
) {
  for (const [i, e] of events.entries()) {
    if (failAt && i === failAt.index) throw failAt.error;
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    yield e;
  }
}
