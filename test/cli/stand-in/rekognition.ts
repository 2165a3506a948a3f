/** Amazon Rekognition's routes as the stand-in answers them. */
import { decodeBase64, requireMediaType } from '../../../lambda/shared/media';
import { rekognitionCost } from '../../../lambda/shared/pricing';
import { type Answer, ok, usage } from './reply';

const OPERATIONS = {
  labels: 'DetectLabels',
  text: 'DetectText',
  faces: 'DetectFaces',
  moderation: 'DetectModerationLabels',
} as const;

const detect =
  (route: keyof typeof OPERATIONS): Answer =>
  (input) => {
    requireMediaType('image', decodeBase64('image', input.image, 4_620_288), ['image/png', 'image/jpeg']);
    const operation = OPERATIONS[route];
    const results: Record<string, Record<string, unknown>> = {
      DetectLabels: {
        labels: [
          {
            name: 'Car',
            confidence: 97.1,
            parents: ['Vehicle'],
            categories: ['Vehicles'],
            aliases: [],
            instances: [],
          },
          {
            name: 'House',
            confidence: 93.4,
            parents: ['Building'],
            categories: ['Buildings'],
            aliases: [],
            instances: [],
          },
        ],
        maxLabels: input.maxLabels,
        minConfidence: input.minConfidence,
      },
      DetectText: {
        lines: [{ text: 'STOP', confidence: 99.2, polygon: [], words: ['STOP'] }],
        wordCount: 1,
        maxWords: 100,
      },
      DetectFaces: { faceCount: 0, faces: [], notes: ['No faces found.'] },
      DetectModerationLabels: {
        verdict: 'clear',
        flagged: false,
        labels: [],
        categories: [],
        contentTypes: [],
        minConfidence: input.minConfidence,
        note: 'Nothing at or above the threshold.',
      },
    };
    return ok({
      ...results[operation],
      usage: usage('images', 1, { operation, estimatedCostUsd: rekognitionCost(1) }),
    });
  };

export const rekognitionAnswers = Object.fromEntries(
  Object.keys(OPERATIONS).map((route) => [
    `POST /rekognition/${route}`,
    detect(route as keyof typeof OPERATIONS),
  ]),
);
