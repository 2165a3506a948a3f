import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DetectFacesCommand,
  type DetectFacesResponse,
  DetectLabelsCommand,
  type DetectLabelsResponse,
  DetectModerationLabelsCommand,
  type DetectModerationLabelsResponse,
  DetectTextCommand,
  type DetectTextResponse,
  RekognitionClient,
} from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../lambda/rekognition/handler';
import { MAX_BODY_BYTES, MAX_IMAGE_BYTES } from '../../../lambda/rekognition/schemas';
import { apiEvent, bodyOf } from '../../support/events';
import { jpegHeader, pngHeader } from '../../support/images';
import { useCapturedLogs } from '../../support/logs';

const rekognition = mockClient(RekognitionClient);
const logs = useCapturedLogs();
beforeEach(() => rekognition.reset());

const root = path.join(__dirname, '../../..');
const file = (p: string) => fs.readFileSync(path.join(root, p));
const fixture = <T>(name: string): T =>
  JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/rekognition', name), 'utf8')) as T;

const STREET = file('samples/street-scene.jpg');
const INVOICE = file('samples/invoice-form.png');
const STREET_B64 = STREET.toString('base64');
const INVOICE_B64 = INVOICE.toString('base64');

const call = (resource: string, body: unknown) => handler(apiEvent({ resource, body }));

function awsError(name: string, status = 400) {
  return Object.assign(new Error(`${name} from AWS`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

const USAGE = { unit: 'images', quantity: 1, estimatedCostUsd: 0.001 };

describe('POST /rekognition/labels', () => {
  it('returns readable labels for the street scene, with the defaults 10 labels and 70 %', async () => {
    rekognition.on(DetectLabelsCommand).resolves(fixture<DetectLabelsResponse>('detect-labels.json'));

    const res = await call('/rekognition/labels', { image: STREET_B64 });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body.modelVersion).toBe('3.0');
    expect(body.labels.map((l: { name: string }) => l.name)).toEqual(
      expect.arrayContaining(['Car', 'Vehicle', 'Road']),
    );
    expect(body.labels[0]).toMatchObject({
      name: 'Car',
      confidence: 99.2,
      parents: ['Transportation', 'Vehicle'],
    });
    expect(body.labels[0].instances).toHaveLength(2);
    expect(body).toMatchObject({ maxLabels: 10, minConfidence: 70, requestId: 'req-0001' });
    expect(body.usage).toEqual({ ...USAGE, operation: 'DetectLabels' });
    expect(rekognition).toHaveReceivedCommandTimes(DetectLabelsCommand, 1);
    expect(rekognition).toHaveReceivedCommandWith(DetectLabelsCommand, {
      Image: { Bytes: new Uint8Array(STREET) },
      MaxLabels: 10,
      MinConfidence: 70,
    });
  });

  it('passes maxLabels and minConfidence through, and accepts a data: URL', async () => {
    rekognition.on(DetectLabelsCommand).resolves({ Labels: [], LabelModelVersion: '3.0' });
    const res = await call('/rekognition/labels', {
      image: `data:image/png;base64,${INVOICE_B64}`,
      maxLabels: 100,
      minConfidence: 0,
    });
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res).labels).toEqual([]);
    expect(rekognition).toHaveReceivedCommandWith(DetectLabelsCommand, {
      Image: { Bytes: new Uint8Array(INVOICE) },
      MaxLabels: 100,
      MinConfidence: 0,
    });
  });

  it(`accepts an image of exactly ${MAX_IMAGE_BYTES} bytes in a body under the route's ceiling`, async () => {
    rekognition.on(DetectLabelsCommand).resolves({ Labels: [] });
    const body = JSON.stringify({ image: jpegHeader(640, 480, MAX_IMAGE_BYTES).toString('base64') });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    const res = await call('/rekognition/labels', body);
    expect(res.statusCode).toBe(200);
  });
});

describe('POST /rekognition/text', () => {
  it('returns lines with their words, and states the 100-word limit', async () => {
    const out = fixture<DetectTextResponse>('detect-text.json');
    rekognition.on(DetectTextCommand).resolves(out);

    const res = await call('/rekognition/text', { image: INVOICE_B64 });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body.lines.map((l: { text: string }) => l.text)).toEqual(
      (out.TextDetections ?? []).filter((d) => d.Type === 'LINE').map((d) => d.DetectedText),
    );
    expect(body.lines[0].words.length).toBeGreaterThan(0);
    expect(body.maxWords).toBe(100);
    expect(body.note).toBeUndefined();
    expect(body.usage).toEqual({ ...USAGE, operation: 'DetectText' });
    expect(rekognition).toHaveReceivedCommandWith(DetectTextCommand, {
      Image: { Bytes: new Uint8Array(INVOICE) },
    });
  });

  it('says when the answer reached the 100-word limit', async () => {
    rekognition.on(DetectTextCommand).resolves({
      TextDetections: Array.from({ length: 100 }, (_, i) => ({ Type: 'WORD', DetectedText: `w${i}`, Id: i })),
    });
    const body = bodyOf(await call('/rekognition/text', { image: STREET_B64 }));
    expect(body.wordCount).toBe(100);
    expect(body.note).toMatch(/at most 100 words/);
  });
});

describe('POST /rekognition/faces', () => {
  it('asks for ALL attributes and summarises each face', async () => {
    rekognition.on(DetectFacesCommand).resolves(fixture<DetectFacesResponse>('detect-faces.json'));

    const res = await call('/rekognition/faces', { image: STREET_B64 });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body.faceCount).toBe(body.faces.length);
    expect(body.faces[0]).toMatchObject({
      ageRange: { low: 26, high: 34 },
      topEmotion: { type: 'HAPPY', confidence: 98.1 },
      attributes: { smile: { value: true, confidence: 99.1 } },
    });
    expect(body.notes.length).toBeGreaterThan(0);
    expect(body.usage).toEqual({ ...USAGE, operation: 'DetectFaces' });
    expect(rekognition).toHaveReceivedCommandWith(DetectFacesCommand, {
      Image: { Bytes: new Uint8Array(STREET) },
      Attributes: ['ALL'],
    });
  });
});

describe('POST /rekognition/moderation', () => {
  it('flags unwanted content (사회적 위험) at the default 50 % threshold', async () => {
    rekognition
      .on(DetectModerationLabelsCommand)
      .resolves(fixture<DetectModerationLabelsResponse>('detect-moderation-labels.json'));

    const res = await call('/rekognition/moderation', { image: STREET_B64 });

    expect(res.statusCode).toBe(200);
    const body = bodyOf(res);
    expect(body).toMatchObject({ verdict: 'flagged', flagged: true, minConfidence: 50 });
    expect(body.categories).toEqual(['Drugs & Tobacco', 'Alcohol']);
    expect(body.notice).toMatch(/사회적 위험/);
    expect(body.note).toMatch(/social risk/);
    expect(body.usage).toEqual({ ...USAGE, operation: 'DetectModerationLabels' });
    expect(rekognition).toHaveReceivedCommandWith(DetectModerationLabelsCommand, {
      Image: { Bytes: new Uint8Array(STREET) },
      MinConfidence: 50,
    });
  });

  it('applies a higher minConfidence to the call and to the verdict', async () => {
    rekognition
      .on(DetectModerationLabelsCommand)
      .resolves(fixture<DetectModerationLabelsResponse>('detect-moderation-labels.json'));
    const body = bodyOf(await call('/rekognition/moderation', { image: STREET_B64, minConfidence: 90 }));
    expect(body.categories).toEqual(['Drugs & Tobacco']);
    expect(body.labels.every((l: { confidence: number }) => l.confidence >= 90)).toBe(true);
    expect(rekognition).toHaveReceivedCommandWith(DetectModerationLabelsCommand, { MinConfidence: 90 });
  });

  it('is clear when nothing reaches the threshold', async () => {
    rekognition
      .on(DetectModerationLabelsCommand)
      .resolves(fixture<DetectModerationLabelsResponse>('detect-moderation-labels-clear.json'));
    const body = bodyOf(await call('/rekognition/moderation', { image: INVOICE_B64 }));
    expect(body).toMatchObject({ verdict: 'clear', flagged: false, labels: [], categories: [] });
    expect(body.contentTypes).toEqual([{ name: 'Illustrated', confidence: 88.2 }]);
  });
});

const ROUTES = ['/rekognition/labels', '/rekognition/text', '/rekognition/faces', '/rekognition/moderation'];

describe('bad input never reaches AWS', () => {
  const cases: Array<[string, unknown, number, RegExp]> = [
    ['non-JSON', '{not json', 400, /not valid JSON/],
    ['a JSON array', '[1,2]', 400, /Invalid request/],
    ['missing image', {}, 400, /body\.image/],
    ['empty image', { image: '' }, 400, /body\.image/],
    ['image of the wrong type', { image: 42 }, 400, /body\.image/],
    ['an unknown field', { image: STREET_B64, extra: true }, 400, /extra/],
    [
      'base64 with line breaks',
      { image: `${STREET_B64.slice(0, 76)}\n${STREET_B64.slice(76)}` },
      400,
      /line break/,
    ],
    ['URL-safe base64', { image: `${STREET_B64.slice(0, 8)}-_${STREET_B64.slice(10)}` }, 400, /URL-safe/],
    ['base64 missing its padding', { image: STREET_B64.slice(0, -1) }, 400, /not valid base64/],
    ['a PDF', { image: file('samples/one-page.pdf').toString('base64') }, 415, /application\/pdf/],
    [
      'a GIF',
      { image: Buffer.from('GIF89a\x50\x00\x50\x00\x00\x00\x00;', 'latin1').toString('base64') },
      415,
      /not a recognised file type/,
    ],
    [
      'a TIFF',
      { image: Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]).toString('base64') },
      415,
      /image\/tiff/,
    ],
    ['a PNG under 80 px wide', { image: pngHeader(79, 600).toString('base64') }, 400, /79×600 px.*80 px/],
    ['a JPEG under 80 px high', { image: jpegHeader(800, 50).toString('base64') }, 400, /800×50 px/],
    [
      'an image over the limit',
      { image: jpegHeader(800, 600, MAX_IMAGE_BYTES + 3).toString('base64') },
      413,
      /4,620,288 bytes/,
    ],
  ];

  const rows = cases.map(([label, body, status, message]) => [label, status, body, message] as const);
  it.each(rows)('%s → %i with the error shape', async (_label, status, body, message) => {
    for (const resource of ROUTES) {
      const res = await call(resource, body);
      expect(res.statusCode).toBe(status);
      const { error } = bodyOf(res);
      expect(error).toMatchObject({
        code: expect.any(String),
        message: expect.any(String),
        requestId: 'req-0001',
      });
      expect(error.message).toMatch(message);
    }
    expect(rekognition.calls()).toHaveLength(0);
  });

  it.each([
    ['maxLabels 0', { maxLabels: 0 }],
    ['maxLabels 101', { maxLabels: 101 }],
    ['maxLabels 2.5', { maxLabels: 2.5 }],
    ['maxLabels as a string', { maxLabels: '10' }],
    ['minConfidence -1', { minConfidence: -1 }],
    ['minConfidence 100.5', { minConfidence: 100.5 }],
  ])('labels with %s → 400', async (_label, extra) => {
    const res = await call('/rekognition/labels', { image: STREET_B64, ...extra });
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.code).toBe('INVALID_REQUEST');
    expect(rekognition.calls()).toHaveLength(0);
  });

  it('moderation with minConfidence out of range → 400; text and faces take no options', async () => {
    expect(
      (await call('/rekognition/moderation', { image: STREET_B64, minConfidence: 101 })).statusCode,
    ).toBe(400);
    expect((await call('/rekognition/text', { image: STREET_B64, minConfidence: 50 })).statusCode).toBe(400);
    expect((await call('/rekognition/faces', { image: STREET_B64, maxLabels: 5 })).statusCode).toBe(400);
    expect(rekognition.calls()).toHaveLength(0);
  });

  it('a body over the route ceiling → 413 naming the ceiling', async () => {
    const res = await call('/rekognition/labels', { image: 'A'.repeat(MAX_BODY_BYTES) });
    expect(res.statusCode).toBe(413);
    expect(bodyOf(res).error.message).toMatch(new RegExp(`at most ${MAX_BODY_BYTES} bytes`));
    expect(rekognition.calls()).toHaveLength(0);
  });

  it('no body → 400, an unknown route → 404, a wrong method → 405', async () => {
    expect((await handler(apiEvent({ resource: '/rekognition/labels' }))).statusCode).toBe(400);
    expect((await call('/rekognition/celebrities', { image: STREET_B64 })).statusCode).toBe(404);
    expect((await handler(apiEvent({ method: 'GET', resource: '/rekognition/labels' }))).statusCode).toBe(
      405,
    );
    expect(rekognition.calls()).toHaveLength(0);
  });
});

describe('AWS errors are mapped', () => {
  const COMMANDS = {
    '/rekognition/labels': DetectLabelsCommand,
    '/rekognition/text': DetectTextCommand,
    '/rekognition/faces': DetectFacesCommand,
    '/rekognition/moderation': DetectModerationLabelsCommand,
  } as const;

  it.each([
    ['ImageTooLargeException', 413, 'PAYLOAD_TOO_LARGE', 400],
    ['InvalidImageFormatException', 415, 'UNSUPPORTED_MEDIA_TYPE', 400],
    ['InvalidParameterException', 400, 'INVALID_REQUEST', 400],
    ['ProvisionedThroughputExceededException', 429, 'THROTTLED', 400],
    ['ThrottlingException', 429, 'THROTTLED', 500],
    ['AccessDeniedException', 403, 'ACCESS_DENIED', 400],
    ['InternalServerError', 502, 'UPSTREAM_ERROR', 500],
  ])('%s → %i on every route', async (name, status, code, awsStatus) => {
    for (const [resource, Command] of Object.entries(COMMANDS)) {
      rekognition.reset();
      rekognition.on(Command).rejects(awsError(name, awsStatus));
      const res = await call(resource, { image: STREET_B64 });
      expect(res.statusCode).toBe(status);
      expect(bodyOf(res).error.code).toBe(code);
      expect(res.body).not.toMatch(/\n\s+at |\.ts:\d+/); // no stack trace
    }
  });

  it('HumanLoopQuotaExceededException (HTTP 402) from moderation → 429', async () => {
    rekognition.on(DetectModerationLabelsCommand).rejects(awsError('HumanLoopQuotaExceededException', 402));
    const res = await call('/rekognition/moderation', { image: STREET_B64 });
    expect(res.statusCode).toBe(429);
    expect(bodyOf(res).error).toMatchObject({
      code: 'THROTTLED',
      message: expect.stringMatching(/HumanLoop/),
    });
  });
});

describe('privacy', () => {
  it('never logs image bytes, on success or failure; logs only the image shape', async () => {
    rekognition.on(DetectLabelsCommand).resolves(fixture<DetectLabelsResponse>('detect-labels.json'));
    rekognition.on(DetectTextCommand).rejects(awsError('ThrottlingException'));
    rekognition.on(DetectFacesCommand).rejects(awsError('InternalServerError', 500));
    await call('/rekognition/labels', { image: STREET_B64 });
    await call('/rekognition/text', { image: INVOICE_B64 });
    await call('/rekognition/faces', { image: STREET_B64 });
    await call('/rekognition/moderation', { image: `${STREET_B64} ` }); // bad base64
    await call('/rekognition/labels', `{"image": "${STREET_B64}", broken`);

    const output = logs.text();
    expect(output).toContain('request served'); // the capture works
    expect(output).toContain('request failed');
    expect(output).toContain('"bytes":49318');
    for (const b64 of [STREET_B64, INVOICE_B64]) {
      for (const at of [0, 1_000, Math.floor(b64.length / 2), b64.length - 40]) {
        expect(output).not.toContain(b64.slice(at, at + 32));
      }
    }
  });
});
