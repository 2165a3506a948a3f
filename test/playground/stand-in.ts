/**
 * The CLI tests' stand-in API (test/cli/stand-in.ts), with answers that match the committed
 * samples where the playground draws them: Rekognition boxes on street-scene.jpg, Textract's
 * fields and table of invoice-form.png, and Polly speaking samples/hello-en.mp3 (real MP3 that a
 * browser can decode). Requests are still signature-checked; a body the demo's schema refuses
 * falls through to the stand-in's own validation and its 400.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { comprehendUsage } from '../../lambda/comprehend/logic';
import { entitiesRequest } from '../../lambda/comprehend/schemas';
import { labelsRequest, textRequest } from '../../lambda/rekognition/schemas';
import { rekognitionCost, textractCost } from '../../lambda/shared/pricing';
import { analyzeRequest } from '../../lambda/textract/schemas';
import { type Recorded, type StandIn, startStandIn } from '../cli/stand-in';

export const SAMPLES = path.join(__dirname, '..', '..', 'samples');
export const SPEECH_MP3 = readFileSync(path.join(SAMPLES, 'hello-en.mp3'));

const box = (left: number, top: number, width: number, height: number) => ({ left, top, width, height });
const ok = (body: Record<string, unknown>) => ({ status: 200, body });
const image = (operation: string) => ({
  unit: 'images',
  quantity: 1,
  operation,
  estimatedCostUsd: rekognitionCost(1),
});

const INVOICE_LINES = [
  'INVOICE',
  'Example Lab Supplies Ltd., 12 Cloud Street, Seattle WA',
  'Invoice number: INV-2024-0042',
  'Date: 2024-05-14',
  'Customer: Jane Doe',
  'Total: USD 130.50',
  'Item Qty Unit price Amount',
  'USB-C cable 3 12.50 37.50',
  'Wireless mouse 2 24.00 48.00',
  'Laptop stand 1 45.00 45.00',
  'Payment due within 30 days. Thank you for your business.',
];

function analyze(req: Recorded) {
  const parsed = analyzeRequest.safeParse(req.body);
  if (!parsed.success) return undefined;
  const { features, queries = [] } = parsed.data;
  return ok({
    operation: 'AnalyzeDocument',
    mediaType: 'image/png',
    features,
    pages: 1,
    lines: INVOICE_LINES.map((text, i) => ({ text, confidence: 99.9 - i / 10, page: 1 })),
    keyValues: features.includes('FORMS')
      ? [
          { key: 'Invoice number:', value: 'INV-2024-0042', confidence: 96.1, page: 1 },
          { key: 'Date:', value: '2024-05-14', confidence: 95.4, page: 1 },
          { key: 'Customer:', value: 'Jane Doe', confidence: 94.8, page: 1 },
          { key: 'Total:', value: 'USD 130.50', confidence: 95.9, page: 1 },
        ]
      : [],
    tables: features.includes('TABLES')
      ? [
          {
            page: 1,
            rows: [
              ['Item', 'Qty', 'Unit price', 'Amount'],
              ['USB-C cable', '3', '12.50', '37.50'],
              ['Wireless mouse', '2', '24.00', '48.00'],
              ['Laptop stand', '1', '45.00', '45.00'],
            ],
            confidence: 98.2,
          },
        ]
      : [],
    queries: queries.map((q) => ({
      query: q.text,
      ...(q.alias && { alias: q.alias }),
      answer: /total/i.test(q.text) ? 'USD 130.50' : /number/i.test(q.text) ? 'INV-2024-0042' : undefined,
      confidence: 91.7,
      page: 1,
    })),
    usage: { unit: 'pages', quantity: 1, estimatedCostUsd: textractCost(1, features) },
  });
}

/** Entities of samples/text/sentiment.json, found where they are in the text sent. */
function entities(req: Recorded) {
  const parsed = entitiesRequest.safeParse(req.body);
  if (!parsed.success) return undefined;
  const { text, languageCode = 'en' } = parsed.data;
  const found = [
    ['translation demo', 'TITLE', 0.62],
    ['first', 'QUANTITY', 0.71],
  ] as const;
  return ok({
    entities: found
      .filter(([t]) => text.includes(t))
      .map(([t, type, score]) => ({
        text: t,
        type,
        score,
        beginOffset: text.indexOf(t),
        endOffset: text.indexOf(t) + t.length,
      })),
    languageCode,
    usage: comprehendUsage([text.length]),
  });
}

/** Install the sample-shaped answers (again after `reset()`, which forgets overrides). */
export function sampleAnswers(api: StandIn): void {
  api.override('POST /comprehend/entities', entities);
  api.override('POST /rekognition/labels', (req) => {
    const parsed = labelsRequest.safeParse(req.body);
    if (!parsed.success) return undefined;
    const label = (name: string, confidence: number, parents: string[], boxes: ReturnType<typeof box>[]) => ({
      name,
      confidence,
      parents,
      categories: [],
      aliases: [],
      instances: boxes.map((boundingBox) => ({ boundingBox, confidence })),
    });
    return ok({
      labels: [
        label('Car', 98.6, ['Vehicle', 'Transportation'], [box(0.572, 0.664, 0.232, 0.232)]),
        label('House', 95.2, ['Building'], [box(0.05, 0.218, 0.39, 0.546)]),
        label('Tree', 91.3, ['Plant'], [box(0.425, 0.296, 0.201, 0.476)]),
        label('Road', 88.9, [], []),
        label('Outdoors', 86.4, [], []),
      ].filter((l) => l.confidence >= parsed.data.minConfidence),
      maxLabels: parsed.data.maxLabels,
      minConfidence: parsed.data.minConfidence,
      usage: image('DetectLabels'),
    });
  });
  api.override('POST /rekognition/text', (req) => {
    if (!textRequest.safeParse(req.body).success) return undefined;
    return ok({
      lines: [
        {
          text: 'STOP',
          confidence: 99.6,
          boundingBox: box(0.757, 0.404, 0.106, 0.06),
          polygon: [],
          words: ['STOP'],
        },
        {
          text: 'CAFE',
          confidence: 99.1,
          boundingBox: box(0.194, 0.328, 0.108, 0.058),
          polygon: [],
          words: ['CAFE'],
        },
      ],
      wordCount: 2,
      maxWords: 100,
      usage: image('DetectText'),
    });
  });
  api.override('POST /rekognition/faces', (req) => {
    if (!textRequest.safeParse(req.body).success) return undefined;
    return ok({
      faceCount: 1,
      faces: [
        {
          boundingBox: box(0.805, 0.07, 0.114, 0.182),
          confidence: 81.2,
          ageRange: { low: 22, high: 30 },
          topEmotion: { type: 'HAPPY', confidence: 92.4 },
          attributes: {
            smile: { value: true, confidence: 90.1 },
            eyeglasses: { value: false, confidence: 97 },
          },
        },
      ],
      notes: [
        "Emotions describe the face's expression in this image, not the person's internal emotional state.",
      ],
      usage: image('DetectFaces'),
    });
  });
  api.override('POST /textract/analyze', analyze);
  api.override('POST /polly/speech', (req) => {
    if (!String(req.headers.accept ?? '').startsWith('audio/mpeg')) return undefined;
    if (typeof req.body?.text !== 'string' || !req.body.text.trim()) return undefined;
    return { status: 200, binary: SPEECH_MP3, contentType: 'audio/mpeg' };
  });
}

export async function startSampleStandIn(): Promise<StandIn> {
  const api = await startStandIn();
  sampleAnswers(api);
  return api;
}
