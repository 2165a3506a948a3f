import {
  BEDROCK_BATCH_TOKEN_PRICES,
  BEDROCK_TOKEN_PRICES,
  baseModelId,
  bedrockBatchTokenCost,
  bedrockTokenCost,
  COMPREHEND_MIN_UNITS,
  comprehendCost,
  comprehendUnits,
  guardrailCost,
  guardrailTextUnits,
  PRICES,
  PRICES_AS_OF,
  type PriceEntry,
  pollyCost,
  rekognitionCost,
  roundUsd,
  TRANSCRIBE_MIN_SECONDS,
  textractCost,
  transcribeBilledSeconds,
  transcribeCost,
  translateCost,
} from '../../../lambda/shared/pricing';

describe('price table', () => {
  test('is dated', () => {
    expect(PRICES_AS_OF).toBe('2026-11-28');
  });

  test.each(Object.entries(PRICES) as [string, PriceEntry][])('%s is a complete entry', (_key, entry) => {
    expect(Number.isFinite(entry.usd)).toBe(true);
    expect(entry.usd).toBeGreaterThan(0);
    expect(entry.unit.trim()).not.toBe('');
    expect(entry.source.trim()).not.toBe('');
    expect(['verified', 'unverified']).toContain(entry.status);
  });

  test('a verified price names an AWS-published source', () => {
    const verified = Object.values(PRICES).filter((e: PriceEntry) => e.status === 'verified');
    expect(verified.length).toBeGreaterThan(0);
    for (const e of verified) expect(e.source).toMatch(/aws\.amazon\.com|AWS Price List/);
  });

  test('per-unit prices match the per-million / per-thousand figures in the unit text', () => {
    expect(PRICES.translateStandardChar.usd * 1e6).toBeCloseTo(15, 10);
    expect(PRICES.pollyStandardChar.usd * 1e6).toBeCloseTo(4, 10);
    expect(PRICES.pollyNeuralChar.usd * 1e6).toBeCloseTo(16, 10);
    expect(PRICES.pollyGenerativeChar.usd * 1e6).toBeCloseTo(30, 10);
    expect(PRICES.pollyLongFormChar.usd * 1e6).toBeCloseTo(100, 10);
    expect(PRICES.textractDetectTextPage.usd * 1000).toBeCloseTo(1.5, 10);
    expect(PRICES.transcribeBatchSecond.usd * 60).toBeCloseTo(0.024, 10);
    expect(PRICES.novaMicroInputToken.usd * 1e6).toBeCloseTo(0.035, 10);
    expect(PRICES.novaMicroOutputToken.usd * 1e6).toBeCloseTo(0.14, 10);
    expect(PRICES.novaLiteInputToken.usd * 1e6).toBeCloseTo(0.06, 10);
    expect(PRICES.novaLiteOutputToken.usd * 1e6).toBeCloseTo(0.24, 10);
    expect(PRICES.novaProInputToken.usd * 1e6).toBeCloseTo(0.8, 10);
    expect(PRICES.novaProOutputToken.usd * 1e6).toBeCloseTo(3.2, 10);
    expect(PRICES.guardrailContentFilterTextUnit.usd * 1000).toBeCloseTo(0.15, 10);
    expect(PRICES.guardrailSensitiveInfoTextUnit.usd * 1000).toBeCloseTo(0.1, 10);
    expect(PRICES.apiGatewayRestRequest.usd * 1e6).toBeCloseTo(3.5, 10);
    expect(PRICES.lambdaRequest.usd * 1e6).toBeCloseTo(0.2, 10);
    expect(PRICES.s3PutRequest.usd * 1000).toBeCloseTo(0.005, 10);
    expect(PRICES.stepFunctionsStateTransition.usd * 1000).toBeCloseTo(0.025, 10);
    expect(PRICES.stepFunctionsExpressRequest.usd * 1e6).toBeCloseTo(1, 10);
    expect(PRICES.novaMicroBatchInputToken.usd * 1e6).toBeCloseTo(0.0175, 10);
    expect(PRICES.novaProBatchOutputToken.usd * 1e6).toBeCloseTo(1.6, 10);
    expect(PRICES.s3GetRequest.usd * 1000).toBeCloseTo(0.0004, 10);
  });
});

describe('roundUsd', () => {
  test('removes binary floating-point noise', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(roundUsd(0.1 + 0.2)).toBe(0.3);
    expect(roundUsd(3 * 0.0001)).toBe(0.0003);
  });

  test('keeps tiny per-token amounts', () => {
    expect(roundUsd(0.000000035)).toBe(0.000000035);
    expect(roundUsd(1.2345678912e-9)).toBe(1.2345679e-9);
  });

  test('keeps 8 significant digits', () => {
    expect(roundUsd(12.3456789123)).toBe(12.345679);
  });

  test('zero and negative zero become 0', () => {
    expect(Object.is(roundUsd(-0), 0)).toBe(true);
    expect(roundUsd(0)).toBe(0);
  });

  test('rejects non-finite amounts', () => {
    expect(() => roundUsd(Number.NaN)).toThrow(RangeError);
    expect(() => roundUsd(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('Comprehend', () => {
  test.each([
    [0, 3],
    [1, 3],
    [100, 3],
    [299, 3],
    [300, 3],
    [301, 4],
    [550, 6],
    [1_000, 10],
    [1_001, 11],
    [100_000, 1_000],
  ])('%i characters → %i units', (chars, units) => {
    expect(comprehendUnits(chars)).toBe(units);
  });

  test('the minimum is 3 units', () => {
    expect(COMPREHEND_MIN_UNITS).toBe(3);
  });

  test('cost = units × $0.0001', () => {
    expect(comprehendCost(10)).toBe(0.0003);
    expect(comprehendCost(550)).toBe(0.0006);
    expect(comprehendCost(100_000)).toBe(0.1);
  });

  test('rejects negative or non-finite counts', () => {
    expect(() => comprehendUnits(-1)).toThrow(RangeError);
    expect(() => comprehendUnits(Number.NaN)).toThrow(RangeError);
  });
});

describe('Translate', () => {
  test('$15 per million characters, no minimum', () => {
    expect(translateCost(1_000_000)).toBe(15);
    expect(translateCost(1_000)).toBe(0.015);
    expect(translateCost(1)).toBe(0.000015);
    expect(translateCost(0)).toBe(0);
  });
});

describe('Textract', () => {
  test('no features = DetectDocumentText', () => {
    expect(textractCost(1)).toBe(0.0015);
    expect(textractCost(1_000)).toBe(1.5);
    expect(textractCost(0)).toBe(0);
  });

  test('each AnalyzeDocument feature has its own price', () => {
    expect(textractCost(1, ['TABLES'])).toBe(0.015);
    expect(textractCost(1, ['FORMS'])).toBe(0.05);
    expect(textractCost(1, ['QUERIES'])).toBe(0.015);
  });

  test('features add up, and text detection is not charged on top', () => {
    expect(textractCost(1, ['TABLES', 'FORMS'])).toBe(0.065);
    expect(textractCost(2, ['FORMS', 'QUERIES', 'TABLES'])).toBe(0.16);
    expect(textractCost(1_000, ['TABLES', 'FORMS'])).toBe(65);
  });

  test('a repeated feature counts once', () => {
    expect(textractCost(1, ['TABLES', 'TABLES'])).toBe(0.015);
  });

  test('an unknown feature is an error, not a silent zero', () => {
    expect(() => textractCost(1, ['LAYOUT' as never])).toThrow(/LAYOUT/);
  });
});

describe('Rekognition', () => {
  test('$0.001 per image per API', () => {
    expect(rekognitionCost(1)).toBe(0.001);
    expect(rekognitionCost(1_000)).toBe(1);
  });
});

describe('Polly', () => {
  test.each([
    ['standard', 4],
    ['neural', 16],
    ['generative', 30],
    ['long-form', 100],
  ])('%s: $%d per million characters', (engine, perMillion) => {
    expect(pollyCost(1_000_000, engine)).toBe(perMillion);
    expect(pollyCost(1_000, engine)).toBe(perMillion / 1_000);
  });

  test('an engine without a price is an error', () => {
    expect(() => pollyCost(10, 'turbo')).toThrow(/turbo/);
  });
});

describe('Transcribe', () => {
  test.each([
    [0, 15],
    [1, 15],
    [14.9, 15],
    [15, 15],
    [15.2, 16],
    [60, 60],
    [3_600, 3_600],
  ])('%d s of audio is billed as %i s', (seconds, billed) => {
    expect(transcribeBilledSeconds(seconds)).toBe(billed);
  });

  test('per second at $0.024 per minute, 15-second minimum', () => {
    expect(TRANSCRIBE_MIN_SECONDS).toBe(15);
    expect(transcribeCost(1)).toBe(0.006);
    expect(transcribeCost(15)).toBe(0.006);
    expect(transcribeCost(16)).toBe(0.0064);
    expect(transcribeCost(60)).toBe(0.024);
    expect(transcribeCost(3_600)).toBe(1.44);
  });
});

describe('Bedrock tokens', () => {
  test('input and output are priced separately', () => {
    expect(bedrockTokenCost('amazon.nova-micro-v1:0', 1_000_000, 0)).toBe(0.035);
    expect(bedrockTokenCost('amazon.nova-micro-v1:0', 0, 1_000_000)).toBe(0.14);
    expect(bedrockTokenCost('amazon.nova-micro-v1:0', 1_000_000, 1_000_000)).toBe(0.175);
    expect(bedrockTokenCost('amazon.nova-lite-v1:0', 1_000, 500)).toBe(0.00018);
    expect(bedrockTokenCost('amazon.nova-lite-v1:0', 0, 0)).toBe(0);
  });

  test.each([
    'us.amazon.nova-micro-v1:0',
    'eu.amazon.nova-micro-v1:0',
    'apac.amazon.nova-micro-v1:0',
    'global.amazon.nova-micro-v1:0',
    'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0',
    'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-micro-v1:0',
  ])('%s is priced as amazon.nova-micro-v1:0', (id) => {
    expect(baseModelId(id)).toBe('amazon.nova-micro-v1:0');
    expect(bedrockTokenCost(id, 100, 50)).toBe(bedrockTokenCost('amazon.nova-micro-v1:0', 100, 50));
  });

  test('an unknown model has no price', () => {
    expect(bedrockTokenCost('anthropic.claude-3-haiku-20240307-v1:0', 100, 100)).toBeUndefined();
    expect(bedrockTokenCost('us.amazon.nova-premier-v1:0', 100, 100)).toBeUndefined();
    expect(bedrockTokenCost('', 1, 1)).toBeUndefined();
  });

  test("the token table covers exactly the lab models: Nova, and the notes' AI21 and Cohere models", () => {
    expect(Object.keys(BEDROCK_TOKEN_PRICES).sort()).toEqual([
      'ai21.jamba-1-5-large-v1:0',
      'ai21.jamba-1-5-mini-v1:0',
      'amazon.nova-lite-v1:0',
      'amazon.nova-micro-v1:0',
      'amazon.nova-pro-v1:0',
      'cohere.command-r-plus-v1:0',
      'cohere.command-r-v1:0',
    ]);
  });

  test('the other providers are priced per million tokens as their sources quote them', () => {
    // 1M input + 1M output tokens: $0.20 + $0.40, $2 + $8, $0.50 + $1.50, $3 + $15.
    expect(bedrockTokenCost('ai21.jamba-1-5-mini-v1:0', 1e6, 1e6)).toBe(0.6);
    expect(bedrockTokenCost('ai21.jamba-1-5-large-v1:0', 1e6, 1e6)).toBe(10);
    expect(bedrockTokenCost('cohere.command-r-v1:0', 1e6, 1e6)).toBe(2);
    expect(bedrockTokenCost('cohere.command-r-plus-v1:0', 1e6, 1e6)).toBe(18);
  });

  test('rejects negative token counts', () => {
    expect(() => bedrockTokenCost('amazon.nova-micro-v1:0', -1, 0)).toThrow(RangeError);
  });
});

describe('Guardrails', () => {
  test.each([
    [0, 0],
    [1, 1],
    [1_000, 1],
    [1_001, 2],
    [2_500, 3],
  ])('%i characters → %i text units', (chars, units) => {
    expect(guardrailTextUnits(chars)).toBe(units);
  });

  test('content filters and sensitive-information filters are priced separately and add up', () => {
    expect(guardrailCost(1_000, { contentFilters: true, sensitiveInfo: false })).toBe(0.00015);
    expect(guardrailCost(1_000, { contentFilters: false, sensitiveInfo: true })).toBe(0.0001);
    expect(guardrailCost(1_000, { contentFilters: true, sensitiveInfo: true })).toBe(0.00025);
    expect(guardrailCost(1_001, { contentFilters: true, sensitiveInfo: true })).toBe(0.0005);
    expect(guardrailCost(1_000_000, { contentFilters: true, sensitiveInfo: false })).toBe(0.15);
  });

  test('no policies or no text costs nothing', () => {
    expect(guardrailCost(5_000, { contentFilters: false, sensitiveInfo: false })).toBe(0);
    expect(guardrailCost(0, { contentFilters: true, sensitiveInfo: true })).toBe(0);
  });
});

test('batch tokens cost half the on-demand tokens, for every model priced for batch', () => {
  for (const model of Object.keys(BEDROCK_BATCH_TOKEN_PRICES)) {
    expect(bedrockBatchTokenCost(model, 1000, 1000)! * 2).toBeCloseTo(
      bedrockTokenCost(model, 1000, 1000)!,
      12,
    );
  }
  expect(bedrockBatchTokenCost('us.amazon.nova-micro-v1:0', 1000, 0)).toBe(0.0000175);
  expect(bedrockBatchTokenCost('anthropic.claude-v2', 1, 1)).toBeUndefined();
});
