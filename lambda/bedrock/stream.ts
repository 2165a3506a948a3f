/**
 * POST /bedrock/converse-stream: the model's answer as it is generated (응답성, responsiveness),
 * through ConverseStream and API Gateway REST response streaming.
 *
 * Wire format: newline-delimited JSON (`application/x-ndjson`), one event per line, readable with
 * `curl -N` and any line reader:
 *   {"type":"start","modelId",…}            once, first
 *   {"type":"token","text":"…"}             as the model generates (text deltas, in order)
 *   {"type":"guardrail","intervened":true,…} when the guardrail stopped the answer (policies only)
 *   {"type":"usage","usage",…,"verified":false,"timing":{"timeToFirstTokenMs","totalMs"}}  last, on success
 *   {"type":"error","error":{code,message,requestId}}  last, when the model stream fails after the 200;
 *     code TIMEOUT when the function's deadline stopped it, with the usage known so far
 *
 * A stream always ends with `usage` or `error`: a stream that ends without one was cut (the
 * function was stopped, a connection broke), and the CLI and the playground say so.
 *
 * Everything that can fail before the model answers (bad body, prompt too large, throttled,
 * no model access) fails before the status line is written, so the caller gets the lab's normal
 * JSON error with its 4xx/5xx status. Once tokens flow the status is 200 and cannot change, so a
 * later failure (throttling mid-stream, a model stream error) is the final `error` event.
 *
 * Guardrail: `streamProcessingMode: 'sync'`. In sync mode the guardrail scans each chunk before it
 * is sent, so a blocked answer never reaches the learner; async sends chunks first and scans in the
 * background, and Bedrock Guardrails does not support masking sensitive information in async mode,
 * which the lab guardrail does (EMAIL, PHONE, NAME are ANONYMIZE). The price is some latency per
 * chunk, which the timing block shows.
 *
 * Deadline: the request's signal (the function's deadline, or the client going away) stops the
 * relay at once, aborts the model stream (the SDK closes its HTTP/2 stream, so Bedrock stops
 * generating), and, on the deadline, writes the final `error` event with code TIMEOUT.
 *
 * Privacy: nothing here logs text. The handler logs status, timings, error names and the usage block.
 */
import type {
  ConverseStreamCommandOutput,
  ConverseStreamOutput,
  GuardrailTraceAssessment,
} from '@aws-sdk/client-bedrock-runtime';
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { DeadlineExceeded } from '../shared/deadline';
import { HttpError, isHttpError } from '../shared/errors';
import { PRICES_AS_OF } from '../shared/pricing';
import type { Usage } from '../shared/usage';
import { type Call, HALLUCINATION_NOTICE, inferenceReport, modelInput, tokenUsage } from './call';
import type { ConverseDeps } from './converse';
import { bedrockError } from './errors';
import { guardrailCallCost, guardrailConfig, guardrailReasons, guardrailReport } from './guardrail';

export const STREAM_CONTENT_TYPE = 'application/x-ndjson; charset=utf-8';

/** How the guardrail treats the stream; see the module comment for why it is sync. */
export const GUARDRAIL_STREAM_MODE = 'sync' as const;

export type StreamEvent =
  | { type: 'start'; [k: string]: unknown }
  | { type: 'token'; text: string }
  | { type: 'guardrail'; [k: string]: unknown }
  | { type: 'usage'; usage: Usage; [k: string]: unknown }
  | { type: 'error'; error: { code: string; message: string; requestId: string }; [k: string]: unknown };

export interface StreamDeps extends ConverseDeps {
  readonly modelId: string;
  /** Milliseconds clock. @default Date.now */
  readonly now?: () => number;
}

export interface StreamOutcome {
  /** `timed-out`: stopped at the deadline; `disconnected`: the client went away first. */
  readonly status: 'completed' | 'failed' | 'timed-out' | 'disconnected';
  readonly usage?: Usage;
  readonly timeToFirstTokenMs?: number;
  readonly totalMs: number;
  readonly tokenEvents: number;
  readonly errorName?: string;
}

/** Exceptions Bedrock sends as events inside the stream (the SDK may also throw them). */
const STREAM_EXCEPTIONS = [
  'internalServerException',
  'modelStreamErrorException',
  'validationException',
  'throttlingException',
  'serviceUnavailableException',
] as const;

function streamException(event: ConverseStreamOutput): Error | undefined {
  for (const key of STREAM_EXCEPTIONS) {
    const e = (event as unknown as Record<string, { message?: string } | undefined>)[key];
    if (e) return Object.assign(new Error(e.message ?? key), { name: key[0]!.toUpperCase() + key.slice(1) });
  }
  return undefined;
}

/**
 * Start the ConverseStream call. Errors here happen before any byte is sent, so the caller answers
 * them as a normal JSON error. @throws HttpError
 */
export async function openModelStream(
  deps: StreamDeps,
  call: Call,
  abortSignal?: AbortSignal,
): Promise<AsyncIterable<ConverseStreamOutput>> {
  const { client, modelId, maxTokensCap, guardrail, region } = deps;
  let out: ConverseStreamCommandOutput;
  try {
    out = await client.send(
      new ConverseStreamCommand({
        ...modelInput(modelId, call, maxTokensCap),
        ...(guardrail
          ? {
              guardrailConfig: { ...guardrailConfig(guardrail), streamProcessingMode: GUARDRAIL_STREAM_MODE },
            }
          : {}),
      }),
      { abortSignal },
    );
  } catch (err) {
    throw bedrockError(err, modelId, region);
  }
  if (!out.stream) {
    throw new HttpError(502, 'UPSTREAM_ERROR', 'Amazon Bedrock answered without an event stream.');
  }
  return out.stream;
}

/** Bedrock sends its token counts in the stream's last event; until then they are unknown. */
export const PARTIAL_USAGE_NOTE =
  "Bedrock reports token counts in the stream's last event, which this stream did not reach: the counts " +
  'are unknown, and the model may still bill the input and the tokens it generated before it was stopped.';

/** What is known of the usage of a stream stopped early. */
function partialUsage(
  deps: StreamDeps,
  seen: { metadata: boolean; inputTokens: number; outputTokens: number; chars: number; tokenEvents: number },
): Usage {
  const known = { partial: true, streamedCharacters: seen.chars, tokenEvents: seen.tokenEvents };
  if (seen.metadata) {
    return {
      ...tokenUsage(deps.modelId, false, [
        { inputTokens: seen.inputTokens, outputTokens: seen.outputTokens, guardrailCostUsd: 0 },
      ]),
      ...known,
    };
  }
  return { unit: 'tokens', quantity: 0, countsReported: false, ...known, note: PARTIAL_USAGE_NOTE };
}

/** A promise that rejects with the signal's reason when it aborts, and a way to stop listening. */
function whenAborted(signal: AbortSignal | undefined): { promise: Promise<never>; dispose: () => void } {
  if (!signal) return { promise: new Promise<never>(() => undefined), dispose: () => undefined };
  let onAbort: () => void = () => undefined;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined); // observed through the race below
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

/**
 * Relay the model stream as NDJSON events through `write`, then the usage (or error) event.
 * `started` is when the request reached the function: time to first token counts from there.
 * `signal` stops the relay: on the deadline (reason DeadlineExceeded) with a final TIMEOUT event
 * and the usage known so far; on anything else (the client went away) without writing more.
 */
export async function relayModelStream(
  deps: StreamDeps,
  call: Call,
  stream: AsyncIterable<ConverseStreamOutput>,
  write: (event: StreamEvent) => void,
  ctx: {
    readonly requestId: string;
    readonly started: number;
    readonly promptEcho: Record<string, unknown>;
    readonly signal?: AbortSignal;
  },
): Promise<StreamOutcome> {
  const { modelId, maxTokensCap, guardrail } = deps;
  const now = deps.now ?? Date.now;
  write({
    type: 'start',
    modelId,
    requestId: ctx.requestId,
    ...ctx.promptEcho,
    inferenceConfig: inferenceReport(maxTokensCap, call),
    guardrail: guardrail
      ? { applied: true, version: guardrail.version, streamProcessingMode: GUARDRAIL_STREAM_MODE }
      : { applied: false },
  });

  let firstTokenAt: number | undefined;
  let tokenEvents = 0;
  let chars = 0;
  let stopReason = 'unknown';
  let inputTokens = 0;
  let outputTokens = 0;
  let metadata = false;
  let modelLatencyMs: number | undefined;
  let trace: GuardrailTraceAssessment | undefined;
  const iterator = stream[Symbol.asyncIterator]();
  const stopped = whenAborted(ctx.signal);
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), stopped.promise]);
      if (next.done) break;
      const event = next.value;
      const failed = streamException(event);
      if (failed) throw failed;
      const text = event.contentBlockDelta?.delta?.text;
      if (typeof text === 'string' && text !== '') {
        firstTokenAt ??= now();
        tokenEvents += 1;
        chars += text.length;
        write({ type: 'token', text });
      }
      if (event.messageStop?.stopReason) stopReason = String(event.messageStop.stopReason);
      if (event.metadata) {
        // Counts are checked, not trusted: a malformed metadata event must not crash the relay
        // after the 200 has been sent.
        metadata = true;
        inputTokens = countOr(event.metadata.usage?.inputTokens, inputTokens);
        outputTokens = countOr(event.metadata.usage?.outputTokens, outputTokens);
        modelLatencyMs = countOr(event.metadata.metrics?.latencyMs, modelLatencyMs);
        trace = event.metadata.trace?.guardrail ?? trace;
      }
    }
    // Aborting can also end the SDK's stream quietly: that is a stop, not an answer.
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    if (!metadata) {
      throw new HttpError(
        502,
        'STREAM_INCOMPLETE',
        'The model stream ended before its last event (the usage): the answer may be cut short.',
      );
    }
  } catch (err) {
    const totalMs = now() - ctx.started;
    const timing = { timeToFirstTokenMs: ttft(firstTokenAt, ctx.started), totalMs };
    if (ctx.signal?.aborted) {
      // Release the model stream; with the SDK's abort its HTTP/2 stream is already closed.
      void iterator.return?.()?.catch(() => undefined);
      const usage = partialUsage(deps, { metadata, inputTokens, outputTokens, chars, tokenEvents });
      const reason: unknown = ctx.signal.reason;
      if (!(reason instanceof DeadlineExceeded)) {
        return { status: 'disconnected', usage, tokenEvents, ...timing, errorName: errorName(reason) };
      }
      write({
        type: 'error',
        error: {
          code: 'TIMEOUT',
          message:
            `The answer was stopped at the function's deadline, ${(reason.budgetMs / 1000).toFixed(1)} s after the ` +
            'request reached it; the text above is incomplete. Ask for fewer tokens (maxTokens), or try a faster model.',
          requestId: ctx.requestId,
        },
        status: 504,
        afterTokenEvents: tokenEvents,
        usage,
        timing,
      });
      return { status: 'timed-out', usage, tokenEvents, ...timing, errorName: 'DeadlineExceeded' };
    }
    const mapped = isHttpError(err) ? err : bedrockError(err, modelId, deps.region);
    write({
      type: 'error',
      error: { code: mapped.code, message: mapped.message, requestId: ctx.requestId },
      status: mapped.status,
      afterTokenEvents: tokenEvents,
      timing,
    });
    return { status: 'failed', tokenEvents, ...timing, errorName: errorName(err) };
  } finally {
    stopped.dispose();
  }

  const reasons = guardrailReasons(trace);
  const inputChars = call.prompt.length + (call.system?.length ?? 0);
  const sample = {
    stopReason,
    reasons,
    inputTokens,
    outputTokens,
    guardrailCostUsd: guardrail ? guardrailCallCost(trace, inputChars, chars) : 0,
  };
  const report = guardrailReport(guardrail, [sample]);
  if (report.intervened)
    write({ type: 'guardrail', intervened: true, reasons, afterTokenEvents: tokenEvents });
  const usage = tokenUsage(modelId, Boolean(guardrail), [sample]);
  const totalMs = now() - ctx.started;
  const timeToFirstTokenMs = ttft(firstTokenAt, ctx.started);
  write({
    type: 'usage',
    modelId,
    stopReason,
    usage,
    guardrail: report,
    timing: { timeToFirstTokenMs, totalMs, modelLatencyMs, tokenEvents },
    verified: false,
    notice: HALLUCINATION_NOTICE,
    pricesAsOf: PRICES_AS_OF,
    requestId: ctx.requestId,
  });
  return { status: 'completed', usage, timeToFirstTokenMs, totalMs, tokenEvents };
}

const errorName = (err: unknown) => (err as { name?: string } | undefined)?.name;

function countOr<T extends number | undefined>(value: unknown, fallback: T): number | T {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

const ttft = (at: number | undefined, started: number) => (at === undefined ? undefined : at - started);
