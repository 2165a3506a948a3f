/**
 * Negative controls, one per way in and risk class: a copy of the clean control's assembly with
 * exactly that exposure injected. Each must be flagged in the Markdown, JSON and SARIF reports (the
 * SARIF validated against the SARIF 2.1.0 schema) and shown as widened by `--against` the clean one;
 * the clean assembly flags none of them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { runReview } from '../../review/bin';
import { STATE_MACHINE_LOG_DELIVERY_ACTIONS } from '../../review/risk';
import { synthControl } from './controls';
import { idOf, mutated, policyOf } from './mutate';

const clean = synthControl(false);
const PUBLIC = { AWS: '*' };
/** The actions Step Functions' guide gives a state machine's role for logging (cw-logs.html). */
const LOG_DELIVERY: string[] = [...STATE_MACHINE_LOG_DELIVERY_ACTIONS];
const stateMachineRole = (actions: string[]) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: {
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    },
    Policies: [
      {
        PolicyName: 'logs',
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] },
      },
    ],
  },
});

const CASES: Record<string, { key: string; edit: Parameters<typeof mutated>[2] }> = {
  'REST API resource policy to AWS: *': {
    key: 'api.flag.invokePublic',
    edit: (t) => {
      t.Resources[idOf(t, 'AWS::ApiGateway::RestApi')].Properties.Policy = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: PUBLIC, Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
        ],
      };
    },
  },
  'Lambda permission to * without SourceArn': {
    key: 'expo.public',
    edit: (t) => {
      t.Resources.OpenPermission = {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: idOf(t, 'AWS::Lambda::Function') },
          Principal: '*',
        },
      };
    },
  },
  'service principal without SourceArn or SourceAccount': {
    key: 'expo.serviceNoSource',
    edit: (t) => {
      t.Resources.S3Permission = {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: idOf(t, 'AWS::Lambda::Function') },
          Principal: 's3.amazonaws.com',
        },
      };
    },
  },
  'role trust policy to AWS: *': {
    key: 'expo.trustPublic',
    edit: (t) => {
      t.Resources[idOf(t, 'AWS::IAM::Role')].Properties.AssumeRolePolicyDocument.Statement.push({
        Effect: 'Allow',
        Principal: PUBLIC,
        Action: 'sts:AssumeRole',
      });
    },
  },
  'iam:PassRole on *': {
    key: 'risk.passRoleAny',
    edit: (t) => policyOf(t).push({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }),
  },
  's3:PutBucketPolicy on *': {
    key: 'risk.permissionsAny',
    edit: (t) => policyOf(t).push({ Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: '*' }),
  },
  // Step Functions' documented log-delivery statement is a note only on a role Step Functions alone
  // assumes, and only with nothing wider: these two are the controls for that exception.
  'the state-machine log-delivery statement on a role Lambda assumes': {
    key: 'risk.permissionsAny',
    edit: (t) => policyOf(t).push({ Effect: 'Allow', Action: LOG_DELIVERY, Resource: '*' }),
  },
  'a state-machine role another account may assume too, with log delivery': {
    key: 'risk.permissionsAny',
    edit: (t) => {
      const role = stateMachineRole(LOG_DELIVERY);
      role.Properties.AssumeRolePolicyDocument.Statement.push({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' } as never,
        Action: 'sts:AssumeRole',
      });
      t.Resources.MachineRole = role;
    },
  },
  'a state-machine role with log delivery and logs:PutDestinationPolicy on *': {
    key: 'risk.permissionsAny',
    edit: (t) => {
      t.Resources.MachineRole = stateMachineRole([...LOG_DELIVERY, 'logs:PutDestinationPolicy']);
    },
  },
  'queue policy to *': {
    key: 'expo.public',
    edit: (t) => {
      t.Resources.Queue = { Type: 'AWS::SQS::Queue', Properties: {} };
      t.Resources.QueuePolicy = {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [{ Ref: 'Queue' }],
          PolicyDocument: {
            Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }],
          },
        },
      };
    },
  },
  'KMS key policy to another account': {
    key: 'expo.otherAccount',
    edit: (t) => {
      t.Resources.Key = {
        Type: 'AWS::KMS::Key',
        Properties: {
          KeyPolicy: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::111122223333:root' },
                Action: 'kms:Decrypt',
                Resource: '*',
              },
            ],
          },
        },
      };
    },
  },
  'bucket policy Allow with NotPrincipal': {
    key: 'expo.notPrincipal',
    edit: (t) => {
      t.Resources.Open = { Type: 'AWS::S3::Bucket', Properties: {} };
      t.Resources.OpenPolicy = {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'Open' },
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
                Action: 's3:GetObject',
                Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Open', 'Arn'] }, '/*']] },
              },
            ],
          },
        },
      };
    },
  },
  'AdministratorAccess on the role': {
    key: 'perm.flag.elevatedManaged',
    edit: (t) => {
      const role = t.Resources[idOf(t, 'AWS::IAM::Role')].Properties;
      role.ManagedPolicyArns = [
        ...(role.ManagedPolicyArns ?? []),
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] },
      ];
    },
  },
  'Lambda permission for another action than invoke': {
    key: 'perm.flag.permissionAction',
    edit: (t) => {
      t.Resources.CodePermission = {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:UpdateFunctionCode',
          FunctionName: { Ref: idOf(t, 'AWS::Lambda::Function') },
          Principal: { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':root']] },
        },
      };
    },
  },
  'an IAM user whose inline policy passes any role': {
    key: 'risk.passRoleAny',
    edit: (t) => {
      t.Resources.Learner = {
        Type: 'AWS::IAM::User',
        Properties: {
          Policies: [
            {
              PolicyName: 'pass',
              PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] },
            },
          ],
        },
      };
    },
  },
  'a dropped condition under an acknowledgement that names it': {
    key: 'compliance.flag.staleReason',
    edit: (t, m) => {
      const policyId = idOf(t, 'AWS::IAM::Policy');
      const p = Object.keys(m).find((k) => k.endsWith('/Fn/ServiceRole/DefaultPolicy/Resource'))!;
      m[p] = [
        ...(m[p] ?? []),
        {
          type: 'aws:cdk:acknowledged-rules',
          data: {
            'AwsSolutions-IAM5[Resource::*]':
              'comprehend:DetectSentiment is limited by the aws:RequestedRegion condition.',
          },
        },
      ];
      expect(policyOf(t).length).toBeGreaterThan(0);
      expect(policyId).toBeTruthy();
    },
  },
};

async function review(assembly: string, format: 'md' | 'json' | 'sarif', against?: string) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-review-exp-'));
  const result = await runReview(
    { stacks: [], format, lang: 'en', assembly, out, against, failOn: 'error' },
    { log: () => undefined, cwd: process.cwd() },
  );
  const file = result.written.find((f) => !f.endsWith('index.md')) ?? result.written[0]!;
  return {
    result,
    text: fs.readFileSync(format === 'md' ? path.join(out, 'index.md') : file, 'utf8'),
    out,
    file,
  };
}

const schema = JSON.parse(
  fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
);
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
const validateSarif = ajv.compile(schema);

test('the clean control has none of the exposures', async () => {
  const { text } = await review(clean, 'json');
  const keys = (JSON.parse(text) as { findings: Array<{ key: string }> }).findings.map((f) => f.key);
  for (const c of Object.values(CASES)) expect(keys).not.toContain(c.key);
});

test.each(Object.entries(CASES))(
  '%s: flagged in md, json and sarif, widened by --against',
  async (name, c) => {
    const dir = mutated(clean, name.replace(/\W+/g, '-').slice(0, 30), c.edit);
    const json = JSON.parse((await review(dir, 'json')).text) as {
      findings: Array<{
        key: string;
        id: string;
        severity: string;
        stack: string;
        logicalId?: string;
        message: string;
      }>;
    };
    const hit = json.findings.filter((f) => f.key === c.key);
    expect(hit.length).toBeGreaterThan(0);
    expect(hit[0]).toMatchObject({ stack: 'Control', id: expect.stringMatching(/^LAB-/) });
    expect(['error', 'warning']).toContain(hit[0]!.severity);

    const sarif = JSON.parse((await review(dir, 'sarif')).text);
    expect(validateSarif(sarif)).toBe(true);
    const results = sarif.runs[0].results as Array<{ ruleId: string; locations: any[] }>;
    expect(results.map((r) => r.ruleId)).toContain(hit[0]!.id);
    expect(
      results.find((r) => r.ruleId === hit[0]!.id)!.locations[0].physicalLocation.artifactLocation.uri,
    ).toMatch(/Control\.template\.json$/);

    const md = await review(dir, 'md', clean);
    const report = fs.readFileSync(path.join(md.out, 'Control.md'), 'utf8');
    const needsALook = report.slice(report.indexOf('## Needs a look'), report.indexOf('## Resources'));
    expect(needsALook).toContain(hit[0]!.message.split(':')[0]!.slice(0, 30));
    const widened = md.text.slice(
      md.text.indexOf('### Widened permissions'),
      md.text.indexOf('### New and resolved flags'),
    );
    expect(md.text.indexOf('### Widened permissions')).toBeGreaterThan(0);
    expect(widened).toContain(hit[0]!.message);
  },
);

test('Step Functions’ documented log-delivery statement, on a role only Step Functions assumes, is a note that passes --fail-on error', async () => {
  const dir = mutated(clean, 'sfn-logs', (t) => {
    t.Resources.MachineRole = stateMachineRole(LOG_DELIVERY);
  });
  const { result, text } = await review(dir, 'json');
  const findings = (JSON.parse(text) as { findings: Array<{ key: string; id: string; severity: string }> })
    .findings;
  expect(findings.filter((f) => f.key === 'risk.logDelivery')).toEqual([
    expect.objectContaining({ id: 'LAB-IAM-STATE-MACHINE-LOG-DELIVERY', severity: 'note' }),
  ]);
  expect(findings.map((f) => f.key)).not.toContain('risk.permissionsAny');
  expect(result.exitCode).toBe(0);
});

test('a SARIF log that breaks the schema is caught (negative control of the validation)', async () => {
  const sarif = JSON.parse((await review(clean, 'sarif')).text);
  expect(validateSarif(sarif)).toBe(true);
  expect(validateSarif({ ...sarif, version: '2.0.0' })).toBe(false);
  const broken = structuredClone(sarif);
  broken.runs[0].results.push({ ruleId: 'X', level: 'fatal', message: { text: 'x' } });
  expect(validateSarif(broken)).toBe(false);
});

test('--fail-on gates: error on an exposure, none on the clean control; warning also on warnings', async () => {
  const dir = mutated(clean, 'failon', CASES['iam:PassRole on *']!.edit);
  expect((await review(dir, 'md')).result.exitCode).toBe(1);
  expect((await review(clean, 'md')).result.exitCode).toBe(0);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-review-warn-'));
  const bad = synthControl(true);
  const warn = await runReview(
    { stacks: [], format: 'json', lang: 'en', assembly: bad, out, failOn: 'warning' },
    { log: () => undefined, cwd: process.cwd() },
  );
  expect(warn.exitCode).toBe(1);
  expect(warn.failing).toBeGreaterThan(0);
});

test('--out takes a folder and says so; the folder keeps only this run’s reports', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-review-file-')), 'x.md');
  fs.writeFileSync(file, '');
  await expect(
    runReview(
      { stacks: [], format: 'md', lang: 'en', assembly: clean, out: file },
      { log: () => undefined, cwd: process.cwd() },
    ),
  ).rejects.toThrow(/--out takes a folder/);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-review-stale-'));
  fs.writeFileSync(path.join(out, 'mine.txt'), 'not a report');
  const log: string[] = [];
  await runReview(
    { stacks: [], format: 'md', lang: 'en', assembly: clean, out },
    { log: (l) => log.push(l), cwd: process.cwd() },
  );
  await runReview(
    { stacks: [], format: 'json', lang: 'en', assembly: clean, out },
    { log: (l) => log.push(l), cwd: process.cwd() },
  );
  expect(fs.readdirSync(out).sort()).toEqual(['.review-files.json', 'mine.txt', 'review.json']);
  expect(log.some((l) => /Removed 2 report/.test(l))).toBe(true);
});
