import { App } from 'aws-cdk-lib';
import { buildLab } from '../../lib/app';
import { ConfigError, loadConfig } from '../../lib/config';
import { guardrailName, NAME_RULES, nameStem } from '../../lib/names';
import { labAssembly } from '../support/lab-assembly';

const ctx = (values: Record<string, unknown>) => ({ tryGetContext: (k: string) => values[k] });
const NO_ENV = {};

test('defaults are cheap and safe', () => {
  expect(loadConfig(ctx({}), NO_ENV)).toMatchObject({
    prefix: 'AiLab',
    environment: 'sandbox',
    throttleRateLimit: 5,
    throttleBurstLimit: 10,
    logRetentionDays: 7,
    // The account's API Gateway setting is neither read nor changed unless asked.
    apiGatewayCloudWatchRole: 'none',
    bedrockModelId: 'amazon.nova-micro-v1:0',
    bedrockMaxTokensCap: 512,
    bedrockGuardrail: true,
    sourceMaps: false,
  });
});

test('-c values arrive as strings and are coerced', () => {
  const c = loadConfig(
    ctx({
      throttleRateLimit: '2',
      apiGatewayCloudWatchRole: 'existing',
      logRetentionDays: '14',
      budgetThresholds: '50, 90',
      sourceMaps: 'true',
    }),
  );
  expect(c.sourceMaps).toBe(true);
  expect(c.throttleRateLimit).toBe(2);
  expect(c.apiGatewayCloudWatchRole).toBe('existing');
  expect(c.logRetentionDays).toBe(14);
  expect(c.budgetThresholds).toEqual([50, 90]);
});

test.each([
  ['throttleRateLimit', 'fast', /throttleRateLimit/],
  ['throttleRateLimit', '0', /throttleRateLimit/],
  ['logRetentionDays', '8', /logRetentionDays: must be one of 1, 3, 5, 7/],
  ['apiGatewayCloudWatchRole', 'yes', /apiGatewayCloudWatchRole: must be one of none, existing, create/],
  ['prefix', 'ai-lab', /-c prefix: must be a capital letter, then letters and digits only/],
  ['prefix', 'kim', /-c prefix: must be a capital letter/],
  ['prefix', 'Kim_Lee', /-c prefix: must be a capital letter/],
  ['prefix', 'A'.repeat(17), /-c prefix: must be at most 16 characters/],
  // The guardrail name takes the environment: Bedrock allows letters, digits, - and _ only.
  [
    'environment',
    'dev.team',
    /-c environment: it makes the Amazon Bedrock guardrail name 'ai-lab-guardrail-dev.team'/,
  ],
  ['environment', 'my sandbox', /-c environment: it makes the Amazon Bedrock guardrail name/],
  [
    'environment',
    'e'.repeat(40),
    /-c environment: it makes the Amazon Bedrock guardrail name .* \(57 characters\), over its limit of 50/,
  ],
  ['owner', 'a,b', /owner: must contain only characters allowed in AWS tag values/],
  ['budgetEmail', 'not-an-email', /budgetEmail/],
  ['bedrockModelId', 'model id with spaces', /bedrockModelId/],
  ['bedrockCompareModelIds', 'amazon.nova-micro-v1:0', /bedrockCompareModelIds: must list two or three/],
  [
    'bedrockCompareModelIds',
    'amazon.nova-micro-v1:0,amazon.nova-lite-v1:0,amazon.nova-pro-v1:0,us.amazon.nova-micro-v1:0',
    /bedrockCompareModelIds: must list two or three/,
  ],
  [
    'bedrockCompareModelIds',
    'amazon.nova-micro-v1:0,anthropic.claude-3-haiku-20240307-v1:0',
    /bedrockCompareModelIds.*'anthropic.claude-3-haiku-20240307-v1:0' has no price/,
  ],
  ['bedrockCompareModelIds', 'amazon.nova-micro-v1:0,amazon.nova-micro-v1:0', /must not list a model twice/],
  [
    'bedrockCompareModelIds',
    'amazon.nova-micro-v1:0,nova lite',
    /bedrockCompareModelIds\.1: must be Bedrock model ids/,
  ],
])('a bad %s (%s) fails with a message naming the key', (key, value, message) => {
  expect(() => loadConfig(ctx({ [key]: value }), NO_ENV)).toThrow(ConfigError);
  expect(() => loadConfig(ctx({ [key]: value }), NO_ENV)).toThrow(message);
});

test('-c environment=dev.team fails synth with the config message, not a CloudFormation validation error', () => {
  const app = new App({ context: { environment: 'dev.team', 'aws:cdk:bundling-stacks': [] } });
  expect(() => buildLab(app)).toThrow(
    /Invalid ai-services-lab settings:\n {2}-c environment: it makes the Amazon Bedrock guardrail name 'ai-lab-guardrail-dev\.team', which AWS rejects/,
  );
});

test('a prefix and an environment each fine alone but too long together name both keys', () => {
  const prefix = 'Abcdefghijklmnop'; // 16, the most a prefix may have
  const environment = 'e'.repeat(30);
  expect(guardrailName(prefix, 'sandbox').length).toBeLessThanOrEqual(NAME_RULES.guardrail.maxLength);
  expect(guardrailName('AiLab', environment).length).toBeLessThanOrEqual(NAME_RULES.guardrail.maxLength);
  let error = '';
  try {
    loadConfig(ctx({ prefix, environment }), NO_ENV);
  } catch (e) {
    error = (e as Error).message;
  }
  expect(error).toMatch(
    /-c prefix: together with -c environment, it makes the Amazon Bedrock guardrail name/,
  );
  expect(error).toMatch(
    /-c environment: together with -c prefix, it makes the Amazon Bedrock guardrail name/,
  );
});

test('every accepted prefix and environment make names their services accept (a sweep)', () => {
  const prefixes = ['A', 'AiLab', 'Kim', 'TeamB2', 'Abcdefghijklmnop', 'ABCDEFGHIJKLMNOP'];
  const environments = ['sandbox', 'dev', 'dev-team', 'dev_team', 'x'];
  for (const prefix of prefixes)
    for (const environment of environments) {
      let config: ReturnType<typeof loadConfig> | undefined;
      try {
        config = loadConfig(ctx({ prefix, environment }), NO_ENV);
      } catch {
        continue; // refused: fine, as long as what is accepted is valid
      }
      const name = guardrailName(config.prefix, config.environment);
      expect([name, NAME_RULES.guardrail.pattern.test(name)]).toEqual([name, true]);
      expect(name.length).toBeLessThanOrEqual(NAME_RULES.guardrail.maxLength);
    }
});

test('the prefix comes from -c prefix, else AI_LAB_PREFIX, else AiLab; a bad AI_LAB_PREFIX says so', () => {
  expect(loadConfig(ctx({}), { AI_LAB_PREFIX: 'Kim' }).prefix).toBe('Kim');
  expect(loadConfig(ctx({ prefix: 'Lee' }), { AI_LAB_PREFIX: 'Kim' }).prefix).toBe('Lee');
  expect(loadConfig(ctx({}), NO_ENV).prefix).toBe('AiLab');
  expect(() => loadConfig(ctx({}), { AI_LAB_PREFIX: 'kim lee' })).toThrow(
    /-c prefix \(from AI_LAB_PREFIX\): must be a capital letter/,
  );
});

test('the name stem is kebab case and one-to-one on accepted prefixes', () => {
  expect(nameStem('AiLab')).toBe('ai-lab');
  expect(nameStem('Kim')).toBe('kim');
  expect(nameStem('TeamB2')).toBe('team-b2');
  const prefixes = ['AiLab', 'Ailab', 'AILab', 'AiLAb', 'Ai', 'AiLab2', 'AiLabX'];
  expect(new Set(prefixes.map(nameStem)).size).toBe(prefixes.length);
});

test.each([
  [true, 'create'],
  ['true', 'create'],
  [false, 'existing'],
  ['false', 'existing'],
  ['none', 'none'],
  ['create', 'create'],
])('apiGatewayCloudWatchRole=%s (older boolean values keep their meaning) is %s', (value, mode) => {
  expect(loadConfig(ctx({ apiGatewayCloudWatchRole: value }), NO_ENV).apiGatewayCloudWatchRole).toBe(mode);
});

test('the comparison list defaults to Nova Micro, Lite and Pro; -c takes two or three priced ids', () => {
  expect(loadConfig(ctx({})).bedrockCompareModelIds).toEqual([
    'amazon.nova-micro-v1:0',
    'amazon.nova-lite-v1:0',
    'amazon.nova-pro-v1:0',
  ]);
  // Inference-profile ids are priced as their foundation model.
  expect(
    loadConfig(ctx({ bedrockCompareModelIds: ' us.amazon.nova-micro-v1:0, us.amazon.nova-pro-v1:0 ' }))
      .bedrockCompareModelIds,
  ).toEqual(['us.amazon.nova-micro-v1:0', 'us.amazon.nova-pro-v1:0']);
  expect(
    loadConfig(ctx({ bedrockCompareModelIds: ['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0'] }))
      .bedrockCompareModelIds,
  ).toEqual(['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0']);
});

test('a bad value fails synth itself', () => {
  const app = new App({ context: { throttleBurstLimit: '-1', 'aws:cdk:bundling-stacks': [] } });
  expect(() => buildLab(app)).toThrow(/-c throttleBurstLimit/);
});

test.each(['none', 'existing', 'false'])('apiGatewayCloudWatchRole=%s leaves out AiLab-Shared', (mode) => {
  const lab = labAssembly({ apiGatewayCloudWatchRole: mode });
  expect(lab.config.apiGatewayCloudWatchRole).toBe(mode === 'none' ? 'none' : 'existing');
  expect(lab.named.shared).toBeUndefined();
  expect(lab.stackNames).not.toContain('AiLab-Shared');
});
