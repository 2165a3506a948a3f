/**
 * POST /bedrock/read-document: a document read by a multimodal model (멀티모달 모델), the notes' 비정형 → 정형
 * with a foundation model instead of an OCR service. An image (PNG, JPEG) or a PDF comes inline as base64;
 * Converse gets it as an image or document block followed by a text block built from the four prompt
 * elements (the document is the input data; the output indicator asks for JSON, matching the caller's
 * schema when one is given). The answer is parsed and validated, and comes back with the tokens, the cost,
 * the guardrail's verdict and `verified: false`.
 *
 * Korean documents are the reason this route exists: Amazon Textract's text detection reads English (its
 * forms analysis English, French, German, Italian, Portuguese and Spanish), while a model such as Amazon
 * Nova reads the Hangul in the image. Why inline only, and no upload route: Converse takes at most 3.75 MB
 * per image and 4.5 MB per document, and both fit what the function can receive inline (4.4 MB), so an
 * upload bucket would add resources and a second step for nothing Converse would accept.
 *
 * Privacy: the document, the prompt and the answer are never logged (the router logs the route, status,
 * durations, error names and the usage counts; this route adds the media type and size).
 */
import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { imageDimensions } from '../rekognition/dimensions';
import { assertMaxBytes } from '../shared/body';
import { HttpError, payloadTooLarge } from '../shared/errors';
import { type Route, route } from '../shared/http';
import { inlineBodyCeiling } from '../shared/inline';
import { countPdfPages, decodeBase64, formatBytes, requireMediaType } from '../shared/media';
import { bedrockTokenCost, PRICES_AS_OF } from '../shared/pricing';
import { estimateNovaImageTokens, estimateTokens } from '../shared/tokens';
import { HALLUCINATION_NOTICE, inferenceReport, maxTokensOf, tokenUsage } from './call';
import { type ConverseDeps, converseOnce } from './converse';
import {
  CONVERSE_LIMITS_SOURCE,
  CONVERSE_MAX_DOCUMENT_BYTES,
  CONVERSE_MAX_IMAGE_BYTES,
  CONVERSE_MAX_IMAGE_SIDE_PX,
  DOCUMENT_BLOCK_NAME,
  READ_DOCUMENT_TYPES,
  type ReadDocumentType,
} from './document-models';
import { guardrailReport } from './guardrail';
import { assemblePrompt } from './prompt';
import { MAX_PROMPT_BYTES, readDocumentRequest } from './schemas';
import { checkOutputSchema, jsonOutputIndicator, structuredAnswer } from './structured';

export interface ReadDocumentOptions extends ConverseDeps {
  /** The multimodal model this Region calls (DOCUMENT_MODEL_ID: a foundation model or a profile). */
  readonly modelId: string;
}

/** The route's body ceiling: the largest file Converse accepts, in base64, plus 32 KiB of JSON. */
export const READ_DOCUMENT_MAX_BODY_BYTES = inlineBodyCeiling(CONVERSE_MAX_DOCUMENT_BYTES);

/** The instruction (지침) when the request has none. */
export const DEFAULT_INSTRUCTION = 'Read the attached document and extract its fields.';

export const UNSTRUCTURED_TO_STRUCTURED =
  'Unstructured to structured data (비정형 → 정형): a multimodal foundation model read the document and wrote its ' +
  'fields as JSON. Compare POST /textract/analyze, where an OCR service returns the text, key/value pairs and ' +
  'tables it found; the model reads Korean, but it may also invent or misread a value, so check the fields.';

const TYPES = Object.keys(READ_DOCUMENT_TYPES) as ReadDocumentType[];

interface Decoded {
  readonly bytes: Buffer;
  readonly mediaType: ReadDocumentType;
  readonly pages?: number;
  readonly dimensions?: { readonly width: number; readonly height: number };
}

/** Decode and check the document before any AWS call: size (413), type (415), image size in pixels (400). */
export function readDocument(value: string): Decoded {
  const bytes = decodeBase64('document', value, CONVERSE_MAX_DOCUMENT_BYTES);
  const mediaType = requireMediaType('document', bytes, TYPES) as ReadDocumentType;
  if (READ_DOCUMENT_TYPES[mediaType].block === 'document') {
    return { bytes, mediaType, pages: countPdfPages(bytes) };
  }
  if (bytes.length > CONVERSE_MAX_IMAGE_BYTES) {
    throw payloadTooLarge(
      `'document' is a ${formatBytes(bytes.length)} image; Converse takes images of at most ` +
        `${formatBytes(CONVERSE_MAX_IMAGE_BYTES)} (a PDF may be up to ${formatBytes(CONVERSE_MAX_DOCUMENT_BYTES)}). ${CONVERSE_LIMITS_SOURCE}`,
    );
  }
  const dimensions = imageDimensions(bytes);
  if (dimensions && Math.max(dimensions.width, dimensions.height) > CONVERSE_MAX_IMAGE_SIDE_PX) {
    throw new HttpError(
      400,
      'IMAGE_TOO_LARGE',
      `'document' is ${dimensions.width} × ${dimensions.height} px; Converse takes images of at most ` +
        `${CONVERSE_MAX_IMAGE_SIDE_PX} × ${CONVERSE_MAX_IMAGE_SIDE_PX} px. Scale it down and send it again.`,
    );
  }
  return { bytes, mediaType, dimensions };
}

/** The Converse content block for the document: an image block, or a document block with a neutral name. */
export function mediaBlock(doc: Decoded): ContentBlock {
  const { block, format } = READ_DOCUMENT_TYPES[doc.mediaType];
  return block === 'image'
    ? { image: { format, source: { bytes: doc.bytes } } }
    : { document: { format, name: DOCUMENT_BLOCK_NAME, source: { bytes: doc.bytes } } };
}

/** The input data element: the attached file, described (its bytes go in the block before the prompt). */
function inputDataOf(doc: Decoded): string {
  const what =
    doc.mediaType === 'application/pdf' ? 'PDF document' : `${doc.mediaType.slice(6).toUpperCase()} image`;
  const pages = doc.pages === undefined ? '' : `, ${doc.pages} page${doc.pages === 1 ? '' : 's'}`;
  return `The attached ${what}${pages}.`;
}

/**
 * What the call will cost at most, before it is made: the prompt's tokens (lambda/shared/tokens.ts), an
 * image's tokens from the Amazon Nova User Guide's examples, and every allowed output token. A PDF's pages
 * are not estimated (no per-page figure is published): the model's `usage` after the call is what counts.
 */
export function readDocumentEstimate(modelId: string, prompt: string, doc: Decoded, maxOutputTokens: number) {
  const text = estimateTokens(prompt, modelId);
  const image = doc.dimensions
    ? estimateNovaImageTokens(doc.dimensions.width, doc.dimensions.height)
    : undefined;
  const inputTokens = text.typical + (image?.tokens ?? 0);
  return {
    promptTokens: text.typical,
    ...(image ? { imageTokens: image.tokens, imageBasis: image.basis } : {}),
    ...(doc.mediaType === 'application/pdf'
      ? { documentTokens: 'not estimated: no per-page token figure is published; see usage after the call' }
      : {}),
    maxOutputTokens,
    maxCostUsd: image ? bedrockTokenCost(modelId, inputTokens, maxOutputTokens) : undefined,
  };
}

export function readDocumentRoute(options: ReadDocumentOptions): Route {
  const { modelId, maxTokensCap, guardrail } = options;
  return route({
    method: 'POST',
    path: '/bedrock/read-document',
    schema: readDocumentRequest,
    maxBodyBytes: READ_DOCUMENT_MAX_BODY_BYTES,
    handle: async (input, ctx) => {
      const doc = readDocument(input.document);
      const validator = input.outputSchema ? checkOutputSchema(input.outputSchema) : undefined;
      const { prompt, elementsUsed } = assemblePrompt({
        instruction: input.instruction ?? DEFAULT_INSTRUCTION,
        context: input.context,
        inputData: inputDataOf(doc),
        outputIndicator: jsonOutputIndicator(input.outputIndicator, input.outputSchema),
      });
      assertMaxBytes(
        'prompt (instruction, context, outputIndicator and outputSchema)',
        prompt,
        MAX_PROMPT_BYTES,
      );
      ctx.logger.info('document decoded', {
        mediaType: doc.mediaType,
        bytes: doc.bytes.length,
        pages: doc.pages,
      });

      const call = {
        prompt,
        media: [mediaBlock(doc)],
        temperature: input.temperature,
        topP: input.topP,
        maxTokens: input.maxTokens,
      };
      const sample = await converseOnce(options, modelId, call, ctx.signal);
      const { fields, structured } = structuredAnswer(sample.text, sample.stopReason, validator);
      return {
        body: {
          modelId,
          mediaType: doc.mediaType,
          bytes: doc.bytes.length,
          ...(doc.pages !== undefined && { pages: doc.pages }),
          ...(doc.dimensions && { image: doc.dimensions }),
          fields,
          structured,
          text: sample.text,
          stopReason: sample.stopReason,
          assembledPrompt: prompt,
          elementsUsed,
          inferenceConfig: inferenceReport(maxTokensCap, input),
          guardrail: guardrailReport(guardrail, [sample]),
          estimate: readDocumentEstimate(
            modelId,
            prompt,
            doc,
            maxTokensOf(maxTokensCap, input.maxTokens).applied,
          ),
          concept: UNSTRUCTURED_TO_STRUCTURED,
          verified: false,
          notice: HALLUCINATION_NOTICE,
          pricesAsOf: PRICES_AS_OF,
        },
        usage: tokenUsage(modelId, Boolean(guardrail), [sample]),
      };
    },
  });
}
