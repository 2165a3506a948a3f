/**
 * What POST /bedrock/read-document may send, and to which models: the sourced limits of Converse's image
 * and document content blocks, and the models that read both. Data only; no AWS calls.
 *
 * Sources, read 2026-12-05:
 * - Converse `Message.content` (Amazon Bedrock API Reference, Message; the same text is the model
 *   documentation of @aws-sdk/client-bedrock-runtime 3.1164.0): up to 20 images, each at most 3.75 MB and
 *   8,000 × 8,000 px; up to five documents of at most 4.5 MB each; a message with a document block must
 *   also have a text block; images and documents only in a `user` message. `DocumentBlock.name` takes
 *   letters, digits, single spaces, hyphens, parentheses and square brackets, and AWS advises a neutral
 *   name because the model may read it as instructions.
 *   https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html (verified)
 * - "Supported models and model features" (Amazon Bedrock User Guide): Amazon Nova Lite and Nova Pro have
 *   Vision and Document chat with Converse, and Guardrails; Nova Micro has neither Vision nor Document chat;
 *   AI21 Jamba 1.5 has Document chat but no Vision.
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html (verified)
 *
 * AWS does not say whether "MB" means 10^6 or 2^20 bytes here; the lab takes the smaller reading, so a file
 * it accepts is never too large for Bedrock.
 */
import { baseModelId } from '../shared/pricing';

export const CONVERSE_LIMITS_SOURCE =
  'https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html';
export const DOCUMENT_MODELS_SOURCE =
  'https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html';

/** Converse image block: 3.75 MB, read as 3,750,000 bytes. */
export const CONVERSE_MAX_IMAGE_BYTES = 3_750_000;
/** Converse image block: 8,000 px on either side. */
export const CONVERSE_MAX_IMAGE_SIDE_PX = 8_000;
/** Converse document block: 4.5 MB, read as 4,500,000 bytes. */
export const CONVERSE_MAX_DOCUMENT_BYTES = 4_500_000;

/** The name every document block gets: neutral, as AWS advises (a caller's file name never reaches the model). */
export const DOCUMENT_BLOCK_NAME = 'document';

/** What the route reads, sniffed from the bytes, and the Converse block each becomes. */
export const READ_DOCUMENT_TYPES = {
  'image/png': { block: 'image', format: 'png' },
  'image/jpeg': { block: 'image', format: 'jpeg' },
  'application/pdf': { block: 'document', format: 'pdf' },
} as const;
export type ReadDocumentType = keyof typeof READ_DOCUMENT_TYPES;

/**
 * Foundation models of the lab's Region table that read both images (Vision) and documents (Document
 * chat) through Converse, with guardrails. A profile of one of them (apac.amazon.nova-lite-v1:0) reads
 * the same.
 */
export const DOCUMENT_MODELS = ['amazon.nova-lite-v1:0', 'amazon.nova-pro-v1:0'] as const;

/** The default: the smaller, cheaper of the two. */
export const DEFAULT_DOCUMENT_MODEL = 'amazon.nova-lite-v1:0';

/** Does `modelId` (a foundation model or a system-defined profile of one) read images and documents? */
export function readsDocuments(modelId: string): boolean {
  return (DOCUMENT_MODELS as readonly string[]).includes(baseModelId(modelId));
}
