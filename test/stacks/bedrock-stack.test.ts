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

/** The statements of the BedrockInvoke policy (the only policy with bedrock actions). */
function bedrockStatements(template: Template): Array<Record<string, unknown>> {
  const policies = template.findResources('AWS::IAM::Policy');
  const statements = Object.values(policies).flatMap(
    (p) => p.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>,
  );
  return statements.filter((s) => JSON.stringify(s.Action).includes('bedrock:'));
}

describe('default settings (amazon.nova-micro-v1:0, guardrail on)', () => {
  let template: Template;
  beforeAll(() => {
    template = bedrockTemplate();
  });

  test('matches the snapshot (asset hashes masked)', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('one function on Node.js 24, arm64, timeout below API Gateway’s 29 s, with the model settings', () => {
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 28,
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          MODEL_ID: 'amazon.nova-micro-v1:0',
          MAX_TOKENS_CAP: '512',
          GUARDRAIL_ID: { 'Fn::GetAtt': ['Guardrail', 'GuardrailId'] },
          GUARDRAIL_VERSION: { 'Fn::GetAtt': ['GuardrailVersion', 'Version'] },
        }),
      },
    });
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0]!;
    expect(fn.Properties.Timeout).toBeLessThan(29);
  });

  test('IAM: InvokeModel on exactly the in-Region foundation model, ApplyGuardrail on exactly the guardrail', () => {
    expect(bedrockStatements(template)).toEqual([
      {
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: foundationModelArn({ Ref: 'AWS::Region' }, 'amazon.nova-micro-v1:0'),
      },
      {
        Effect: 'Allow',
        Action: 'bedrock:ApplyGuardrail',
        Resource: { 'Fn::GetAtt': ['Guardrail', 'GuardrailArn'] },
      },
    ]);
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

  test('exposes the two catalogue routes as POST methods with IAM auth and request models', () => {
    const methods = template.findResources('AWS::ApiGateway::Method');
    expect(Object.keys(methods)).toHaveLength(2);
    for (const m of Object.values(methods)) {
      expect(m.Properties.HttpMethod).toBe('POST');
      expect(m.Properties.AuthorizationType).toBe('AWS_IAM');
      expect(m.Properties.RequestModels).toEqual({ 'application/json': expect.anything() });
    }
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      Schema: Match.objectLike({ required: ['question'], additionalProperties: false }),
    });
  });
});

describe('with a cross-Region inference profile (us.amazon.nova-micro-v1:0)', () => {
  let template: Template;
  beforeAll(() => {
    template = bedrockTemplate({ bedrockModelId: 'us.amazon.nova-micro-v1:0', bedrockMaxTokensCap: '256' });
  });

  test('IAM: the profile ARN, and the foundation model in any Region only through that profile', () => {
    const profileArn = inferenceProfileArn('us.amazon.nova-micro-v1:0');
    expect(bedrockStatements(template)).toEqual([
      { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: profileArn },
      {
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: foundationModelArn('*', 'amazon.nova-micro-v1:0'),
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn } },
      },
      {
        Effect: 'Allow',
        Action: 'bedrock:ApplyGuardrail',
        Resource: { 'Fn::GetAtt': ['Guardrail', 'GuardrailArn'] },
      },
    ]);
  });

  test('no bedrock:* action and no foundation-model/* resource anywhere', () => {
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toContain('bedrock:*"');
    expect(json).not.toContain('foundation-model/*');
    expect(json).not.toContain('inference-profile/*');
  });

  test('passes the profile id and the cap to the function', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ MODEL_ID: 'us.amazon.nova-micro-v1:0', MAX_TOKENS_CAP: '256' }),
      },
    });
  });
});

describe('bedrockGuardrail=false', () => {
  test('removes the guardrail, its version, its environment variables and the ApplyGuardrail grant', () => {
    const template = bedrockTemplate({ bedrockGuardrail: 'false' });
    template.resourceCountIs('AWS::Bedrock::Guardrail', 0);
    template.resourceCountIs('AWS::Bedrock::GuardrailVersion', 0);
    expect(bedrockStatements(template)).toEqual([expect.objectContaining({ Action: 'bedrock:InvokeModel' })]);
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0]!;
    expect(fn.Properties.Environment.Variables.GUARDRAIL_ID).toBeUndefined();
    expect(fn.Properties.Environment.Variables.GUARDRAIL_VERSION).toBeUndefined();
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
