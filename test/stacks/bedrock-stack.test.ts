import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { buildTestLab, templateOf } from '../support/lab';

const bedrockTemplate = (context: Record<string, unknown> = {}): Template =>
  templateOf(buildTestLab(context).stacks.bedrock!);

/** A foundation-model ARN as CDK renders formatArn (no account): `arn:${Partition}:bedrock:<region>::foundation-model/<id>`. */
const foundationModelArn = (region: { Ref: string } | '*', id: string) => ({
  'Fn::Join': [
    '',
    region === '*'
      ? ['arn:', { Ref: 'AWS::Partition' }, `:bedrock:*::foundation-model/${id}`]
      : ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:', region, `::foundation-model/${id}`],
  ],
});
const inferenceProfileArn = (id: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':bedrock:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:inference-profile/${id}`,
    ],
  ],
});

/** The statements of every policy with bedrock actions. */
function bedrockStatements(template: Template): Array<Record<string, unknown>> {
  const policies = template.findResources('AWS::IAM::Policy');
  const statements = Object.values(policies).flatMap(
    (p) => p.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>,
  );
  return statements.filter((s) => JSON.stringify(s.Action).includes('bedrock:'));
}

/** The one resource of `type` whose logical id starts with `prefix` (Handler… or StreamHandler…). */
function resourceOf(template: Template, type: string, prefix: string) {
  const found = Object.entries(template.findResources(type)).filter(([id]) => id.startsWith(prefix));
  expect(found.map(([id]) => id)).toHaveLength(1);
  return found[0]![1];
}

/** The statements of the buffered function's (BedrockInvoke) or the streaming function's policy. */
const policyStatements = (template: Template, fn: 'buffered' | 'stream') =>
  resourceOf(
    template,
    'AWS::IAM::Policy',
    fn === 'buffered' ? 'HandlerBedrockInvoke' : 'StreamHandlerBedrockInvokeStream',
  ).Properties.PolicyDocument.Statement as Array<Record<string, unknown>>;

const functionOf = (template: Template, fn: 'buffered' | 'stream') =>
  resourceOf(
    template,
    'AWS::Lambda::Function',
    fn === 'buffered' ? 'HandlerFunction' : 'StreamHandlerFunction',
  );

const applyGuardrail = {
  Effect: 'Allow',
  Action: 'bedrock:ApplyGuardrail',
  Resource: { 'Fn::GetAtt': ['Guardrail', 'GuardrailArn'] },
};
const inRegion = (action: string, id: string) => ({
  Effect: 'Allow',
  Action: action,
  Resource: foundationModelArn({ Ref: 'AWS::Region' }, id),
});
/** One statement for several resources (CDK merges statements that differ only in resources, sorted). */
const allowOn = (action: string, resources: unknown[]) => ({
  Effect: 'Allow',
  Action: action,
  Resource: resources,
});
const regionModel = (id: string) => foundationModelArn({ Ref: 'AWS::Region' }, id);

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
    expect(functionOf(template, 'buffered').Properties).toMatchObject({
      ...common,
      Timeout: 28,
      MemorySize: 512,
      Handler: 'index.handler',
    });
    expect(functionOf(template, 'buffered').Properties.Environment.Variables).toMatchObject({
      MODEL_ID: 'amazon.nova-micro-v1:0',
      MAX_TOKENS_CAP: '512',
      COMPARE_MODEL_IDS: 'amazon.nova-micro-v1:0,amazon.nova-lite-v1:0,amazon.nova-pro-v1:0',
      GUARDRAIL_ID: { 'Fn::GetAtt': ['Guardrail', 'GuardrailId'] },
      GUARDRAIL_VERSION: { 'Fn::GetAtt': ['GuardrailVersion', 'Version'] },
    });
    const stream = functionOf(template, 'stream').Properties;
    expect(stream).toMatchObject({ ...common, Timeout: 60, MemorySize: 256, Handler: 'index.handler' });
    expect(stream.Environment.Variables).toMatchObject({
      MODEL_ID: 'amazon.nova-micro-v1:0',
      MAX_TOKENS_CAP: '512',
      GUARDRAIL_ID: { 'Fn::GetAtt': ['Guardrail', 'GuardrailId'] },
      GUARDRAIL_VERSION: { 'Fn::GetAtt': ['GuardrailVersion', 'Version'] },
    });
    // The streaming function cannot serve the comparison.
    expect(stream.Environment.Variables.COMPARE_MODEL_IDS).toBeUndefined();
  });

  test('IAM, buffered: InvokeModel on exactly the main and the comparison models, ApplyGuardrail on exactly the guardrail', () => {
    expect(policyStatements(template, 'buffered')).toEqual([
      allowOn('bedrock:InvokeModel', [
        regionModel('amazon.nova-lite-v1:0'),
        regionModel('amazon.nova-micro-v1:0'),
        regionModel('amazon.nova-pro-v1:0'),
      ]),
      applyGuardrail,
    ]);
  });

  test('IAM, streaming: InvokeModelWithResponseStream on exactly the main model, ApplyGuardrail, nothing else', () => {
    expect(policyStatements(template, 'stream')).toEqual([
      inRegion('bedrock:InvokeModelWithResponseStream', 'amazon.nova-micro-v1:0'),
      applyGuardrail,
    ]);
    // No other policy holds a bedrock action (each function's default policy: logs and X-Ray only).
    expect(bedrockStatements(template)).toHaveLength(4);
  });

  test('the guardrail has all six content filters and the PII policy (anonymize contacts, block cards)', () => {
    template.resourceCountIs('AWS::Bedrock::Guardrail', 1);
    template.resourceCountIs('AWS::Bedrock::GuardrailVersion', 1);
    const high = (type: string) => ({ type, inputStrength: 'HIGH', outputStrength: 'HIGH' });
    template.hasResourceProperties('AWS::Bedrock::Guardrail', {
      BlockedInputMessaging: Match.stringLikeRegexp('.+'),
      BlockedOutputsMessaging: Match.stringLikeRegexp('.+'),
      ContentPolicyConfig: {
        FiltersConfig: [
          high('HATE'),
          high('INSULTS'),
          high('SEXUAL'),
          high('VIOLENCE'),
          high('MISCONDUCT'),
          { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' },
        ].map((f) => ({ Type: f.type, InputStrength: f.inputStrength, OutputStrength: f.outputStrength })),
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

  test('exposes the four catalogue routes as POST methods with IAM auth and request models', () => {
    const methods = template.findResources('AWS::ApiGateway::Method');
    expect(Object.keys(methods)).toHaveLength(4);
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
    expect(others).toHaveLength(3);
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

describe('with a cross-Region inference profile (us.amazon.nova-micro-v1:0)', () => {
  let template: Template;
  beforeAll(() => {
    template = bedrockTemplate({ bedrockModelId: 'us.amazon.nova-micro-v1:0', bedrockMaxTokensCap: '256' });
  });

  test('IAM: the profile ARN, and the foundation model in any Region only through that profile', () => {
    const profileArn = inferenceProfileArn('us.amazon.nova-micro-v1:0');
    const onlyViaProfile = (action: string) => ({
      Effect: 'Allow',
      Action: action,
      Resource: foundationModelArn('*', 'amazon.nova-micro-v1:0'),
      Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn } },
    });
    // The comparison list (default: in-Region Nova Micro, Lite, Pro) is granted as configured.
    expect(policyStatements(template, 'buffered')).toEqual([
      allowOn('bedrock:InvokeModel', [
        profileArn,
        regionModel('amazon.nova-lite-v1:0'),
        regionModel('amazon.nova-micro-v1:0'),
        regionModel('amazon.nova-pro-v1:0'),
      ]),
      onlyViaProfile('bedrock:InvokeModel'),
      applyGuardrail,
    ]);
    expect(policyStatements(template, 'stream')).toEqual([
      { Effect: 'Allow', Action: 'bedrock:InvokeModelWithResponseStream', Resource: profileArn },
      onlyViaProfile('bedrock:InvokeModelWithResponseStream'),
      applyGuardrail,
    ]);
  });

  test('no bedrock:* action and no foundation-model/* resource anywhere', () => {
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toContain('bedrock:*"');
    expect(json).not.toContain('foundation-model/*');
    expect(json).not.toContain('inference-profile/*');
  });

  test('passes the profile id and the cap to both functions', () => {
    for (const fn of ['buffered', 'stream'] as const) {
      expect(functionOf(template, fn).Properties.Environment.Variables).toMatchObject({
        MODEL_ID: 'us.amazon.nova-micro-v1:0',
        MAX_TOKENS_CAP: '256',
      });
    }
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
      expect(functionOf(template, 'stream').Properties.Timeout).toBe(seconds);
      expect(functionOf(template, 'buffered').Properties.Timeout).toBe(28);
      const methods = Object.entries(template.findResources('AWS::ApiGateway::Method'));
      const [, stream] = methods.find(([id]) => id.startsWith('ApibedrockconversestreamPOST'))!;
      expect(stream.Properties.Integration.TimeoutInMillis).toBe(seconds * 1000);
    },
  );
});

describe('bedrockCompareModelIds', () => {
  test('the buffered function may invoke exactly the listed models (profiles through their profile), and is told the list', () => {
    const template = bedrockTemplate({
      bedrockCompareModelIds: 'amazon.nova-lite-v1:0,us.amazon.nova-pro-v1:0',
      bedrockGuardrail: 'false',
    });
    const profileArn = inferenceProfileArn('us.amazon.nova-pro-v1:0');
    expect(policyStatements(template, 'buffered')).toEqual([
      allowOn('bedrock:InvokeModel', [
        profileArn,
        regionModel('amazon.nova-lite-v1:0'),
        regionModel('amazon.nova-micro-v1:0'),
      ]),
      {
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: foundationModelArn('*', 'amazon.nova-pro-v1:0'),
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn } },
      },
    ]);
    expect(policyStatements(template, 'stream')).toEqual([
      inRegion('bedrock:InvokeModelWithResponseStream', 'amazon.nova-micro-v1:0'),
    ]);
    expect(functionOf(template, 'buffered').Properties.Environment.Variables.COMPARE_MODEL_IDS).toBe(
      'amazon.nova-lite-v1:0,us.amazon.nova-pro-v1:0',
    );
  });
});

describe('bedrockGuardrail=false', () => {
  test('removes the guardrail, its version, its environment variables and the ApplyGuardrail grant', () => {
    const template = bedrockTemplate({ bedrockGuardrail: 'false' });
    template.resourceCountIs('AWS::Bedrock::Guardrail', 0);
    template.resourceCountIs('AWS::Bedrock::GuardrailVersion', 0);
    expect(JSON.stringify(bedrockStatements(template))).not.toContain('ApplyGuardrail');
    expect(policyStatements(template, 'stream')).toEqual([
      inRegion('bedrock:InvokeModelWithResponseStream', 'amazon.nova-micro-v1:0'),
    ]);
    for (const fn of ['buffered', 'stream'] as const) {
      const vars = functionOf(template, fn).Properties.Environment.Variables;
      expect(vars.GUARDRAIL_ID).toBeUndefined();
      expect(vars.GUARDRAIL_VERSION).toBeUndefined();
    }
  });
});

describe('notesFile', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-notes-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('a missing notes file fails synth, naming the file and the -c option', () => {
    expect(() => buildTestLab({ notesFile: 'notes/does-not-exist.md' })).toThrow(
      /notesFile 'notes\/does-not-exist\.md' does not exist.*-c notesFile=/,
    );
  });

  test.each([
    ['an empty', ''],
    ['a whitespace-only', '  \n\n '],
  ])('%s notes file fails synth with a clear message', (label, content) => {
    const file = path.join(tmp, `${label.replace(/\W+/g, '-')}.md`);
    fs.writeFileSync(file, content);
    expect(() => buildTestLab({ notesFile: file })).toThrow(/is empty; ask-notes needs Markdown notes/);
  });

  test('a notes file with headings but no text fails synth', () => {
    const file = path.join(tmp, 'headings.md');
    fs.writeFileSync(file, '# Title\n\n## Section\n');
    expect(() => buildTestLab({ notesFile: file })).toThrow(/no text under them/);
  });
});
