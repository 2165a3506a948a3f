/**
 * SDK client settings shared by every demo. Timeouts and retries are explicit and sized so a
 * call (with its retries) finishes inside the Lambda timeout, which itself stays under
 * API Gateway's 29 s integration limit.
 */
export interface ClientSettings {
  /** Total attempts including the first. */
  readonly maxAttempts: number;
  /** Per-attempt time to open the connection, in ms. */
  readonly connectionTimeoutMs: number;
  /** Per-attempt socket timeout in ms. */
  readonly requestTimeoutMs: number;
}

/**
 * Default for the fast AI APIs (Comprehend, Translate, Rekognition, Polly, ...):
 * 3 attempts × (1 s connect + 4 s request) = 15 s, plus the SDK's jittered backoff between
 * attempts (well under a second for two retries), inside the 20 s Lambda timeout, which is
 * inside API Gateway's 29 s.
 */
export const FAST_API: ClientSettings = {
  maxAttempts: 3,
  connectionTimeoutMs: 1_000,
  requestTimeoutMs: 4_000,
};

/** Worst-case time the SDK may spend on one call, retries included (excluding backoff). */
export function worstCaseMs(settings: ClientSettings): number {
  return settings.maxAttempts * (settings.connectionTimeoutMs + settings.requestTimeoutMs);
}

export function clientConfig(settings: ClientSettings = FAST_API) {
  return {
    maxAttempts: settings.maxAttempts,
    requestHandler: {
      connectionTimeout: settings.connectionTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      // Without this, the Node.js handler only logs a warning when requestTimeout passes and
      // keeps waiting, so a hung attempt would run into the Lambda timeout instead of retrying.
      throwOnRequestTimeout: true,
    },
  };
}

/** Read a required environment variable at start-up; fail fast with a clear message. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set; the stack should set it.`);
  return value;
}
