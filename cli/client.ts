/**
 * Signed calls to one demo's API: JSON in and out, or the raw bytes when an audio type is
 * accepted (Polly). Any 4xx/5xx becomes an ApiError shown as `<status> <code>: <message> (requestId)`;
 * in Korean, the API's own message is quoted and marked as English.
 */
import type { SignatureV4 } from '@smithy/signature-v4';
import { type Lang, translator } from '../lib/i18n';
import type { Endpoint } from './endpoints';
import { SESSION_MESSAGES } from './messages/session';
import { CliError, type Credentials, type CredentialsProvider, createSigner, signRequest } from './signer';

export type Json = Record<string, unknown>;

export interface ApiCall {
  readonly method: 'GET' | 'POST';
  /** The route as in the catalogue, e.g. `/textract/jobs/{jobId}`. */
  readonly path: string;
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string | undefined>;
  readonly body?: Json;
  /** @default application/json; an audio type asks for the audio itself. */
  readonly accept?: string;
}

export interface JsonResponse {
  readonly status: number;
  readonly body: Json;
  readonly requestId?: string;
  readonly latencyMs: number;
}

export interface BinaryResponse {
  readonly status: number;
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly requestId?: string;
  readonly latencyMs: number;
}

export class ApiError extends CliError {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly requestId?: string,
    /** The error body as received, for --json. */
    readonly body?: unknown,
    lang: Lang = 'en',
  ) {
    super(apiErrorLine(lang, status, code, detail, requestId));
  }
}

/** `<status> <code>: <message> (requestId)`; in Korean the message is the API's, quoted as English. */
function apiErrorLine(lang: Lang, status: number, code: string, detail: string, requestId?: string): string {
  const t = words(lang);
  const request = requestId ? t('call.requestId', { id: requestId }) : '';
  return t(detail ? 'call.apiError' : 'call.apiErrorBare', { status, code, detail, request });
}

type Fetch = typeof fetch;

const words = (lang: Lang) => translator(SESSION_MESSAGES, lang);

async function send(fetchImpl: Fetch, url: URL, init: RequestInit, lang: Lang): Promise<Response> {
  try {
    return await fetchImpl(url, init);
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(
      words(lang)('call.unreachable', {
        origin: url.origin,
        cause: cause?.code ?? cause?.message ?? (err as Error).message,
      }),
    );
  }
}

/** The lab's error shape, API Gateway's `{"message"}`, or whatever text came back. */
async function apiError(res: Response, lang: Lang): Promise<ApiError> {
  const text = await res.text();
  let parsed: { error?: { code?: string; message?: string; requestId?: string }; message?: string } = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  const headerId = res.headers.get('x-amzn-requestid') ?? undefined;
  const e = parsed?.error;
  const error = (code: string, detail: string, requestId?: string) =>
    new ApiError(res.status, code, detail, requestId, parsed, lang);
  if (e && typeof e === 'object') return error(e.code ?? 'ERROR', e.message ?? '', e.requestId ?? headerId);
  return error('HTTP_ERROR', parsed?.message ?? (text.trim().slice(0, 500) || res.statusText), headerId);
}

export class LabClient {
  private readonly signer: SignatureV4;
  private readonly t: ReturnType<typeof words>;

  constructor(
    readonly endpoint: Endpoint,
    credentials: Credentials | CredentialsProvider,
    private readonly fetchImpl: Fetch = fetch,
    private readonly lang: Lang = 'en',
  ) {
    this.signer = createSigner(endpoint.region, credentials);
    this.t = words(lang);
  }

  url(call: Pick<ApiCall, 'path' | 'params' | 'query'>): URL {
    const routePath = call.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = call.params?.[name];
      if (!value) throw new CliError(this.t('call.missingParam', { name, path: call.path }));
      return encodeURIComponent(value);
    });
    const url = new URL(routePath.replace(/^\//, ''), this.endpoint.url);
    // Encoded as SigV4 canonicalizes it (RFC 3986: %20 for a space, not '+').
    const rfc3986 = (s: string) =>
      encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    url.search = Object.entries(call.query ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v!)}`)
      .join('&');
    return url;
  }

  private async fetch(call: ApiCall): Promise<{ res: Response; started: number }> {
    const headers: Record<string, string> = { accept: call.accept ?? 'application/json' };
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const signed = await signRequest(this.signer, call.method, this.url(call), headers, body);
    const started = performance.now();
    const res = await send(this.fetchImpl, signed.url, signed.init, this.lang);
    if (!res.ok) throw await apiError(res, this.lang);
    return { res, started };
  }

  async json(call: ApiCall): Promise<JsonResponse> {
    const { res, started } = await this.fetch(call);
    const text = await res.text();
    let body: Json;
    try {
      body = JSON.parse(text) as Json;
    } catch {
      const type = String(res.headers.get('content-type'));
      throw new ApiError(res.status, 'NOT_JSON', this.t('call.notJson', { type }));
    }
    const requestId =
      (body.requestId as string | undefined) ?? res.headers.get('x-amzn-requestid') ?? undefined;
    return { status: res.status, body, requestId, latencyMs: Math.round(performance.now() - started) };
  }

  /**
   * A newline-delimited JSON response (application/x-ndjson), read as it arrives: each event is
   * yielded as soon as its line is complete, so a caller can print tokens before the stream ends.
   */
  async ndjson(call: ApiCall): Promise<NdjsonResponse> {
    const { res, started } = await this.fetch({ ...call, accept: call.accept ?? 'application/x-ndjson' });
    const requestId = res.headers.get('x-amzn-requestid') ?? undefined;
    return { status: res.status, requestId, started, events: ndjsonEvents(res, this.t) };
  }

  /** The response body as bytes (Polly's audio with `Accept: audio/mpeg`). */
  async binary(call: ApiCall): Promise<BinaryResponse> {
    const { res, started } = await this.fetch(call);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const contentType = res.headers.get('content-type') ?? '';
    if (!contentType.startsWith(call.accept?.split('/')[0] ?? '')) {
      throw new ApiError(
        res.status,
        'UNEXPECTED_MEDIA_TYPE',
        this.t('call.mediaType', { accept: String(call.accept), type: contentType }),
      );
    }
    return {
      status: res.status,
      bytes,
      contentType,
      requestId: res.headers.get('x-request-id') ?? res.headers.get('x-amzn-requestid') ?? undefined,
      latencyMs: Math.round(performance.now() - started),
    };
  }
}

export interface NdjsonResponse {
  readonly status: number;
  readonly requestId?: string;
  /** performance.now() when the request was sent. */
  readonly started: number;
  readonly events: AsyncGenerator<Json>;
}

async function* ndjsonEvents(res: Response, t: ReturnType<typeof words>): AsyncGenerator<Json> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  let pending = '';
  const parse = (line: string): Json => {
    try {
      return JSON.parse(line) as Json;
    } catch {
      throw new ApiError(res.status, 'NOT_NDJSON', t('call.notNdjson', { line: line.slice(0, 80) }));
    }
  };
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (line) yield parse(line);
      nl = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  if (pending.trim()) yield parse(pending.trim());
}

/** What the uploads routes return: a presigned POST (lambda/shared/uploads.ts). */
export interface PresignedUpload {
  readonly url: string;
  readonly fields: Record<string, string>;
  readonly key: string;
}

/** Upload a file with a presigned POST: the fields as given, the file last (S3 requires it). */
export async function uploadPresigned(
  upload: PresignedUpload,
  file: { bytes: Uint8Array; name: string; contentType: string },
  fetchImpl: Fetch = fetch,
  lang: Lang = 'en',
): Promise<void> {
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
  form.append('file', new Blob([Buffer.from(file.bytes)], { type: file.contentType }), file.name);
  const url = new URL(upload.url);
  const res = await send(fetchImpl, url, { method: 'POST', body: form }, lang);
  if (res.ok) return;
  // S3 answers in XML: <Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId></Error>
  const xml = await res.text();
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
  throw new ApiError(
    res.status,
    tag('Code') ?? 'UPLOAD_FAILED',
    words(lang)('call.s3Refused', { message: tag('Message') ?? res.statusText }),
    tag('RequestId'),
  );
}
