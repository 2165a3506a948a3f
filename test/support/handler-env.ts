/**
 * Handlers read their environment when they are imported (bucket names, model ids), and
 * presigning needs a Region and credentials: fake ones, since a presigned POST is computed
 * locally and nothing is sent. Call this before requiring a handler; the environment is
 * restored after the file's tests.
 */
export const FAKE_CREDENTIALS_ENV: Readonly<Record<string, string>> = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

export function useHandlerEnv(env: Record<string, string>): void {
  const saved = { ...process.env };
  Object.assign(process.env, FAKE_CREDENTIALS_ENV, env);
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  afterAll(() => {
    process.env = saved;
  });
}
