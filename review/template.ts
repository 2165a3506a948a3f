/**
 * One stack's template as the review sees it: resources with their construct paths, and
 * CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Join, Fn::Sub) rendered as short readable text;
 * a value CloudFormation resolves per Region (Fn::FindInMap, Fn::If) is resolved in every Region of
 * the template and read as words when the Regions differ (review/regional.ts).
 */
import type { CfnResource, StackArtifact } from './assembly';
import type { Lang } from './i18n';
import { describeRegional, isRegional, type RegionalContext } from './regional';

export interface ResourceInfo {
  readonly logicalId: string;
  readonly type: string;
  readonly props: Record<string, unknown>;
  /** Construct path inside the stack, without the stack name and a trailing `/Resource`. */
  readonly path: string;
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
  readonly raw: CfnResource;
}

export interface StackView {
  readonly name: string;
  readonly artifact: StackArtifact;
  readonly resources: readonly ResourceInfo[];
  readonly byId: ReadonlyMap<string, ResourceInfo>;
  /** The report's language: a value resolved per Region is described in it. */
  readonly lang: Lang;
}

export function shortPath(stackName: string, cdkPath: string | undefined, logicalId: string): string {
  if (!cdkPath) return logicalId;
  let p = cdkPath.startsWith(`${stackName}/`) ? cdkPath.slice(stackName.length + 1) : cdkPath;
  p = p.replace(/\/(Resource|Default)$/, '');
  return p;
}

/** The stack's resources; construct paths from the template's path metadata, else from tree.json. */
export function viewOf(
  artifact: StackArtifact,
  logicalPaths: ReadonlyMap<string, string> = new Map(),
  lang: Lang = 'en',
): StackView {
  const resources: ResourceInfo[] = Object.entries(artifact.template.Resources ?? {}).map(([id, r]) => ({
    logicalId: id,
    type: r.Type,
    props: r.Properties ?? {},
    path: shortPath(
      artifact.stackName,
      (r.Metadata?.['aws:cdk:path'] as string | undefined) ?? logicalPaths.get(`${artifact.stackName}/${id}`),
      id,
    ),
    deletionPolicy: r.DeletionPolicy,
    updateReplacePolicy: r.UpdateReplacePolicy,
    raw: r,
  }));
  return {
    name: artifact.stackName,
    artifact,
    resources,
    byId: new Map(resources.map((r) => [r.logicalId, r])),
    lang,
  };
}

/** What review/regional.ts needs of a view to resolve a value per Region. */
export function regionalContext(view: StackView): RegionalContext {
  return {
    template: view.artifact.template as RegionalContext['template'],
    lang: view.lang,
    name: (id) => `‹${view.byId.get(id)?.path ?? id}›`,
  };
}

/** The logical id a value points at (`Ref` or `Fn::GetAtt`), if any. */
export function refTarget(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string' && !v.Ref.startsWith('AWS::')) return v.Ref;
  const att = v['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') return att[0];
  if (typeof att === 'string') return att.split('.')[0];
  return undefined;
}

/** Every logical id referenced anywhere inside a value. */
export function referencedIds(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) referencedIds(v, out);
  } else if (value && typeof value === 'object') {
    const target = refTarget(value);
    if (target) out.add(target);
    const sub = (value as Record<string, unknown>)['Fn::Sub'];
    const subText = typeof sub === 'string' ? sub : Array.isArray(sub) ? sub[0] : undefined;
    if (typeof subText === 'string') {
      for (const m of subText.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z]+)?\}/g)) out.add(m[1]!);
    }
    for (const v of Object.values(value)) referencedIds(v, out);
  }
  return out;
}

/**
 * Renders a template value as text: a reference to a resource becomes `‹path›` (with `.Attr` for
 * Fn::GetAtt), pseudo parameters stay `${AWS::Region}`, joins are concatenated. A value resolved per
 * Region is resolved in each of the template's Regions (`among`: only those, e.g. where the statement
 * holding it exists): the same once generalized → that value; different → words (review/regional.ts).
 */
export function render(value: unknown, view: StackView, among?: readonly string[]): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRegional(value)) {
    const described = describeRegional(value, regionalContext(view), among);
    if (described !== undefined) return described;
  }
  if (Array.isArray(value)) return value.map((v) => render(v, view, among)).join(', ');
  if (!value || typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  const name = (id: string) => `‹${view.byId.get(id)?.path ?? id}›`;
  if (typeof v.Ref === 'string') return v.Ref.startsWith('AWS::') ? `\${${v.Ref}}` : name(v.Ref);
  const att = v['Fn::GetAtt'];
  if (Array.isArray(att)) return `${name(String(att[0]))}.${String(att[1])}`;
  const join = v['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    return (join[1] as unknown[]).map((p) => render(p, view, among)).join(String(join[0]));
  }
  const sub = v['Fn::Sub'];
  if (typeof sub === 'string' || Array.isArray(sub)) {
    const text = String(Array.isArray(sub) ? sub[0] : sub);
    return text.replace(/\$\{([A-Za-z0-9:]+)(\.[A-Za-z]+)?\}/g, (whole, id: string, attr?: string) =>
      id.startsWith('AWS::') || !view.byId.has(id) ? whole : `${name(id)}${attr ?? ''}`,
    );
  }
  return intrinsicText(v, view, among) ?? JSON.stringify(value);
}

/**
 * The other intrinsics a template outside the Region mapping may hold, as short code-like text in
 * the `‹…›` style of resource names: never the template's JSON.
 */
function intrinsicText(
  v: Record<string, unknown>,
  view: StackView,
  among?: readonly string[],
): string | undefined {
  const keys = Object.keys(v);
  if (keys.length !== 1) return undefined;
  const arg = v[keys[0]!];
  const a = Array.isArray(arg) ? arg : [arg];
  const r = (x: unknown) => render(x, view, among);
  switch (keys[0]) {
    case 'Fn::FindInMap':
      return `‹${r(a[0])}[${r(a[1])}][${r(a[2])}]›`;
    case 'Fn::If':
      return `‹${r(a[0])} ? ${r(a[1])} : ${r(a[2])}›`;
    case 'Condition':
      return `‹${r(arg)}›`;
    case 'Fn::ImportValue':
      return `‹export ${r(arg)}›`;
    case 'Fn::Select': {
      // CDK's way to take a name out of an ARN: field 6 of `arn:partition:service:region:account:type:name`.
      const split = (a[1] as Record<string, unknown> | undefined)?.['Fn::Split'] as unknown[] | undefined;
      if (Array.isArray(split) && split[0] === ':' && Number(a[0]) === 6) return `${r(split[1])}.Name`;
      return `‹${r(a[1])}[${r(a[0])}]›`;
    }
    case 'Fn::Split':
      return `‹${r(a[1])} split by "${r(a[0])}"›`;
    case 'Fn::GetAZs':
      return '‹Availability Zones›';
    case 'Fn::Base64':
    case 'Fn::ToJsonString':
      return r(arg);
    default:
      return undefined;
  }
}

/**
 * A cdk-nag rule id as a reader sees it: the template values cdk-nag writes into a finding's id as
 * JSON (`AwsSolutions-IAM5[Resource::…:{"Fn::Select":…}:*]`) rendered like every other value. The
 * id itself, which an acknowledgement must match, is kept apart.
 */
export function ruleText(rule: string, view: StackView): string {
  let out = '';
  for (let i = 0; i < rule.length; i++) {
    if (rule[i] === '{' && rule[i + 1] === '"') {
      const end = jsonEnd(rule, i);
      if (end > i) {
        try {
          out += render(JSON.parse(rule.slice(i, end + 1)), view);
          i = end;
          continue;
        } catch {
          // not JSON after all: keep the text as it is
        }
      }
    }
    out += rule[i];
  }
  // cdk-nag's own `<LogicalId.Attr>` for a resource of the stack: named by construct path, as elsewhere.
  return out.replace(/<([A-Za-z0-9]+)\.([A-Za-z.]+)>/g, (whole, id: string, attr: string) =>
    view.byId.has(id) ? `‹${view.byId.get(id)!.path}›.${attr}` : whole,
  );
}

/** The index of the `}` that closes the JSON object opening at `start` (strings skipped), or -1. */
function jsonEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Always an array (CloudFormation allows a single value where a list is meant). */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The route (`POST /translate`) of an API Gateway method, from the template's resource tree. */
export function routeOf(method: ResourceInfo, view: StackView): string {
  const parts: string[] = [];
  let id = refTarget(method.props.ResourceId);
  for (let guard = 0; id && guard < 50; guard++) {
    const r = view.byId.get(id);
    if (r?.type !== 'AWS::ApiGateway::Resource') break;
    parts.unshift(String(r.props.PathPart));
    id = refTarget(r.props.ParentId);
  }
  return `${String(method.props.HttpMethod ?? '?')} /${parts.join('/')}`;
}

/** Tags of a resource as a map (list-of-{Key,Value} or map form). */
export function tagsOf(resource: ResourceInfo): Record<string, string> | undefined {
  const tags = resource.props.Tags;
  if (tags === undefined) return undefined;
  if (Array.isArray(tags)) {
    const out: Record<string, string> = {};
    for (const t of tags as Array<{ Key?: unknown; Value?: unknown }>) out[String(t.Key)] = String(t.Value);
    return out;
  }
  if (tags && typeof tags === 'object') {
    return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v)]));
  }
  return {};
}
