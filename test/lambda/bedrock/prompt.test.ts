import { assemblePrompt, PROMPT_ELEMENTS } from '../../../lambda/bedrock/prompt';
import { HttpError } from '../../../lambda/shared/errors';

describe('assemblePrompt', () => {
  test('joins all four elements in the documented order', () => {
    const { prompt, elementsUsed } = assemblePrompt({
      instruction: 'Summarise the text.',
      context: 'The reader is a busy manager.',
      inputData: 'Amazon Bedrock offers foundation models through one API.',
      outputIndicator: 'Two sentences.',
    });
    expect(prompt).toBe(
      [
        'Instruction:',
        'Summarise the text.',
        '',
        'Context:',
        'The reader is a busy manager.',
        '',
        'Input data:',
        'Amazon Bedrock offers foundation models through one API.',
        '',
        'Output format:',
        'Two sentences.',
      ].join('\n'),
    );
    expect(elementsUsed).toEqual(['instruction', 'context', 'inputData', 'outputIndicator']);
  });

  test('skips absent elements and keeps the template order whatever the key order', () => {
    const { prompt, elementsUsed } = assemblePrompt({ outputIndicator: 'JSON', instruction: 'Classify.' });
    expect(prompt).toBe('Instruction:\nClassify.\n\nOutput format:\nJSON');
    expect(elementsUsed).toEqual(['instruction', 'outputIndicator']);
  });

  test('a single element is a valid prompt', () => {
    expect(assemblePrompt({ inputData: 'Hello' })).toEqual({
      prompt: 'Input data:\nHello',
      elementsUsed: ['inputData'],
    });
  });

  test('blank, whitespace-only and undefined elements count as absent', () => {
    const { prompt, elementsUsed } = assemblePrompt({
      instruction: 'Translate to Korean.',
      context: '   \n ',
      inputData: undefined,
      outputIndicator: '',
    });
    expect(prompt).toBe('Instruction:\nTranslate to Korean.');
    expect(elementsUsed).toEqual(['instruction']);
  });

  test('values are trimmed and CRLF becomes LF; inner text is untouched', () => {
    const { prompt } = assemblePrompt({ inputData: '  line one\r\nline two\r\n\r\n  indented\n' });
    expect(prompt).toBe('Input data:\nline one\nline two\n\n  indented');
  });

  test('is deterministic', () => {
    const elements = { instruction: 'A', context: 'B', inputData: 'C', outputIndicator: 'D' };
    expect(assemblePrompt(elements)).toEqual(assemblePrompt({ ...elements }));
  });

  test("the notes' journalist example maps onto instruction, input data and output indicator", () => {
    const { prompt } = assemblePrompt({
      instruction: 'You are a seasoned journalist who condenses long articles. Summarise the following text.',
      inputData: '[article]',
      outputIndicator: '2–3 sentences',
    });
    expect(prompt).toContain('Instruction:\nYou are a seasoned journalist');
    expect(prompt).toContain('Input data:\n[article]');
    expect(prompt.endsWith('Output format:\n2–3 sentences')).toBe(true);
    expect(prompt).not.toContain('Context:');
  });

  test('no element at all is a 400 that names all four', () => {
    let error: unknown;
    try {
      assemblePrompt({ instruction: ' ', context: '' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    expect((error as HttpError).message).toMatch(/instruction.*context.*inputData.*outputIndicator/);
    expect(() => assemblePrompt({})).toThrow(HttpError);
  });
});

describe('PROMPT_ELEMENTS', () => {
  test("carry the notes' Korean names in template order", () => {
    expect(PROMPT_ELEMENTS.map((e) => [e.key, e.ko])).toEqual([
      ['instruction', '지침'],
      ['context', '컨텍스트'],
      ['inputData', '입력 데이터'],
      ['outputIndicator', '출력 지표'],
    ]);
  });

  test('labels are the section names used in the template', () => {
    const all = assemblePrompt({
      instruction: 'i',
      context: 'c',
      inputData: 'd',
      outputIndicator: 'o',
    }).prompt;
    for (const e of PROMPT_ELEMENTS) expect(all).toContain(`${e.label}:\n`);
  });
});
