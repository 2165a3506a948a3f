/**
 * The SDK settings do what their arithmetic claims: an attempt that hangs is abandoned after
 * requestTimeout and retried, so the worst case is bounded. Run against a local server that
 * accepts connections and never answers.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ComprehendClient, DetectSentimentCommand } from '@aws-sdk/client-comprehend';
import { clientConfig, worstCaseMs } from '../../../lambda/shared/aws';

let server: http.Server;
let endpoint: string;
let requests = 0;

beforeAll(async () => {
  server = http.createServer(() => {
    requests += 1; // never respond
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('a hung request times out after requestTimeout and is retried up to maxAttempts', async () => {
  const settings = { maxAttempts: 2, connectionTimeoutMs: 200, requestTimeoutMs: 300 };
  const client = new ComprehendClient({
    ...clientConfig(settings),
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });
  const started = Date.now();
  await expect(
    client.send(new DetectSentimentCommand({ Text: 'x', LanguageCode: 'en' })),
  ).rejects.toMatchObject({ name: 'TimeoutError' });
  const elapsed = Date.now() - started;
  expect(requests).toBe(2);
  // Both attempts timed out on requestTimeout (plus a short retry backoff), not on some
  // longer default: the bound worstCaseMs promises holds.
  expect(elapsed).toBeGreaterThanOrEqual(2 * settings.requestTimeoutMs);
  expect(elapsed).toBeLessThan(worstCaseMs(settings) + 1_500);
  client.destroy();
});
