/**
 * What the doctor needs to know about the lab instance it checks: its stacks, the budget's name, how
 * it treats the account's API Gateway role, and the `cdk deploy` line that applies a fix. Names come
 * from the catalogue (lib/services.ts); nothing here invents one.
 */
import type { LabConfig } from '../../lib/config';
import { BUDGET_STACK_NAME, type DemoService, SERVICES, SHARED_STACK_NAME } from '../../lib/services';

export const DEFAULT_PREFIX = 'AiLab';

/** The instance prefix of the stacks. */
export function labPrefix(_config: LabConfig): string {
  return DEFAULT_PREFIX;
}

export function demoStackName(_prefix: string, service: DemoService): string {
  return service.stackName;
}

export function demoStacks(prefix: string): string[] {
  return SERVICES.map((s) => demoStackName(prefix, s));
}

export function sharedStackName(_prefix: string): string {
  return SHARED_STACK_NAME;
}

export function budgetStackName(_prefix: string): string {
  return BUDGET_STACK_NAME;
}

/** The AWS Budgets name the budget stack gives (lib/stacks/budget-stack.ts). */
export function labBudgetName(_prefix: string, _region: string): string {
  return 'ai-services-lab-monthly';
}

/**
 * How the lab treats the account's API Gateway CloudWatch role (lib/config.ts): `none` leaves it
 * alone and the stages log nothing to CloudWatch, `existing` logs through the role the account has,
 * `create` makes one in the shared stack (kept on destroy).
 */
export type ApiRoleMode = 'none' | 'existing' | 'create';

export function apiRoleMode(config: LabConfig): ApiRoleMode {
  const value: unknown = config.apiGatewayCloudWatchRole;
  if (value === true) return 'create';
  if (value === false) return 'existing';
  return value === 'create' || value === 'existing' ? value : 'none';
}

/**
 * The deploy command with the settings the doctor was given and the fix's own, e.g.
 * `npx cdk deploy --all -c bedrockModelId=apac.amazon.nova-micro-v1:0`.
 */
export function deployLine(
  given: Readonly<Record<string, string>>,
  fix: Readonly<Record<string, string>> = {},
  stacks = '--all',
): string {
  const settings = { ...given, ...fix };
  const flags = Object.entries(settings).map(([k, v]) => ` -c ${k}=${/[\s"'$`]/.test(v) ? `'${v}'` : v}`);
  return `npx cdk deploy ${stacks}${flags.join('')}`;
}
