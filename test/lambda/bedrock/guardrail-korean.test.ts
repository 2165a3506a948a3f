/**
 * The guardrail on Korean input: every Converse request carries the lab guardrail, and an intervention
 * on the Korean samples (a harmful request, a prompt attack) is reported as such: intervened, which
 * policy acted, the Region's tier (STANDARD: Korean is supported), the bilingual blocked message, and
 * never the blocked text in the response's trace fields or the logs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { BLOCKED_INPUT_MESSAGE } from '../../../lib/bedrock-guardrail';
import { loadBedrockHandler, ROOT } from '../../support/bedrock';
import { apiEvent, bodyOf } from '../../support/events';

const sample = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'samples', 'prompts', file), 'utf8')) as { prompt: string };

const { handler, bedrock, logText } = loadBedrockHandler();

function blocked(filter: string): ConverseCommandOutput {
  return {
    output: { message: { role: 'assistant', content: [{ text: BLOCKED_INPUT_MESSAGE }] } },
    stopReason: 'guardrail_intervened',
    usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
    metrics: { latencyMs: 120 },
    trace: {
      guardrail: {
        inputAssessment: {
          'gr-seoul': {
            contentPolicy: {
              filters: [
                { type: filter as never, confidence: 'HIGH', filterStrength: 'HIGH', action: 'BLOCKED' },
              ],
            },
            invocationMetrics: {
              usage: { contentPolicyUnits: 1, sensitiveInformationPolicyUnits: 1 } as never,
            },
          },
        },
      },
    },
    $metadata: {},
  };
}

describe.each([
  ['guardrail-harmful.ko.json', 'VIOLENCE'],
  ['guardrail-prompt-attack.ko.json', 'PROMPT_ATTACK'],
])('%s', (file, filter) => {
  test(`the request carries the guardrail; the ${filter} intervention is reported, on the Standard tier`, async () => {
    bedrock.on(ConverseCommand).resolves(blocked(filter));
    const body = sample(file);
    expect(body.prompt).toMatch(/[가-힣]/);

    const res = await handler(apiEvent({ resource: '/bedrock/converse', body }));

    expect(res.statusCode).toBe(200);
    const input = bedrock.commandCalls(ConverseCommand)[0]!.args[0].input as ConverseCommandInput;
    expect(input.modelId).toBe('apac.amazon.nova-micro-v1:0');
    expect(input.guardrailConfig).toEqual({
      guardrailIdentifier: 'gr-seoul',
      guardrailVersion: '3',
      trace: 'enabled',
    });
    expect(JSON.stringify(input.messages)).toContain(body.prompt);
    const out = bodyOf(res);
    expect(out.stopReason).toBe('guardrail_intervened');
    expect(out.guardrail).toEqual({
      applied: true,
      version: '3',
      tier: 'STANDARD',
      intervened: true,
      reasons: [{ source: 'input', policy: 'content', type: filter, action: 'BLOCKED', confidence: 'HIGH' }],
    });
    expect(out.text).toBe(BLOCKED_INPUT_MESSAGE);
    expect(out.text).toMatch(/blocked this prompt.*차단했습니다/);
    // The prompt never reaches the logs.
    expect(logText()).not.toContain(body.prompt.slice(0, 12));
  });
});

test('negative control: the same Korean prompt answered normally is not reported as an intervention', async () => {
  bedrock.on(ConverseCommand).resolves({
    output: { message: { role: 'assistant', content: [{ text: '도와드릴 수 없습니다.' }] } },
    stopReason: 'end_turn',
    usage: { inputTokens: 40, outputTokens: 8, totalTokens: 48 },
    metrics: { latencyMs: 200 },
    $metadata: {},
  });
  const res = await handler(
    apiEvent({ resource: '/bedrock/converse', body: sample('guardrail-prompt-attack.ko.json') }),
  );
  expect(bodyOf(res).guardrail).toMatchObject({
    applied: true,
    tier: 'STANDARD',
    intervened: false,
    reasons: [],
  });
});
