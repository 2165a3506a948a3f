/**
 * SDK client settings shared by every demo. Timeouts and retries are explicit and sized so a
 * call (with its retries) finishes inside the Lambda timeout, which itself stays under
 * API Gateway's 29 s integration limit.
 */
export interface ClientSettings {
  /** Total attempts including the first. */
  readonly maxAttempts: number;
  /** Per-attempt socket timeout in ms. */
  readonly requestTimeoutMs: number;
}

/** Default for the fast AI APIs (Comprehend, Translate, Rekognition, ...): 3 × 5 s < 20 s Lambda timeout. */
export const FAST_API: ClientSettings = { maxAttempts: 3, requestTimeoutMs: 5_000 };

export function clientConfig(settings: ClientSettings = FAST_API) {
  return {
    maxAttempts: settings.maxAttempts,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: settings.requestTimeoutMs },
  };
}

/** Read a required environment variable at start-up; fail fast with a clear message. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set; the stack should set it.`);
  return value;
}
