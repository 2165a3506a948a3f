/**
 * The playground server without a browser: what it accepts (Host, Origin, X-Playground, the
 * route allowlist, body limits), what it forwards and how, and what it never lets out
 * (credentials in responses, request bodies in its log). The page, the samples and the command
 * line are in server-page.test.ts.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { CliError } from '../../cli/signer';
import { SERVICES } from '../../lib/services';
import { ALLOWED_ROUTES, matchRoute } from '../../playground/allowlist';
import { requestLang, SERVER } from '../../playground/messages';
import { startPlayground } from '../../playground/server';
import { KOREAN_CATALOGUE } from '../../scripts/catalogue-ko';
import { labStack, tempDir, testDeps, writeOutputs } from '../cli/harness';
import { TEST_CREDENTIALS } from '../cli/stand-in';
import { startLab } from './harness';
import { api, call, LIMIT, lab, port, request, SENTIMENT, seen, useServerLab } from './server-lab';
import { SAMPLES, SPEECH_MP3 } from './stand-in';

useServerLab();

describe('listening', () => {
  test('on 127.0.0.1 only, at the given port or a free one', () => {
    expect((lab.playground.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(lab.playground.url).toBe(`http://127.0.0.1:${port}/`);
  });
});

describe('Host, Origin and the X-Playground header', () => {
  test.each(['127.0.0.1', 'localhost', 'LOCALHOST'])('the page loads for Host %s:PORT', async (name) => {
    const res = await request({ path: '/', headers: { host: `${name}:${port}` } });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>AI services lab · playground</title>');
  });

  test.each([
    ['a rebound name', () => `attacker.example:${port}`],
    ['another port', () => `127.0.0.1:${port + 1}`],
    ['no port', () => 'localhost'],
  ])('another Host (%s) is refused everywhere, before any forwarding', async (_, host) => {
    for (const p of ['/', '/app.js', '/api/status']) {
      const res = await request({ path: p, headers: { host: host(), 'x-playground': '1' } });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('FORBIDDEN_HOST');
    }
    const res = await call('POST', '/comprehend/sentiment', SENTIMENT, { host: host() });
    expect(res.status).toBe(403);
    expect(api.requests).toEqual([]);
  });

  test('no Host header at all is refused (by Node itself, 400)', async () => {
    const res = await call('POST', '/comprehend/sentiment', SENTIMENT, { host: undefined });
    expect(res.status).toBe(400);
    expect(api.requests).toEqual([]);
  });

  test.each([
    ['another site', () => 'http://attacker.example'],
    ['another port', () => `http://127.0.0.1:${port + 1}`],
    ['https', () => `https://127.0.0.1:${port}`],
    ['an opaque origin', () => 'null'],
  ])('a cross-origin request (%s) is refused and not forwarded', async (_, origin) => {
    const res = await call('POST', '/comprehend/sentiment', SENTIMENT, { origin: origin() });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('FORBIDDEN_ORIGIN');
    expect(api.requests).toEqual([]);
  });

  test('the same origin, by either name, or no Origin at all, is served', async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, undefined]) {
      expect((await call('POST', '/comprehend/sentiment', SENTIMENT, { origin })).status).toBe(200);
    }
  });

  test('/api needs X-Playground: 1 (a cross-site form or image cannot send it)', async () => {
    for (const value of [undefined, '0', 'yes']) {
      const res = await call('POST', '/comprehend/sentiment', SENTIMENT, { 'x-playground': value });
      expect(res.status).toBe(403);
      expect(res.json.error).toEqual({
        code: 'MISSING_HEADER',
        message: 'Requests to /api need the header X-Playground: 1.',
      });
    }
    expect((await call('GET', '/status', undefined, { 'x-playground': undefined })).status).toBe(403);
    expect(api.requests).toEqual([]);
  });

  test('a browser saying the request is cross-site or same-site (Sec-Fetch-Site) is refused', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await call('POST', '/comprehend/sentiment', SENTIMENT, { 'sec-fetch-site': site });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('CROSS_SITE');
    }
    expect(
      (await call('POST', '/comprehend/sentiment', SENTIMENT, { 'sec-fetch-site': 'same-origin' })).status,
    ).toBe(200);
  });

  test('no CORS: a preflight gets no Access-Control-Allow-* header', async () => {
    const res = await request({
      method: 'OPTIONS',
      path: '/api/comprehend/sentiment',
      headers: {
        origin: 'http://attacker.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-playground, content-type',
      },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });
});

describe('the route allowlist', () => {
  test('is the catalogue, every route of every demo', () => {
    expect(ALLOWED_ROUTES).toEqual(SERVICES.flatMap((s) => s.routes.map((r) => `${r.method} ${r.path}`)));
    for (const key of ALLOWED_ROUTES) {
      const [method, route] = key.split(' ') as [string, string];
      expect(matchRoute(method, route.replace(/\{\w+\}/, 'abc-123')).kind).toBe('route');
    }
  });

  test.each([
    ['POST', '/comprehend/secret-route'],
    ['POST', '/iam/create-user'],
    ['GET', '/'],
    ['GET', ''],
    ['POST', '/comprehend/sentiment/extra'],
    ['GET', '/textract/jobs/abc/result'],
  ])('%s /api%s is refused with 404 and nothing is signed', async (method, route) => {
    const res = await call(method, route, method === 'POST' ? {} : undefined);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json.error.code).toBe('UNKNOWN_ROUTE');
    expect(api.requests).toEqual([]);
    expect(api.refused).toEqual([]);
  });

  test('a route with the wrong method is 405', async () => {
    const res = await call('GET', '/comprehend/sentiment');
    expect(res.status).toBe(405);
    expect(res.json.error).toMatchObject({
      code: 'METHOD_NOT_ALLOWED',
      message: '/comprehend/sentiment takes POST.',
    });
  });

  test('a path parameter that is not an id is 400, before forwarding', async () => {
    for (const id of ['a.b', 'a%2Fb', "x'y", '%00']) {
      const res = await call('GET', `/transcribe/jobs/${id}`);
      expect(res.status).toBe(400);
      expect(res.json.error.message).toBe('The path parameter jobName is not valid.');
    }
    // A dot-dot segment is resolved away first: /api/transcribe is no route.
    expect((await call('GET', '/transcribe/jobs/%2e%2e')).status).toBe(404);
    expect(api.requests).toEqual([]);
  });

  test('POST bodies must be JSON objects, without a query string', async () => {
    const post = (body: string, type = 'application/json', query = '') =>
      request({
        method: 'POST',
        path: `/api/comprehend/sentiment${query}`,
        headers: { 'x-playground': '1', 'content-type': type },
        body,
      });
    expect((await post('text=hello', 'application/x-www-form-urlencoded')).json.error.code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect((await post('{"text":')).json.error.code).toBe('INVALID_JSON');
    expect((await post('["a"]')).json.error.message).toBe('The body must be a JSON object.');
    expect((await post('{}', 'application/json', '?x=1')).status).toBe(400);
    expect(api.requests).toEqual([]);
  });
});

describe('forwarding', () => {
  test('a catalogue route is signed server-side (SigV4 the stand-in verifies) and answered as the API did', async () => {
    const res = await call('POST', '/comprehend/sentiment', SENTIMENT);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      sentiment: 'MIXED',
      usage: { unit: 'Comprehend units of 100 characters' },
    });
    expect(res.headers['server-timing']).toMatch(/^upstream;dur=\d+$/);
    expect(api.refused).toEqual([]);
    const [sent] = api.requests;
    expect(sent?.route).toBe('/comprehend/sentiment');
    expect(sent?.body).toEqual(SENTIMENT);
    expect(sent?.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${TEST_CREDENTIALS.accessKeyId}/\\d{8}/us-east-1/execute-api/`,
      ),
    );
    // The browser's own headers are not passed on.
    expect(sent?.headers['x-playground']).toBeUndefined();
    expect(sent?.headers.origin).toBeUndefined();
  });

  test("the API's error comes back with its status and the lab's error shape", async () => {
    const res = await call('POST', '/translate', {
      text: 'Hello',
      sourceLanguage: 'en',
      targetLanguage: 'en',
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('sourceLanguage and targetLanguage must differ'),
      requestId: expect.stringMatching(/^standin-/),
    });
  });

  test('GET routes pass their query string and path parameters', async () => {
    const res = await call('GET', '/translate/languages?displayLanguageCode=ko');
    expect(res.status).toBe(200);
    expect(api.requests[0]?.query).toEqual({ displayLanguageCode: 'ko' });
    const missing = await call('GET', '/transcribe/jobs/ai-lab-0123456789abcdef');
    expect(missing.status).toBe(404);
    expect(api.requests[1]?.params).toEqual({ jobName: 'ai-lab-0123456789abcdef' });
  });

  test("Polly's audio passes through as bytes with its content type when asked for", async () => {
    const speech = { text: 'Hello from the lab.', voiceId: 'Joanna' };
    const audio = await call('POST', '/polly/speech', speech, { accept: 'audio/mpeg' });
    expect(audio.status).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/mpeg');
    expect(audio.body.equals(SPEECH_MP3)).toBe(true);
    expect(api.requests[0]?.headers.accept).toBe('audio/mpeg');
    const json = await call('POST', '/polly/speech', speech);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.json.audioBase64).toEqual(expect.any(String));
  });

  test('an upload goes to the bucket through the presigned POST the API hands out', async () => {
    const pdf = readFileSync(path.join(SAMPLES, 'two-page.pdf'));
    const res = await request({
      method: 'POST',
      path: '/api/upload/textract',
      headers: { 'x-playground': '1', 'content-type': 'application/pdf' },
      body: pdf,
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      key: expect.stringMatching(/^uploads\/[0-9a-f-]{36}\.pdf$/),
      contentType: 'application/pdf',
      bytes: pdf.length,
      requestId: expect.stringMatching(/^standin-/),
    });
    expect(api.requests.map((r) => `${r.method} ${r.route}`)).toEqual(['POST /textract/uploads']);
    expect(api.uploads[0]?.file.bytes.equals(pdf)).toBe(true);
    expect(api.uploads[0]?.order.at(-1)).toBe('file');
    const job = await call('POST', '/textract/jobs', { key: res.json.key, mode: 'text' });
    expect(job.status).toBe(202);
  });

  test('uploads only for the demos that have them, of the types they take', async () => {
    const up = (service: string, type: string) =>
      request({
        method: 'POST',
        path: `/api/upload/${service}`,
        headers: { 'x-playground': '1', 'content-type': type },
        body: 'bytes',
      });
    expect((await up('textract', 'text/html')).status).toBe(415);
    expect((await up('polly', 'audio/mpeg')).status).toBe(404);
    expect((await up('constructor', 'audio/mpeg')).status).toBe(404);
    expect((await up('transcribe', 'audio/mpeg')).status).toBe(200);
    expect(
      (await request({ method: 'GET', path: '/api/upload/textract', headers: { 'x-playground': '1' } }))
        .status,
    ).toBe(405);
  });
});

describe('the body limit', () => {
  const big = JSON.stringify({ text: 'x'.repeat(LIMIT) });

  test('a declared Content-Length over the limit is 413 and nothing is forwarded', async () => {
    const res = await call('POST', '/comprehend/sentiment', JSON.parse(big));
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limitBytes: LIMIT });
    expect(api.requests).toEqual([]);
  });

  test('a chunked body is cut off as soon as it passes the limit', async () => {
    const res = await request({
      method: 'POST',
      path: '/api/comprehend/sentiment',
      headers: { 'x-playground': '1', 'content-type': 'application/json' },
      body: big,
      chunked: true,
    });
    expect(res.status).toBe(413);
    expect(api.requests).toEqual([]);
  });

  test('uploads have their own limit', async () => {
    const res = await request({
      method: 'POST',
      path: '/api/upload/transcribe',
      headers: { 'x-playground': '1', 'content-type': 'audio/mpeg' },
      body: Buffer.alloc(LIMIT + 1, 1),
    });
    expect(res.status).toBe(413);
    expect(api.requests).toEqual([]);
  });

  test('a body under the limit is forwarded', async () => {
    expect((await call('POST', '/comprehend/sentiment', { text: 'x'.repeat(LIMIT - 100) })).status).toBe(200);
  });
});

describe('in the language the page asks for (Accept-Language)', () => {
  test('the language is the first of Accept-Language the lab speaks; English otherwise', () => {
    expect(requestLang('ko')).toBe('ko');
    expect(requestLang('ko-KR,ko;q=0.9,en-US;q=0.8')).toBe('ko');
    expect(requestLang('fr-FR, en;q=0.5')).toBe('en');
    expect(requestLang('ja')).toBe('en');
    expect(requestLang(undefined)).toBe('en');
  });

  test("the server's own errors, in Korean when asked and in English otherwise", async () => {
    const ko = await call('POST', '/comprehend/sentiment', undefined, {
      'accept-language': 'ko',
      'content-type': 'text/plain',
    });
    expect(ko.status).toBe(415);
    expect(ko.json.error).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: SERVER.ko.sendJson });
    const en = await call('POST', '/comprehend/sentiment', undefined, { 'content-type': 'text/plain' });
    expect(en.json.error).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Send the body as application/json.',
    });
    const unknown = await call('GET', '/nope/route', undefined, { 'accept-language': 'ko-KR' });
    expect(unknown.json.error.message).toBe('GET /nope/route는 실습실의 경로가 아닙니다.');
    const large = await call(
      'POST',
      '/comprehend/sentiment',
      { text: 'x'.repeat(LIMIT) },
      {
        'accept-language': 'ko',
      },
    );
    expect(large.status).toBe(413);
    expect(large.json.error).toMatchObject({
      message: `요청 본문이 ${LIMIT}바이트보다 큽니다.`,
      limitBytes: LIMIT,
    });
  });

  test("each demo's concept in Korean, from the Korean catalogue; routes and names as they are", async () => {
    const ko = await call('GET', '/status', undefined, { 'accept-language': 'ko' });
    const en = await call('GET', '/status');
    expect(ko.json.stacks.map((s: any) => s.concept)).toEqual(
      SERVICES.map((s) => KOREAN_CATALOGUE[s.id].concept),
    );
    expect(en.json.stacks.map((s: any) => s.concept)).toEqual(SERVICES.map((s) => s.concept));
    expect(ko.json.stacks.map((s: any) => [s.stackName, s.routes])).toEqual(
      en.json.stacks.map((s: any) => [s.stackName, s.routes]),
    );
  });

  test('an API error from a demo is passed on as the demo wrote it, whatever the language', async () => {
    api.override('POST /comprehend/sentiment', () => ({
      status: 400,
      body: { error: { code: 'INVALID_REQUEST', message: 'text must not be empty', requestId: 'r-1' } },
    }));
    const ko = await call('POST', '/comprehend/sentiment', SENTIMENT, { 'accept-language': 'ko' });
    expect(ko.json.error.message).toBe('text must not be empty');
  });
});

describe('status', () => {
  test('every demo deployed, with its Region and routes', async () => {
    const res = await call('GET', '/status');
    expect(res.status).toBe(200);
    expect(res.json.credentials).toEqual({ ok: true });
    expect(res.json.stacks.map((s: any) => [s.stackName, s.state, s.region])).toEqual(
      SERVICES.map((s) => [labStack(s), 'deployed', 'us-east-1']),
    );
    expect(res.json.stacks[0].routes).toContain('POST /comprehend/sentiment');
  });

  test('a demo that is not deployed: its stack name and the command that deploys it; calls to it are 503', async () => {
    const some = Object.fromEntries(
      SERVICES.filter((s) => s.id !== 'bedrock').map((s) => [labStack(s), api.url]),
    );
    const partial = await startLab(api, { stacks: some });
    try {
      const p = partial.playground.port;
      const res = await request({
        path: '/api/status',
        headers: { host: `localhost:${p}`, 'x-playground': '1' },
        to: p,
      });
      const bedrock = res.json.stacks.find((s: any) => s.id === 'bedrock');
      expect(bedrock).toMatchObject({
        stackName: 'AiLab-Bedrock',
        state: 'not-deployed',
        deployCommand: 'npx cdk deploy AiLab-Bedrock',
        reason: expect.stringContaining('Stack AiLab-Bedrock has no ApiUrl in cdk-outputs.json'),
      });
      const converse = await request({
        method: 'POST',
        path: '/api/bedrock/converse',
        headers: { host: `localhost:${p}`, 'x-playground': '1', 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'hi' }),
        to: p,
      });
      expect(converse.status).toBe(503);
      expect(converse.json.error).toMatchObject({
        code: 'NOT_DEPLOYED',
        stackName: 'AiLab-Bedrock',
        deployCommand: 'npx cdk deploy AiLab-Bedrock',
      });
    } finally {
      await partial.playground.close();
    }
  });
});

describe('secrets and privacy', () => {
  test('no response ever carries the credentials', async () => {
    await call('GET', '/status');
    await call('POST', '/comprehend/pii', { text: 'Hello, my name is Jane Doe.' });
    await call('POST', '/translate', { text: 'x', sourceLanguage: 'en', targetLanguage: 'en' });
    await call('POST', '/polly/speech', { text: 'Hi' }, { accept: 'audio/mpeg' });
    await call('POST', '/nope', {});
    await request({ path: '/' });
    await request({ path: '/app.js' });
    const everything = seen.join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of Object.values(TEST_CREDENTIALS)) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/AWS4-HMAC-SHA256|x-amz-security-token|X-Amz-Signature/i);
    // …while the stand-in did receive them: the server signed.
    expect(api.requests[0]?.headers['x-amz-security-token']).toBe(TEST_CREDENTIALS.sessionToken);
  });

  test('without usable credentials the page is told so, in words that hold no secret', async () => {
    const cwd = tempDir();
    writeOutputs(cwd, { 'AiLab-Comprehend': api.url });
    const failing = await startPlayground({
      port: 0,
      globals: { outputsFile: 'cdk-outputs.json' },
      deps: testDeps({
        cwd,
        credentials: async () => {
          throw new CliError('No usable AWS credentials (Could not load credentials from any providers).');
        },
      }),
      log: () => {},
    });
    try {
      const p = failing.port;
      const headers = { host: `127.0.0.1:${p}`, 'x-playground': '1', 'content-type': 'application/json' };
      const status = await request({ path: '/api/status', headers, to: p });
      expect(status.json.credentials).toEqual({
        ok: false,
        message: 'No usable AWS credentials (Could not load credentials from any providers).',
      });
      const res = await request({
        method: 'POST',
        path: '/api/comprehend/sentiment',
        headers,
        body: JSON.stringify(SENTIMENT),
        to: p,
      });
      expect(res.status).toBe(502);
      expect(res.json.error.message).toMatch(/^No usable AWS credentials/);
    } finally {
      await failing.close();
    }
  });

  test('the log has one line per call, with the route and status, never what was sent or received', async () => {
    const secret = 'my passport number is X1234567 and my name is Jane Doe';
    await call('POST', '/comprehend/pii', { text: secret });
    await call('POST', '/translate', { text: secret, targetLanguage: 'ko' });
    await call('POST', '/comprehend/toxicity', { text: secret });
    expect(lab.log).toEqual([
      expect.stringMatching(/^POST \/comprehend\/pii → 200 \(\d+ ms\)$/),
      expect.stringMatching(/^POST \/translate → 200 \(\d+ ms\)$/),
      expect.stringMatching(/^POST \/comprehend\/toxicity → 200 \(\d+ ms\)$/),
    ]);
    expect(lab.log.join('\n')).not.toMatch(/passport|Jane|X1234567|생성형/);
  });
});
