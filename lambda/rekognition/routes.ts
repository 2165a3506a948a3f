/**
 * The Rekognition demo's routes: labels, text, faces and moderation on one image sent as base64.
 * Each checks the image (size, PNG/JPEG, at least 80 px a side) before the billed call.
 */
import {
  DetectFacesCommand,
  DetectLabelsCommand,
  DetectModerationLabelsCommand,
  DetectTextCommand,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import { type AwsErrorOverride, badRequest } from '../shared/errors';
import { type Route, type RouteContext, route } from '../shared/http';
import { decodeBase64, requireMediaType } from '../shared/media';
import { rekognitionCost } from '../shared/pricing';
import type { Usage } from '../shared/usage';
import { imageDimensions, isBelowMinimum, MIN_IMAGE_SIDE_PX } from './dimensions';
import {
  DETECT_TEXT_MAX_WORDS,
  readableFaces,
  readableLabels,
  readableModeration,
  readableText,
} from './readable';
import {
  facesRequest,
  IMAGE_TYPES,
  labelsRequest,
  MAX_BODY_BYTES,
  MAX_IMAGE_BYTES,
  moderationRequest,
  textRequest,
} from './schemas';

/**
 * Error names the shared mapper does not know. HumanLoopQuotaExceededException (HTTP 402 from
 * DetectModerationLabels when an Amazon A2I human-review quota is used up) is a quota, so 429.
 */
export const rekognitionErrorOverrides: Record<string, AwsErrorOverride> = {
  HumanLoopQuotaExceededException: {
    status: 429,
    code: 'THROTTLED',
    message:
      'Rekognition refused the call because a human-review (Amazon A2I) quota is used up (HumanLoopQuotaExceededException). Retry later.',
  },
};

export const SOCIAL_RISK_NOTICE =
  'Social risk (사회적 위험) in the notes: content that is unwanted, offensive or inappropriate can harm ' +
  'people and the trust in an organisation that publishes it. Screen images before they are shown; ' +
  'guardrails do the same for what a foundation model generates.';

/** One image analysed by one API: one billed image (Group 2 pricing). */
function imageUsage(operation: string): Usage {
  return { unit: 'images', quantity: 1, operation, estimatedCostUsd: rekognitionCost(1) };
}

/**
 * Decode and check the `image` field: 413 over {@link MAX_IMAGE_BYTES}, 400 for bad base64,
 * 415 unless PNG or JPEG, 400 when its header says a side is under 80 px. Logs only its shape.
 */
function readImage(image: string, ctx: RouteContext): Uint8Array {
  const bytes = decodeBase64('image', image, MAX_IMAGE_BYTES);
  const mediaType = requireMediaType('image', bytes, IMAGE_TYPES);
  const size = imageDimensions(bytes);
  if (size && isBelowMinimum(size)) {
    throw badRequest(
      `'image' is ${size.width}×${size.height} px; Rekognition needs at least ${MIN_IMAGE_SIDE_PX} px on each side.`,
    );
  }
  ctx.logger.info('image received', {
    mediaType,
    bytes: bytes.length,
    width: size?.width,
    height: size?.height,
  });
  return bytes;
}

export function rekognitionRoutes(client: RekognitionClient): Route[] {
  return [
    route({
      method: 'POST',
      path: '/rekognition/labels',
      schema: labelsRequest,
      maxBodyBytes: MAX_BODY_BYTES,
      handle: async ({ image, maxLabels, minConfidence }, ctx) => {
        const out = await client.send(
          new DetectLabelsCommand({
            Image: { Bytes: readImage(image, ctx) },
            MaxLabels: maxLabels,
            MinConfidence: minConfidence,
          }),
          { abortSignal: ctx.signal },
        );
        return {
          body: { ...readableLabels(out), maxLabels, minConfidence },
          usage: imageUsage('DetectLabels'),
        };
      },
    }),
    route({
      method: 'POST',
      path: '/rekognition/text',
      schema: textRequest,
      maxBodyBytes: MAX_BODY_BYTES,
      handle: async ({ image }, ctx) => {
        const out = await client.send(new DetectTextCommand({ Image: { Bytes: readImage(image, ctx) } }), {
          abortSignal: ctx.signal,
        });
        return {
          // DetectText stops at 100 words; readableText adds a note when the answer reaches it.
          body: { ...readableText(out), maxWords: DETECT_TEXT_MAX_WORDS },
          usage: imageUsage('DetectText'),
        };
      },
    }),
    route({
      method: 'POST',
      path: '/rekognition/faces',
      schema: facesRequest,
      maxBodyBytes: MAX_BODY_BYTES,
      handle: async ({ image }, ctx) => {
        const out = await client.send(
          new DetectFacesCommand({ Image: { Bytes: readImage(image, ctx) }, Attributes: ['ALL'] }),
          { abortSignal: ctx.signal },
        );
        return { body: { ...readableFaces(out) }, usage: imageUsage('DetectFaces') };
      },
    }),
    route({
      method: 'POST',
      path: '/rekognition/moderation',
      schema: moderationRequest,
      maxBodyBytes: MAX_BODY_BYTES,
      handle: async ({ image, minConfidence }, ctx) => {
        const out = await client.send(
          new DetectModerationLabelsCommand({
            Image: { Bytes: readImage(image, ctx) },
            MinConfidence: minConfidence,
          }),
          { abortSignal: ctx.signal },
        );
        return {
          // The same threshold again, locally: verdict and labels agree with what was asked.
          body: { ...readableModeration(out, { minConfidence }), notice: SOCIAL_RISK_NOTICE },
          usage: imageUsage('DetectModerationLabels'),
        };
      },
    }),
  ];
}
