import { App } from 'aws-cdk-lib';
import { buildLab } from '../../lib/app';
import { ConfigError, loadConfig } from '../../lib/config';

const ctx = (values: Record<string, unknown>) => ({ tryGetContext: (k: string) => values[k] });

test('defaults are cheap and safe', () => {
  expect(loadConfig(ctx({}))).toMatchObject({
    environment: 'sandbox',
    throttleRateLimit: 5,
    throttleBurstLimit: 10,
    logRetentionDays: 7,
    apiGatewayCloudWatchRole: true,
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
      apiGatewayCloudWatchRole: 'false',
      logRetentionDays: '14',
      budgetThresholds: '50, 90',
      sourceMaps: 'true',
    }),
  );
  expect(c.sourceMaps).toBe(true);
  expect(c.throttleRateLimit).toBe(2);
  expect(c.apiGatewayCloudWatchRole).toBe(false);
  expect(c.logRetentionDays).toBe(14);
  expect(c.budgetThresholds).toEqual([50, 90]);
});

test.each([
  ['throttleRateLimit', 'fast', /throttleRateLimit/],
  ['throttleRateLimit', '0', /throttleRateLimit/],
  ['logRetentionDays', '8', /logRetentionDays: must be one of 1, 3, 5, 7/],
  ['apiGatewayCloudWatchRole', 'yes', /apiGatewayCloudWatchRole/],
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
  expect(() => loadConfig(ctx({ [key]: value }))).toThrow(ConfigError);
  expect(() => loadConfig(ctx({ [key]: value }))).toThrow(message);
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

test('apiGatewayCloudWatchRole=false leaves out AiLab-Shared', () => {
  const app = new App({ context: { apiGatewayCloudWatchRole: 'false', 'aws:cdk:bundling-stacks': [] } });
  const lab = buildLab(app, { nag: false });
  expect(lab.shared).toBeUndefined();
  expect(app.node.tryFindChild('AiLab-Shared')).toBeUndefined();
});
