/**
 * A local stand-in for the lab's deployed APIs, on 127.0.0.1 and a random port, for the CLI tests.
 *
 * Like API Gateway with AWS_IAM auth it recomputes every request's SigV4 signature (service
 * execute-api) with the test credentials and answers 403 in the lab's error shape when the
 * signature is missing or wrong, or the route is unknown. Like the functions it validates bodies
 * and query strings with the demos' own zod schemas (lambda/<service>/schemas.ts) and answers
 * with realistic bodies: a usage block, a requestId, MP3 bytes for Polly when asked for audio, and
 * batch jobs that are IN_PROGRESS for two polls before they finish. It also plays the S3 endpoint
 * of the presigned POST uploads.
 *
 * This file is the server and its routing; each demo's answers live in stand-in/<service>.ts.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as z from 'zod';
import { requestSchemas as bedrockSchemas } from '../../lambda/bedrock/schemas';
import { requestSchemas as comprehendSchemas } from '../../lambda/comprehend/schemas';
import {
  requestSchemas as pipelineSchemas,
  statusQuery as pipelineStatusQuery,
} from '../../lambda/pipeline/schemas';
import { requestSchemas as pollySchemas, voicesQuery } from '../../lambda/polly/schemas';
import { requestSchemas as rekognitionSchemas } from '../../lambda/rekognition/schemas';
import { validate } from '../../lambda/shared/body';
import { HttpError } from '../../lambda/shared/errors';
import { jobQuery, requestSchemas as textractSchemas } from '../../lambda/textract/schemas';
import { requestSchemas as transcribeSchemas } from '../../lambda/transcribe/schemas';
import { languagesQuery, requestSchemas as translateSchemas } from '../../lambda/translate/schemas';
import { SERVICES } from '../../lib/services';
import { pipelineStandIn } from './pipeline-stand-in';
import { bedrockAnswers } from './stand-in/bedrock';
import { comprehendAnswers } from './stand-in/comprehend';
import { pollyAnswers } from './stand-in/polly';
import { rekognitionAnswers } from './stand-in/rekognition';
import {
  type Answers,
  type LabState,
  type Override,
  type Recorded,
  type RecordedUpload,
  type Reply,
  STAGE,
} from './stand-in/reply';
import { signatureChecker } from './stand-in/signature';
import { textractAnswers } from './stand-in/textract';
import { transcribeAnswers } from './stand-in/transcribe';
import { translateAnswers } from './stand-in/translate';
import { s3Upload } from './stand-in/uploads';

export { COMPARE_MODELS } from './stand-in/bedrock';
export { FAKE_MP3 } from './stand-in/polly';
export {
  type Override,
  type Recorded,
  type RecordedUpload,
  STAGE,
  TEST_CREDENTIALS,
  TEST_REGION,
} from './stand-in/reply';
export { holdGate, STREAM_TOKENS, streamEvents, streamReply } from './stand-in/stream';

export interface StandIn {
  /** Base URL like the stacks' ApiUrl output: http://127.0.0.1:PORT/v1/ */
  readonly url: string;
  /** Every signed, routed API request, in order. */
  readonly requests: Recorded[];
  /** Requests refused before routing (bad or missing signature, unknown route). */
  readonly refused: Array<{ path: string; code: string }>;
  readonly uploads: RecordedUpload[];
  /**
   * Every body and stream line sent back, as sent: what the lab's API (and S3) said, which the
   * CLI prints as received in either language (test/cli/korean.test.ts sets it apart).
   */
  readonly sent: string[];
  /** Replace the answer of one route, e.g. `POST /comprehend/toxicity`. */
  override(routeKey: string, fn: Override): void;
  /** Forget requests, uploads and overrides. */
  reset(): void;
  close(): Promise<void>;
}

const POST_SCHEMAS: Record<string, z.ZodType> = {
  ...comprehendSchemas,
  ...translateSchemas,
  ...textractSchemas,
  ...rekognitionSchemas,
  ...pollySchemas,
  ...transcribeSchemas,
  ...bedrockSchemas,
  ...pipelineSchemas,
};
const GET_SCHEMAS: Record<string, z.ZodType> = {
  '/translate/languages': languagesQuery,
  '/polly/voices': voicesQuery,
  '/textract/jobs/{jobId}': jobQuery,
  '/pipeline/runs/{runId}': pipelineStatusQuery,
};

const ROUTES = SERVICES.flatMap((s) => s.routes).map((r) => ({
  ...r,
  pattern: new RegExp(`^${r.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
}));

const gatewayError = (status: number, code: string, message: string, requestId: string): Reply => ({
  status,
  body: { error: { code, message, requestId } },
});

export async function startStandIn(): Promise<StandIn> {
  const requests: Recorded[] = [];
  const sent: string[] = [];
  const refused: StandIn['refused'] = [];
  const uploads: RecordedUpload[] = [];
  const overrides = new Map<string, Override>();
  const state: LabState = { jobs: new Map(), uploadedKeys: new Set() };
  let counter = 0;
  const checkSignature = signatureChecker();
  const pipeline = pipelineStandIn(() => uploads.map((u) => u.fields.key ?? ''));
  const answers: Answers = {
    ...comprehendAnswers,
    ...translateAnswers,
    ...textractAnswers(state),
    ...rekognitionAnswers,
    ...pollyAnswers,
    ...transcribeAnswers(state),
    ...bedrockAnswers,
  };
  function answer(key: string, input: any, req: Recorded, base: string): Reply {
    const piped = pipeline(key, input, req.params, base);
    if (piped) return piped;
    const route = answers[key];
    if (!route) throw new Error(`stand-in has no answer for ${key}`);
    return route(input, req, base);
  }

  async function handle(req: http.IncomingMessage, raw: Buffer, base: string): Promise<Reply> {
    const url = new URL(req.url ?? '/', base);
    const requestId = `standin-${String(++counter).padStart(4, '0')}`;
    const s3 = /^\/s3\/([^/]+)$/.exec(url.pathname);
    if (s3 && req.method === 'POST') return s3Upload(s3[1]!, req, raw, uploads, state);

    const routePath = url.pathname.startsWith(`/${STAGE}/`) ? url.pathname.slice(STAGE.length + 1) : '';
    const route = ROUTES.find((r) => r.method === req.method && r.pattern.test(routePath));
    const bad = await checkSignature(req, url, raw);
    if (!route || bad === 'MISSING') {
      refused.push({ path: url.pathname, code: 'UNSIGNED_OR_UNKNOWN_ROUTE' });
      return gatewayError(
        403,
        'UNSIGNED_OR_UNKNOWN_ROUTE',
        'Sign the request with SigV4 (service execute-api), and check the method and path.',
        requestId,
      );
    }
    if (bad) {
      refused.push({ path: url.pathname, code: 'INVALID_SIGNATURE' });
      return gatewayError(403, 'INVALID_SIGNATURE', bad, requestId);
    }
    const key = `${route.method} ${route.path}`;
    const text = raw.toString('utf8');
    const recorded: Recorded = {
      method: route.method,
      route: route.path,
      params: { ...(route.pattern.exec(routePath)?.groups ?? {}) },
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(recorded);
    const override = overrides.get(key)?.(recorded);
    const reply = (() => {
      if (override) return override;
      try {
        const input =
          route.method === 'GET'
            ? GET_SCHEMAS[route.path]
              ? validate(GET_SCHEMAS[route.path]!, recorded.query, 'query')
              : Object.keys(recorded.query).length
                ? (() => {
                    throw new HttpError(
                      400,
                      'INVALID_REQUEST',
                      'Invalid request: query: no parameters expected',
                    );
                  })()
                : {}
            : validate(POST_SCHEMAS[route.path]!, recorded.body);
        return answer(key, input, recorded, base);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        return { status: err.status, body: { error: { code: err.code, message: err.message, requestId } } };
      }
    })();
    if ('body' in reply && reply.body && typeof reply.body === 'object' && !('error' in reply.body)) {
      (reply.body as Record<string, unknown>).requestId ??= requestId;
    }
    const headers = {
      'x-amzn-RequestId': requestId,
      ...('binary' in reply && { 'X-Request-Id': requestId }),
    };
    return { ...reply, headers: { ...headers, ...('headers' in reply ? reply.headers : {}) } };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const base = `http://${req.headers.host}/`;
      handle(req, Buffer.concat(chunks), base)
        .then(async (reply) => {
          if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
          const headers = 'headers' in reply ? (reply.headers ?? {}) : {};
          if ('stream' in reply) {
            res.writeHead(reply.status, { ...headers, 'content-type': 'application/x-ndjson' });
            res.flushHeaders();
            // A stream function that throws plays a connection that breaks after the 200.
            return reply
              .stream((e) => {
                sent.push(JSON.stringify(e));
                res.write(`${JSON.stringify(e)}\n`);
              })
              .then(
                () => {
                  res.end();
                },
                () => {
                  res.destroy();
                },
              );
          }
          if ('binary' in reply) {
            res.writeHead(reply.status, { ...headers, 'content-type': reply.contentType });
            res.end(reply.binary);
          } else if (typeof reply.body === 'string') {
            sent.push(reply.body);
            res.writeHead(reply.status, headers);
            res.end(reply.body);
          } else {
            sent.push(JSON.stringify(reply.body));
            res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
            res.end(JSON.stringify(reply.body));
          }
          return undefined;
        })
        .catch((err: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`stand-in failure: ${err.stack}`);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/${STAGE}/`,
    requests,
    refused,
    uploads,
    sent,
    override: (routeKey, fn) => overrides.set(routeKey, fn),
    reset: () => {
      requests.length = 0;
      sent.length = 0;
      refused.length = 0;
      uploads.length = 0;
      overrides.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
