/**
 * A small router for API Gateway (REST, Lambda proxy) events. It owns everything the demos
 * share: size ceiling, JSON parsing, zod validation, error mapping, the error shape, the
 * `usage` block, the usage metric and content-free logging. Each demo only declares routes.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod';
import { assertOfferedHere, type RegionGaps, readRegionGaps } from './availability';
import { parseJson, rawBody, validate } from './body';
import { type Deadline, deadlineError, requestDeadline } from './deadline';
import { type AwsErrorOverride, HttpError, isHttpError, toHttpError } from './errors';
import { createLogger, createMetrics } from './logger';
import { USAGE_METRICS, type Usage, usageMetricsSettings } from './usage';

/**
 * The default body ceiling for routes that take text or small JSON (256 KB). Routes that carry
 * base64 media set their own `maxBodyBytes`, derived from the API's byte limit, API Gateway's
 * 10 MB request and Lambda's 6 MB synchronous payload (see each demo's schemas.ts).
 */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export interface RouteContext {
  readonly requestId: string;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly logger: Logger;
  /**
   * Aborts at the request's deadline: pass it to every AWS call the route makes
   * (`client.send(command, { abortSignal: ctx.signal })`), so the route answers before the
   * Lambda timeout (lambda/shared/deadline.ts).
   */
  readonly signal: AbortSignal;
  /** The request's deadline, for a route that plans its own work (e.g. how many result pages to fetch). */
  readonly deadline: Pick<Deadline, 'remainingMs' | 'budgetMs'>;
}

export interface JsonResult {
  readonly body: Record<string, unknown>;
  readonly usage?: Usage;
  readonly status?: number;
}

export interface BinaryResult {
  readonly binary: Uint8Array;
  readonly contentType: string;
  readonly usage?: Usage;
}

export type RouteResult = JsonResult | BinaryResult;

export interface Route<S extends z.ZodType = z.ZodType> {
  readonly method: 'GET' | 'POST';
  /** The API Gateway resource path, e.g. `/comprehend/sentiment` or `/transcribe/jobs/{jobName}`. */
  readonly path: string;
  /** Schema for the JSON body (POST) or the query string (GET). */
  readonly schema: S;
  /** Body ceiling for this route in bytes. @default DEFAULT_MAX_BODY_BYTES */
  readonly maxBodyBytes?: number;
  readonly handle: (input: z.infer<S>, ctx: RouteContext) => Promise<RouteResult>;
}

/** Declare a route with its input type inferred from the schema. */
export function route<S extends z.ZodType>(r: Route<S>): Route<S> {
  return r;
}

export interface ApiHandlerOptions {
  /** Service name for logs and metrics, e.g. `comprehend`. */
  readonly service: string;
  // biome-ignore lint/suspicious/noExplicitAny: routes differ in their input types
  readonly routes: ReadonlyArray<Route<any>>;
  /** Friendlier messages for AWS error names this demo knows well. */
  readonly errorOverrides?: Record<string, AwsErrorOverride>;
  /** @default a Powertools Logger for `service` */
  readonly logger?: Logger;
  /** @default Powertools Metrics in the lab's namespace */
  readonly metrics?: Metrics;
  /** What this Region does not offer (lambda/shared/availability.ts). @default read from the environment */
  readonly regionGaps?: RegionGaps;
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

export function jsonResponse(status: number, body: unknown): APIGatewayProxyResult {
  return { statusCode: status, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

export function errorResponse(err: HttpError, requestId: string): APIGatewayProxyResult {
  const error: Record<string, unknown> = { code: err.code, message: err.message, requestId };
  if (err.details !== undefined) error.details = err.details;
  return jsonResponse(err.status, { error });
}

/**
 * Emit a served call's billable units by route, and with the dashboard deployed its estimated cost
 * (when priced) and the time the function took: what the lab dashboard graphs
 * (lambda/shared/usage.ts says why the last two wait for it). Counts and amounts only, never content.
 */
export function publishUsage(
  metrics: Metrics,
  resource: string,
  usage: Usage,
  durationMs?: number,
  dashboard: boolean = usageMetricsSettings().dashboard,
): void {
  metrics.addDimension('route', resource);
  metrics.addMetric(USAGE_METRICS.billableUnits, MetricUnit.Count, usage.quantity);
  if (dashboard && typeof usage.estimatedCostUsd === 'number')
    metrics.addMetric(USAGE_METRICS.estimatedCost, MetricUnit.NoUnit, usage.estimatedCostUsd);
  if (dashboard && durationMs !== undefined)
    metrics.addMetric(USAGE_METRICS.latency, MetricUnit.Milliseconds, durationMs);
  metrics.publishStoredMetrics();
}

/** What the handlers read of Lambda's context: the request id, and the time left (for the deadline). */
export type HandlerContext = Pick<Context, 'awsRequestId'> &
  Partial<Pick<Context, 'getRemainingTimeInMillis'>>;

/**
 * The error to answer with: the deadline's 504 when the deadline has passed and the failure is
 * not the caller's own (a 4xx found before the time ran out stays a 4xx), else `err` mapped.
 */
export function failureOf(
  err: unknown,
  deadline: Pick<Deadline, 'expired' | 'budgetMs'>,
  overrides?: Record<string, AwsErrorOverride>,
): HttpError {
  const mapped = toHttpError(err, overrides);
  if (deadline.expired && !(isHttpError(err) && err.status < 500)) return deadlineError(deadline.budgetMs);
  return mapped;
}

/** The request id API Gateway gave the call, else Lambda's, else `local`. */
export function requestIdOf(event: APIGatewayProxyEvent, context?: Pick<Context, 'awsRequestId'>): string {
  return event.requestContext?.requestId ?? context?.awsRequestId ?? 'local';
}

export function lowerCaseHeaders(
  headers: APIGatewayProxyEvent['headers'] | null | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

function isBinary(result: RouteResult): result is BinaryResult {
  return 'binary' in result;
}

/** Build the Lambda handler for a demo from its routes. */
export function createApiHandler(options: ApiHandlerOptions) {
  const logger = options.logger ?? createLogger(options.service);
  const metrics = options.metrics ?? createMetrics(options.service);
  const byKey = new Map(options.routes.map((r) => [`${r.method} ${r.path}`, r]));
  const paths = new Set(options.routes.map((r) => r.path));
  const gaps = options.regionGaps ?? readRegionGaps();

  return async (event: APIGatewayProxyEvent, context?: HandlerContext) => {
    const requestId = requestIdOf(event, context);
    const resource = event.resource ?? event.path ?? '';
    const started = Date.now();
    const deadline = requestDeadline(context);
    logger.appendKeys({ requestId, route: `${event.httpMethod} ${resource}` });
    try {
      const r = byKey.get(`${event.httpMethod} ${resource}`);
      if (!r) {
        throw paths.has(resource)
          ? new HttpError(405, 'METHOD_NOT_ALLOWED', `${event.httpMethod} is not supported on ${resource}.`)
          : new HttpError(404, 'NOT_FOUND', `No route ${event.httpMethod} ${resource}.`);
      }
      // A route whose service, feature or model this Region lacks: one 501, before anything else.
      assertOfferedHere(`${r.method} ${r.path}`, gaps);
      const input =
        r.method === 'GET'
          ? validate(r.schema, event.queryStringParameters ?? {}, 'query')
          : validate(r.schema, parseJson(rawBody(event, r.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)));
      const ctx: RouteContext = {
        requestId,
        headers: lowerCaseHeaders(event.headers),
        pathParameters: (event.pathParameters ?? {}) as Record<string, string>,
        logger,
        signal: deadline.signal,
        deadline,
      };
      const result = await deadline.race(r.handle(input, ctx));
      if (result.usage) publishUsage(metrics, resource, result.usage, Date.now() - started);
      logger.info('request served', { status: 200, durationMs: Date.now() - started, usage: result.usage });
      if (isBinary(result)) {
        return {
          statusCode: 200,
          headers: { 'Content-Type': result.contentType, 'X-Request-Id': requestId },
          body: Buffer.from(result.binary).toString('base64'),
          isBase64Encoded: true,
        };
      }
      return jsonResponse(result.status ?? 200, { ...result.body, usage: result.usage, requestId });
    } catch (err) {
      const httpError = failureOf(err, deadline, options.errorOverrides);
      const log = httpError.status >= 500 ? logger.error.bind(logger) : logger.warn.bind(logger);
      // Only the error's name and our own message: AWS messages are not logged in case they quote input.
      log('request failed', {
        status: httpError.status,
        code: httpError.code,
        errorName: (err as { name?: string })?.name,
        durationMs: Date.now() - started,
        ...(deadline.budgetMs !== undefined && { budgetMs: deadline.budgetMs }),
      });
      return errorResponse(httpError, requestId);
    } finally {
      deadline.dispose();
      logger.removeKeys(['requestId', 'route']);
    }
  };
}
