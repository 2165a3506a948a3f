import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { RegionView, statementsIn, TEST_ACCOUNT } from '../../review/region-eval';
import { buildTestLab } from '../support/lab';
import { labAssembly } from '../support/lab-assembly';

// The Bedrock stack alone (the same stack as in the whole lab: test/suite/lab-assembly.test.ts):
// each setting below is one synthesis of one stack, not of the lab.
const bedrockTemplate = (context: Record<string, unknown> = {}): Template =>
  labAssembly(context, { demos: ['bedrock'] }).demo('bedrock');

/** The template as deployed in `region` (Mappings, Conditions and Fn::If resolved). */
const inRegion = (template: Template, region: string) => new RegionView(template.toJSON() as never, region);

const fm = (region: string, id: string) => `arn:aws:bedrock:${region}::foundation-model/${id}`;
const profile = (region: string, id: string) =>
  `arn:aws:bedrock:${region}:${TEST_ACCOUNT}:inference-profile/${id}`;
const guardrailArn = 'att:Guardrail.GuardrailArn';

/** The one resource of `type` whose logical id starts with `prefix` (Handler… or StreamHandler…). */
function logicalIdOf(template: Template, type: string, prefix: string): string {
  const found = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(found).toHaveLength(1);
  return found[0]!;
}

const policyId = (template: Template, fn: 'buffered' | 'stream') =>
  logicalIdOf(
    template,
    'AWS::IAM::Policy',
    fn === 'buffered' ? 'HandlerBedrockInvoke' : 'StreamHandlerBedrockInvokeStream',
  );

/** A function's statements in a Region. */
const policyIn = (template: Template, fn: 'buffered' | 'stream', region: string) =>
  statementsIn(inRegion(template, region), policyId(template, fn));

const functionId = (template: Template, fn: 'buffered' | 'stream') =>
  logicalIdOf(
    template,
    'AWS::Lambda::Function',
    fn === 'buffered' ? 'HandlerFunction' : 'StreamHandlerFunction',
  );

/** A function's environment in a Region. */
const envIn = (template: Template, fn: 'buffered' | 'stream', region: string) =>
  (
    inRegion(template, region).properties(functionId(template, fn)) as {
      Environment: { Variables: Record<string, string> };
    }
  ).Environment.Variables;

/** Every statement with a bedrock action in any policy, as written in the template (Fn::If included). */
function bedrockStatements(template: Template): unknown[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .flatMap((p) => p.Properties.PolicyDocument.Statement as unknown[])
    .filter((s) => JSON.stringify(s).includes('"bedrock:'));
}

const APAC_DESTINATIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
];
const APAC_GUARDRAIL_DESTINATIONS = [
  'ap-south-1',
  'ap-northeast-3',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
];
const US_GUARDRAIL_DESTINATIONS = ['us-east-1', 'us-east-2', 'us-west-2'];
/** InvokeModel on Nova Lite, Micro and Pro in us-east-1, where all three are called in-Region. */
const NOVA_IN_US_EAST_1 = {
  Effect: 'Allow',
  Action: 'bedrock:InvokeModel',
  Resource: ['lite', 'micro', 'pro'].map((m) => fm('us-east-1', `amazon.nova-${m}-v1:0`)),
};
const guardrailProfiles = (destinations: string[], id: string) =>
  destinations.map((d) => `arn:aws:bedrock:${d}:${TEST_ACCOUNT}:guardrail-profile/${id}`);

describe('default settings (amazon.nova-micro-v1:0, guardrail on)', () => {
  let template: Template;
  beforeAll(() => {
    template = bedrockTemplate();
  });

  test('matches the snapshot (asset hashes masked)', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('two functions on Node.js 24, arm64, with the model settings; the buffered one below API Gateway’s 29 s, the streaming one sized to the token cap', () => {
    template.resourceCountIs('AWS::Lambda::Function', 2);
    const common = {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
    };
    const view = inRegion(template, 'us-east-1');
    expect(view.properties(functionId(template, 'buffered'))).toMatchObject({
      ...common,
      Timeout: 28,
      MemorySize: 512,
      Handler: 'index.handler',
    });
    expect(envIn(template, 'buffered', 'us-east-1')).toMatchObject({
      MODEL_ID: 'amazon.nova-micro-v1:0',
      MAX_TOKENS_CAP: '512',
      COMPARE_MODEL_IDS: 'amazon.nova-micro-v1:0,amazon.nova-lite-v1:0,amazon.nova-pro-v1:0',
      GUARDRAIL_ID: 'att:Guardrail.GuardrailId',
      GUARDRAIL_VERSION: 'att:GuardrailVersion.Version',
      GUARDRAIL_TIER: 'STANDARD',
      AI_LAB_REGION_GAPS: '{}',
    });
    expect(view.properties(functionId(template, 'stream'))).toMatchObject({
      ...common,
      Timeout: 60,
      MemorySize: 256,
      Handler: 'index.handler',
    });
    const stream = envIn(template, 'stream', 'us-east-1');
    expect(stream).toMatchObject({
      MODEL_ID: 'amazon.nova-micro-v1:0',
      MAX_TOKENS_CAP: '512',
      GUARDRAIL_ID: 'att:Guardrail.GuardrailId',
      GUARDRAIL_VERSION: 'att:GuardrailVersion.Version',
    });
    // The streaming function cannot serve the comparison.
    expect(stream.COMPARE_MODEL_IDS).toBeUndefined();
  });

  test('in Seoul the functions call the apac. profiles (Nova is not offered in-Region there)', () => {
    expect(envIn(template, 'buffered', 'ap-northeast-2')).toMatchObject({
      MODEL_ID: 'apac.amazon.nova-micro-v1:0',
      COMPARE_MODEL_IDS: 'apac.amazon.nova-micro-v1:0,apac.amazon.nova-lite-v1:0,apac.amazon.nova-pro-v1:0',
      GUARDRAIL_TIER: 'STANDARD',
    });
    expect(envIn(template, 'stream', 'ap-northeast-2').MODEL_ID).toBe('apac.amazon.nova-micro-v1:0');
  });

  test('IAM in us-east-1: InvokeModel on exactly the in-Region models, ApplyGuardrail on the guardrail and the us. guardrail profile', () => {
    expect(policyIn(template, 'buffered', 'us-east-1')).toEqual([
      NOVA_IN_US_EAST_1,
      { Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: guardrailArn },
      {
        Effect: 'Allow',
        Action: 'bedrock:ApplyGuardrail',
        Resource: guardrailProfiles(US_GUARDRAIL_DESTINATIONS, 'us.guardrail.v1:0'),
        Sid: 'GuardrailProfileUs0',
      },
    ]);
  });

  test('IAM in Seoul: the apac. profiles, the models in their destinations only through them, the apac. guardrail profile', () => {
    const via = (id: string) => ({
      Effect: 'Allow',
      Action: 'bedrock:InvokeModelWithResponseStream',
      Resource: APAC_DESTINATIONS.map((d) => fm(d, id)),
      Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profile('ap-northeast-2', `apac.${id}`) } },
      Sid: 'ViaProfileBedrockInvokeModelWithResponseStreamAmazonNovaMicroV10',
    });
    expect(policyIn(template, 'stream', 'ap-northeast-2')).toEqual([
      {
        Effect: 'Allow',
        Action: 'bedrock:InvokeModelWithResponseStream',
        Resource: profile('ap-northeast-2', 'apac.amazon.nova-micro-v1:0'),
      },
      via('amazon.nova-micro-v1:0'),
      { Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: guardrailArn },
      {
        Effect: 'Allow',
        Action: 'bedrock:ApplyGuardrail',
        Resource: guardrailProfiles(APAC_GUARDRAIL_DESTINATIONS, 'apac.guardrail.v1:0'),
        Sid: 'GuardrailProfileApac2',
      },
    ]);
    const buffered = policyIn(template, 'buffered', 'ap-northeast-2');
    expect(buffered[0]).toEqual({
      Effect: 'Allow',
      Action: 'bedrock:InvokeModel',
      Resource: ['lite', 'micro', 'pro'].map((m) => profile('ap-northeast-2', `apac.amazon.nova-${m}-v1:0`)),
    });
    expect(buffered.filter((s) => s.Condition)).toHaveLength(3);
  });

  test('no bedrock:* action, no wildcard model or profile, no wildcard Region anywhere', () => {
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toContain('bedrock:*"');
    expect(json).not.toMatch(/foundation-model\/\*|inference-profile\/\*|guardrail-profile\/\*/);
    expect(json).not.toContain(':bedrock:*:');
    // Each function has its bedrock statements in its own policy; the default policies hold none.
    // Buffered: one on the three models, three via-profile, the guardrail, three guardrail-profile groups;
    // streaming: one, one via-profile, the guardrail, three groups.
    expect(bedrockStatements(template)).toHaveLength(8 + 6);
  });

  test('the guardrail: Standard tier with the Region’s guardrail profile, six content filters, the PII policy, messages in English and Korean', () => {
    template.resourceCountIs('AWS::Bedrock::Guardrail', 1);
    template.resourceCountIs('AWS::Bedrock::GuardrailVersion', 1);
    const high = (type: string) => ({ type, inputStrength: 'HIGH', outputStrength: 'HIGH' });
    template.hasResourceProperties('AWS::Bedrock::Guardrail', {
      BlockedInputMessaging: Match.stringLikeRegexp('blocked this prompt.*차단했습니다'),
      BlockedOutputsMessaging: Match.stringLikeRegexp('blocked the model answer.*차단했습니다'),
      ContentPolicyConfig: {
        FiltersConfig: [
          high('HATE'),
          high('INSULTS'),
          high('SEXUAL'),
          high('VIOLENCE'),
          high('MISCONDUCT'),
          { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' },
        ].map((f) => ({ Type: f.type, InputStrength: f.inputStrength, OutputStrength: f.outputStrength })),
        ContentFiltersTierConfig: { TierName: Match.anyValue() },
      },
      SensitiveInformationPolicyConfig: {
        PiiEntitiesConfig: Match.arrayWith([
          { Type: 'EMAIL', Action: 'ANONYMIZE' },
          { Type: 'PHONE', Action: 'ANONYMIZE' },
          { Type: 'NAME', Action: 'ANONYMIZE' },
          { Type: 'CREDIT_DEBIT_CARD_NUMBER', Action: 'BLOCK' },
        ]),
      },
    });
    const id = logicalIdOf(template, 'AWS::Bedrock::Guardrail', 'Guardrail');
    for (const [region, profileId] of [
      ['us-east-1', 'us.guardrail.v1:0'],
      ['eu-central-1', 'eu.guardrail.v1:0'],
      ['ap-northeast-2', 'apac.guardrail.v1:0'],
    ]) {
      const props = inRegion(template, region!).properties(id)!;
      expect(props.CrossRegionConfig).toEqual({
        GuardrailProfileArn: `arn:aws:bedrock:${region}:${TEST_ACCOUNT}:guardrail-profile/${profileId}`,
      });
      expect((props.ContentPolicyConfig as Record<string, unknown>).ContentFiltersTierConfig).toEqual({
        TierName: 'STANDARD',
      });
      expect(Buffer.byteLength(props.BlockedInputMessaging as string)).toBeLessThanOrEqual(500 * 3);
      expect((props.BlockedInputMessaging as string).length).toBeLessThanOrEqual(500);
    }
    template.hasResourceProperties('AWS::Bedrock::GuardrailVersion', {
      GuardrailIdentifier: { 'Fn::GetAtt': ['Guardrail', 'GuardrailId'] },
    });
  });

  test('a change to the guardrail replaces its version, so the function never runs a stale snapshot', () => {
    const description = (t: Template) =>
      Object.values(t.findResources('AWS::Bedrock::GuardrailVersion'))[0]!.Properties.Description as string;
    const same = description(bedrockTemplate());
    const changed = description(bedrockTemplate({ environment: 'staging' })); // renames the guardrail
    expect(description(template)).toBe(same);
    expect(changed).not.toBe(same);
    expect(changed).toMatch(/^Version used by the Converse demo \(configuration [0-9a-f]{12}\)$/);
  });
  test('exposes the five catalogue routes as POST methods with IAM auth and request models', () => {
    const methods = template.findResources('AWS::ApiGateway::Method');
    expect(Object.keys(methods)).toHaveLength(5);
    for (const m of Object.values(methods)) {
      expect(m.Properties.HttpMethod).toBe('POST');
      expect(m.Properties.AuthorizationType).toBe('AWS_IAM');
      expect(m.Properties.RequestModels).toEqual({ 'application/json': expect.anything() });
    }
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      Schema: Match.objectLike({ required: ['question'], additionalProperties: false }),
    });
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      Name: 'BedrockConverseStreamRequest',
      Schema: Match.objectLike({ additionalProperties: false }),
    });
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      Name: 'BedrockCompareRequest',
      Schema: Match.objectLike({ additionalProperties: false }),
    });
    // read-document: the document is required, the output schema is any JSON object (checked by the function).
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      Name: 'BedrockReadDocumentRequest',
      Schema: Match.objectLike({
        required: ['document'],
        additionalProperties: false,
        properties: Match.objectLike({ outputSchema: { type: 'object', additionalProperties: {} } }),
      }),
    });
  });

  test('read-document: the buffered function gets each Region’s id of Nova Lite, already in its InvokeModel grant', () => {
    expect(envIn(template, 'buffered', 'us-east-1').DOCUMENT_MODEL_ID).toBe('amazon.nova-lite-v1:0');
    expect(envIn(template, 'buffered', 'ap-northeast-1').DOCUMENT_MODEL_ID).toBe('amazon.nova-lite-v1:0');
    expect(envIn(template, 'buffered', 'ap-northeast-2').DOCUMENT_MODEL_ID).toBe(
      'apac.amazon.nova-lite-v1:0',
    );
    expect(envIn(template, 'buffered', 'eu-west-1').DOCUMENT_MODEL_ID).toBe('eu.amazon.nova-lite-v1:0');
    expect(envIn(template, 'stream', 'us-east-1').DOCUMENT_MODEL_ID).toBeUndefined();
    // Nova Lite is also a comparison model, so the grant is the same one statement (and no Region lacks it).
    expect(policyIn(template, 'buffered', 'us-east-1')[0]).toEqual(NOVA_IN_US_EAST_1);
    for (const r of ['us-east-1', 'ap-northeast-2', 'eu-central-1'])
      expect(JSON.parse(envIn(template, 'buffered', r).AI_LAB_REGION_GAPS!)).toEqual({});
  });

  test('converse-stream streams from the streaming function; the other routes are buffered on the main one', () => {
    const methods = template.findResources('AWS::ApiGateway::Method');
    const byPath = Object.fromEntries(
      Object.entries(methods).map(([id, m]) => [id, m.Properties.Integration as Record<string, unknown>]),
    );
    const uri = (integration: Record<string, unknown>) => JSON.stringify(integration.Uri);
    const stream = Object.entries(byPath).filter(([id]) => id.startsWith('ApibedrockconversestreamPOST'));
    expect(stream).toHaveLength(1);
    const [, streamIntegration] = stream[0]!;
    // The stream may outlast API Gateway's 29 s default: its integration timeout is the function's.
    expect(streamIntegration).toMatchObject({
      Type: 'AWS_PROXY',
      ResponseTransferMode: 'STREAM',
      TimeoutInMillis: 60_000,
    });
    expect(uri(streamIntegration)).toContain('/response-streaming-invocations');
    expect(uri(streamIntegration)).toMatch(/StreamHandlerFunction[0-9A-F]{8}/);
    const others = Object.entries(byPath).filter(([id]) => !id.startsWith('ApibedrockconversestreamPOST'));
    expect(others).toHaveLength(4);
    for (const [, integration] of others) {
      expect(integration.ResponseTransferMode).toBeUndefined();
      expect(integration.TimeoutInMillis).toBeUndefined(); // buffered: API Gateway's 29 s
      expect(uri(integration)).toContain('/invocations');
      expect(uri(integration)).not.toContain('response-streaming');
      expect(uri(integration)).not.toContain('StreamHandler');
    }
    // API Gateway may invoke each function (one API-wide permission each), and nothing else.
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission'));
    expect(permissions.map((p) => p.Properties.Action)).toEqual([
      'lambda:InvokeFunction',
      'lambda:InvokeFunction',
    ]);
    expect(permissions.map((p) => JSON.stringify(p.Properties.FunctionName)).sort()).toEqual([
      expect.stringMatching(/"HandlerFunction/),
      expect.stringMatching(/"StreamHandlerFunction/),
    ]);
  });
});

describe('with an explicit inference profile (us.amazon.nova-micro-v1:0)', () => {
  let template: Template;
  beforeAll(() => {
    template = bedrockTemplate({ bedrockModelId: 'us.amazon.nova-micro-v1:0', bedrockMaxTokensCap: '256' });
  });

  test('IAM in us-west-2: the profile ARN, and the model in the profile’s destinations only through it', () => {
    const arn = profile('us-west-2', 'us.amazon.nova-micro-v1:0');
    expect(policyIn(template, 'stream', 'us-west-2').slice(0, 2)).toEqual([
      { Effect: 'Allow', Action: 'bedrock:InvokeModelWithResponseStream', Resource: arn },
      {
        Effect: 'Allow',
        Action: 'bedrock:InvokeModelWithResponseStream',
        Resource: ['us-east-1', 'us-east-2', 'us-west-2'].map((d) => fm(d, 'amazon.nova-micro-v1:0')),
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': arn } },
        Sid: 'ViaProfileBedrockInvokeModelWithResponseStreamUsAmazonNovaMicroV10',
      },
    ]);
    expect(envIn(template, 'stream', 'us-west-2')).toMatchObject({
      MODEL_ID: 'us.amazon.nova-micro-v1:0',
      MAX_TOKENS_CAP: '256',
    });
  });

  test('outside the profile’s source Regions the routes that use it answer 501 naming where it works', () => {
    const gaps = JSON.parse(envIn(template, 'buffered', 'ap-northeast-2').AI_LAB_REGION_GAPS!);
    expect(gaps['POST /bedrock/converse']).toEqual({
      what: 'the Bedrock model us.amazon.nova-micro-v1:0',
      offeredIn: ['us-east-1', 'us-west-2'],
    });
    expect(gaps['POST /bedrock/compare']).toBeUndefined(); // the comparison list is still callable there
  });
});

describe('bedrockMaxTokensCap sizes the streaming function and its integration', () => {
  test.each([
    [512, 60],
    [4_096, 184],
    [8_192, 348],
  ])(
    'cap %i → %i s for the function and the STREAM integration, while the buffered function stays at 28 s',
    (cap, seconds) => {
      const template = bedrockTemplate({ bedrockMaxTokensCap: String(cap) });
      const fn = (f: 'buffered' | 'stream') =>
        template.toJSON().Resources[functionId(template, f)].Properties;
      expect(fn('stream').Timeout).toBe(seconds);
      expect(fn('buffered').Timeout).toBe(28);
      const methods = Object.entries(template.findResources('AWS::ApiGateway::Method'));
      const [, stream] = methods.find(([id]) => id.startsWith('ApibedrockconversestreamPOST'))!;
      expect(stream.Properties.Integration.TimeoutInMillis).toBe(seconds * 1000);
    },
  );
});

describe('bedrockCompareModelIds', () => {
  test('a model offered in fewer Regions (an explicit us. profile) is left out where it is missing, and named in the 501', () => {
    const template = bedrockTemplate({
      bedrockCompareModelIds: 'amazon.nova-lite-v1:0,amazon.nova-pro-v1:0,us.amazon.nova-micro-v1:0',
      bedrockGuardrail: 'false',
    });
    expect(envIn(template, 'buffered', 'us-west-2').COMPARE_MODEL_IDS).toBe(
      'us.amazon.nova-lite-v1:0,us.amazon.nova-pro-v1:0,us.amazon.nova-micro-v1:0',
    );
    const seoul = envIn(template, 'buffered', 'ap-northeast-2');
    expect(seoul.COMPARE_MODEL_IDS).toBe('apac.amazon.nova-lite-v1:0,apac.amazon.nova-pro-v1:0');
    expect(JSON.parse(seoul.AI_LAB_REGION_GAPS!)['model:us.amazon.nova-micro-v1:0']).toEqual({
      what: 'the Bedrock model us.amazon.nova-micro-v1:0',
      offeredIn: ['us-east-1', 'us-west-2'],
    });
    expect(JSON.parse(seoul.AI_LAB_REGION_GAPS!)['POST /bedrock/compare']).toBeUndefined();
  });

  test('a model missing from the Region table fails synth, naming the table', () => {
    expect(() =>
      bedrockTemplate({
        bedrockCompareModelIds: 'amazon.nova-lite-v1:0,amazon.nova-pro-v1:0,amazon.nova-premier-v1:0',
      }),
    ).toThrow();
  });
});

describe('bedrockDocumentModelId', () => {
  test('a document model outside the comparison list gets its own grant: exactly its ARNs in each Region', () => {
    const template = bedrockTemplate({
      bedrockCompareModelIds: 'amazon.nova-micro-v1:0,amazon.nova-lite-v1:0',
      bedrockDocumentModelId: 'amazon.nova-pro-v1:0',
    });
    expect(envIn(template, 'buffered', 'us-east-1').DOCUMENT_MODEL_ID).toBe('amazon.nova-pro-v1:0');
    expect(policyIn(template, 'buffered', 'us-east-1')[0]).toEqual(NOVA_IN_US_EAST_1);
    const seoul = policyIn(template, 'buffered', 'ap-northeast-2');
    expect(seoul[0]!.Resource).toContain(profile('ap-northeast-2', 'apac.amazon.nova-pro-v1:0'));
    expect(seoul).toContainEqual({
      Effect: 'Allow',
      Action: 'bedrock:InvokeModel',
      Resource: APAC_DESTINATIONS.map((d) => fm(d, 'amazon.nova-pro-v1:0')),
      Condition: {
        StringEquals: {
          'bedrock:InferenceProfileArn': profile('ap-northeast-2', 'apac.amazon.nova-pro-v1:0'),
        },
      },
      Sid: 'ViaProfileBedrockInvokeModelAmazonNovaProV10',
    });
    // The streaming function still streams from the main model only.
    expect(JSON.stringify(policyIn(template, 'stream', 'ap-northeast-2'))).not.toContain('nova-pro');
  });

  test('an explicit us. profile: outside its source Regions read-document answers 501 naming where it works', () => {
    const template = bedrockTemplate({ bedrockDocumentModelId: 'us.amazon.nova-lite-v1:0' });
    const seoul = JSON.parse(envIn(template, 'buffered', 'ap-northeast-2').AI_LAB_REGION_GAPS!);
    expect(seoul['POST /bedrock/read-document']).toEqual({
      what: 'the Bedrock model us.amazon.nova-lite-v1:0',
      offeredIn: ['us-east-1', 'us-west-2'],
    });
    expect(seoul['POST /bedrock/converse']).toBeUndefined();
    expect(JSON.parse(envIn(template, 'buffered', 'us-west-2').AI_LAB_REGION_GAPS!)).toEqual({});
  });

  test('a model that cannot read images and documents fails synth, naming the key and the models that can', () => {
    expect(() => bedrockTemplate({ bedrockDocumentModelId: 'amazon.nova-micro-v1:0' })).toThrow(
      /-c bedrockDocumentModelId: 'amazon\.nova-micro-v1:0' does not read images and documents.*amazon\.nova-lite-v1:0, amazon\.nova-pro-v1:0/,
    );
  });
});

describe('bedrockGuardrail=false', () => {
  test('removes the guardrail, its version, its environment variables and every ApplyGuardrail grant', () => {
    const template = bedrockTemplate({ bedrockGuardrail: 'false' });
    template.resourceCountIs('AWS::Bedrock::Guardrail', 0);
    template.resourceCountIs('AWS::Bedrock::GuardrailVersion', 0);
    expect(JSON.stringify(bedrockStatements(template))).not.toContain('ApplyGuardrail');
    expect(policyIn(template, 'stream', 'us-east-1')).toEqual([
      {
        Effect: 'Allow',
        Action: 'bedrock:InvokeModelWithResponseStream',
        Resource: fm('us-east-1', 'amazon.nova-micro-v1:0'),
      },
    ]);
    for (const fn of ['buffered', 'stream'] as const) {
      const vars = envIn(template, fn, 'us-east-1');
      expect(vars.GUARDRAIL_ID).toBeUndefined();
      expect(vars.GUARDRAIL_VERSION).toBeUndefined();
      expect(vars.GUARDRAIL_TIER).toBeUndefined();
    }
  });
});

describe('notesFile', () => {
  // The smallest lab that reads the notes: the Bedrock demo alone (its stack inlines them at synth).
  const bedrockAlone = (context: Record<string, unknown>) => buildTestLab(context, { demos: ['bedrock'] });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-notes-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('a missing notes file fails synth, naming the file and the -c option', () => {
    expect(() => bedrockAlone({ notesFile: 'notes/does-not-exist.md' })).toThrow(
      /notesFile 'notes\/does-not-exist\.md' does not exist.*-c notesFile=/,
    );
  });

  test.each([
    ['an empty', ''],
    ['a whitespace-only', '  \n\n '],
  ])('%s notes file fails synth with a clear message', (label, content) => {
    const file = path.join(tmp, `${label.replace(/\W+/g, '-')}.md`);
    fs.writeFileSync(file, content);
    expect(() => bedrockAlone({ notesFile: file })).toThrow(/is empty; ask-notes needs Markdown notes/);
  });

  test('a notes file with headings but no text fails synth', () => {
    const file = path.join(tmp, 'headings.md');
    fs.writeFileSync(file, '# Title\n\n## Section\n');
    expect(() => bedrockAlone({ notesFile: file })).toThrow(/no text under them/);
  });
});
