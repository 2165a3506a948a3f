/**
 * The notes' four prompt elements (프롬프트의 네 가지 요소) and the one template that joins them.
 * Pure: no AWS calls, no I/O.
 */
import { badRequest } from '../shared/errors';

/** The four elements, in template order. */
export const PROMPT_ELEMENTS = [
  {
    key: 'instruction',
    label: 'Instruction',
    ko: '지침',
    description: 'The task the model should perform.',
  },
  {
    key: 'context',
    label: 'Context',
    ko: '컨텍스트',
    description: 'Outside information that guides the model.',
  },
  {
    key: 'inputData',
    label: 'Input data',
    ko: '입력 데이터',
    description: 'The content the user wants a response about.',
  },
  {
    key: 'outputIndicator',
    label: 'Output format',
    ko: '출력 지표',
    description: 'The type or format of the answer.',
  },
] as const;

export type PromptElement = (typeof PROMPT_ELEMENTS)[number]['key'];

export type PromptElements = Partial<Record<PromptElement, string | undefined>>;

export interface AssembledPrompt {
  /** The prompt text sent to the model. */
  readonly prompt: string;
  /** The elements that were present, in template order. */
  readonly elementsUsed: PromptElement[];
}

/**
 * Build the prompt from the elements that are present.
 *
 * Template (deterministic; absent or blank elements are skipped, the rest keep this order, and
 * sections are separated by one blank line):
 *
 * ```text
 * Instruction:
 * {instruction}
 *
 * Context:
 * {context}
 *
 * Input data:
 * {inputData}
 *
 * Output format:
 * {outputIndicator}
 * ```
 *
 * Each value is trimmed and its line endings normalised to `\n`; nothing else is changed.
 * Example: `{ instruction: 'Summarise the text in 2–3 sentences.', inputData: '[article]' }` →
 * `"Instruction:\nSummarise the text in 2–3 sentences.\n\nInput data:\n[article]"`.
 *
 * @throws HttpError 400 when no element has any text.
 */
export function assemblePrompt(elements: PromptElements): AssembledPrompt {
  const sections: string[] = [];
  const elementsUsed: PromptElement[] = [];
  for (const { key, label } of PROMPT_ELEMENTS) {
    const value = elements[key]?.replace(/\r\n?/g, '\n').trim();
    if (!value) continue;
    sections.push(`${label}:\n${value}`);
    elementsUsed.push(key);
  }
  if (sections.length === 0) {
    throw badRequest(
      'The prompt needs at least one element: instruction (지침), context (컨텍스트), inputData (입력 데이터) or outputIndicator (출력 지표).',
    );
  }
  return { prompt: sections.join('\n\n'), elementsUsed };
}
