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

export const converseRequest = z
  .strictObject({
    /** A plain prompt… */
    prompt: nonEmptyText().optional(),
    /** …or the notes' four prompt elements (지침, 컨텍스트, 입력 데이터, 출력 지표). */
    instruction: nonEmptyText().optional(),
    context: nonEmptyText().optional(),
    inputData: nonEmptyText().optional(),
    outputIndicator: nonEmptyText().optional(),
    /** Optional system prompt (role, tone). */
    system: nonEmptyText().optional(),
    ...inference,
    /** Run the same request 1–3 times to see non-determinism; tokens add up. */
    samples: z.number().int().min(1).max(3).default(1),
  })
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

export const askNotesRequest = z.strictObject({
  question: nonEmptyText().max(MAX_QUESTION_CHARS),
  /** How many passages to retrieve as context. */
  topK: z.number().int().min(1).max(5).default(3),
  ...inference,
});

export const requestSchemas = {
  '/bedrock/converse': converseRequest,
  '/bedrock/ask-notes': askNotesRequest,
} as const;
