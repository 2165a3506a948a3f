/**
 * The playground server tests' shared setup: a playground in-process against the sample stand-in,
 * with a small body limit; `request` and `call` talk to it as a browser (or an attacker) would.
 *
 * `api`, `lab` and `port` are live bindings: `useServerLab` registers the hooks that set them, and
 * a test file that imports them reads the current value each time.
 */
import * as http from 'node:http';
import type { StandIn } from '../cli/stand-in';
import { type Lab, startLab } from './harness';
import { sampleAnswers, startSampleStandIn } from './stand-in';

export const LIMIT = 64 * 1024;
export let api: StandIn;
export let lab: Lab;
export let port: number;

/** Starts the stand-in and the playground before the file's tests, resets them before each. */
export function useServerLab(): void {
  beforeAll(async () => {
    api = await startSampleStandIn();
    lab = await startLab(api, { maxBodyBytes: LIMIT, maxUploadBytes: LIMIT });
    port = lab.playground.port;
  });
  afterAll(async () => {
    await lab.playground.close();
    await api.close();
  });
  beforeEach(() => {
    api.reset();
    sampleAnswers(api);
    lab.log.length = 0;
  });
}

export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
  readonly json: any;
}

/** Everything each reply carried, to search for secrets. */
export const seen: string[] = [];

export function request(
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string | undefined>;
    body?: string | Buffer;
    /** Send the body in chunks without a Content-Length. */
    chunked?: boolean;
    to?: number;
  } = { path: '/' },
): Promise<Reply> {
  const to = options.to ?? port;
  const headers = Object.fromEntries(
    Object.entries({ host: `127.0.0.1:${to}`, ...options.headers }).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: to,
        method: options.method ?? 'GET',
        path: options.path,
        headers,
        setHost: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          seen.push(JSON.stringify(res.headers), text);
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined && options.chunked) {
      const body = Buffer.from(options.body);
      for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.subarray(i, i + 16 * 1024));
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

/** A call as the page makes it. */
export const call = (
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string | undefined> = {},
) =>
  request({
    method,
    path: `/api${route}`,
    headers: {
      'x-playground': '1',
      origin: `http://127.0.0.1:${port}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

export const SENTIMENT = {
  text: 'I love this lab, although Jane Doe found the setup confusing.',
  languageCode: 'en',
};
