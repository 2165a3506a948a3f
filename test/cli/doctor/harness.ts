/**
 * The doctor against mocked AWS clients (aws-sdk-client-mock): every client answers as a ready
 * account would (`greenAccount`), and a test changes one answer to see that check alone fail. Every
 * command any test sends is recorded, for the read-only test (doctor-permissions.test.ts).
 */
import { APIGatewayClient, GetAccountCommand } from '@aws-sdk/client-api-gateway';
import {
  BedrockClient,
  GetFoundationModelAvailabilityCommand,
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
} from '@aws-sdk/client-bedrock';
import { BudgetsClient, DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import {
  BatchDescribeTypeConfigurationsCommand,
  CloudFormationClient,
  ListTypesCommand,
} from '@aws-sdk/client-cloudformation';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { labBudgetName } from '../../../cli/doctor/lab';
import { type DoctorDeps, doctorMain } from '../../../cli/doctor/main';
import { modelRoute } from '../../../lambda/shared/regions';

export const ACCOUNT = '123456789012';
export const ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/Learner/kim`;
export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

type Stub = AwsClientStub<any>;

export const aws = {
  sts: mockClient(STSClient),
  ssm: mockClient(SSMClient),
  bedrock: mockClient(BedrockClient),
  apigateway: mockClient(APIGatewayClient),
  cloudformation: mockClient(CloudFormationClient),
  budgets: mockClient(BudgetsClient),
};

/** Every command the doctor sent in this test file: its class name, and the client (service) it went to. */
export const sent = new Map<string, keyof typeof aws>();

function record(): void {
  for (const [service, stub] of Object.entries(aws) as Array<[keyof typeof aws, Stub]>)
    for (const call of stub.calls()) sent.set((call.args[0] as object).constructor.name, service);
}

/** An account where everything the doctor checks is ready, for the lab's default models in `region`. */
export function greenAccount(): void {
  for (const stub of Object.values(aws) as Stub[]) stub.reset();
  aws.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: ARN, UserId: 'AROAEXAMPLE:kim' });
  aws.ssm
    .on(GetParameterCommand)
    .resolves({ Parameter: { Name: '/cdk-bootstrap/hnb659fds/version', Value: '33' } });
  aws.bedrock.on(GetFoundationModelCommand).callsFake((input: { modelIdentifier: string }) => ({
    modelDetails: {
      modelId: input.modelIdentifier,
      modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${input.modelIdentifier}`,
      inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'],
      modelLifecycle: { status: 'ACTIVE' },
    },
  }));
  aws.bedrock.on(GetInferenceProfileCommand).callsFake((input: { inferenceProfileIdentifier: string }) => {
    // The profile routes where the Region table says it does, from any of its source Regions.
    const id = input.inferenceProfileIdentifier;
    const route = modelRoute(profileSource(id), id);
    const destinations = route.kind === 'none' ? [] : route.destinations;
    return {
      inferenceProfileId: id,
      inferenceProfileName: id,
      inferenceProfileArn: `arn:aws:bedrock:ap-northeast-2:${ACCOUNT}:inference-profile/${id}`,
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED',
      models: destinations.map((r) => ({
        modelArn: `arn:aws:bedrock:${r}::foundation-model/${route.foundationModelId}`,
      })),
    };
  });
  aws.bedrock.on(GetFoundationModelAvailabilityCommand).callsFake((input: { modelId: string }) => ({
    modelId: input.modelId,
    agreementAvailability: { status: 'AVAILABLE' },
    authorizationStatus: 'AUTHORIZED',
    entitlementAvailability: 'AVAILABLE',
    regionAvailability: 'AVAILABLE',
  }));
  aws.apigateway.on(GetAccountCommand).resolves({});
  aws.cloudformation.on(ListTypesCommand).resolves({ TypeSummaries: [] });
  aws.cloudformation.on(BatchDescribeTypeConfigurationsCommand).resolves({ TypeConfigurations: [] });
  aws.budgets.on(DescribeBudgetsCommand).callsFake((input: { AccountId: string }) => ({
    Budgets:
      input.AccountId === ACCOUNT
        ? [
            {
              BudgetName: labBudgetName('AiLab', currentRegion),
              BudgetLimit: { Amount: '10.0', Unit: 'USD' },
              TimeUnit: 'MONTHLY',
              BudgetType: 'COST',
            },
          ]
        : [],
  }));
}

/** A source Region of a profile id (`apac.` → ap-northeast-2), to ask the table where it routes. */
function profileSource(id: string): string {
  if (id.startsWith('apac.')) return 'ap-northeast-2';
  if (id.startsWith('eu.')) return 'eu-west-1';
  return 'us-east-1';
}

let currentRegion = 'ap-northeast-2';

export interface DoctorRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the doctor in `region` (AWS_REGION) with the lab's cdk.json and these arguments. */
export async function runDoctor(
  argv: string[] = [],
  options: { region?: string; env?: NodeJS.ProcessEnv } & Partial<DoctorDeps> = {},
): Promise<DoctorRun> {
  const { region = 'ap-northeast-2', env, ...deps } = options;
  currentRegion = region;
  const out: string[] = [];
  const err: string[] = [];
  const code = await doctorMain(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: { AWS_REGION: region, LANG: 'C.UTF-8', ...env },
    credentials: CREDENTIALS,
    ...deps,
  });
  record();
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** The JSON report's checks by id. */
export async function runJson(
  argv: string[] = [],
  options: Parameters<typeof runDoctor>[1] = {},
): Promise<{ code: number; report: Report; byId: Record<string, ReportCheck> }> {
  const run = await runDoctor(['--json', ...argv], options);
  const report = JSON.parse(run.stdout) as Report;
  return { code: run.code, report, byId: Object.fromEntries(report.checks.map((c) => [c.id, c])) };
}

export interface ReportCheck {
  readonly id: string;
  readonly status: 'pass' | 'warn' | 'fail';
  readonly title: string;
  readonly message: string;
  readonly notes: string[];
  readonly fix: string | null;
  readonly data: Record<string, unknown>;
}

export interface Report {
  readonly ok: boolean;
  readonly lang: string;
  readonly account: string;
  readonly region: string;
  readonly prefix: string;
  readonly summary: { pass: number; warn: number; fail: number };
  readonly checks: ReportCheck[];
}

/** The ids of the checks that are not `pass`. */
export const notPassing = (checks: readonly ReportCheck[]) =>
  checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}:${c.status}`);
