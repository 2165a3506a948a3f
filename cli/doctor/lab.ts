/**
 * What the doctor needs to know about the lab instance it checks: its stacks, the budget's name, how
 * it treats the account's API Gateway role, and the `cdk deploy` line that applies a fix. Every name
 * comes from the catalogue and lib/names.ts (the instance prefix, `-c prefix` / AI_LAB_PREFIX);
 * nothing here invents one.
 */
import type { ApiGatewayRoleMode, LabConfig } from '../../lib/config';
import { budgetName, DEFAULT_PREFIX, stackName } from '../../lib/names';
import { BUDGET_STACK_SUFFIX, type DemoService, SHARED_STACK_SUFFIX } from '../../lib/services';

export function demoStackName(prefix: string, service: Pick<DemoService, 'stackSuffix'>): string {
  return stackName(prefix, service.stackSuffix);
}

export const sharedStackName = (prefix: string) => stackName(prefix, SHARED_STACK_SUFFIX);
export const budgetStackName = (prefix: string) => stackName(prefix, BUDGET_STACK_SUFFIX);

/** The AWS Budgets name the budget stack gives in this Region (lib/stacks/budget-stack.ts). */
export const labBudgetName = (prefix: string, region: string) => budgetName(prefix, region);

/**
 * How the lab treats the account's API Gateway CloudWatch role (lib/config.ts): `none` leaves it
 * alone and the stages log nothing to CloudWatch, `existing` logs through the role the account has,
 * `create` makes one in the shared stack (kept on destroy).
 */
export const apiRoleMode = (config: LabConfig): ApiGatewayRoleMode => config.apiGatewayCloudWatchRole;

/**
 * The deploy command with the instance's prefix, the settings the doctor was given and the fix's
 * own, e.g. `npx cdk deploy --all -c prefix=Kim -c bedrockModelId=apac.amazon.nova-micro-v1:0`.
 */
export function deployLine(
  prefix: string,
  given: Readonly<Record<string, string>>,
  fix: Readonly<Record<string, string>> = {},
  stacks = '--all',
): string {
  const settings = { ...(prefix === DEFAULT_PREFIX ? {} : { prefix }), ...given, ...fix };
  const flags = Object.entries(settings).map(([k, v]) => ` -c ${k}=${/[\s"'$`]/.test(v) ? `'${v}'` : v}`);
  return `npx cdk deploy ${stacks}${flags.join('')}`;
}
