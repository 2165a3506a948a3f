/**
 * The Bedrock handler's POST /bedrock/ask-notes (retrieval over the study notes, then the model),
 * and privacy across its routes. Shared setup: ./harness.ts.
 */
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { HALLUCINATION_NOTICE } from '../../../lambda/bedrock/call';
import { bodyOf } from '../../support/events';
import {
  ANSWER_SECRET,
  awsError,
  GUARDRAIL_CONFIG,
  PROMPT_SECRET,
  reply,
  samplePrompt,
  useBedrockHandler,
} from './harness';

const { RAG_EXPLANATION, bedrock, logs, converse, askNotes, sent } = useBedrockHandler();

describe('POST /bedrock/ask-notes (RAG)', () => {
  it('retrieves the prompt-engineering section, grounds the prompt in it and cites it', async () => {
    bedrock
      .on(ConverseCommand)
      .resolves(reply('Instruction, context, input data and output indicator [1].', 900, 40));
    const body = samplePrompt('ask-notes.json');

    const res = await askNotes(body);

    expect(res.statusCode).toBe(200);
    const out = bodyOf(res);
    expect(out.citations.length).toBeGreaterThan(0);
    expect(out.citations.length).toBeLessThanOrEqual(3);
    expect(out.citations[0]).toMatchObject({
      n: 1,
      heading: expect.stringContaining('Prompt engineering and its four elements'),
      excerpt: expect.any(String),
      score: expect.any(Number),
      citedInAnswer: true,
    });
    expect(out.citations[0].score).toBeGreaterThan(0);
    expect(out).toMatchObject({
      answer: 'Instruction, context, input data and output indicator [1].',
      modelCalled: true,
      verified: false,
      notice: HALLUCINATION_NOTICE,
      rag: RAG_EXPLANATION,
      guardrail: { applied: true, intervened: false },
      retrieval: { topK: 3, found: out.citations.length },
    });
    expect(out.rag).toMatch(/weights did not change/);
    expect(out.usage).toMatchObject({ unit: 'tokens', inputTokens: 900, outputTokens: 40, quantity: 940 });

    const prompt = (sent().messages![0]!.content![0] as { text: string }).text;
    expect(prompt).toContain('[1] Optimising model output');
    expect(prompt).toContain('Prompt engineering and its four elements');
    expect(prompt).toContain(`Question: ${body.question}`);
    expect(sent().guardrailConfig).toEqual(GUARDRAIL_CONFIG);
    expect(sent().inferenceConfig).toEqual({ maxTokens: 512 });
  });

  it('answers a Korean question from the matching section', async () => {
    bedrock.on(ConverseCommand).resolves(reply('일괄 추론은 … [1]'));
    const res = await askNotes(samplePrompt('ask-notes.ko.json'));
    expect(bodyOf(res).citations[0].heading).toMatch(/일괄 추론과 실시간 추론/);
  });

  it('honours topK, rejects maxTokens over 8,192 and clamps maxTokens to the cap', async () => {
    bedrock.on(ConverseCommand).resolves(reply('ok'));
    const res = await askNotes({ question: 'hallucination and toxicity risks', topK: 1, maxTokens: 9_000 });
    expect(res.statusCode).toBe(400); // maxTokens above 8,192 is invalid input
    const ok = await askNotes({ question: 'hallucination and toxicity risks', topK: 1, maxTokens: 2_000 });
    expect(bodyOf(ok).citations).toHaveLength(1);
    expect(sent().inferenceConfig).toEqual({ maxTokens: 512 });
    expect(bodyOf(ok).inferenceConfig.maxTokens).toMatchObject({
      requested: 2_000,
      applied: 512,
      clamped: true,
    });
  });

  it('an off-topic question gets "the notes do not cover this" with no AWS call and zero usage', async () => {
    const res = await askNotes({ question: 'What is the capital of France?' });

    expect(res.statusCode).toBe(200);
    expect(bedrock.calls()).toHaveLength(0);
    const out = bodyOf(res);
    expect(out.answer).toMatch(/the notes do not cover this/);
    expect(out).toMatchObject({ modelCalled: false, citations: [], verified: false, rag: RAG_EXPLANATION });
    expect(out.usage).toMatchObject({ unit: 'tokens', quantity: 0, inputTokens: 0, outputTokens: 0 });
    expect(out.usage.estimatedCostUsd).toBe(0);
  });
});

describe('privacy', () => {
  it('never logs prompts, questions, answers or retrieved passages', async () => {
    bedrock.on(ConverseCommand).resolves(reply(ANSWER_SECRET));
    const question = 'What are the four elements of a prompt, asks Jane Doe?';
    await converse({ prompt: PROMPT_SECRET, system: 'Secret system persona Zephyr' });
    await converse({ instruction: PROMPT_SECRET, inputData: 'Bluebird memo body', samples: 2 });
    await askNotes({ question });
    await askNotes({ question: 'Jane Doe asks about the capital of France' });
    bedrock.on(ConverseCommand).rejects(awsError('ThrottlingException', `Throttled: ${PROMPT_SECRET}`));
    await converse({ prompt: PROMPT_SECRET });
    await converse(`{"prompt": "${PROMPT_SECRET}", broken`);

    const output = logs().text();
    expect(output).toContain('request served'); // the capture works
    expect(output).toContain('request failed');
    for (const secret of [
      'Bluebird',
      'Jane',
      'Zephyr',
      'ships on Tuesday',
      'four elements',
      'capital of France',
    ]) {
      expect(output).not.toContain(secret);
    }
    // No passage of the notes either.
    expect(output).not.toContain('Prompt engineering');
    expect(output).not.toContain('지침');
  });
});
