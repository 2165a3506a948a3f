/**
 * The doctor in Korean (`--lang ko`, or a Korean locale): every sentence Korean, outside code, names
 * and quotations marked as English; particles chosen by es-hangul, never "을(를)"; every placeholder
 * filled, and no value printed twice (a template that writes `{x}` before `{x|을/를}` would). Read
 * over a green run and runs where every kind of line fails, so each message is said at least once.
 */
import { GetAccountCommand } from '@aws-sdk/client-api-gateway';
import { GetFoundationModelAvailabilityCommand, GetInferenceProfileCommand } from '@aws-sdk/client-bedrock';
import { DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import { BatchDescribeTypeConfigurationsCommand, ListTypesCommand } from '@aws-sdk/client-cloudformation';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { DOCTOR_MESSAGES } from '../../../cli/doctor/messages';
import { fill } from '../../../lib/i18n';
import { englishProse, mechanicalParticles } from '../../review/korean';
import { aws, greenAccount, runDoctor } from './harness';

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });
const arn = (n: string) => `arn:aws:cloudformation:ap-northeast-2:123456789012:type/hook/${n}`;

/** Hooks of every kind the doctor names. */
function everyHook(): void {
  const names = [
    'MyOrg::Ct::Fail',
    'MyOrg::Ct::Warn',
    'MyOrg::Ct::Clear',
    'AWSControlTower::Unread::Hook',
    'Private::Lambda::Tags',
  ];
  aws.cloudformation.on(ListTypesCommand).resolves({
    TypeSummaries: names.map((n) => ({
      TypeName: n,
      TypeArn: arn(n),
      OriginalTypeName: n.includes('::Ct::') ? 'AWS::ControlTower::Hook' : undefined,
    })),
  });
  const config = (c: object) =>
    JSON.stringify({
      CloudFormationConfiguration: { HookConfiguration: { HookInvocationStatus: 'ENABLED', ...c } },
    });
  aws.cloudformation.on(BatchDescribeTypeConfigurationsCommand).resolves({
    TypeConfigurations: [
      {
        TypeArn: arn(names[0]!),
        Configuration: config({
          FailureMode: 'FAIL',
          Properties: { ControlsToApply: 'CT.S3.PR.11,CT.LAMBDA.PR.3' },
        }),
      },
      {
        TypeArn: arn(names[1]!),
        Configuration: config({ FailureMode: 'WARN', Properties: { ControlsToApply: 'CT.S3.PR.11' } }),
      },
      {
        TypeArn: arn(names[2]!),
        Configuration: config({ FailureMode: 'FAIL', Properties: { ControlsToApply: 'CT.IAM.PR.5' } }),
      },
      { TypeArn: arn(names[3]!), Configuration: config({ FailureMode: 'FAIL' }) },
      { TypeArn: arn(names[4]!), Configuration: config({ FailureMode: 'FAIL' }) },
    ],
  });
}

/** Runs that between them print (nearly) every message, in Korean. */
async function koreanRuns(): Promise<string> {
  const out: string[] = [];
  const run = async (argv: string[], region = 'ap-northeast-2', env: NodeJS.ProcessEnv = {}) => {
    const r = await runDoctor(argv, { region, env: { LANG: 'ko_KR.UTF-8', ...env } });
    out.push(r.stdout, r.stderr);
  };
  greenAccount();
  await run([]);
  greenAccount();
  aws.ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '21' } });
  aws.budgets
    .on(DescribeBudgetsCommand)
    .resolves({ Budgets: [{ BudgetName: 'someone-else', TimeUnit: 'MONTHLY', BudgetType: 'COST' }] });
  aws.apigateway
    .on(GetAccountCommand)
    .resolves({ cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/ApiGatewayLogs' });
  everyHook();
  aws.bedrock.on(GetFoundationModelAvailabilityCommand).resolves({
    agreementAvailability: { status: 'ERROR', errorMessage: 'Agreement could not be created.' },
    authorizationStatus: 'NOT_AUTHORIZED',
    entitlementAvailability: 'NOT_AVAILABLE',
    regionAvailability: 'NOT_AVAILABLE',
  });
  aws.bedrock.on(GetInferenceProfileCommand).resolves({
    status: 'INACTIVE' as never,
    models: [{ modelArn: 'arn:aws:bedrock:ap-south-2::foundation-model/x' }],
  });
  await run(['-c', 'bedrockGuardrail=false', '-c', 'bedrockModelId=ai21.jamba-1-5-mini-v1:0']);
  greenAccount();
  aws.ssm.on(GetParameterCommand).rejects(awsError('ParameterNotFound'));
  aws.budgets.on(DescribeBudgetsCommand).rejects(awsError('AccessDeniedException'));
  aws.cloudformation.on(ListTypesCommand).rejects(awsError('AccessDeniedException'));
  aws.apigateway.on(GetAccountCommand).rejects(awsError('AccessDeniedException'));
  aws.bedrock.on(GetFoundationModelAvailabilityCommand).rejects(awsError('AccessDeniedException'));
  await run(['--lang', 'ko', '-c', 'apiGatewayCloudWatchRole=false'], 'us-east-1');
  greenAccount();
  aws.ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '4' } });
  await run(['--lang', 'ko'], 'ap-northeast-1');
  await run(['--lang', 'ko'], 'eu-west-1');
  await run(['--lang', 'ko'], 'eu-north-1');
  await run(['--lang', 'ko', '-c', 'bedrockMaxTokensCap=0']);
  aws.sts
    .on(GetCallerIdentityCommand)
    .rejects(awsError('CredentialsProviderError', 'Could not load credentials from any providers'));
  await run(['--lang', 'ko']);
  return out.join('\n');
}

let text: string;
beforeAll(async () => {
  text = await koreanRuns();
});

/** Every Korean message, its placeholders filled with values like the doctor's (ids, Regions, numbers). */
function everyMessage(): string {
  const sample: Record<string, string> = {
    count: '3',
    amount: '10',
    deployed: '21',
    required: '6',
    latest: '33',
  };
  return Object.values(DOCTOR_MESSAGES.ko)
    .map((m) => {
      const vars = Object.fromEntries(
        [...m.matchAll(/\{(\w+)/g)].map(([, name]) => [name!, sample[name!] ?? `ap-northeast-2`]),
      );
      return fill(m, vars);
    })
    .join('\n');
}

test('no English prose, no mechanical particle, nothing unfilled, no value said twice', () => {
  expect(englishProse(text)).toEqual([]);
  expect(englishProse(everyMessage())).toEqual([]);
  expect(mechanicalParticles(text)).toEqual([]);
  expect(mechanicalParticles(everyMessage())).toEqual([]);
  expect(text).not.toMatch(/\{\w+(\|[^}]*)?\}/);
  expect(text).not.toMatch(/(\b[\w.:/-]{6,})\1/);
});

describe('negative controls: the checks catch what they look for', () => {
  test('an English sentence, a mechanical particle, a doubled value', () => {
    expect(englishProse(`${text}\n✗ 예산: could not read the budgets here`)).toHaveLength(1);
    expect(mechanicalParticles('계정에 {x}을(를) 설정하세요')).toHaveLength(1);
    expect(fill('{stack}{stack|이/가} 역할을 만듭니다', { stack: 'AiLab-Shared' })).toMatch(
      /(\b[\w.:/-]{6,})\1/,
    );
  });
});

test('English too: nothing unfilled and no value said twice', async () => {
  greenAccount();
  everyHook();
  const r = await runDoctor([], { env: { LANG: 'en_US.UTF-8' } });
  expect(r.stdout).not.toMatch(/\{\w+(\|[^}]*)?\}/);
  expect(r.stdout).not.toMatch(/(\b[\w.:/-]{6,})\1/);
});
