import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  DetectFacesResponse,
  DetectLabelsResponse,
  DetectModerationLabelsResponse,
  DetectTextResponse,
  TextDetection,
} from '@aws-sdk/client-rekognition';
import {
  DETECT_TEXT_MAX_WORDS,
  EMOTION_NOTE,
  GENDER_NOTE,
  MODERATION_NOTE,
  readableFaces,
  readableLabels,
  readableModeration,
  readableText,
  toBox,
} from '../../../lambda/rekognition/readable';

const fixture = <T>(name: string): T =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/rekognition', name), 'utf8')) as T;

const labels = fixture<DetectLabelsResponse>('detect-labels.json');
const text = fixture<DetectTextResponse>('detect-text.json');
const faces = fixture<DetectFacesResponse>('detect-faces.json');
const moderation = fixture<DetectModerationLabelsResponse>('detect-moderation-labels.json');
const moderationClear = fixture<DetectModerationLabelsResponse>('detect-moderation-labels-clear.json');

const oneDecimal = (n: number) => Math.round(n * 10) / 10 === n;

describe('fixtures carry the model versions the real API returns', () => {
  test('LabelModelVersion, TextModelVersion, ModerationModelVersion', () => {
    expect(labels.LabelModelVersion).toBe('3.0');
    expect(text.TextModelVersion).toBe('3.0');
    expect(moderation.ModerationModelVersion).toBe('7.0');
    expect(moderationClear.ModerationModelVersion).toBe('7.0');
  });
});

describe('readableLabels', () => {
  const out = readableLabels(labels);

  test('labels with confidence, parents, categories, aliases', () => {
    expect(out.modelVersion).toBe('3.0');
    expect(out.labels.map((l) => l.name)).toEqual([
      'Car',
      'Transportation',
      'Vehicle',
      'Person',
      'City',
      'Road',
    ]);
    expect(out.labels[0]).toMatchObject({
      name: 'Car',
      confidence: 99.2,
      parents: ['Transportation', 'Vehicle'],
      categories: ['Vehicles and Automotive'],
      aliases: ['Automobile'],
    });
    expect(out.labels.every((l) => oneDecimal(l.confidence))).toBe(true);
  });

  test('instances with bounding boxes as rounded ratios', () => {
    expect(out.labels[0]!.instances).toEqual([
      { boundingBox: { left: 0.0419, top: 0.5322, width: 0.3121, height: 0.2875 }, confidence: 99.2 },
      { boundingBox: { left: 0.6105, top: 0.5609, width: 0.2552, height: 0.2213 }, confidence: 96.8 },
    ]);
    expect(out.labels.find((l) => l.name === 'City')!.instances).toEqual([]);
  });

  test('missing fields and an instance without a box', () => {
    expect(
      readableLabels({ Labels: [{ Name: 'Thing', Confidence: 55.55, Instances: [{ Confidence: 50 }] }] }),
    ).toEqual({
      labels: [{ name: 'Thing', confidence: 55.6, parents: [], categories: [], aliases: [], instances: [] }],
    });
    expect(readableLabels({})).toEqual({ labels: [] });
  });
});

describe('readableText', () => {
  const out = readableText(text);

  test('LINE detections become lines, each with its WORD children', () => {
    expect(out.modelVersion).toBe('3.0');
    expect(out.lines.map((l) => [l.text, l.words])).toEqual([
      ["IT'S", ["IT'S"]],
      ['MONDAY', ['MONDAY']],
      ['but keep', ['but', 'keep']],
      ['Smiling', ['Smiling']],
    ]);
    expect(out.wordCount).toBe(5);
    expect(out.note).toBeUndefined();
  });

  test('lines keep confidence and geometry (box and polygon)', () => {
    const line = out.lines[1]!;
    expect(line.confidence).toBe(99.7);
    expect(line.boundingBox).toEqual({ left: 0.2052, top: 0.3335, width: 0.5893, height: 0.1266 });
    expect(line.polygon).toHaveLength(4);
    for (const p of line.polygon) {
      expect(Object.keys(p)).toEqual(['x', 'y']);
      expect([p.x, p.y].every((v) => Math.round(v * 1e4) / 1e4 === v && v >= 0 && v <= 1)).toBe(true);
    }
  });

  test('a note when the 100-word cap may have cut the text off', () => {
    const detections: TextDetection[] = [{ DetectedText: 'many words', Type: 'LINE', Id: 0, Confidence: 90 }];
    for (let i = 1; i <= DETECT_TEXT_MAX_WORDS; i++) {
      detections.push({ DetectedText: `w${i}`, Type: 'WORD', Id: i, ParentId: 0, Confidence: 90 });
    }
    const capped = readableText({ TextDetections: detections });
    expect(capped.wordCount).toBe(100);
    expect(capped.lines[0]!.words).toHaveLength(100);
    expect(capped.note).toMatch(/at most 100 words/);
  });

  test('no text', () => {
    expect(readableText({ TextDetections: [], TextModelVersion: '3.0' })).toEqual({
      modelVersion: '3.0',
      lines: [],
      wordCount: 0,
    });
  });
});

describe('readableFaces (Attributes ALL)', () => {
  const out = readableFaces(faces);

  test('one entry per face with box, age range, top emotion and attributes', () => {
    expect(out.faceCount).toBe(2);
    const [first, second] = out.faces;
    expect(first).toMatchObject({
      boundingBox: { left: 0.2412, top: 0.1837, width: 0.1903, height: 0.3676 },
      confidence: 100,
      ageRange: { low: 26, high: 34 },
      topEmotion: { type: 'HAPPY', confidence: 98.1 },
      pose: { roll: -4.4, yaw: 7.9, pitch: 3.1 },
      quality: { brightness: 81.4, sharpness: 92.2 },
    });
    expect(Object.keys(first!.attributes).sort()).toEqual(
      [
        'beard',
        'eyeglasses',
        'eyesOpen',
        'faceOccluded',
        'mouthOpen',
        'mustache',
        'smile',
        'sunglasses',
      ].sort(),
    );
    expect(first!.attributes.smile).toEqual({ value: true, confidence: expect.any(Number) });
    expect(first!.attributes.eyeglasses!.value).toBe(true);
    expect(first!.attributes.sunglasses!.value).toBe(false);
    expect(second).toMatchObject({
      ageRange: { low: 41, high: 49 },
      topEmotion: { type: 'CALM', confidence: 91.5 },
      attributes: {
        beard: { value: true },
        mustache: { value: true },
        sunglasses: { value: true },
        eyesOpen: { value: false },
        mouthOpen: { value: false },
        smile: { value: false },
      },
    });
    for (const face of out.faces) {
      for (const a of Object.values(face.attributes)) expect(oneDecimal(a.confidence)).toBe(true);
    }
  });

  test('gender only as the predicted value, with a note that it is not identity', () => {
    expect(out.faces[0]!.predictedGender).toEqual({
      value: 'Female',
      confidence: expect.any(Number),
      note: GENDER_NOTE,
    });
    expect(out.faces[1]!.predictedGender!.value).toBe('Male');
    expect(GENDER_NOTE).toMatch(/not the person's gender identity/);
    expect(out.faces[0]).not.toHaveProperty('gender');
    expect(out.notes).toEqual([EMOTION_NOTE, `Gender: ${GENDER_NOTE}`]);
  });

  test('landmarks and eye direction are not repeated in the summary', () => {
    expect(JSON.stringify(out)).not.toMatch(/eyeLeft|Landmarks|EyeDirection/);
  });

  test('Attributes DEFAULT: only box, confidence, pose and quality; no notes', () => {
    const out2 = readableFaces({
      FaceDetails: [
        {
          BoundingBox: { Width: 0.2, Height: 0.3, Left: 0.1, Top: 0.12345 },
          Confidence: 99.99,
          Pose: { Roll: 1.04, Yaw: -2.06, Pitch: 0.5 },
          Quality: { Brightness: 50, Sharpness: 60 },
          Landmarks: [{ Type: 'eyeLeft', X: 0.2, Y: 0.2 }],
        },
      ],
    });
    expect(out2).toEqual({
      faceCount: 1,
      faces: [
        {
          boundingBox: { left: 0.1, top: 0.1235, width: 0.2, height: 0.3 },
          confidence: 100,
          attributes: {},
          pose: { roll: 1, yaw: -2.1, pitch: 0.5 },
          quality: { brightness: 50, sharpness: 60 },
        },
      ],
      notes: [],
    });
  });

  test('no faces', () => {
    expect(readableFaces({ FaceDetails: [] })).toEqual({ faceCount: 0, faces: [], notes: [] });
  });
});

describe('readableModeration', () => {
  test('flagged: labels with parent and taxonomy level, broadest first', () => {
    const out = readableModeration(moderation);
    expect(out).toMatchObject({ modelVersion: '7.0', verdict: 'flagged', flagged: true, contentTypes: [] });
    expect(out.labels).toEqual([
      { name: 'Drugs & Tobacco', taxonomyLevel: 1, confidence: 97.6 },
      { name: 'Alcohol', taxonomyLevel: 1, confidence: 62.3 },
      {
        name: 'Drugs & Tobacco Paraphernalia & Use',
        parent: 'Drugs & Tobacco',
        taxonomyLevel: 2,
        confidence: 97.6,
      },
      { name: 'Alcoholic Beverages', parent: 'Alcohol', taxonomyLevel: 2, confidence: 62.3 },
      { name: 'Smoking', parent: 'Drugs & Tobacco Paraphernalia & Use', taxonomyLevel: 3, confidence: 97.6 },
    ]);
    expect(out.categories).toEqual(['Drugs & Tobacco', 'Alcohol']);
    expect(out.minConfidence).toBeUndefined();
  });

  test('the note frames it as unwanted content / social risk for human review', () => {
    const out = readableModeration(moderation);
    expect(out.note).toBe(MODERATION_NOTE);
    expect(out.note).toMatch(/unwanted content/);
    expect(out.note).toMatch(/social risk/);
    expect(out.note).toMatch(/human review/);
  });

  test('a stricter threshold drops low-confidence labels', () => {
    const out = readableModeration(moderation, { minConfidence: 80 });
    expect(out.labels.map((l) => l.name)).toEqual([
      'Drugs & Tobacco',
      'Drugs & Tobacco Paraphernalia & Use',
      'Smoking',
    ]);
    expect(out.categories).toEqual(['Drugs & Tobacco']);
    expect(out.minConfidence).toBe(80);
    expect(readableModeration(moderation, { minConfidence: 99 })).toMatchObject({
      verdict: 'clear',
      flagged: false,
      labels: [],
      categories: [],
    });
  });

  test('clear: no labels; content types are context, not a flag', () => {
    expect(readableModeration(moderationClear)).toEqual({
      modelVersion: '7.0',
      verdict: 'clear',
      flagged: false,
      labels: [],
      categories: [],
      contentTypes: [{ name: 'Illustrated', confidence: 88.2 }],
      note: MODERATION_NOTE,
    });
  });

  test('a category is the top-most label reachable, even when a level is missing', () => {
    const out = readableModeration({
      ModerationLabels: [
        { Name: 'Middle Finger', ParentName: 'Rude Gestures', TaxonomyLevel: 2, Confidence: 88 },
      ],
    });
    expect(out.categories).toEqual(['Rude Gestures']);
    expect(out.labels[0]).toEqual({
      name: 'Middle Finger',
      parent: 'Rude Gestures',
      taxonomyLevel: 2,
      confidence: 88,
    });
  });

  test('an empty response is clear', () => {
    expect(readableModeration({})).toMatchObject({
      verdict: 'clear',
      flagged: false,
      labels: [],
      contentTypes: [],
    });
  });
});

test('toBox rounds to four decimals and fills missing sides with 0', () => {
  expect(toBox({ Left: 0.123456, Top: 0.98765, Width: 0.5 })).toEqual({
    left: 0.1235,
    top: 0.9877,
    width: 0.5,
    height: 0,
  });
});
