import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { HALLUCINATION_NOTICE } from '../../../lambda/bedrock/call';
import { buildNotesIndexJson, loadNotesIndex } from '../../../lambda/bedrock/notes-index';
import { MAX_PROMPT_BYTES, MAX_QUESTION_CHARS } from '../../../lambda/bedrock/schemas';
import { createApiHandler } from '../../../lambda/shared/http';
import {
  bedrockTokenCost,
  guardrailCost,
  PRICES,
  PRICES_AS_OF,
  roundUsd,
} from '../../../lambda/shared/pricing';
import { apiEvent, bodyOf } from '../../support/events';
import { useHandlerEnv } from '../../support/handler-env';
import { captureLogs, type LogCapture } from '../../support/logs';

const ROOT = path.join(__dirname, '..', '..', '..');
const NOTES_JSON = buildNotesIndexJson(fs.readFileSync(path.join(ROOT, 'notes', 'study-notes.md'), 'utf8'));
const samplePrompt = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'samples', 'prompts', file), 'utf8')) as Record<string, any>;

// The handler reads its environment and the notes index (esbuild `define` in the bundle) at import.
useHandlerEnv({
  MODEL_ID: 'amazon.nova-micro-v1:0',
  MAX_TOKENS_CAP: '512',
  DOCUMENT_MODEL_ID: 'amazon.nova-lite-v1:0',
  GUARDRAIL_ID: 'gr-test',
  GUARDRAIL_VERSION: '1',
  COMPARE_MODEL_IDS: 'amazon.nova-micro-v1:0,amazon.nova-lite-v1:0,amazon.nova-pro-v1:0',
});
(globalThis as Record<string, unknown>).__NOTES_INDEX__ = NOTES_JSON;

const { handler } =
  require('../../../lambda/bedrock/handler') as typeof import('../../../lambda/bedrock/handler');
const { bedrockRoutes, RAG_EXPLANATION } =
  require('../../../lambda/bedrock/routes') as typeof import('../../../lambda/bedrock/routes');

afterAll(() => {
  delete (globalThis as Record<string, unknown>).__NOTES_INDEX__;
});

const bedrock = mockClient(BedrockRuntimeClient);
let logs: LogCapture;

beforeEach(() => {
  bedrock.reset();
  logs = captureLogs();
});
afterEach(() => logs.restore());

const GUARDRAIL_CONFIG = { guardrailIdentifier: 'gr-test', guardrailVersion: '1', trace: 'enabled' };
const PROMPT_SECRET = 'Summarise the memo about Project Bluebird for Jane Doe';
const ANSWER_SECRET = 'Project Bluebird ships on Tuesday, says the model';

const call = (resource: string, body: unknown) => handler(apiEvent({ resource, body }));
const converse = (body: unknown) => call('/bedrock/converse', body);
const askNotes = (body: unknown) => call('/bedrock/ask-notes', body);

function reply(
  text: string,
  inputTokens = 20,
  outputTokens = 10,
  extra: Partial<ConverseCommandOutput> = {},
): ConverseCommandOutput {
  return {
    output: { message: { role: 'assistant', content: [{ text }] } },
    stopReason: 'end_turn',
    usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
    metrics: { latencyMs: 300 },
    $metadata: {},
    ...extra,
  };
}

/** The Converse input of the n-th call. */
const sent = (n = 0) => bedrock.commandCalls(ConverseCommand)[n]!.args[0].input as ConverseCommandInput;

function awsError(name: string, message = `${name} from AWS`, status = 400) {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

/** Guardrail cost by characters, as the route estimates it when the trace has no units. */
const charGuardrailCost = (inputChars: number, outputChars: number) =>
  roundUsd(
    guardrailCost(inputChars, { contentFilters: true, sensitiveInfo: true }) +
      guardrailCost(outputChars, { contentFilters: true, sensitiveInfo: true }),
  );

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

describe('bad input never reaches AWS', () => {
  it.each([
    ['non-JSON', '{not json'],
    ['a JSON array', '[1,2]'],
    ['neither prompt nor elements', {}],
    ['both prompt and elements', { prompt: 'Hi', instruction: 'Summarise' }],
    ['only context and output format', { context: 'Background', outputIndicator: 'JSON' }],
    ['empty prompt', { prompt: '   ' }],
    ['temperature 2', { prompt: 'Hi', temperature: 2 }],
    ['topP -0.1', { prompt: 'Hi', topP: -0.1 }],
    ['maxTokens 0', { prompt: 'Hi', maxTokens: 0 }],
    ['maxTokens 1.5', { prompt: 'Hi', maxTokens: 1.5 }],
    ['samples 4', { prompt: 'Hi', samples: 4 }],
    ['samples 0', { prompt: 'Hi', samples: 0 }],
    ['unknown field', { prompt: 'Hi', modelId: 'anthropic.claude-v2' }],
    ['wrong type', { prompt: 42 }],
  ])('converse: %s → 400', async (_label, body) => {
    const res = await converse(body);
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.any(String),
      requestId: 'req-0001',
    });
    expect(bedrock.calls()).toHaveLength(0);
  });

  it.each([
    ['no question', {}],
    ['empty question', { question: ' ' }],
    ['question too long', { question: 'x'.repeat(MAX_QUESTION_CHARS + 1) }],
    ['topK 6', { question: 'prompt', topK: 6 }],
    ['temperature 2', { question: 'prompt', temperature: 2 }],
    ['unknown field', { question: 'prompt', passages: [] }],
  ])('ask-notes: %s → 400', async (_label, body) => {
    const res = await askNotes(body);
    expect(res.statusCode).toBe(400);
    expect(bedrock.calls()).toHaveLength(0);
  });

  it('no body → 400', async () => {
    const res = await handler(apiEvent({ resource: '/bedrock/converse' }));
    expect(res.statusCode).toBe(400);
    expect(bedrock.calls()).toHaveLength(0);
  });

  it(`a prompt over ${MAX_PROMPT_BYTES} bytes → 413`, async () => {
    const res = await converse({ prompt: 'x'.repeat(MAX_PROMPT_BYTES + 1) });
    expect(res.statusCode).toBe(413);
    expect(bodyOf(res).error.message).toMatch(new RegExp(`${MAX_PROMPT_BYTES} bytes`));
    expect(bedrock.calls()).toHaveLength(0);
  });

  it('assembled elements over the limit (Korean, 3 bytes a character) → 413', async () => {
    const half = '가'.repeat(Math.ceil(MAX_PROMPT_BYTES / 6));
    const res = await converse({ instruction: '요약하십시오.', context: half, inputData: half });
    expect(res.statusCode).toBe(413);
    expect(bedrock.calls()).toHaveLength(0);
  });

  it('an unknown route → 404 and a wrong method → 405', async () => {
    expect((await call('/bedrock/nope', { prompt: 'x' })).statusCode).toBe(404);
    expect((await handler(apiEvent({ method: 'GET', resource: '/bedrock/converse' }))).statusCode).toBe(405);
  });
});

describe('AWS errors are mapped to actionable messages', () => {
  it.each([
    [
      'AccessDeniedException',
      "You don't have access to the model with the specified model ID.",
      403,
      403,
      'MODEL_ACCESS',
      /amazon\.nova-micro-v1:0 in us-east-1\. There is no model access page.*enabled on first use.*SCPs/,
    ],
    [
      'AccessDeniedException',
      'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model.',
      403,
      403,
      'MODEL_ACCESS',
      /AWS Marketplace subscription.*Model catalog, Region us-east-1.*up to 15 minutes/,
    ],
    [
      'AccessDeniedException',
      'Model use case details have not been submitted for this account.',
      403,
      403,
      'MODEL_ACCESS',
      /use-case details.*Model catalog, Region us-east-1/,
    ],
    [
      'AccessDeniedException',
      'User: arn:aws:sts::123456789012:assumed-role/x is not authorized to perform: bedrock:InvokeModel',
      403,
      403,
      'ACCESS_DENIED',
      /BedrockInvoke policy/,
    ],
    [
      'ValidationException',
      "Invocation of model ID amazon.nova-micro-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
      400,
      400,
      'MODEL_NOT_AVAILABLE',
      /not available in us-east-1.*-c bedrockModelId=<an inference profile id like us\.amazon\.nova-micro-v1:0>/,
    ],
    [
      'ValidationException',
      'The provided model identifier is invalid.',
      400,
      400,
      'MODEL_NOT_AVAILABLE',
      /-c bedrockModelId=/,
    ],
    ['ResourceNotFoundException', 'Model not found.', 404, 404, 'MODEL_NOT_AVAILABLE', /-c bedrockModelId=/],
    [
      'ValidationException',
      'Malformed input request: temperature out of range',
      400,
      400,
      'INVALID_REQUEST',
      /ValidationException/,
    ],
    ['ThrottlingException', 'Too many requests', 429, 429, 'THROTTLED', /Retry/],
    ['ModelNotReadyException', 'Model is not ready', 429, 429, 'MODEL_NOT_READY', /Retry/],
    ['ServiceQuotaExceededException', 'Quota exceeded', 400, 429, 'THROTTLED', /Service Quotas/],
    ['ModelTimeoutException', 'Timed out', 408, 504, 'MODEL_TIMEOUT', /maxTokens/],
    [
      'TimeoutError',
      'Stream timed out because of no activity for 12000 ms',
      500,
      504,
      'UPSTREAM_TIMEOUT',
      /time/,
    ],
    ['ServiceUnavailableException', 'Unavailable', 503, 503, 'UPSTREAM_UNAVAILABLE', /Try again/],
    ['ModelErrorException', 'The model failed', 424, 502, 'MODEL_ERROR', /another model/],
    ['InternalServerException', 'Internal', 500, 502, 'UPSTREAM_ERROR', /failed/],
  ])('%s (%s; AWS %s) → %s', async (name, message, awsStatus, status, code, pattern) => {
    bedrock.on(ConverseCommand).rejects(awsError(name, message, awsStatus));
    const res = await converse({ prompt: PROMPT_SECRET });
    expect(res.statusCode).toBe(status);
    const { error } = bodyOf(res);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(pattern);
    expect(res.body).not.toMatch(/\n\s+at |\.ts:\d+/); // no stack trace
    expect(res.body).not.toContain('Bluebird');
  });

  it('ask-notes maps errors the same way', async () => {
    bedrock
      .on(ConverseCommand)
      .rejects(awsError('AccessDeniedException', 'You do not have access to the model'));
    const res = await askNotes(samplePrompt('ask-notes.json'));
    expect(res.statusCode).toBe(403);
    expect(bodyOf(res).error.code).toBe('MODEL_ACCESS');
  });
});

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

    const output = logs.text();
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
