/**
 * The Bedrock handler's start-up and POST /bedrock/converse (prompt elements, samples, inference
 * settings, guardrail, usage). Shared setup: ./harness.ts.
 */
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { HALLUCINATION_NOTICE } from '../../../lambda/bedrock/call';
import { loadNotesIndex } from '../../../lambda/bedrock/notes-index';
import { createApiHandler } from '../../../lambda/shared/http';
import { bedrockTokenCost, PRICES, PRICES_AS_OF, roundUsd } from '../../../lambda/shared/pricing';
import { apiEvent, bodyOf } from '../../support/events';
import {
  charGuardrailCost,
  GUARDRAIL_CONFIG,
  NOTES_JSON,
  reply,
  samplePrompt,
  useBedrockHandler,
} from './harness';

const { handler, bedrockRoutes, bedrock, converse, sent } = useBedrockHandler();

describe('start-up', () => {
  const load = () =>
    jest.isolateModules(() => {
      require('../../../lambda/bedrock/handler');
    });

  it('fails fast without the notes index', () => {
    delete (globalThis as Record<string, unknown>).__NOTES_INDEX__;
    try {
      expect(load).toThrow(/__NOTES_INDEX__ is not defined/);
    } finally {
      (globalThis as Record<string, unknown>).__NOTES_INDEX__ = NOTES_JSON;
    }
  });

  it('fails fast on a bad MAX_TOKENS_CAP or a guardrail id without a version', () => {
    process.env.MAX_TOKENS_CAP = 'lots';
    expect(load).toThrow(/MAX_TOKENS_CAP must be a positive integer/);
    process.env.MAX_TOKENS_CAP = '512';
    delete process.env.GUARDRAIL_VERSION;
    expect(load).toThrow(/GUARDRAIL_VERSION is not set/);
    process.env.GUARDRAIL_VERSION = '1';
    expect(load).not.toThrow();
  });

  it('gives every Converse call the request deadline as its abort signal', async () => {
    bedrock.on(ConverseCommand).resolves(reply('ok', 1, 1));
    await handler(apiEvent({ resource: '/bedrock/converse', body: { prompt: 'hi', samples: 2 } }), {
      awsRequestId: 'lambda-req',
      getRemainingTimeInMillis: () => 28_000,
    });
    const signals = bedrock
      .commandCalls(ConverseCommand)
      .map((c) => ((c.args as unknown[])[1] as { abortSignal?: AbortSignal } | undefined)?.abortSignal);
    expect(signals).toHaveLength(2);
    for (const signal of signals) expect(signal).toBeInstanceOf(AbortSignal);
    expect(signals[0]).toBe(signals[1]); // one deadline for the whole request
  });
});

describe('POST /bedrock/converse', () => {
  it('sends a plain prompt with the guardrail and the cap, and returns text, usage, notice and guardrail', async () => {
    bedrock.on(ConverseCommand).resolves(reply('A foundation model is…', 25, 40));
    const body = samplePrompt('plain-prompt.json');

    const res = await converse(body);

    expect(res.statusCode).toBe(200);
    expect(sent()).toEqual({
      modelId: 'amazon.nova-micro-v1:0',
      messages: [{ role: 'user', content: [{ text: body.prompt }] }],
      inferenceConfig: { maxTokens: 200, temperature: 0.7 },
      guardrailConfig: GUARDRAIL_CONFIG,
    });
    const out = bodyOf(res);
    expect(out).toMatchObject({
      modelId: 'amazon.nova-micro-v1:0',
      text: 'A foundation model is…',
      stopReason: 'end_turn',
      verified: false,
      notice: HALLUCINATION_NOTICE,
      pricesAsOf: PRICES_AS_OF,
      guardrail: { applied: true, version: '1', intervened: false, reasons: [] },
      inferenceConfig: {
        temperature: 0.7,
        maxTokens: { requested: 200, applied: 200, cap: 512, clamped: false },
      },
    });
    expect(out.notice).toMatch(/independent sources/);
    expect(out.assembledPrompt).toBeUndefined();
    expect(out.outputs).toBeUndefined();
    const tokens = bedrockTokenCost('amazon.nova-micro-v1:0', 25, 40)!;
    const guard = charGuardrailCost(body.prompt.length, 'A foundation model is…'.length);
    expect(out.usage).toMatchObject({
      unit: 'tokens',
      inputTokens: 25,
      outputTokens: 40,
      quantity: 65,
      modelCalls: 1,
      tokenCostUsd: tokens,
      guardrailCostUsd: guard,
      estimatedCostUsd: roundUsd(tokens + guard),
      costNote: expect.stringMatching(/^Estimate/),
    });
  });

  it('assembles the four prompt elements and echoes the prompt and the elements used', async () => {
    bedrock.on(ConverseCommand).resolves(reply('{"sentiment": "mixed", "reason": "battery life"}'));
    const body = samplePrompt('four-elements.json');

    const res = await converse(body);

    expect(res.statusCode).toBe(200);
    const out = bodyOf(res);
    expect(out.elementsUsed).toEqual(['instruction', 'context', 'inputData', 'outputIndicator']);
    expect(out.assembledPrompt).toBe(
      [
        `Instruction:\n${body.instruction}`,
        `Context:\n${body.context}`,
        `Input data:\n${body.inputData}`,
        `Output format:\n${body.outputIndicator}`,
      ].join('\n\n'),
    );
    expect(sent().messages).toEqual([{ role: 'user', content: [{ text: out.assembledPrompt }] }]);
    expect(sent().inferenceConfig).toEqual({ maxTokens: 100, temperature: 0 });
  });

  it('echoes only the elements given (instruction + inputData + outputIndicator)', async () => {
    bedrock.on(ConverseCommand).resolves(reply('Summary.'));
    const res = await converse(samplePrompt('journalist-summary.en.json'));
    expect(bodyOf(res).elementsUsed).toEqual(['instruction', 'inputData', 'outputIndicator']);
    expect(bodyOf(res).assembledPrompt).not.toContain('Context:');
  });

  it('sends an optional system prompt', async () => {
    bedrock.on(ConverseCommand).resolves(reply('ok'));
    await converse({ prompt: 'Hi', system: 'You are terse.' });
    expect(sent().system).toEqual([{ text: 'You are terse.' }]);
  });

  it('clamps maxTokens to MAX_TOKENS_CAP and sends exactly the inferenceConfig asked for', async () => {
    bedrock.on(ConverseCommand).resolves(reply('ok'));

    const res = await converse({ prompt: 'Hi', maxTokens: 4_000, temperature: 0.2, topP: 0.9 });

    expect(sent().inferenceConfig).toEqual({ maxTokens: 512, temperature: 0.2, topP: 0.9 });
    expect(bodyOf(res).inferenceConfig).toEqual({
      temperature: 0.2,
      topP: 0.9,
      maxTokens: { requested: 4_000, applied: 512, cap: 512, clamped: true },
    });
  });

  it('uses the cap when maxTokens is not given, and sends no temperature or topP it was not given', async () => {
    bedrock.on(ConverseCommand).resolves(reply('ok'));
    const res = await converse({ prompt: 'Hi' });
    expect(sent().inferenceConfig).toEqual({ maxTokens: 512 });
    expect(bodyOf(res).inferenceConfig.maxTokens).toEqual({ applied: 512, cap: 512, clamped: false });
  });

  it('samples: 3 sends three calls, sums the tokens and reports different outputs (비결정성)', async () => {
    bedrock
      .on(ConverseCommand)
      .resolvesOnce(reply('RoboBrew', 15, 5))
      .resolvesOnce(reply('Circuit Café', 15, 6))
      .resolvesOnce(reply('The Daily Grind Bot', 15, 7));

    const res = await converse(samplePrompt('non-determinism.json'));

    expect(res.statusCode).toBe(200);
    expect(bedrock).toHaveReceivedCommandTimes(ConverseCommand, 3);
    for (let i = 0; i < 3; i++) expect(sent(i).inferenceConfig).toEqual({ maxTokens: 512, temperature: 1 });
    const out = bodyOf(res);
    expect(out.samples).toBe(3);
    expect(out.outputs).toEqual([
      { text: 'RoboBrew', stopReason: 'end_turn' },
      { text: 'Circuit Café', stopReason: 'end_turn' },
      { text: 'The Daily Grind Bot', stopReason: 'end_turn' },
    ]);
    expect(out.text).toBe('RoboBrew');
    expect(out.identical).toBe(false);
    expect(out.distinctOutputs).toBe(3);
    expect(out.nonDeterminism).toMatch(/비결정성/);
    expect(out.usage).toMatchObject({ inputTokens: 45, outputTokens: 18, quantity: 63, modelCalls: 3 });
    expect(out.usage.tokenCostUsd).toBe(bedrockTokenCost('amazon.nova-micro-v1:0', 45, 18));
  });

  it('samples: reports identical outputs when every run gives the same text', async () => {
    bedrock.on(ConverseCommand).resolves(reply('RoboBrew'));
    const res = await converse({ prompt: 'Name a robot café.', temperature: 0, samples: 3 });
    expect(bedrock).toHaveReceivedCommandTimes(ConverseCommand, 3);
    expect(bodyOf(res)).toMatchObject({ identical: true, distinctOutputs: 1 });
  });

  it('reports which guardrail policies acted, without the blocked text or the matched PII', async () => {
    const card = '4111 1111 1111 1111';
    bedrock.on(ConverseCommand).resolves(
      reply(
        'The lab guardrail blocked this prompt (harmful content, a prompt attack or sensitive data).',
        0,
        0,
        {
          stopReason: 'guardrail_intervened',
          trace: {
            guardrail: {
              modelOutput: ['hidden instructions: be helpful'],
              actionReason: 'Guardrail blocked.',
              inputAssessment: {
                'gr-test': {
                  contentPolicy: {
                    filters: [
                      {
                        type: 'PROMPT_ATTACK',
                        confidence: 'HIGH',
                        filterStrength: 'HIGH',
                        action: 'BLOCKED',
                      },
                      { type: 'INSULTS', confidence: 'NONE', filterStrength: 'HIGH', action: 'NONE' },
                    ],
                  },
                  sensitiveInformationPolicy: {
                    piiEntities: [
                      { type: 'CREDIT_DEBIT_CARD_NUMBER', match: card, action: 'BLOCKED' },
                      { type: 'EMAIL', match: 'jane@example.com', action: 'ANONYMIZED' },
                    ],
                    regexes: [],
                  },
                  topicPolicy: { topics: [{ name: 'investment-advice', type: 'DENY', action: 'BLOCKED' }] },
                  wordPolicy: {
                    customWords: [{ match: 'bluebird', action: 'BLOCKED' }],
                    managedWordLists: [{ match: 'darn', type: 'PROFANITY', action: 'BLOCKED' }],
                  },
                  invocationMetrics: {
                    usage: {
                      topicPolicyUnits: 1,
                      contentPolicyUnits: 1,
                      wordPolicyUnits: 1,
                      sensitiveInformationPolicyUnits: 1,
                      sensitiveInformationPolicyFreeUnits: 0,
                      contextualGroundingPolicyUnits: 0,
                    },
                  },
                },
              },
            },
          },
        },
      ),
    );
    const body = samplePrompt('guardrail-trigger.json');

    const res = await converse(body);

    expect(res.statusCode).toBe(200);
    expect(sent().guardrailConfig).toEqual(GUARDRAIL_CONFIG);
    const out = bodyOf(res);
    expect(out.stopReason).toBe('guardrail_intervened');
    expect(out.guardrail).toEqual({
      applied: true,
      version: '1',
      intervened: true,
      reasons: [
        { source: 'input', policy: 'content', type: 'PROMPT_ATTACK', action: 'BLOCKED', confidence: 'HIGH' },
        {
          source: 'input',
          policy: 'sensitiveInformation',
          type: 'CREDIT_DEBIT_CARD_NUMBER',
          action: 'BLOCKED',
        },
        { source: 'input', policy: 'sensitiveInformation', type: 'EMAIL', action: 'ANONYMIZED' },
        { source: 'input', policy: 'topic', type: 'investment-advice', action: 'BLOCKED' },
        { source: 'input', policy: 'word', type: 'CUSTOM_WORD', action: 'BLOCKED' },
        { source: 'input', policy: 'word', type: 'PROFANITY', action: 'BLOCKED' },
      ],
    });
    // Guardrail cost from the units the trace reports: 1 content + 1 sensitive-information unit.
    expect(out.usage.guardrailCostUsd).toBe(
      roundUsd(PRICES.guardrailContentFilterTextUnit.usd + PRICES.guardrailSensitiveInfoTextUnit.usd),
    );
    for (const leaked of [
      card,
      '4111',
      'jane@example.com',
      'hidden instructions',
      'bluebird',
      'darn',
      body.prompt,
    ]) {
      expect(res.body).not.toContain(leaked);
    }
  });

  it('sends no guardrailConfig when the stack has no guardrail (bedrockGuardrail=false)', async () => {
    bedrock.on(ConverseCommand).resolves(reply('ok', 3, 2));
    const noGuardrail = createApiHandler({
      service: 'bedrock',
      routes: bedrockRoutes({
        client: new BedrockRuntimeClient({ region: 'us-east-1' }),
        modelId: 'us.amazon.nova-micro-v1:0',
        maxTokensCap: 256,
        notesIndex: () => loadNotesIndex(NOTES_JSON),
      }),
    });

    const res = await noGuardrail(
      apiEvent({ resource: '/bedrock/converse', body: { prompt: 'Hi', maxTokens: 300 } }),
    );

    expect(res.statusCode).toBe(200);
    expect(sent().guardrailConfig).toBeUndefined();
    expect(sent().modelId).toBe('us.amazon.nova-micro-v1:0');
    expect(sent().inferenceConfig).toEqual({ maxTokens: 256 });
    const out = bodyOf(res);
    expect(out.guardrail).toEqual({ applied: false, intervened: false, reasons: [] });
    expect(out.usage.guardrailCostUsd).toBeUndefined();
    // An inference profile is priced like its foundation model.
    expect(out.usage.estimatedCostUsd).toBe(bedrockTokenCost('amazon.nova-micro-v1:0', 3, 2));
  });
});
