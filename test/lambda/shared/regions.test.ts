import { assertOfferedHere, notAvailableInRegion, readRegionGaps } from '../../../lambda/shared/availability';
import { HttpError } from '../../../lambda/shared/errors';
import {
  FEATURE_FACTS,
  featureOffered,
  GUARDRAIL_PROFILE_FACTS,
  guardrailProfile,
  MODEL_FACTS,
  ModelNotInTableError,
  modelRoute,
  RegionNotInTableError,
  regionsOffering,
  SERVICE_FACTS,
  serviceOffered,
  TABLE_REGIONS,
} from '../../../lambda/shared/regions';
import { estimateTokens } from '../../../lambda/shared/tokens';

describe('the Region table', () => {
  test('covers the seven Regions the lab is for, Seoul included', () => {
    expect(TABLE_REGIONS).toEqual([
      'us-east-1',
      'us-west-2',
      'eu-west-1',
      'eu-central-1',
      'ap-northeast-1',
      'ap-northeast-2',
      'ap-southeast-1',
    ]);
  });

  test('every fact names an https source, the date read, and verified or unverified', () => {
    const facts = [
      ...Object.values(SERVICE_FACTS),
      ...Object.values(FEATURE_FACTS),
      ...MODEL_FACTS.flatMap((m) => [m.inRegion, ...m.profiles, ...(m.batch ? [m.batch] : [])]),
      ...GUARDRAIL_PROFILE_FACTS,
    ];
    expect(facts.length).toBe(40);
    for (const f of facts) {
      expect(f.source.url).toMatch(/^https:\/\//);
      expect(f.source.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['verified', 'unverified']).toContain(f.status);
    }
  });

  test('a Region missing from the table is a clear error, never a guess (negative control)', () => {
    for (const call of [
      () => serviceOffered('sa-east-1', 'bedrock'),
      () => modelRoute('sa-east-1', 'amazon.nova-micro-v1:0'),
      () => guardrailProfile('sa-east-1'),
      () => featureOffered('us-east-2', 'polly-neural'),
    ]) {
      expect(call).toThrow(RegionNotInTableError);
      expect(call).toThrow(
        /not in the lab's Region table.*us-east-1, us-west-2, eu-west-1, eu-central-1, ap-northeast-1, ap-northeast-2, ap-southeast-1/,
      );
    }
  });

  test('a model missing from the table is a clear error', () => {
    expect(() => modelRoute('us-east-1', 'amazon.nova-premier-v1:0')).toThrow(ModelNotInTableError);
    expect(() => modelRoute('us-east-1', 'xx.amazon.nova-micro-v1:0')).toThrow(ModelNotInTableError);
  });
});

describe('modelRoute', () => {
  test('Nova Micro: in-Region in us-east-1, the apac. profile from Seoul with its six destinations', () => {
    expect(modelRoute('us-east-1', 'amazon.nova-micro-v1:0')).toEqual({
      kind: 'in-region',
      invokeId: 'amazon.nova-micro-v1:0',
      foundationModelId: 'amazon.nova-micro-v1:0',
      destinations: ['us-east-1'],
    });
    expect(modelRoute('ap-northeast-2', 'amazon.nova-micro-v1:0')).toEqual({
      kind: 'profile',
      invokeId: 'apac.amazon.nova-micro-v1:0',
      foundationModelId: 'amazon.nova-micro-v1:0',
      destinations: [
        'ap-northeast-1',
        'ap-northeast-2',
        'ap-northeast-3',
        'ap-south-1',
        'ap-southeast-1',
        'ap-southeast-2',
      ],
    });
  });

  test('Nova Lite is in-Region in Tokyo; everything else of Nova goes through the geography’s profile', () => {
    expect(modelRoute('ap-northeast-1', 'amazon.nova-lite-v1:0').kind).toBe('in-region');
    expect(modelRoute('ap-northeast-1', 'amazon.nova-pro-v1:0')).toMatchObject({
      invokeId: 'apac.amazon.nova-pro-v1:0',
    });
    expect(modelRoute('eu-west-1', 'amazon.nova-pro-v1:0')).toMatchObject({
      invokeId: 'eu.amazon.nova-pro-v1:0',
    });
    expect(modelRoute('us-west-2', 'amazon.nova-lite-v1:0')).toMatchObject({
      invokeId: 'us.amazon.nova-lite-v1:0',
      destinations: ['us-east-1', 'us-east-2', 'us-west-2'],
    });
  });

  test('the notes’ providers: Titan Text Large and Cohere Command R in the US only, Jamba in us-east-1 only, no profiles', () => {
    expect(regionsOffering({ model: 'amazon.titan-tg1-large' })).toEqual(['us-east-1', 'us-west-2']);
    expect(regionsOffering({ model: 'cohere.command-r-plus-v1:0' })).toEqual(['us-east-1', 'us-west-2']);
    expect(regionsOffering({ model: 'ai21.jamba-1-5-mini-v1:0' })).toEqual(['us-east-1']);
    expect(regionsOffering({ model: 'amazon.titan-text-express-v1' })).toEqual([]);
    expect(modelRoute('ap-northeast-2', 'cohere.command-r-v1:0')).toEqual({
      kind: 'none',
      foundationModelId: 'cohere.command-r-v1:0',
      offeredIn: ['us-east-1', 'us-west-2'],
    });
  });

  test('an explicit profile is used only from its source Regions', () => {
    expect(modelRoute('us-east-1', 'us.amazon.nova-micro-v1:0')).toMatchObject({
      kind: 'profile',
      invokeId: 'us.amazon.nova-micro-v1:0',
    });
    expect(modelRoute('ap-northeast-2', 'us.amazon.nova-micro-v1:0').kind).toBe('none');
  });
});

describe('services, features, guardrail profiles', () => {
  test('Textract is not offered in Tokyo; Polly’s generative engine not in Ireland', () => {
    expect(serviceOffered('ap-northeast-1', 'textract')).toBe(false);
    expect(regionsOffering({ service: 'textract' })).not.toContain('ap-northeast-1');
    expect(featureOffered('eu-west-1', 'polly-generative')).toBe(false);
    expect(featureOffered('ap-northeast-2', 'polly-generative')).toBe(true);
  });

  test('every table Region offers the Standard tier, through its geography’s guardrail profile', () => {
    expect(guardrailProfile('ap-northeast-2')).toEqual({
      tier: 'STANDARD',
      profileId: 'apac.guardrail.v1:0',
      destinations: [
        'ap-south-1',
        'ap-northeast-3',
        'ap-northeast-2',
        'ap-southeast-1',
        'ap-southeast-2',
        'ap-northeast-1',
      ],
    });
    expect(guardrailProfile('eu-west-1').profileId).toBe('eu.guardrail.v1:0');
    expect(guardrailProfile('us-west-2').profileId).toBe('us.guardrail.v1:0');
    for (const r of TABLE_REGIONS) expect(guardrailProfile(r).tier).toBe('STANDARD');
  });
});

describe('the 501 rule (lambda/shared/availability.ts)', () => {
  const gaps = {
    'POST /textract/text': { what: 'Amazon Textract', offeredIn: ['us-east-1', 'ap-northeast-2'] },
  };

  test('a gap of this Region is a 501 naming the Regions where it is offered', () => {
    const err = (() => {
      try {
        assertOfferedHere('POST /textract/text', gaps, 'ap-northeast-1');
      } catch (e) {
        return e as HttpError;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({
      status: 501,
      code: 'NOT_AVAILABLE_IN_REGION',
      details: { offeredIn: ['us-east-1', 'ap-northeast-2'] },
    });
    expect(err!.message).toBe(
      "Amazon Textract is not offered in ap-northeast-1. It is offered in us-east-1, ap-northeast-2 (the lab's Region table): deploy there to use it.",
    );
  });

  test('anything else passes; unset gaps mean nothing is missing; a malformed value fails fast', () => {
    expect(() => assertOfferedHere('POST /textract/analyze', gaps, 'ap-northeast-1')).not.toThrow();
    expect(readRegionGaps(undefined)).toEqual({});
    expect(readRegionGaps('{}')).toEqual({});
    expect(() => readRegionGaps('[1]')).toThrow(/must be a JSON object/);
    expect(notAvailableInRegion({ what: 'X', offeredIn: [] }, 'us-east-1').message).toMatch(
      /No Region in the lab's Region table/,
    );
  });
});

describe('token estimates before a call (lambda/shared/tokens.ts)', () => {
  test('Hangul is counted per syllable, not as characters ÷ 4; the ceiling is the UTF-8 bytes', () => {
    const ko = estimateTokens('안녕하세요', 'amazon.nova-micro-v1:0');
    expect(ko).toMatchObject({ hangul: 5, otherChars: 0, typical: 5, max: 15 });
    expect(ko.typical).toBeGreaterThan(Math.ceil(5 / 4));
    const en = estimateTokens('Hello world!', 'apac.amazon.nova-micro-v1:0');
    expect(en).toMatchObject({ hangul: 0, typical: 3, max: 12 });
    const mixed = estimateTokens('AWS 가드레일', 'cohere.command-r-v1:0');
    expect(mixed).toMatchObject({ hangul: 4, otherChars: 4, typical: 5, max: 4 + 12 });
    expect(estimateTokens('x', 'unknown.model').figure.status).toBe('unverified');
  });
});

describe('the comparison’s estimate before the call', () => {
  test('Korean input: Hangul per syllable, a ceiling from the UTF-8 bytes and every allowed output token', () => {
    const { preCallEstimate } =
      require('../../../lambda/bedrock/compare') as typeof import('../../../lambda/bedrock/compare');
    const estimate = preCallEstimate('apac.amazon.nova-micro-v1:0', { prompt: '가드레일이란?' }, 100);
    expect(estimate).toMatchObject({
      inputTokens: { typical: 7, max: 1 + 18 + 1 }, // '\n' + six syllables + '?'
      hangulSyllables: 6,
      maxOutputTokens: 100,
    });
    // 20 input tokens at most, 100 output: priced as Nova Micro (the profile costs the same here).
    expect(estimate.maxCostUsd).toBeCloseTo(20 * 0.000000035 + 100 * 0.00000014, 12);
  });
});
