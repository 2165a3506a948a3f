/** Request schemas and limits of the Rekognition demo: used by the handler and, as JSON Schema, by API Gateway. */
import * as z from 'zod';
import { inlineBodyCeiling, MAX_INLINE_BYTES } from '../shared/inline';
import { MB } from '../shared/media';

/** What Rekognition's Detect* operations read, sniffed from the bytes (https://docs.aws.amazon.com/rekognition/latest/dg/limits.html). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;

/** Rekognition `Image.Bytes`: at most 5 MB of raw bytes (ImageBlob max 5,242,880). */
export const REKOGNITION_MAX_IMAGE_BYTES = 5 * MB;

/**
 * The largest image (raw bytes) the routes accept. Three limits apply to an image sent as base64
 * in a JSON body through API Gateway to Lambda:
 *
 * - API Gateway REST payload: 10 MB. Never binding: the event must fit Lambda first.
 * - Lambda synchronous payload: 6 MB = 6,291,456 bytes for the whole event. Less the 128 KiB
 *   envelope reserve, 6,160,384 base64 characters are left, which decode to
 *   6,160,384 × 3/4 = 4,620,288 bytes (about 4.4 MB; a multiple of 3, so no padding).
 * - Rekognition `Bytes`: 5 MB = 5,242,880 bytes. Its base64 alone is 6,990,508 characters, more
 *   than Lambda accepts, so the 5 MB limit is NOT the binding one here.
 *
 * So the limit is min(5,242,880, 4,620,288) = 4,620,288 bytes. Larger images would have to go
 * through S3 (`Image.S3Object`, up to 15 MB), which this demo does not offer.
 */
export const MAX_IMAGE_BYTES = Math.min(REKOGNITION_MAX_IMAGE_BYTES, MAX_INLINE_BYTES);

/**
 * The routes' body ceiling (the router's `maxBodyBytes`): the image in base64 plus 32 KiB for the
 * rest of the JSON. The other 96 KiB of the reserve stays for the event envelope, so a body at
 * this ceiling still reaches the function: 6,160,384 + 32,768 = 6,193,152 bytes.
 */
export const MAX_BODY_BYTES = inlineBodyCeiling(MAX_IMAGE_BYTES);

/** The image file, base64-encoded (standard alphabet, no line breaks; a data: URL prefix is allowed). */
const image = z.string().min(1, 'must not be empty');
/** A confidence threshold in percent. */
const confidence = z.number().min(0).max(100);

export const labelsRequest = z.strictObject({
  image,
  /** Most labels to return, highest confidence first. */
  maxLabels: z.int().min(1).max(100).default(10),
  /** Only labels at or above this confidence (%). */
  minConfidence: confidence.default(70),
});

export const textRequest = z.strictObject({ image });

export const facesRequest = z.strictObject({ image });

export const moderationRequest = z.strictObject({
  image,
  /** Only moderation labels at or above this confidence (%); Rekognition's own default is 50. */
  minConfidence: confidence.default(50),
});

export const requestSchemas = {
  '/rekognition/labels': labelsRequest,
  '/rekognition/text': textRequest,
  '/rekognition/faces': facesRequest,
  '/rekognition/moderation': moderationRequest,
} as const;
