/**
 * The SDK settings do what lambda/shared/aws.ts says they do, against local servers that accept
 * a request and then misbehave (never answer, answer the headers and stall, throttle, never finish
 * the TLS handshake): the installed handlers' timeouts, the retry strategy that never repeats a
 * timed-out model call, the HTTP/2 clients' own defaults and their connect timeout.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import * as net from 'node:net';
import * as path from 'node:path';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { ComprehendClient, DetectSentimentCommand } from '@aws-sdk/client-comprehend';
import { PollyClient } from '@aws-sdk/client-polly';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { S3Client } from '@aws-sdk/client-s3';
import { TextractClient } from '@aws-sdk/client-textract';
import { TranscribeClient } from '@aws-sdk/client-transcribe';
import { TranslateClient } from '@aws-sdk/client-translate';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import {
  type ClientSettings,
  clientConfig,
  FAST_API,
  HTTP2_CLIENT_DEFAULTS,
  http2ClientConfig,
  MODEL_API,
} from '../../../lambda/shared/aws';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const listen = async (server: net.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};
const close = (server: net.Server) => new Promise((resolve) => server.close(resolve));
/** The handler's options once resolved (they are read on the first request, or here). */
const handlerOptions = (client: { config: { requestHandler: unknown } }) =>
  (client.config.requestHandler as { configProvider: Promise<Record<string, unknown>> }).configProvider;

describe('HTTP/1.1 clients (NodeHttpHandler)', () => {
  let server: http.Server;
  let endpoint: string;
  let requests = 0;
  let behaviour: 'silent' | 'stall-body' = 'silent';

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      requests += 1;
      if (behaviour === 'stall-body') {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.write('{"Sentiment":'); // …and nothing more
      }
    });
    endpoint = `http://127.0.0.1:${await listen(server)}`;
  });
  beforeEach(() => {
    requests = 0;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await close(server);
  });

  const comprehend = (settings: ClientSettings) =>
    new ComprehendClient({
      ...clientConfig(settings),
      endpoint,
      region: 'us-east-1',
      credentials: CREDENTIALS,
    });
  const detect = (client: ComprehendClient) =>
    client.send(new DetectSentimentCommand({ Text: 'x', LanguageCode: 'en' }));

  test('requestTimeout is a deadline to the response headers; a hung attempt is retried up to maxAttempts', async () => {
    behaviour = 'silent';
    const settings = { maxAttempts: 2, connectionTimeoutMs: 200, requestTimeoutMs: 300 };
    const client = comprehend(settings);
    const started = Date.now();
    await expect(detect(client)).rejects.toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT' });
    const elapsed = Date.now() - started;
    expect(requests).toBe(2);
    // Both attempts ended on requestTimeout (plus a short backoff), not on some longer default.
    expect(elapsed).toBeGreaterThanOrEqual(2 * settings.requestTimeoutMs);
    expect(elapsed).toBeLessThan(2 * settings.requestTimeoutMs + 1_500);
    client.destroy();
  });

  test('socketTimeout, not requestTimeout, ends an attempt whose body stalls after the headers', async () => {
    behaviour = 'stall-body';
    const client = comprehend({
      maxAttempts: 1,
      connectionTimeoutMs: 200,
      requestTimeoutMs: 300,
      socketTimeoutMs: 400,
    });
    const started = Date.now();
    const err = await detect(client).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'TimeoutError' });
    expect((err as Error).message).toMatch(/socket timed out after 400 ms of inactivity/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    client.destroy();
  });

  test('with retryTimeouts false a timed-out attempt is not repeated', async () => {
    behaviour = 'silent';
    const client = comprehend({
      maxAttempts: 3,
      connectionTimeoutMs: 200,
      requestTimeoutMs: 200,
      retryTimeouts: false,
    });
    await expect(detect(client)).rejects.toMatchObject({ name: 'TimeoutError', $metadata: { attempts: 1 } });
    expect(requests).toBe(1);
    client.destroy();
  });
});

describe('HTTP/2 clients (NodeHttp2Handler): Bedrock Runtime and Polly', () => {
  let server: http2.Http2Server;
  let endpoint: string;
  let streams = 0;
  let answer: (n: number, stream: http2.ServerHttp2Stream) => void = () => undefined; // never answer

  const sessions = new Set<http2.ServerHttp2Session>();

  beforeAll(async () => {
    server = http2.createServer(); // cleartext HTTP/2 (h2c): the client connects with http:
    server.on('session', (session) => {
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
    });
    server.on('stream', (stream) => {
      streams += 1;
      answer(streams, stream);
    });
    endpoint = `http://127.0.0.1:${await listen(server)}`;
  });
  beforeEach(() => {
    streams = 0;
    answer = () => undefined;
  });
  afterAll(async () => {
    for (const session of sessions) session.destroy();
    await close(server);
  });

  const bedrock = (settings: ClientSettings, at = endpoint) =>
    new BedrockRuntimeClient({
      ...http2ClientConfig(settings),
      endpoint: at,
      region: 'us-east-1',
      credentials: CREDENTIALS,
    });
  const converse = (client: BedrockRuntimeClient, abortSignal?: AbortSignal) =>
    client.send(
      new ConverseCommand({
        modelId: 'amazon.nova-micro-v1:0',
        messages: [{ role: 'user', content: [{ text: 'x' }] }],
      }),
      {
        abortSignal,
      },
    );
  const CONVERSE_OK = JSON.stringify({
    output: { message: { role: 'assistant', content: [{ text: 'Hello.' }] } },
    stopReason: 'end_turn',
    usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
    metrics: { latencyMs: 5 },
  });

  test.each([
    ['Bedrock Runtime', BedrockRuntimeClient],
    ['Polly', PollyClient],
  ])('%s keeps its own HTTP/2 handler defaults and gets a connect timeout', async (_name, Client) => {
    const plain = new Client({ region: 'us-east-1', credentials: CREDENTIALS });
    const ours = new Client({
      ...http2ClientConfig(MODEL_API),
      region: 'us-east-1',
      credentials: CREDENTIALS,
    });
    expect(plain.config.requestHandler).toBeInstanceOf(NodeHttp2Handler);
    expect(ours.config.requestHandler).toBeInstanceOf(NodeHttp2Handler);
    const defaults = await handlerOptions(plain);
    expect(defaults).toEqual(HTTP2_CLIENT_DEFAULTS); // the client's own, as the lab copies them
    const resolved = await handlerOptions(ours);
    expect(resolved).toMatchObject(defaults);
    expect(resolved.nodeHttp2ConnectOptions).toEqual({ createConnection: expect.any(Function) });
    plain.destroy();
    ours.destroy();
  });

  test('a timed-out model call is not retried (the server counts the calls); a plain retry strategy would repeat it', async () => {
    const once = bedrock({ ...MODEL_API, requestTimeoutMs: 200 });
    await expect(converse(once)).rejects.toMatchObject({ name: 'TimeoutError', $metadata: { attempts: 1 } });
    expect(streams).toBe(1);
    once.destroy();

    // Negative control: the same client with the SDK's usual retries generates the answer 3 times.
    streams = 0;
    const thrice = bedrock({ ...MODEL_API, requestTimeoutMs: 200, retryTimeouts: true });
    await expect(converse(thrice)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(streams).toBe(3);
    thrice.destroy();
  });

  test('throttling is still retried', async () => {
    answer = (n, stream) => {
      if (n === 1) {
        stream.respond({
          ':status': 429,
          'content-type': 'application/json',
          'x-amzn-errortype': 'ThrottlingException',
        });
        stream.end('{"message":"Too many requests"}');
      } else {
        stream.respond({ ':status': 200, 'content-type': 'application/json' });
        stream.end(CONVERSE_OK);
      }
    };
    const client = bedrock(MODEL_API);
    const out = await converse(client);
    expect(out.output?.message?.content?.[0]).toEqual({ text: 'Hello.' });
    expect(out.$metadata.attempts).toBe(2);
    expect(streams).toBe(2);
    client.destroy();
  });

  test('the request deadline (abortSignal) ends a call that never answers, with no retry', async () => {
    const client = bedrock(MODEL_API);
    const started = Date.now();
    await expect(converse(client, AbortSignal.timeout(300))).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(streams).toBe(1);
    client.destroy();
  });

  test('the connect timeout ends a TLS handshake that never completes, and is not retried', async () => {
    let connections = 0;
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => {
      connections += 1; // accept the TCP connection, never speak TLS
      sockets.push(socket);
    });
    const port = await listen(silent);
    const client = bedrock({ ...MODEL_API, connectionTimeoutMs: 300 }, `https://127.0.0.1:${port}`);
    const started = Date.now();
    const err = await converse(client).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    // Node cancels the pending HTTP/2 stream with our TimeoutError as its `cause` (under jest the
    // SDK re-wraps Node's error, as it is from another realm, so only the message is kept here).
    expect(String((err as Error).message)).toMatch(/No connection to 127\.0\.0\.1:\d+ within 300 ms/);
    expect(err).toMatchObject({ $metadata: { attempts: 1 } });
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(elapsed).toBeLessThan(2_000);
    expect(connections).toBe(1);
    client.destroy();
    for (const socket of sockets) socket.destroy();
    await close(silent);
  });
});

describe('which handler each lab client uses', () => {
  const HTTP2 = ['BedrockRuntime', 'Polly'];
  test.each([
    ['BedrockRuntime', BedrockRuntimeClient],
    ['Polly', PollyClient],
    ['Comprehend', ComprehendClient],
    ['Translate', TranslateClient],
    ['Rekognition', RekognitionClient],
    ['Textract', TextractClient],
    ['Transcribe', TranscribeClient],
    ['S3', S3Client],
  ])('%s: the installed client picks the handler the lab configures it for', (name, Client) => {
    const client = new Client({ region: 'us-east-1', credentials: CREDENTIALS });
    expect(client.config.requestHandler).toBeInstanceOf(
      HTTP2.includes(name) ? NodeHttp2Handler : NodeHttpHandler,
    );
    client.destroy();
  });

  test('every client in lambda/ is built with the config for its protocol', () => {
    const root = path.join(__dirname, '..', '..', '..', 'lambda');
    const built: Array<[string, string, string]> = [];
    for (const dir of fs.readdirSync(root)) {
      for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.ts'))) {
        const source = fs.readFileSync(path.join(root, dir, file), 'utf8');
        for (const m of source.matchAll(/new (\w+)Client\((\w+)\(/g))
          built.push([`${dir}/${file}`, m[1]!, m[2]!]);
      }
    }
    expect(built.length).toBeGreaterThanOrEqual(10);
    for (const [file, service, config] of built) {
      expect([file, service, config]).toEqual([
        file,
        service,
        HTTP2.includes(service) ? 'http2ClientConfig' : 'clientConfig',
      ]);
    }
  });

  test('the fast APIs keep their per-attempt timeouts; model calls leave them to the deadline', () => {
    expect(FAST_API).toMatchObject({ maxAttempts: 3, requestTimeoutMs: 4_000, socketTimeoutMs: 4_000 });
    expect(MODEL_API.requestTimeoutMs).toBeUndefined();
    expect(MODEL_API.retryTimeouts).toBe(false);
  });
});
