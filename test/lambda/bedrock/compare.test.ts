/** POST /bedrock/compare: one prompt, the configured models in parallel, answers side by side. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { buildNotesIndexJson } from '../../../lambda/bedrock/notes-index';
import { bedrockTokenCost, roundUsd } from '../../../lambda/shared/pricing';
import { apiEvent, bodyOf } from '../../support/events';
import { useHandlerEnv } from '../../support/handler-env';
import { useCapturedLogs } from '../../support/logs';

const MICRO = 'amazon.nova-micro-v1:0';
const LITE = 'amazon.nova-lite-v1:0';
const PRO = 'amazon.nova-pro-v1:0';

useHandlerEnv({
  MODEL_ID: MICRO,
  MAX_TOKENS_CAP: '512',
  COMPARE_MODEL_IDS: `${MICRO},${LITE},${PRO}`,
  DOCUMENT_MODEL_ID: LITE,
});
delete process.env.GUARDRAIL_ID;
(globalThis as Record<string, unknown>).__NOTES_INDEX__ = buildNotesIndexJson(
  fs.readFileSync(path.join(__dirname, '..', '..', '..', 'notes', 'study-notes.md'), 'utf8'),
);
const { handler } =
  require('../../../lambda/bedrock/handler') as typeof import('../../../lambda/bedrock/handler');
const { priceRatios } =
  require('../../../lambda/bedrock/compare') as typeof import('../../../lambda/bedrock/compare');

const bedrock = mockClient(BedrockRuntimeClient);
const logs = useCapturedLogs();
beforeEach(() => bedrock.reset());

const compare = (body: unknown) => handler(apiEvent({ resource: '/bedrock/compare', body }));
const answer = (text: string, inputTokens: number, outputTokens: number, latencyMs: number) => ({
  output: { message: { role: 'assistant' as const, content: [{ text }] } },
  stopReason: 'end_turn' as const,
  usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
  metrics: { latencyMs },
  $metadata: {},
});
const SECRET = 'Compare answers about Project Osprey';

describe('POST /bedrock/compare', () => {
  it('calls every configured model with the same prompt and returns latency, tokens and cost side by side', async () => {
    bedrock.on(ConverseCommand, { modelId: MICRO }).resolves(answer('short', 12, 20, 300));
    bedrock.on(ConverseCommand, { modelId: LITE }).resolves(answer('longer', 12, 40, 500));
    bedrock.on(ConverseCommand, { modelId: PRO }).resolves(answer('longest', 12, 80, 900));

    const res = await compare({ prompt: SECRET, maxTokens: 100 });

    expect(res.statusCode).toBe(200);
    const inputs = bedrock.commandCalls(ConverseCommand).map((c) => c.args[0].input as ConverseCommandInput);
    expect(inputs.map((i) => i.modelId).sort()).toEqual([LITE, MICRO, PRO]);
    for (const i of inputs) {
      expect(i.messages).toEqual([{ role: 'user', content: [{ text: SECRET }] }]);
      expect(i.inferenceConfig).toEqual({ maxTokens: 100 });
    }
    const body = bodyOf(res);
    expect(body.models.map((m: any) => m.modelId)).toEqual([MICRO, LITE, PRO]);
    expect(body.models[2]).toMatchObject({
      ok: true,
      text: 'longest',
      inputTokens: 12,
      outputTokens: 80,
      modelLatencyMs: 900,
      latencyMs: expect.any(Number),
      estimatedCostUsd: bedrockTokenCost(PRO, 12, 80),
      price: { timesCheapest: expect.any(Number) },
    });
    const micro1k = bedrockTokenCost(MICRO, 1000, 1000)!;
    const pro1k = bedrockTokenCost(PRO, 1000, 1000)!;
    expect(body.priceRatio.dearestOverCheapest).toBe(roundUsd(pro1k / micro1k));
    expect(body.priceRatio.dearestOverCheapest).toBeGreaterThan(20); // Nova Pro ≈ 23× Nova Micro at list price
    expect(body).toMatchObject({
      verified: false,
      notice: expect.any(String),
      note: expect.stringMatching(/모델 선택/),
    });
    const total = [
      bedrockTokenCost(MICRO, 12, 20)!,
      bedrockTokenCost(LITE, 12, 40)!,
      bedrockTokenCost(PRO, 12, 80)!,
    ];
    expect(body.usage).toMatchObject({
      unit: 'tokens',
      modelCalls: 3,
      inputTokens: 36,
      outputTokens: 140,
      estimatedCostUsd: roundUsd(total.reduce((a, b) => a + b, 0)),
    });
  });

  it('calls the models in parallel, not one after another', async () => {
    let inFlight = 0;
    let most = 0;
    bedrock.on(ConverseCommand).callsFake(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight -= 1;
      return answer('x', 1, 1, 30);
    });
    await compare({ prompt: 'a', models: [MICRO, PRO] });
    expect(most).toBe(2);
  });

  it('a model outside the configured list is a 400 before any call', async () => {
    const res = await compare({ prompt: 'a', models: [MICRO, 'anthropic.claude-3-haiku-20240307-v1:0'] });
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringMatching(/not in the lab's comparison list/),
      details: { allowed: [MICRO, LITE, PRO] },
    });
    expect(bedrock.calls()).toHaveLength(0);
  });

  it.each([
    ['one model', { prompt: 'a', models: [MICRO] }],
    ['four models', { prompt: 'a', models: [MICRO, LITE, PRO, 'amazon.titan-text-lite-v1'] }],
    ['the same model twice', { prompt: 'a', models: [MICRO, MICRO] }],
    ['samples', { prompt: 'a', samples: 2 }],
    ['no prompt', {}],
  ])('%s is a 400 before any call', async (_n, body) => {
    const res = await compare(body);
    expect(res.statusCode).toBe(400);
    expect(bedrock.calls()).toHaveLength(0);
  });

  it('one model failing leaves the others, with the failure in its row', async () => {
    bedrock.on(ConverseCommand, { modelId: MICRO }).resolves(answer('ok', 5, 5, 100));
    bedrock.on(ConverseCommand, { modelId: PRO }).rejects(
      Object.assign(new Error("You don't have access to the model with the specified model ID."), {
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const res = await compare({ prompt: 'a', models: [MICRO, PRO] });
    expect(res.statusCode).toBe(200);
    const [micro, pro] = bodyOf(res).models;
    expect(micro).toMatchObject({ ok: true, text: 'ok' });
    expect(pro).toMatchObject({ ok: false, error: { code: 'MODEL_ACCESS' } });
    expect(bodyOf(res).usage.modelCalls).toBe(1);
  });

  it('every model failing is the mapped error of the first', async () => {
    bedrock
      .on(ConverseCommand)
      .rejects(
        Object.assign(new Error('slow'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } }),
      );
    const res = await compare({ prompt: 'a' });
    expect(res.statusCode).toBe(429);
    expect(bodyOf(res).error.code).toBe('THROTTLED');
  });

  it('never logs the prompt or the answers', async () => {
    bedrock.on(ConverseCommand).resolves(answer(`${SECRET} answered`, 5, 5, 100));
    await compare({ prompt: SECRET });
    expect(logs.text()).toMatch(/request served/);
    expect(logs.text()).not.toContain('Osprey');
  });
});

describe('priceRatios', () => {
  it('gives each model its multiple of the cheapest, and none for a model without a price', () => {
    const r = priceRatios([MICRO, PRO, 'amazon.titan-text-lite-v1']);
    expect(r[0]!.timesCheapest).toBe(1);
    expect(r[1]!.timesCheapest).toBeCloseTo((0.8 + 3.2) / (0.035 + 0.14), 5);
    expect(r[2]).toEqual({
      modelId: 'amazon.titan-text-lite-v1',
      usdPer1kInAnd1kOutTokens: undefined,
      timesCheapest: undefined,
    });
  });
});
