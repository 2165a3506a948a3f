/**
 * The page's only way out: same-origin calls to the playground server, which signs and forwards
 * them. Every /api call carries `X-Playground: 1` and the page's language as Accept-Language; a
 * failed call becomes an ApiFailure holding the
 * API's own error (`{"error": {"code", "message", "requestId"}}`).
 */

import { lang, messages } from './i18n';
import { UI } from './messages/ui';

const t = messages(UI);

export type Json = Record<string, unknown>;

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly deployCommand?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface JsonReply<T = Json> {
  readonly status: number;
  readonly body: T;
  /** Time the deployed API took, as the server measured it. */
  readonly latencyMs?: number;
}

/** On every call: the marker the server requires, and the page's language for the server's own messages. */
const headers = () => ({ 'X-Playground': '1', 'Accept-Language': lang() });

function latency(res: Response): number | undefined {
  const m = /upstream;dur=(\d+)/.exec(res.headers.get('server-timing') ?? '');
  return m ? Number(m[1]) : undefined;
}

async function failure(res: Response): Promise<ApiFailure> {
  const text = await res.text();
  try {
    const e = (JSON.parse(text) as { error?: Record<string, string>; message?: string }).error;
    if (e)
      return new ApiFailure(res.status, e.code ?? 'ERROR', e.message ?? '', e.requestId, e.deployCommand);
  } catch {
    // not JSON
  }
  return new ApiFailure(res.status, 'HTTP_ERROR', text.slice(0, 300) || res.statusText);
}

async function request(path: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiFailure(0, 'NETWORK', t('network'));
  }
  if (!res.ok) throw await failure(res);
  return res;
}

/** Call a route of the lab, e.g. `api('POST', '/comprehend/sentiment', { body: { text } })`. */
export async function api<T = Json>(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: Json; query?: Record<string, string | undefined> } = {},
): Promise<JsonReply<T>> {
  const query = Object.entries(options.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
  const search = query.length ? `?${new URLSearchParams(query)}` : '';
  const res = await request(`/api${path}${search}`, {
    method,
    headers: {
      ...headers(),
      Accept: 'application/json',
      ...(options.body && { 'Content-Type': 'application/json' }),
    },
    ...(options.body && { body: JSON.stringify(options.body) }),
  });
  return { status: res.status, body: (await res.json()) as T, latencyMs: latency(res) };
}

/**
 * A streamed route (POST /bedrock/converse-stream): each NDJSON event handed to onEvent as soon as
 * its line has arrived, so the page can show tokens while the model is still generating.
 */
export async function apiStream(path: string, body: Json, onEvent: (event: Json) => void): Promise<void> {
  const res = await request(`/api${path}`, {
    method: 'POST',
    headers: { ...headers(), Accept: 'application/x-ndjson', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.body) throw new ApiFailure(res.status, 'NO_BODY', t('noBody'));
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  const emit = (line: string) => {
    if (line.trim()) onEvent(JSON.parse(line) as Json);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      emit(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
      nl = pending.indexOf('\n');
    }
  }
  emit(pending + decoder.decode());
}

/** Polly's speech as audio bytes (`Accept: audio/mpeg`), ready for an <audio> element. */
export async function apiAudio(
  path: string,
  body: Json,
  accept: string,
): Promise<{ blob: Blob; requestId?: string; latencyMs?: number }> {
  const res = await request(`/api${path}`, {
    method: 'POST',
    headers: { ...headers(), Accept: accept, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    blob: await res.blob(),
    requestId: res.headers.get('x-request-id') ?? undefined,
    latencyMs: latency(res),
  };
}

/** Upload a file to a demo's bucket through the server (presigned POST); returns its key. */
export async function uploadFile(service: 'textract' | 'transcribe', file: Blob): Promise<{ key: string }> {
  const res = await request(`/api/upload/${service}`, {
    method: 'POST',
    headers: { ...headers(), 'Content-Type': file.type },
    body: file,
  });
  return (await res.json()) as { key: string };
}

/** A committed sample, e.g. `text/pii.json` or `street-scene.jpg`. */
export async function sample(name: string): Promise<Blob> {
  const res = await request(`/samples/${name}`, { method: 'GET' });
  return res.blob();
}

export async function sampleJson<T = Json>(name: string): Promise<T> {
  return JSON.parse(await (await sample(name)).text()) as T;
}

/** The file's bytes in base64, as the demos take images, documents and short clips. */
export async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
