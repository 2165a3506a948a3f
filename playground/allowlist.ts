/**
 * Which requests the playground forwards: exactly the routes of the demo catalogue
 * (lib/services.ts), matched by method and path. Anything else is refused before it is signed.
 */
import { FORMATS } from '../lambda/polly/schemas';
import type { UploadKind } from '../lambda/shared/uploads';
import { DOCUMENT_UPLOAD } from '../lambda/textract/schemas';
import { AUDIO_UPLOAD } from '../lambda/transcribe/schemas';
import { type DemoRoute, type DemoService, SERVICES } from '../lib/services';

export interface RouteMatch {
  readonly service: DemoService;
  readonly route: DemoRoute;
  /** Path parameters, e.g. { jobId: '…' }, already checked against PATH_PARAM. */
  readonly params: Record<string, string>;
}

/** Job ids and names: letters, digits, `-` and `_` (Textract's JobId, the lab's job names). */
export const PATH_PARAM = /^[A-Za-z0-9_-]{1,128}$/;

const TABLE = SERVICES.flatMap((service) =>
  service.routes.map((route) => ({
    service,
    route,
    pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
  })),
);

export type MatchResult =
  | { readonly kind: 'route'; readonly match: RouteMatch }
  /** The path is a route, but not for this method. */
  | { readonly kind: 'method'; readonly allowed: string[] }
  | { readonly kind: 'bad-param'; readonly name: string }
  | { readonly kind: 'unknown' };

/** Match `GET /textract/jobs/abc` (the path after `/api`) against the catalogue. */
export function matchRoute(method: string, routePath: string): MatchResult {
  const hits = TABLE.filter((r) => r.pattern.test(routePath));
  if (hits.length === 0) return { kind: 'unknown' };
  const hit = hits.find((r) => r.route.method === method);
  if (!hit) return { kind: 'method', allowed: hits.map((r) => r.route.method) };
  const params = { ...(hit.pattern.exec(routePath)?.groups ?? {}) };
  for (const [name, value] of Object.entries(params)) {
    if (!PATH_PARAM.test(value)) return { kind: 'bad-param', name };
  }
  return { kind: 'route', match: { service: hit.service, route: hit.route, params } };
}

/** Every forwarded route as `METHOD /path`, for the docs and the tests. */
export const ALLOWED_ROUTES: readonly string[] = TABLE.map((r) => `${r.route.method} ${r.route.path}`);

/** Demos whose uploads route the playground completes server-side (presigned POST to S3). */
export const UPLOADS: Readonly<Record<string, UploadKind>> = {
  textract: DOCUMENT_UPLOAD,
  transcribe: AUDIO_UPLOAD,
};

/** What Polly's speech route can return as bytes (the Accept header the playground forwards). */
export const AUDIO_ACCEPT: readonly string[] = Object.values(FORMATS);
