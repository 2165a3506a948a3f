/**
 * CloudFormation hooks: a proactive-control hook is judged by the controls it applies (those the lab
 * fails, on which stacks, and the setting that satisfies them); its mode, status and stack filters
 * decide whether it blocks; any other hook is named, not judged.
 */
import {
  BatchDescribeTypeConfigurationsCommand,
  ListTypesCommand,
  type TypeSummary,
} from '@aws-sdk/client-cloudformation';
import { aws, greenAccount, notPassing, runJson } from './harness';

beforeEach(greenAccount);

const typeArn = (name: string) =>
  `arn:aws:cloudformation:ap-northeast-2:123456789012:type/hook/${name.replaceAll('::', '-')}`;

/** The account's registry holds these hooks, configured so. */
function hooks(...list: Array<{ name: string; original?: string; config?: object }>): void {
  aws.cloudformation.on(ListTypesCommand).resolves({
    TypeSummaries: list.map<TypeSummary>((h) => ({
      Type: 'HOOK',
      TypeName: h.name,
      TypeArn: typeArn(h.name),
      OriginalTypeName: h.original,
    })),
  });
  aws.cloudformation.on(BatchDescribeTypeConfigurationsCommand).resolves({
    TypeConfigurations: list
      .filter((h) => h.config)
      .map((h) => ({
        TypeArn: typeArn(h.name),
        TypeName: h.name,
        Configuration: JSON.stringify({ CloudFormationConfiguration: { HookConfiguration: h.config } }),
      })),
  });
}

/** A proactive-control hook as AWS's guide configures one. */
const controlsHook = (controls: string, extra: object = {}) => ({
  name: 'MyOrg::Security::ComplianceHook',
  original: 'AWS::ControlTower::Hook',
  config: {
    HookInvocationStatus: 'ENABLED',
    TargetOperations: ['RESOURCE'],
    FailureMode: 'FAIL',
    Properties: { ControlsToApply: controls },
    TargetFilters: { Actions: ['CREATE', 'UPDATE'] },
    ...extra,
  },
});

test('a FAIL-mode hook with controls the lab fails: ✗, each control with its stacks, and -c governed=true', async () => {
  hooks(controlsHook('CT.IAM.PR.5,CT.S3.PR.11,CT.CLOUDWATCH.PR.2'));
  const { code, report, byId } = await runJson();
  expect(code).toBe(1);
  expect(notPassing(report.checks)).toEqual(['hooks:fail']);
  expect(byId.hooks!.notes).toEqual([
    'MyOrg::Security::ComplianceHook (`FAIL` mode) applies AWS Control Tower proactive controls the lab fails; `cdk deploy` stops at the first failing resource:',
    'CT.S3.PR.11 fails on AiLab-Textract, AiLab-Transcribe, AiLab-Pipeline',
    'CT.CLOUDWATCH.PR.2 fails on AiLab-Comprehend, AiLab-Translate, AiLab-Textract, AiLab-Rekognition, AiLab-Polly, AiLab-Transcribe, AiLab-Bedrock, AiLab-Pipeline',
  ]);
  expect(byId.hooks!.fix).toBe('`npx cdk deploy --all -c governed=true` satisfies these controls.');
});

test('controls no setting satisfies: the fix is the administrator, by the hook’s name', async () => {
  hooks(controlsHook('CT.LAMBDA.PR.3, CT.S3.PR.11'));
  const { byId } = await runJson();
  expect(byId.hooks!.status).toBe('fail');
  expect(byId.hooks!.fix).toBe(
    "`npx cdk deploy --all -c governed=true` satisfies some of them; for CT.LAMBDA.PR.3 no setting does: ask the account's administrator to leave the lab's stacks out of MyOrg::Security::ComplianceHook (its stack filters), or use another account.",
  );
});

test('WARN mode: a caveat, exit 0', async () => {
  hooks(controlsHook('CT.S3.PR.9', { FailureMode: 'WARN' }));
  const { code, report } = await runJson();
  expect(code).toBe(0);
  expect(notPassing(report.checks)).toEqual(['hooks:warn']);
});

test('controls the lab passes: ✓', async () => {
  hooks(controlsHook('CT.IAM.PR.5,CT.EC2.PR.17'));
  const { report, byId } = await runJson();
  expect(notPassing(report.checks)).toEqual([]);
  expect(byId.hooks!.notes).toEqual([
    'MyOrg::Security::ComplianceHook applies 2 proactive control(s); none fails on the lab stacks it checks.',
  ]);
});

test('a disabled hook, or one whose stack filters leave the lab out, does not block', async () => {
  hooks(controlsHook('CT.S3.PR.11', { HookInvocationStatus: 'DISABLED' }), {
    ...controlsHook('CT.S3.PR.11', {
      StackFilters: {
        FilteringCriteria: 'ALL',
        StackNames: { Exclude: ['AiLab-Textract', 'AiLab-Transcribe', 'AiLab-Pipeline'] },
      },
    }),
    name: 'MyOrg::Security::Other',
  });
  const { report, byId } = await runJson();
  expect(notPassing(report.checks)).toEqual([]);
  // The disabled one is not active; the other still sees the lab's other stacks, where CT.S3.PR.11 has nothing to fail.
  expect(byId.hooks!.data.active).toEqual(['MyOrg::Security::Other']);
  expect(byId.hooks!.notes).toEqual([
    'MyOrg::Security::Other applies 1 proactive control(s); none fails on the lab stacks it checks.',
  ]);
});

test('a hook whose filters leave out every lab stack is not active', async () => {
  hooks(controlsHook('CT.S3.PR.11', { StackFilters: { StackNames: { Include: ['Payroll-Prod'] } } }));
  const { byId } = await runJson();
  expect(byId.hooks!.status).toBe('pass');
  expect(byId.hooks!.message).toBe("1 in the registry, none active on the lab's stacks");
});

test('stack filters that include only some lab stacks: only those are named', async () => {
  hooks(controlsHook('CT.CLOUDWATCH.PR.2', { StackFilters: { StackNames: { Include: ['AiLab-Polly'] } } }));
  const { byId } = await runJson();
  expect(byId.hooks!.notes[1]).toBe('CT.CLOUDWATCH.PR.2 fails on AiLab-Polly');
});

test('a Guard or Lambda hook in FAIL mode is named as a caveat: what it checks is unknown', async () => {
  hooks({
    name: 'Private::Guard::TagPolicy',
    original: 'AWS::Hooks::GuardHook',
    config: { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', TargetOperations: ['RESOURCE'] },
  });
  const { code, byId } = await runJson();
  expect(code).toBe(0);
  expect(byId.hooks!.status).toBe('warn');
  expect(byId.hooks!.notes).toEqual([
    "Private::Guard::TagPolicy (`FAIL` mode) checks the lab's stacks; what it checks the doctor cannot tell.",
  ]);
});

test('a Control Tower hook without a readable control list is a caveat pointing at the review', async () => {
  hooks({
    name: 'AWSControlTower::Proactive::Hook',
    config: { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL' },
  });
  const { byId } = await runJson();
  expect(byId.hooks!.status).toBe('warn');
  expect(byId.hooks!.fix).toMatch(/^`npm run review` lists every proactive control the lab fails/);
});

test('a hook registered but never configured is not active', async () => {
  hooks({ name: 'MyOrg::Unset::Hook', original: 'AWS::ControlTower::Hook' });
  const { byId } = await runJson();
  expect(byId.hooks!.status).toBe('pass');
});

test('every page of the registry is read', async () => {
  aws.cloudformation
    .on(ListTypesCommand)
    .resolvesOnce({ TypeSummaries: [], NextToken: 'page-2' })
    .resolves({
      TypeSummaries: [
        { TypeName: 'MyOrg::Security::ComplianceHook', TypeArn: typeArn('MyOrg::Security::ComplianceHook') },
      ],
    });
  aws.cloudformation.on(BatchDescribeTypeConfigurationsCommand).resolves({
    TypeConfigurations: [
      {
        TypeArn: typeArn('MyOrg::Security::ComplianceHook'),
        Configuration: JSON.stringify({
          CloudFormationConfiguration: { HookConfiguration: controlsHook('CT.S3.PR.2').config },
        }),
      },
    ],
  });
  const { byId } = await runJson();
  expect(aws.cloudformation.commandCalls(ListTypesCommand).map((c) => c.args[0].input)).toEqual([
    { Type: 'HOOK', Visibility: 'PRIVATE', DeprecatedStatus: 'LIVE' },
    { Type: 'HOOK', Visibility: 'PRIVATE', DeprecatedStatus: 'LIVE', NextToken: 'page-2' },
  ]);
  expect(byId.hooks!.status).toBe('fail');
});

test('the settings being deployed count: -c governed=true passes the controls it satisfies', async () => {
  hooks(controlsHook('CT.S3.PR.11,CT.CLOUDWATCH.PR.2'));
  const governed = await runJson(['-c', 'governed=true']);
  expect(notPassing(governed.report.checks)).toEqual([]);
  // A year of log retention alone leaves the document buckets' clean-up log groups at their default.
  const retention = await runJson(['-c', 'logRetentionDays=365']);
  expect(retention.byId.hooks!.notes.slice(1)).toEqual([
    'CT.S3.PR.11 fails on AiLab-Textract, AiLab-Transcribe, AiLab-Pipeline',
    'CT.CLOUDWATCH.PR.2 fails on AiLab-Textract, AiLab-Transcribe, AiLab-Pipeline',
  ]);
  expect(retention.byId.hooks!.fix).toBe(
    '`npx cdk deploy --all -c logRetentionDays=365 -c governed=true` satisfies these controls.',
  );
});

test('another instance: its stacks are named with its prefix, and the fix keeps the prefix', async () => {
  hooks(controlsHook('CT.S3.PR.11'));
  const { report, byId } = await runJson(['--prefix', 'Kim']);
  expect(report.prefix).toBe('Kim');
  expect(byId.hooks!.notes[1]).toBe('CT.S3.PR.11 fails on Kim-Textract, Kim-Transcribe, Kim-Pipeline');
  expect(byId.hooks!.fix).toBe(
    '`npx cdk deploy --all -c prefix=Kim -c governed=true` satisfies these controls.',
  );
});
