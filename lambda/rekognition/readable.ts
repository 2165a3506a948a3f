/**
 * Summaries of Rekognition image results a person can read: labels, text, faces and moderation.
 * Confidences are rounded to one decimal; boxes and points are ratios of the image's width and
 * height (0–1), rounded to four decimals. Pure: no AWS calls.
 */
import type {
  BoundingBox,
  DetectFacesResponse,
  DetectLabelsResponse,
  DetectModerationLabelsResponse,
  DetectTextResponse,
  FaceDetail,
  Point,
} from '@aws-sdk/client-rekognition';

export const round1 = (n: number | undefined): number => Math.round((n ?? 0) * 10) / 10;
const round4 = (n: number | undefined): number => Math.round((n ?? 0) * 10_000) / 10_000;

/** A box as ratios of the image size: left/top of its top-left corner, width/height. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export const toBox = (b: BoundingBox): Box => ({
  left: round4(b.Left),
  top: round4(b.Top),
  width: round4(b.Width),
  height: round4(b.Height),
});

const names = (items: { Name?: string }[] | undefined): string[] =>
  (items ?? []).map((i) => i.Name).filter((n): n is string => n !== undefined && n !== '');

// ---------------------------------------------------------------------------------------------
// DetectLabels

export interface ReadableLabel {
  readonly name: string;
  readonly confidence: number;
  /** Broader labels this one implies, e.g. Car → Vehicle, Transportation. */
  readonly parents: string[];
  readonly categories: string[];
  readonly aliases: string[];
  /** Where each occurrence is, for labels of objects Rekognition can locate (Person, Car, ...). */
  readonly instances: { readonly boundingBox: Box; readonly confidence: number }[];
}

export interface ReadableLabels {
  readonly modelVersion?: string;
  readonly labels: ReadableLabel[];
}

export function readableLabels(res: DetectLabelsResponse): ReadableLabels {
  return {
    ...(res.LabelModelVersion !== undefined && { modelVersion: res.LabelModelVersion }),
    labels: (res.Labels ?? []).map((l) => ({
      name: l.Name ?? '',
      confidence: round1(l.Confidence),
      parents: names(l.Parents),
      categories: names(l.Categories),
      aliases: names(l.Aliases),
      instances: (l.Instances ?? [])
        .filter((i) => i.BoundingBox !== undefined)
        .map((i) => ({ boundingBox: toBox(i.BoundingBox!), confidence: round1(i.Confidence) })),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// DetectText

/** DetectText returns at most this many words per image (https://docs.aws.amazon.com/rekognition/latest/dg/limits.html). */
export const DETECT_TEXT_MAX_WORDS = 100;

export interface ReadableTextLine {
  readonly text: string;
  readonly confidence: number;
  readonly boundingBox?: Box;
  /** The text's outline, which follows rotated or skewed text more closely than the box. */
  readonly polygon: { readonly x: number; readonly y: number }[];
  /** The WORD detections of this line (their ParentId is the line's Id). */
  readonly words: string[];
}

export interface ReadableText {
  readonly modelVersion?: string;
  readonly lines: ReadableTextLine[];
  readonly wordCount: number;
  readonly note?: string;
}

const toPoint = (p: Point) => ({ x: round4(p.X), y: round4(p.Y) });

/** Lines of text (LINE detections), each with its words; WORD detections are folded in. */
export function readableText(res: DetectTextResponse): ReadableText {
  const detections = res.TextDetections ?? [];
  const words = detections.filter((d) => d.Type === 'WORD');
  const lines = detections
    .filter((d) => d.Type === 'LINE')
    .map((d) => ({
      text: d.DetectedText ?? '',
      confidence: round1(d.Confidence),
      ...(d.Geometry?.BoundingBox && { boundingBox: toBox(d.Geometry.BoundingBox) }),
      polygon: (d.Geometry?.Polygon ?? []).map(toPoint),
      words: words.filter((w) => d.Id !== undefined && w.ParentId === d.Id).map((w) => w.DetectedText ?? ''),
    }));
  return {
    ...(res.TextModelVersion !== undefined && { modelVersion: res.TextModelVersion }),
    lines,
    wordCount: words.length,
    ...(words.length >= DETECT_TEXT_MAX_WORDS && {
      note: `DetectText returns at most ${DETECT_TEXT_MAX_WORDS} words per image; the image may hold more text than is shown.`,
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// DetectFaces (Attributes: ["ALL"])

export interface FaceAttribute {
  readonly value: boolean;
  readonly confidence: number;
}

export const GENDER_NOTE =
  "Rekognition's prediction from the face's appearance in this image; it is not the person's gender identity and must not be used to determine it.";
export const EMOTION_NOTE =
  "Emotions describe the face's expression in this image, not the person's internal emotional state.";

export interface ReadableFace {
  readonly boundingBox?: Box;
  /** Confidence that this is a face. */
  readonly confidence: number;
  /** Estimated age range in years. */
  readonly ageRange?: { readonly low: number; readonly high: number };
  readonly topEmotion?: { readonly type: string; readonly confidence: number };
  readonly attributes: {
    readonly smile?: FaceAttribute;
    readonly eyeglasses?: FaceAttribute;
    readonly sunglasses?: FaceAttribute;
    readonly beard?: FaceAttribute;
    readonly mustache?: FaceAttribute;
    readonly eyesOpen?: FaceAttribute;
    readonly mouthOpen?: FaceAttribute;
    readonly faceOccluded?: FaceAttribute;
  };
  readonly predictedGender?: { readonly value: string; readonly confidence: number; readonly note: string };
  /** Head rotation in degrees. */
  readonly pose?: { readonly roll: number; readonly yaw: number; readonly pitch: number };
  /** Image quality of the face, 0–100. */
  readonly quality?: { readonly brightness: number; readonly sharpness: number };
}

export interface ReadableFaces {
  readonly faceCount: number;
  readonly faces: ReadableFace[];
  readonly notes: string[];
}

const attr = (a: { Value?: boolean; Confidence?: number } | undefined): FaceAttribute | undefined =>
  a?.Value === undefined ? undefined : { value: a.Value, confidence: round1(a.Confidence) };

function readFace(f: FaceDetail): ReadableFace {
  const top = (f.Emotions ?? []).reduce<{ Type?: string; Confidence?: number } | undefined>(
    (best, e) => (best === undefined || (e.Confidence ?? 0) > (best.Confidence ?? 0) ? e : best),
    undefined,
  );
  const attributes = Object.fromEntries(
    Object.entries({
      smile: attr(f.Smile),
      eyeglasses: attr(f.Eyeglasses),
      sunglasses: attr(f.Sunglasses),
      beard: attr(f.Beard),
      mustache: attr(f.Mustache),
      eyesOpen: attr(f.EyesOpen),
      mouthOpen: attr(f.MouthOpen),
      faceOccluded: attr(f.FaceOccluded),
    }).filter(([, v]) => v !== undefined),
  ) as ReadableFace['attributes'];
  return {
    ...(f.BoundingBox && { boundingBox: toBox(f.BoundingBox) }),
    confidence: round1(f.Confidence),
    ...(f.AgeRange && { ageRange: { low: f.AgeRange.Low ?? 0, high: f.AgeRange.High ?? 0 } }),
    ...(top?.Type !== undefined && { topEmotion: { type: top.Type, confidence: round1(top.Confidence) } }),
    attributes,
    ...(f.Gender?.Value !== undefined && {
      predictedGender: { value: f.Gender.Value, confidence: round1(f.Gender.Confidence), note: GENDER_NOTE },
    }),
    ...(f.Pose && {
      pose: { roll: round1(f.Pose.Roll), yaw: round1(f.Pose.Yaw), pitch: round1(f.Pose.Pitch) },
    }),
    ...(f.Quality && {
      quality: { brightness: round1(f.Quality.Brightness), sharpness: round1(f.Quality.Sharpness) },
    }),
  };
}

/** Per face: where it is, estimated age, top emotion, yes/no attributes, predicted gender, pose, quality. */
export function readableFaces(res: DetectFacesResponse): ReadableFaces {
  const faces = (res.FaceDetails ?? []).map(readFace);
  const notes: string[] = [];
  if (faces.some((f) => f.topEmotion)) notes.push(EMOTION_NOTE);
  if (faces.some((f) => f.predictedGender)) notes.push(`Gender: ${GENDER_NOTE}`);
  return { faceCount: faces.length, faces, notes };
}

// ---------------------------------------------------------------------------------------------
// DetectModerationLabels

export const MODERATION_NOTE =
  'Moderation labels mark potentially unwanted content: the "social risk" in the notes, content that ' +
  'could harm an organisation if it published or served it. "flagged" means at least one label met the ' +
  'confidence threshold and calls for human review under your own policy; it is not a final judgement. ' +
  '"clear" means nothing was detected above the threshold, not that the image is safe.';

export interface ReadableModerationLabel {
  readonly name: string;
  /** The label one level up in the taxonomy; absent for top-level (level 1) labels. */
  readonly parent?: string;
  /** 1 (broadest, e.g. "Violence") to 3 (most specific). */
  readonly taxonomyLevel?: number;
  readonly confidence: number;
}

export interface ReadableModeration {
  readonly modelVersion?: string;
  readonly verdict: 'flagged' | 'clear';
  readonly flagged: boolean;
  /** Labels at or above the threshold, broadest level first, then by confidence. */
  readonly labels: ReadableModerationLabel[];
  /** The top-most category reachable from each flagged label, e.g. "Drugs & Tobacco". */
  readonly categories: string[];
  /** What kind of image it is (e.g. Animated, Illustrated): context, not unwanted content. */
  readonly contentTypes: { readonly name: string; readonly confidence: number }[];
  /** The extra threshold applied here, if any (the API already drops labels under its MinConfidence, default 50). */
  readonly minConfidence?: number;
  readonly note: string;
}

export interface ModerationOptions {
  /** Keep only labels at or above this confidence (0–100). @default no extra filtering */
  readonly minConfidence?: number;
}

export function readableModeration(
  res: DetectModerationLabelsResponse,
  options: ModerationOptions = {},
): ReadableModeration {
  const threshold = options.minConfidence ?? 0;
  const labels: ReadableModerationLabel[] = (res.ModerationLabels ?? [])
    .filter((l) => (l.Confidence ?? 0) >= threshold)
    .map((l) => ({
      name: l.Name ?? '',
      ...(l.ParentName ? { parent: l.ParentName } : {}),
      ...(l.TaxonomyLevel !== undefined && { taxonomyLevel: l.TaxonomyLevel }),
      confidence: round1(l.Confidence),
    }))
    .sort((a, b) => (a.taxonomyLevel ?? 9) - (b.taxonomyLevel ?? 9) || b.confidence - a.confidence);

  const parentOf = new Map(labels.map((l) => [l.name, l.parent]));
  const topOf = (name: string): string => {
    let current = name;
    for (let hops = 0; hops < 5; hops++) {
      const parent = parentOf.get(current);
      if (parent === undefined) break;
      current = parent;
    }
    return current;
  };
  const flagged = labels.length > 0;
  return {
    ...(res.ModerationModelVersion !== undefined && { modelVersion: res.ModerationModelVersion }),
    verdict: flagged ? 'flagged' : 'clear',
    flagged,
    labels,
    categories: [...new Set(labels.map((l) => topOf(l.name)))],
    contentTypes: (res.ContentTypes ?? []).map((c) => ({
      name: c.Name ?? '',
      confidence: round1(c.Confidence),
    })),
    ...(options.minConfidence !== undefined && { minConfidence: options.minConfidence }),
    note: MODERATION_NOTE,
  };
}
