/**
 * `npm run doctor` against mocked AWS clients: a ready account is all green; each check fails on its
 * own, with its fix; no credentials or no Region is one line and exit 2; a Region outside the table
 * is named as such.
 */
import { GetAccountCommand } from '@aws-sdk/client-api-gateway';
import {
  GetFoundationModelAvailabilityCommand,
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
} from '@aws-sdk/client-bedrock';
import { DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { TABLE_REGIONS } from '../../../lambda/shared/regions';
import { ACCOUNT, aws, greenAccount, notPassing, runDoctor, runJson } from './harness';

beforeEach(greenAccount);

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });

/** Bedrock reports the account's access to `modelId` as all available, but for `changes`. */
function modelAccess(modelId: string, changes: object): void {
  aws.bedrock.on(GetFoundationModelAvailabilityCommand, { modelId }).resolves({
    agreementAvailability: { status: 'AVAILABLE' },
    authorizationStatus: 'AUTHORIZED',
    entitlementAvailability: 'AVAILABLE',
    regionAvailability: 'AVAILABLE',
    ...changes,
  });
}

describe('a ready account', () => {
  test.each(TABLE_REGIONS.filter((r) => r !== 'ap-northeast-1' && r !== 'eu-west-1'))(
    'is all green in %s, exit 0',
    async (region) => {
      const { code, report } = await runJson([], { region });
      expect(notPassing(report.checks)).toEqual([]);
      expect(code).toBe(0);
      expect(report.ok).toBe(true);
    },
  );

  test('the readable report: one line per check, ✓, and the deploy command', async () => {
    const run = await runDoctor();
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      `ai-services-lab doctor: account ${ACCOUNT}, Region ap-northeast-2 (AWS_REGION), prefix AiLab`,
    );
    const checks = lines.filter((l) => /^[✓!✗] /.test(l));
    expect(checks.every((l) => l.startsWith('✓ '))).toBe(true);
    for (const title of [
      'Account',
      'Region',
      'CDK bootstrap',
      'Amazon Comprehend (AiLab-Comprehend)',
      'Model amazon.nova-micro-v1:0',
      'Model amazon.nova-lite-v1:0',
      'Model amazon.nova-pro-v1:0',
      'Guardrail (Korean)',
      'API Gateway CloudWatch role',
      'CloudFormation hooks',
      'Budget',
    ])
      expect(checks.some((l) => l.startsWith(`✓ ${title}: `))).toBe(true);
    expect(run.stdout).toContain('called through the inference profile apac.amazon.nova-micro-v1:0');
    expect(run.stdout).toContain('Standard tier through the guardrail profile apac.guardrail.v1:0');
    expect(run.stdout).toMatch(/Ready to deploy: `npx cdk deploy --all`\.\n$/);
  });

  test('us-east-1 calls the models in-Region, and asks Bedrock about the foundation model', async () => {
    const { byId } = await runJson([], { region: 'us-east-1' });
    expect(byId['model:amazon.nova-micro-v1:0']!.data).toMatchObject({
      route: 'in-region',
      lifecycle: 'ACTIVE',
    });
    expect(
      aws.bedrock.commandCalls(GetFoundationModelAvailabilityCommand).map((c) => c.args[0].input.modelId),
    ).toEqual(
      expect.arrayContaining(['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0', 'amazon.nova-pro-v1:0']),
    );
  });

  test('the settings given with -c are read as synth reads them, and repeated in the fixes', async () => {
    aws.ssm.on(GetParameterCommand).rejects(awsError('ParameterNotFound'));
    const { byId } = await runJson(['-c', 'bedrockMaxTokensCap=256']);
    expect(byId.bootstrap!.fix).toBe('`npx cdk bootstrap aws://123456789012/ap-northeast-2`');
    const { byId: budget } = await runJson(['-c', 'bedrockMaxTokensCap=256'], {});
    expect(budget.budget!.status).toBe('pass');
  });
});

describe('the doctor cannot run', () => {
  test('without credentials: one line, exit 2, no check', async () => {
    const run = await runDoctor([], {
      credentials: async () => {
        throw awsError('CredentialsProviderError', 'Could not load credentials from any providers');
      },
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^No usable AWS credentials \(the SDK says: “Could not load credentials from any providers”\)\. Configure them with `aws configure`/,
    );
    expect(aws.ssm.calls()).toHaveLength(0);
  });

  test('with expired credentials: one line, exit 2', async () => {
    aws.sts
      .on(GetCallerIdentityCommand)
      .rejects(awsError('ExpiredToken', 'The security token included in the request is expired'));
    const run = await runDoctor();
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('The security token included in the request is expired');
  });

  test('without credentials, --json: one JSON line', async () => {
    aws.sts.on(GetCallerIdentityCommand).rejects(awsError('CredentialsProviderError', 'no providers'));
    const run = await runDoctor(['--json']);
    expect(run.code).toBe(2);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      error: { code: 'NO_CREDENTIALS', message: expect.any(String) },
    });
  });

  test('without a Region: one line, exit 2', async () => {
    const run = await runDoctor([], {
      env: { AWS_REGION: '', AWS_CONFIG_FILE: '/nonexistent', AWS_PROFILE: 'none' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'No AWS Region: pass --region, set AWS_REGION, or set a region in your profile (`aws configure`).\n',
    );
  });

  test('with an invalid setting: one line naming the key, exit 2', async () => {
    const run = await runDoctor(['-c', 'bedrockMaxTokensCap=0']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('-c bedrockMaxTokensCap:');
  });
});

describe('a Region missing from the table', () => {
  test('is reported clearly, with a table Region of the same geography; the account checks still run', async () => {
    const { code, byId } = await runJson([], { region: 'eu-north-1' });
    expect(code).toBe(1);
    expect(byId.region).toMatchObject({ status: 'fail' });
    expect(byId.region!.message).toBe(
      "eu-north-1 is not in the lab's Region table: the stacks' rule stops `cdk deploy` there before anything is created. The table has us-east-1, us-west-2, eu-west-1, eu-central-1, ap-northeast-1, ap-northeast-2, ap-southeast-1.",
    );
    expect(byId.region!.fix).toContain('`AWS_REGION=eu-west-1 npm run doctor`');
    // Nothing the table answers is guessed for it; what the account answers is still checked.
    expect(Object.keys(byId).filter((id) => /^(model|service):|guardrail/.test(id))).toEqual([]);
    expect(Object.keys(byId)).toEqual(
      expect.arrayContaining(['account', 'bootstrap', 'apigateway-role', 'hooks', 'budget']),
    );
  });
});

describe('each check fails on its own, with its fix', () => {
  test('no CDK bootstrap', async () => {
    aws.ssm.on(GetParameterCommand).rejects(awsError('ParameterNotFound'));
    const { code, report, byId } = await runJson();
    expect(code).toBe(1);
    expect(notPassing(report.checks)).toEqual(['bootstrap:fail']);
    expect(byId.bootstrap!.message).toBe(
      `${ACCOUNT}/ap-northeast-2 is not bootstrapped (/cdk-bootstrap/hnb659fds/version does not exist): \`cdk deploy\` has nowhere to upload the lab's assets.`,
    );
    expect(byId.bootstrap!.fix).toBe(`\`npx cdk bootstrap aws://${ACCOUNT}/ap-northeast-2\``);
  });

  test('a bootstrap older than the templates need', async () => {
    aws.ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '5' } });
    const { report, byId } = await runJson();
    expect(notPassing(report.checks)).toEqual(['bootstrap:fail']);
    expect(byId.bootstrap!.message).toMatch(/^version 5, but the lab's templates need 6 or later/);
  });

  test('a bootstrap that works but is not the newest: ✓ with the optional upgrade', async () => {
    aws.ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '21' } });
    const { report, byId } = await runJson();
    expect(notPassing(report.checks)).toEqual([]);
    expect(byId.bootstrap!.notes[0]).toMatch(
      /^The installed CDK CLI bootstraps version \d+: `npx cdk bootstrap/,
    );
  });

  test('a model without an AWS Marketplace agreement', async () => {
    modelAccess('amazon.nova-pro-v1:0', { agreementAvailability: { status: 'NOT_AVAILABLE' } });
    const { report, byId } = await runJson();
    expect(notPassing(report.checks)).toEqual(['model:amazon.nova-pro-v1:0:fail']);
    const line = byId['model:amazon.nova-pro-v1:0']!;
    expect(line.notes.join(' ')).toContain('agreement as `NOT_AVAILABLE`');
    expect(line.fix).toContain(
      'Model catalog of the Amazon Bedrock console (https://console.aws.amazon.com/bedrock/home?region=ap-northeast-2)',
    );
  });

  test('a model the account is not authorized for', async () => {
    modelAccess('amazon.nova-micro-v1:0', { authorizationStatus: 'NOT_AUTHORIZED' });
    const { report, byId } = await runJson();
    expect(notPassing(report.checks)).toEqual(['model:amazon.nova-micro-v1:0:fail']);
    expect(byId['model:amazon.nova-micro-v1:0']!.fix).toMatch(/^An IAM policy or SCP denies it/);
  });

  test('a profile that routes where the IAM does not allow: a caveat with the file to update', async () => {
    aws.bedrock
      .on(GetInferenceProfileCommand, { inferenceProfileIdentifier: 'apac.amazon.nova-lite-v1:0' })
      .resolves({
        status: 'ACTIVE',
        models: ['ap-northeast-2', 'ap-south-2'].map((r) => ({
          modelArn: `arn:aws:bedrock:${r}::foundation-model/amazon.nova-lite-v1:0`,
        })),
      });
    const { report, byId } = await runJson();
    expect(notPassing(report.checks)).toEqual(['model:amazon.nova-lite-v1:0:warn']);
    expect(byId['model:amazon.nova-lite-v1:0']!.notes[0]).toMatch(
      /^the profile now routes to ap-northeast-2, ap-south-2; the Region table says /,
    );
    expect(byId['model:amazon.nova-lite-v1:0']!.fix).toContain('lambda/shared/region-facts.ts');
  });

  test('a profile Bedrock does not know here: ✗, the table and the service disagree', async () => {
    aws.bedrock
      .on(GetInferenceProfileCommand, { inferenceProfileIdentifier: 'apac.amazon.nova-micro-v1:0' })
      .rejects(awsError('ResourceNotFoundException', 'The specified inference profile was not found'));
    const { report, byId } = await runJson();
    expect(notPassing(report.checks)).toEqual(['model:amazon.nova-micro-v1:0:fail']);
    expect(byId['model:amazon.nova-micro-v1:0']!.message).toBe(
      'Bedrock does not know apac.amazon.nova-micro-v1:0 in ap-northeast-2 (“ResourceNotFoundException: The specified inference profile was not found”), although the Region table lists it.',
    );
  });

  test('no availability record for a model called through a profile is not a failure', async () => {
    aws.bedrock.on(GetFoundationModelAvailabilityCommand).rejects(awsError('ResourceNotFoundException'));
    const { report, byId } = await runJson();
    expect(notPassing(report.checks)).toEqual([]);
    expect(byId['model:amazon.nova-lite-v1:0']!.notes).toEqual([
      'Bedrock keeps no availability record for the model in ap-northeast-2, where it is called through the profile.',
    ]);
  });

  test('an in-Region model Bedrock offers only for provisioned throughput, or marks LEGACY', async () => {
    aws.bedrock.on(GetFoundationModelCommand, { modelIdentifier: 'amazon.nova-pro-v1:0' }).resolves({
      modelDetails: {
        modelId: 'amazon.nova-pro-v1:0',
        modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
        inferenceTypesSupported: ['PROVISIONED'],
        modelLifecycle: { status: 'LEGACY' },
      },
    });
    const { report, byId } = await runJson([], { region: 'us-east-1' });
    expect(notPassing(report.checks)).toEqual(['model:amazon.nova-pro-v1:0:fail']);
    expect(byId['model:amazon.nova-pro-v1:0']!.notes).toEqual([
      'Bedrock lists the model in us-east-1, but not for on-demand calls (inference types: PROVISIONED).',
      'Bedrock marks it `LEGACY`: AWS will retire it; a newer model is the safer choice.',
    ]);
  });

  test('a model this Region cannot call: the fix names one it can, and where this one runs', async () => {
    const { code, report, byId } = await runJson(['-c', 'bedrockModelId=ai21.jamba-1-5-mini-v1:0']);
    expect(code).toBe(1);
    // The pipeline's summarize step calls the same model: its runs that ask for it answer 501.
    expect(notPassing(report.checks)).toEqual([
      'service:pipeline:warn',
      'model:ai21.jamba-1-5-mini-v1:0:fail',
    ]);
    const line = byId['model:ai21.jamba-1-5-mini-v1:0']!;
    expect(line.message).toMatch(/^not callable on demand in ap-northeast-2: .* offers it in us-east-1\.$/);
    expect(line.fix).toBe(
      'Use one this Region can call: `npx cdk deploy --all -c bedrockModelId=amazon.nova-micro-v1:0`, or deploy in us-east-1.',
    );
  });

  test('the document model (read-document) gets its own line when it is not in the list, with its own fix', async () => {
    const pro = await runJson([
      '-c',
      'bedrockCompareModelIds=amazon.nova-micro-v1:0,amazon.nova-lite-v1:0',
      '-c',
      'bedrockDocumentModelId=amazon.nova-pro-v1:0',
    ]);
    expect(pro.byId['model:amazon.nova-pro-v1:0']!.status).toBe('pass');
    // The default (Nova Lite) is in the comparison list already: no second line for it.
    const lines = (await runJson([])).report.checks.filter((c: { id: string }) => c.id.startsWith('model:'));
    expect(lines.map((c: { id: string }) => c.id)).toEqual([
      'model:amazon.nova-micro-v1:0',
      'model:amazon.nova-lite-v1:0',
      'model:amazon.nova-pro-v1:0',
    ]);
    // An explicit us. profile deployed in Seoul: read-document would answer 501; the fix keeps the model.
    const us = await runJson(['-c', 'bedrockDocumentModelId=us.amazon.nova-lite-v1:0']);
    expect(us.code).toBe(1);
    const line = us.byId['model:us.amazon.nova-lite-v1:0']!;
    expect(line.status).toBe('fail');
    expect(line.fix).toContain('-c bedrockDocumentModelId=amazon.nova-lite-v1:0');
  });

  test('the guardrail turned off', async () => {
    const { report, byId } = await runJson(['-c', 'bedrockGuardrail=false']);
    expect(notPassing(report.checks)).toEqual(['guardrail:warn']);
    expect(byId.guardrail!.fix).toBe('Turn it on: `npx cdk deploy --all -c bedrockGuardrail=true`.');
  });

  test('a demo whose service the Region lacks (Textract in Tokyo)', async () => {
    const { code, report, byId } = await runJson([], { region: 'ap-northeast-1' });
    expect(code).toBe(1);
    // The pipeline's extract step needs Textract too: a run that asks for it answers 501.
    expect(notPassing(report.checks)).toEqual(['service:textract:fail', 'service:pipeline:warn']);
    expect(byId['service:pipeline']!.notes).toEqual([
      'requests for Amazon Textract answer 501 here (offered in us-east-1, us-west-2, eu-west-1, eu-central-1, ap-northeast-2, ap-southeast-1).',
    ]);
    expect(byId['service:textract']!.message).toMatch(
      /^Amazon Textract is not offered in ap-northeast-1: every route of the stack answers 501\. Offered in us-east-1, /,
    );
    expect(byId['service:textract']!.fix).toBe(
      'Deploy AiLab-Textract in another Region (`AWS_REGION=us-east-1 npx cdk deploy AiLab-Textract`), and the other stacks here by name.',
    );
  });

  test("a feature a demo's requests need (Polly's generative engine in Ireland): a caveat", async () => {
    const { code, report, byId } = await runJson([], { region: 'eu-west-1' });
    expect(code).toBe(0);
    expect(notPassing(report.checks)).toEqual(['service:polly:warn']);
    expect(byId['service:polly']!.notes).toEqual([
      "requests for Polly's generative engine answer 501 here (offered in us-east-1, us-west-2, eu-central-1, ap-northeast-1, ap-northeast-2, ap-southeast-1).",
    ]);
  });

  test('no budget at all: a caveat with the command that creates the lab’s', async () => {
    aws.budgets.on(DescribeBudgetsCommand).rejects(awsError('NotFoundException'));
    const { code, report, byId } = await runJson();
    expect(code).toBe(0);
    expect(notPassing(report.checks)).toEqual(['budget:warn']);
    expect(byId.budget!.fix).toBe(
      "Create the lab's: `npx cdk deploy AiLab-Budget -c budgetEmail=you@example.com`.",
    );
  });

  test('no lab budget but -c budgetEmail: the budget stack will make it', async () => {
    aws.budgets.on(DescribeBudgetsCommand).resolves({ Budgets: [] });
    const { report, byId } = await runJson(['-c', 'budgetEmail=kim@example.com']);
    expect(notPassing(report.checks)).toEqual([]);
    expect(byId.budget!.message).toMatch(/^AiLab-Budget will create .* \(10 USD a month\) on deploy$/);
  });

  test('-c apiGatewayCloudWatchRole=existing in an account without the role', async () => {
    const { code, report, byId } = await runJson(['-c', 'apiGatewayCloudWatchRole=existing']);
    expect(code).toBe(1);
    expect(notPassing(report.checks)).toEqual(['apigateway-role:fail']);
    expect(byId['apigateway-role']!.fix).toBe(
      '`npx cdk deploy --all -c apiGatewayCloudWatchRole=create` (the lab makes the role and keeps it on destroy), or `npx cdk deploy --all -c apiGatewayCloudWatchRole=none` (no stage logs).',
    );
  });

  test('-c apiGatewayCloudWatchRole=create where the account has a role: a caveat, use existing', async () => {
    const role = 'arn:aws:iam::123456789012:role/ApiGatewayLogs';
    aws.apigateway.on(GetAccountCommand).resolves({ cloudwatchRoleArn: role });
    const { report, byId } = await runJson(['-c', 'apiGatewayCloudWatchRole=create']);
    expect(notPassing(report.checks)).toEqual(['apigateway-role:warn']);
    expect(byId['apigateway-role']!.fix).toBe(
      'Log through the existing role instead: `npx cdk deploy --all -c apiGatewayCloudWatchRole=existing`.',
    );
    // The default (none) leaves it alone: ✓, with how to log through it.
    const none = await runJson();
    expect(none.byId['apigateway-role']).toMatchObject({
      status: 'pass',
      data: { mode: 'none', cloudwatchRoleArn: role },
    });
    expect(none.byId['apigateway-role']!.notes).toEqual([
      'To have the stages log through it: `npx cdk deploy --all -c apiGatewayCloudWatchRole=existing`.',
    ]);
  });

  test('another instance (AI_LAB_PREFIX): its stack, budget and deploy lines carry its prefix', async () => {
    aws.budgets.on(DescribeBudgetsCommand).resolves({ Budgets: [] });
    const { report, byId } = await runJson([], { env: { AI_LAB_PREFIX: 'Kim' } });
    expect(report.prefix).toBe('Kim');
    expect(byId['service:textract']!.title).toBe('Amazon Textract (Kim-Textract)');
    expect(byId.budget!.data.name).toBe('kim-monthly-ap-northeast-2');
    expect(byId.budget!.fix).toBe(
      "Create the lab's: `npx cdk deploy Kim-Budget -c prefix=Kim -c budgetEmail=you@example.com`.",
    );
  });

  test('a read the caller may not make is a caveat naming the IAM action, not a failure', async () => {
    aws.apigateway
      .on(GetAccountCommand)
      .rejects(awsError('AccessDeniedException', 'User is not authorized to perform: apigateway:GET'));
    const { code, report, byId } = await runJson();
    expect(code).toBe(0);
    expect(notPassing(report.checks)).toEqual(['apigateway-role:warn']);
    expect(byId['apigateway-role']!.message).toContain('`apigateway:GET`');
  });
});
