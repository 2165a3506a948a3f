/** Request schemas of the Bedrock demo. */
import * as z from 'zod';
import { nonEmptyText } from '../shared/body';

/** Cost ceiling on input: about 5,000 tokens of prompt at most. */
export const MAX_PROMPT_BYTES = 20_000;
export const MAX_QUESTION_CHARS = 1_000;

const inference = {
  /** 0 = most deterministic; higher = more varied (non-determinism, 비결정성). */
  temperature: z.number().min(0).max(1).optional(),
  topP: z.number().min(0).max(1).optional(),
  /** Capped by the stack's bedrockMaxTokensCap (the cost ceiling). */
  maxTokens: z.number().int().min(1).max(8_192).optional(),
};

/** A plain prompt, or the notes' four prompt elements, and an optional system prompt. */
const promptFields = {
  /** A plain prompt… */
  prompt: nonEmptyText().optional(),
  /** …or the notes' four prompt elements (지침, 컨텍스트, 입력 데이터, 출력 지표). */
  instruction: nonEmptyText().optional(),
  context: nonEmptyText().optional(),
  inputData: nonEmptyText().optional(),
  outputIndicator: nonEmptyText().optional(),
  /** Optional system prompt (role, tone). */
  system: nonEmptyText().optional(),
};

type PromptShape = {
  prompt?: string;
  instruction?: string;
  context?: string;
  inputData?: string;
  outputIndicator?: string;
};

/** Either a prompt or the elements, and the elements need an instruction or input data. */
function promptRules<T extends z.ZodType<PromptShape>>(schema: T) {
  return schema
    .refine(
      (r) => Boolean(r.prompt) !== Boolean(r.instruction || r.context || r.inputData || r.outputIndicator),
      {
        message:
          'send either prompt, or the prompt elements (instruction, context, inputData, outputIndicator), not both',
        path: ['prompt'],
      },
    )
    .refine((r) => Boolean(r.prompt) || Boolean(r.instruction || r.inputData), {
      message: 'the prompt elements need at least an instruction or inputData',
      path: ['instruction'],
    });
}

export const converseRequest = promptRules(
  z.strictObject({
    ...promptFields,
    ...inference,
    /** Run the same request 1–3 times to see non-determinism; tokens add up. */
    samples: z.number().int().min(1).max(3).default(1),
  }),
);

/** POST /bedrock/converse-stream: one answer, streamed (samples would interleave, so there are none). */
export const converseStreamRequest = promptRules(z.strictObject({ ...promptFields, ...inference }));

/** Model ids as the comparison accepts them; which ones are allowed is the stack's configured list. */
export const MODEL_ID_PATTERN = /^[a-z0-9.:-]{1,100}$/i;

/** POST /bedrock/compare: one prompt, two or three of the configured models side by side. */
export const compareRequest = promptRules(
  z.strictObject({
    ...promptFields,
    ...inference,
    /** Two or three ids from the configured list. @default the whole configured list */
    models: z
      .array(z.string().regex(MODEL_ID_PATTERN, 'must be a Bedrock model id'))
      .min(2)
      .max(3)
      .refine((m) => new Set(m).size === m.length, 'list each model once')
      .optional(),
  }),
);

export const askNotesRequest = z.strictObject({
  question: nonEmptyText().max(MAX_QUESTION_CHARS),
  /** How many passages to retrieve as context. */
  topK: z.number().int().min(1).max(5).default(3),
  ...inference,
});

/**
 * POST /bedrock/read-document: an image (PNG, JPEG) or a PDF, base64 in the body, read by a multimodal model
 * with the notes' prompt elements. The document is the input data (입력 데이터); `outputSchema` (a JSON Schema
 * object) becomes the output indicator (출력 지표) and the answer is validated against it.
 */
export const readDocumentRequest = z.strictObject({
  /** The file, base64-encoded (`base64 -w0 file`); a `data:<type>;base64,` prefix is accepted. */
  document: z.string().min(1, 'must not be empty'),
  /** What to do with the document. @default read its fields */
  instruction: nonEmptyText().optional(),
  /** What the model should know about the document (its kind, its language). */
  context: nonEmptyText().optional(),
  /** How to answer, in words; the JSON request is added to it. */
  outputIndicator: nonEmptyText().optional(),
  /** A JSON Schema (2020-12) object for the fields to return. */
  outputSchema: z.record(z.string(), z.unknown()).optional(),
  ...inference,
});

export const requestSchemas = {
  '/bedrock/converse': converseRequest,
  '/bedrock/ask-notes': askNotesRequest,
  '/bedrock/converse-stream': converseStreamRequest,
  '/bedrock/compare': compareRequest,
  '/bedrock/read-document': readDocumentRequest,
} as const;
