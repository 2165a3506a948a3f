/**
 * How long the streaming function (and its API Gateway STREAM integration) may run: long enough
 * for the largest answer the token cap allows, within what AWS allows a streamed response.
 *
 * AWS's limits (lambda/shared/limits.ts has each with its source and the date read):
 * - API Gateway REST response streaming: "The maximum duration for response streaming is 15
 *   minutes"; "you can configure the integration timeout up to 15 minutes"; the stream is cut
 *   after 5 minutes idle on a Regional endpoint (30 s edge-optimized), and the integration
 *   timeout otherwise stays at its 29 s default.
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-http.html
 * - Lambda: a function runs at most 900 s; a streamed response may hold up to 200 MB
 *   (https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html); when the
 *   client disconnects the function keeps running, and is billed, until it ends or times out (the
 *   Chinese-Region copy of that page; see limits.ts), which is why the handler aborts on a disconnect.
 *
 * The answer's length in time is the cap in tokens divided by the model's output speed, which
 * depends on the model, the Region and the load; AWS publishes no floor. The lab assumes at
 * least `ASSUMED_TOKENS_PER_SECOND` (an assumption, not a measurement: a slower model or a busy
 * guardrail can miss it) plus `FIRST_TOKEN_ALLOWANCE_S` before the first token. If an answer
 * still runs out of time, the stream ends honestly with a TIMEOUT event and the usage so far.
 * The timeout only bounds a stuck or very slow stream: a normal answer ends as soon as the model
 * stops, so a longer timeout costs nothing extra.
 */

import { AWS_LIMITS } from '../shared/limits';

/** Assumed slowest output speed, tokens per second (unverified; see above). */
export const ASSUMED_TOKENS_PER_SECOND = 25;
/** Time allowed before the first token: connection, guardrail on the prompt, the model's start. */
export const FIRST_TOKEN_ALLOWANCE_S = 20;
/** Never below a minute: the default 512-token cap is far inside it. */
export const STREAM_TIMEOUT_MIN_S = 60;
/** Lambda's maximum function timeout, which is also API Gateway's maximum streaming duration. */
export const STREAM_TIMEOUT_MAX_S = Math.min(
  AWS_LIMITS.lambdaMaxTimeout.value,
  AWS_LIMITS.apiGatewayStreamingMaxDuration.value,
);

/** The streaming function's timeout, and its integration's, for a token cap, in whole seconds. */
export function streamTimeoutSeconds(maxTokensCap: number): number {
  const needed = FIRST_TOKEN_ALLOWANCE_S + Math.ceil(maxTokensCap / ASSUMED_TOKENS_PER_SECOND);
  return Math.min(STREAM_TIMEOUT_MAX_S, Math.max(STREAM_TIMEOUT_MIN_S, needed));
}
