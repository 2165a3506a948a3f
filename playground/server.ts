/**
 * The browser playground: `npm run playground [-- --port N --outputs-file F --region R --profile P --prefix NAME]`.
 *
 * A local HTTP server on 127.0.0.1 that serves a single-page app and forwards `/api/<route>` to the
 * deployed demos, signing each call server-side with the CLI's discovery and SigV4 code (Session,
 * LabClient). Credentials never reach the browser, and request bodies (texts, images, audio) are
 * never logged: one line per call with the route, status and time.
 *
 * What it accepts: a Host header naming this server (127.0.0.1:PORT or localhost:PORT, against
 * DNS rebinding), an Origin, if sent, of this server, and on /api the header `X-Playground: 1`
 * (a cross-site page cannot send it without a CORS preflight, which is never granted). It forwards
 * only the catalogue's routes (lib/services.ts), with bodies up to a size limit.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { ApiError, type Json, type LabClient, type PresignedUpload, uploadPresigned } from '../cli/client';
import { NotDeployedError } from '../cli/endpoints';
import { type CliDeps, type GlobalOptions, Session } from '../cli/session';
import { CliError } from '../cli/signer';
import { type Lang, translator, type Vars } from '../lib/i18n';
import { DEFAULT_PREFIX, deployCommand, PREFIX_ENV } from '../lib/names';
import { SERVICES } from '../lib/services';
import { KOREAN_CATALOGUE } from '../scripts/catalogue-ko';
import { AUDIO_ACCEPT, matchRoute, UPLOADS } from './allowlist';
import { bundleApp, indexPage, listedSamples, readSample, type StaticFile, styleSheet } from './assets';
import { requestLang, SERVER, type ServerMessage } from './messages';

export const DEFAULT_PORT = 4173;
/** Loopback only: the playground holds the power of your AWS credentials. */
export const LISTEN_HOST = '127.0.0.1';
/** JSON bodies: above the demos' own ceiling (about 6.2 MB for a base64 image), so they answer first. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
export const DEFAULT_POLL_INTERVAL_MS = 3000;

export interface PlaygroundOptions {
  /** @default 4173; 0 picks a free port */
  readonly port?: number;
  /** --region, --profile, --outputs-file, --prefix, as for the CLI. */
  readonly globals?: GlobalOptions;
  /** What the CLI lets tests inject: credentials, CloudFormation lookup, fetch, cwd, env. */
  readonly deps?: CliDeps;
  /** @default MAX_BODY_BYTES */
  readonly maxBodyBytes?: number;
  /** @default the demo's own upload limit (50 MB) */
  readonly maxUploadBytes?: number;
  /** How often the page polls a running job. @default 3000 */
  readonly pollIntervalMs?: number;
  /** One line per request, never a body. @default deps.stderr, else stderr */
  readonly log?: (line: string) => void;
}

export interface Playground {
  readonly url: string;
  readonly port: number;
  readonly server: http.Server;
  close(): Promise<void>;
}

/** An error the playground answers itself, in the lab's error shape and the page's language. */
class PlaygroundError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly key: ServerMessage,
    readonly vars: Vars = {},
    readonly extra: Json = {},
  ) {
    super(translator(SERVER, 'en')(key, vars));
  }
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function send(
  res: http.ServerResponse,
  status: number,
  body: Buffer | string,
  headers: Record<string, string>,
): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

const sendJson = (res: http.ServerResponse, status: number, body: unknown, headers = {}) =>
  send(res, status, JSON.stringify(body), { 'Content-Type': 'application/json; charset=utf-8', ...headers });

/**
 * A streamed route's NDJSON relayed line by line as it arrives (no buffering): each event is
 * written, and so flushed, as soon as the upstream line is complete. A stream always ends with a
 * `usage` or `error` event; when the upstream breaks after the 200, or ends without one, the
 * browser gets an error event in the route's own shape instead of a silent cut.
 */
async function relayNdjson(
  res: http.ServerResponse,
  upstream: { status: number; latencyMs?: number; events: AsyncIterable<Json> },
  /** What to say when the upstream ends without its final event (SERVER `streamCut`, in the page's language). */
  cutMessage: string,
): Promise<void> {
  res.writeHead(upstream.status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  const errorEvent = (code: string, message: string) =>
    `${JSON.stringify({ type: 'error', error: { code, message } })}\n`;
  let final = false;
  try {
    for await (const event of upstream.events) {
      final = event.type === 'usage' || event.type === 'error';
      res.write(`${JSON.stringify(event)}\n`);
    }
    if (!final) res.write(errorEvent('STREAM_CUT', cutMessage));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    res.write(errorEvent('STREAM_BROKEN', `The stream broke: ${message}`));
  }
  res.end();
}

const sendFile = (res: http.ServerResponse, file: StaticFile) =>
  send(res, 200, file.body, { 'Content-Type': file.contentType });

/** The request body, refused with 413 as soon as it passes `limit` bytes. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () =>
    new PlaygroundError(413, 'PAYLOAD_TOO_LARGE', 'tooLarge', { limit }, { limitBytes: limit });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
      done = true;
    });
    req.on('error', (err) => {
      if (!done) reject(err);
      done = true;
    });
    // The client went away before the end: nothing to answer.
    req.on('close', () => {
      if (!done && !req.complete) reject(new PlaygroundError(400, 'ABORTED', 'aborted'));
      done = true;
    });
  });
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();

/** An API error as the page shows it: the lab's `{"error": {...}}` shape and an HTTP status. */
function errorReply(err: unknown, lang: Lang = 'en'): { status: number; body: Json } {
  const t = translator(SERVER, lang);
  if (err instanceof PlaygroundError) {
    const message = t(err.key, err.vars);
    return { status: err.status, body: { error: { code: err.code, message, ...err.extra } } };
  }
  if (err instanceof ApiError) {
    const given = (err.body as { error?: unknown } | undefined)?.error;
    const body =
      given && typeof given === 'object'
        ? (err.body as Json)
        : { error: { code: err.code, message: err.detail, requestId: err.requestId } };
    return { status: err.status, body };
  }
  if (err instanceof NotDeployedError) {
    return {
      status: 503,
      body: {
        error: {
          code: 'NOT_DEPLOYED',
          message: err.message,
          stackName: err.stackName,
          deployCommand: deployCommand(err.stackName),
        },
      },
    };
  }
  if (err instanceof CliError)
    return { status: 502, body: { error: { code: 'UPSTREAM', message: err.message } } };
  return {
    status: 500,
    body: { error: { code: 'PLAYGROUND_ERROR', message: t('unexpected') } },
  };
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const deps = options.deps ?? {};
  const globals = options.globals ?? {};
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const log =
    options.log ?? ((line: string) => (deps.stderr ?? ((t) => process.stderr.write(t)))(`${line}\n`));
  const [app, css, index] = [
    await bundleApp(),
    styleSheet(),
    indexPage({ pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS }),
  ];
  const samples = listedSamples();

  let session = new Session(deps, globals);
  let clients = new Map<string, Promise<LabClient>>();
  const clientFor = (stackName: string): Promise<LabClient> => {
    let client = clients.get(stackName);
    if (!client) {
      client = session.client(stackName);
      clients.set(stackName, client);
      // A stack that is not deployed yet may be by the next call.
      client.catch(() => clients.delete(stackName));
    }
    return client;
  };

  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  async function status(refresh: boolean, lang: Lang): Promise<Json> {
    const t = translator(SERVER, lang);
    if (refresh) {
      session = new Session(deps, globals);
      clients = new Map();
    }
    const stacks = await Promise.all(
      SERVICES.map(async (s) => {
        const stackName = session.stackOf(s);
        const about = {
          id: s.id,
          stackName,
          awsService: s.awsService,
          concept: lang === 'ko' ? KOREAN_CATALOGUE[s.id].concept : s.concept,
          routes: s.routes.map((r) => `${r.method} ${r.path}`),
        };
        try {
          const endpoint = await session.endpoint(stackName);
          return { ...about, state: 'deployed', region: endpoint.region };
        } catch (err) {
          const state = err instanceof NotDeployedError ? 'not-deployed' : 'unknown';
          const reason = err instanceof CliError ? err.message : t('lookupFailed');
          return { ...about, state, reason, deployCommand: deployCommand(stackName) };
        }
      }),
    );
    let credentials: Json = { ok: true };
    try {
      const c = session.credentials;
      if (typeof c === 'function') await c();
    } catch (err) {
      credentials = {
        ok: false,
        message: err instanceof CliError ? err.message : t('noCredentials'),
      };
    }
    return { stacks, credentials };
  }

  /** A file for the page: upload it to the demo's bucket with the presigned POST its API hands out. */
  async function upload(req: http.IncomingMessage, serviceId: string): Promise<Json> {
    const kind = Object.hasOwn(UPLOADS, serviceId) ? UPLOADS[serviceId] : undefined;
    const service = SERVICES.find((s) => s.id === serviceId);
    if (!kind || !service)
      throw new PlaygroundError(404, 'UNKNOWN_ROUTE', 'noUploads', { service: serviceId });
    const contentType = mediaType(req.headers['content-type']);
    if (!Object.hasOwn(kind.types, contentType)) {
      throw new PlaygroundError(415, 'UNSUPPORTED_MEDIA_TYPE', 'uploadType', {
        types: Object.keys(kind.types).join(', '),
      });
    }
    const bytes = await readBody(req, options.maxUploadBytes ?? kind.maxBytes);
    if (bytes.length === 0) throw new PlaygroundError(400, 'INVALID_REQUEST', 'emptyFile');
    const client = await clientFor(session.stackOf(service));
    const presigned = await client.json({
      method: 'POST',
      path: `/${serviceId}/uploads`,
      body: { contentType },
    });
    const target = presigned.body.upload as PresignedUpload;
    await uploadPresigned(
      target,
      { bytes, name: `upload.${kind.types[contentType]}`, contentType },
      session.fetch,
    );
    return { key: target.key, contentType, bytes: bytes.length, requestId: presigned.body.requestId };
  }

  /** Forward one catalogue route, signed; JSON back, or Polly's audio bytes when asked for. */
  async function forward(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<string> {
    const method = req.method ?? 'GET';
    const routePath = url.pathname.slice('/api'.length);
    const found = matchRoute(method, routePath);
    if (found.kind === 'unknown') {
      throw new PlaygroundError(404, 'UNKNOWN_ROUTE', 'unknownRoute', { method, path: routePath });
    }
    if (found.kind === 'method') {
      throw new PlaygroundError(405, 'METHOD_NOT_ALLOWED', 'methodNotAllowed', {
        path: routePath,
        methods: found.allowed.join(', '),
      });
    }
    if (found.kind === 'bad-param') {
      throw new PlaygroundError(400, 'INVALID_REQUEST', 'badParam', { name: found.name });
    }
    const { service, route, params } = found.match;
    let body: Json | undefined;
    let query: Record<string, string> | undefined;
    if (method === 'POST') {
      if (url.search) throw new PlaygroundError(400, 'INVALID_REQUEST', 'noQuery', { path: route.path });
      if (mediaType(req.headers['content-type']) !== 'application/json') {
        throw new PlaygroundError(415, 'UNSUPPORTED_MEDIA_TYPE', 'sendJson');
      }
      const raw = await readBody(req, maxBodyBytes);
      try {
        body = JSON.parse(raw.toString('utf8')) as Json;
      } catch {
        throw new PlaygroundError(400, 'INVALID_JSON', 'invalidJson');
      }
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw new PlaygroundError(400, 'INVALID_JSON', 'notObject');
      }
    } else {
      query = Object.fromEntries(url.searchParams);
    }
    const client = await clientFor(session.stackOf(service));
    const call = { method: route.method, path: route.path, params, query, body };
    const accepted = String(req.headers.accept ?? '')
      .split(',')
      .map((t) => mediaType(t));
    const audio = route.path === '/polly/speech' ? AUDIO_ACCEPT.find((t) => accepted.includes(t)) : undefined;
    if (route.streaming) {
      const cut = translator(SERVER, requestLang(req.headers['accept-language']))('streamCut');
      await relayNdjson(res, await client.ndjson(call), cut);
    } else if (audio) {
      const r = await client.binary({ ...call, accept: audio });
      send(res, r.status, Buffer.from(r.bytes), {
        'Content-Type': r.contentType,
        'Server-Timing': `upstream;dur=${r.latencyMs}`,
        ...(r.requestId && { 'X-Request-Id': r.requestId }),
      });
    } else {
      const r = await client.json(call);
      sendJson(res, r.status, r.body, { 'Server-Timing': `upstream;dur=${r.latencyMs}` });
    }
    return `${route.method} ${route.path}`;
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<string> {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new PlaygroundError(403, 'CROSS_SITE', 'crossSite');
    }
    if (req.headers['x-playground'] !== '1') {
      throw new PlaygroundError(403, 'MISSING_HEADER', 'missingHeader');
    }
    const method = req.method ?? 'GET';
    if (url.pathname === '/api/status') {
      if (method !== 'GET') throw new PlaygroundError(405, 'METHOD_NOT_ALLOWED', 'statusGet');
      const lang = requestLang(req.headers['accept-language']);
      sendJson(res, 200, await status(url.searchParams.get('refresh') === '1', lang));
      return 'GET /status';
    }
    const uploadTo = /^\/api\/upload\/([a-z]+)$/.exec(url.pathname);
    if (uploadTo) {
      if (method !== 'POST') throw new PlaygroundError(405, 'METHOD_NOT_ALLOWED', 'uploadPost');
      sendJson(res, 200, await upload(req, uploadTo[1]!));
      return `POST /upload/${uploadTo[1]}`;
    }
    return forward(req, res, url);
  }

  /** The page, its script and style, and the listed samples; null when there is nothing there. */
  function staticFile(url: URL): StaticFile | null {
    if (url.pathname === '/' || url.pathname === '/index.html') return index;
    if (url.pathname === '/app.js') return app;
    if (url.pathname === '/style.css') return css;
    if (url.pathname.startsWith('/samples/')) {
      try {
        return readSample(decodeURIComponent(url.pathname.slice('/samples/'.length)), samples);
      } catch {
        return null; // malformed %-escape
      }
    }
    return null;
  }

  function page(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new PlaygroundError(405, 'METHOD_NOT_ALLOWED', 'onlyGet');
    }
    const file = staticFile(url);
    if (!file) throw new PlaygroundError(404, 'NOT_FOUND', 'nothingAt', { path: url.pathname });
    sendFile(res, file);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    let label = '';
    try {
      const host = String(req.headers.host ?? '').toLowerCase();
      if (!allowedHosts.has(host)) {
        throw new PlaygroundError(403, 'FORBIDDEN_HOST', 'forbiddenHost');
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) {
        throw new PlaygroundError(403, 'FORBIDDEN_ORIGIN', 'forbiddenOrigin');
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
        label = `${req.method} ${url.pathname.slice('/api'.length) || '/'}`;
        label = await api(req, res, url);
      } else {
        page(req, res, url);
      }
    } catch (err) {
      const reply = errorReply(err, requestLang(req.headers['accept-language']));
      if (reply.status === 500) log(`playground: unexpected ${(err as Error)?.name ?? 'error'} on ${label}`);
      if (res.headersSent) {
        res.destroy();
      } else {
        // Unread body bytes (an oversized upload) are not worth waiting for.
        sendJson(res, reply.status, reply.body, reply.status === 413 ? { Connection: 'close' } : {});
      }
    } finally {
      if (label) log(`${label} → ${res.statusCode} (${Math.round(performance.now() - started)} ms)`);
    }
  }

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, LISTEN_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

const USAGE = `Usage: npm run playground [-- --port N --outputs-file FILE --region REGION --profile NAME --prefix NAME]

Serves the lab's browser playground on http://127.0.0.1:PORT/ (default ${DEFAULT_PORT}) and forwards its
calls to the deployed demos, signed with your AWS credentials. Endpoints come from ./cdk-outputs.json
or CloudFormation, as for \`npm run demo\`; --prefix (or ${PREFIX_ENV}) names the instance the stacks
were deployed as (-c prefix=NAME, default ${DEFAULT_PREFIX}).`;

/** Parse the command line; throws CliError with the usage on bad input. */
export function parseOptions(argv: string[]): { port: number; globals: GlobalOptions; help: boolean } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'outputs-file': { type: 'string' },
        region: { type: 'string' },
        profile: { type: 'string' },
        prefix: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${USAGE}`);
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`--port must be a port number (0-65535), got ${values.port}.`);
  }
  return {
    port,
    help: Boolean(values.help),
    globals: {
      region: values.region as string | undefined,
      profile: values.profile as string | undefined,
      outputsFile: values['outputs-file'] as string | undefined,
      prefix: values.prefix as string | undefined,
    },
  };
}

export async function main(argv: string[]): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  try {
    const o = parseOptions(argv);
    if (o.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const playground = await startPlayground({ port: o.port, globals: o.globals });
    process.stdout.write(
      `AI services lab playground: ${playground.url} (bound to ${LISTEN_HOST} only; Ctrl-C to stop)\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => void playground.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const message =
      e.code === 'EADDRINUSE'
        ? 'That port is in use: pass another with --port N (0 picks a free one).'
        : err instanceof CliError
          ? err.message
          : `Unexpected error: ${e.message}`;
    process.stderr.write(`${message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
