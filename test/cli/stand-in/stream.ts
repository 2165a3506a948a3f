/** Bedrock's streamed replies as the stand-in plays them, and the tests' tools to time them. */
import { NOTICE, type Reply } from './reply';

export const STREAM_TOKENS = ['A foundation model ', 'is trained ', 'on broad data.'];

/** The NDJSON events of POST /bedrock/converse-stream, as lambda/bedrock/stream.ts writes them. */
export function streamEvents(requestId: string, tokens = STREAM_TOKENS) {
  return {
    start: {
      type: 'start',
      modelId: 'amazon.nova-micro-v1:0',
      requestId,
      guardrail: { applied: true, version: '1', streamProcessingMode: 'sync' },
    },
    tokens: tokens.map((text) => ({ type: 'token', text })),
    usage: {
      type: 'usage',
      modelId: 'amazon.nova-micro-v1:0',
      stopReason: 'end_turn',
      usage: { unit: 'tokens', quantity: 30, inputTokens: 12, outputTokens: 18, estimatedCostUsd: 0.000003 },
      guardrail: { applied: true, version: '1', intervened: false, reasons: [] },
      timing: { timeToFirstTokenMs: 5, totalMs: 15, tokenEvents: tokens.length },
      verified: false,
      notice: NOTICE,
      pricesAsOf: '2025-06-01',
      requestId,
    },
  };
}

/**
 * A gate that holds a streamed reply open until the client shows it got the first token
 * (`release`), or until `ms` pass; `heldOpen()` is false once the timeout has opened it instead.
 */
export function holdGate(ms = 3000) {
  let release!: () => void;
  let open = true;
  let timer: NodeJS.Timeout | undefined;
  const released = new Promise<void>((r) => {
    release = r;
  });
  const timeout = new Promise<void>((r) => {
    timer = setTimeout(r, ms);
  }).then(() => {
    open = false;
  });
  return {
    gate: Promise.race([released, timeout]),
    release,
    heldOpen: () => open,
    /** Stop the timer (call when the test is done). */
    dispose: () => clearTimeout(timer),
  };
}

/**
 * A streamed reply: the start event and the first token, then (after `gate`, if given) the rest
 * with a short pause per token, then the last event (usage by default).
 */
export function streamReply(
  events: unknown[],
  options: { gate?: Promise<unknown>; pauseMs?: number; afterFirst?: number } = {},
): Reply {
  const afterFirst = options.afterFirst ?? 2;
  return {
    status: 200,
    stream: async (write) => {
      for (const [i, e] of events.entries()) {
        if (i === afterFirst && options.gate) await options.gate;
        else if (i > 0) await new Promise((r) => setTimeout(r, options.pauseMs ?? 5));
        write(e);
      }
    },
  };
}
