/** Resources grouped by kind, each with its construct path, a one-line purpose and its idle-cost class. */
import { type Finding, flag } from './findings';
import { type IdleClass, idleClassOf } from './idle';
import { type ResourceInfo, refTarget, type StackView } from './template';

export interface ResourceFact {
  readonly logicalId: string;
  readonly type: string;
  readonly path: string;
  /** The L2 construct class it belongs to (from tree.json), e.g. `aws_lambda_nodejs.NodejsFunction`. */
  readonly construct?: string;
  /** The resource's own Description property, when it has one. */
  readonly description?: string;
  readonly idle: IdleClass;
  /** Retention of a log group in days; `undefined` when it never expires. */
  readonly retentionDays?: number;
}

export interface ResourceGroup {
  /** The service part of the type: `Lambda`, `ApiGateway`, `IAM` … */
  readonly kind: string;
  readonly resources: readonly ResourceFact[];
}

function constructOf(types: ReadonlyMap<string, string>, r: ResourceInfo): string | undefined {
  const full = r.raw.Metadata?.['aws:cdk:path'] as string | undefined;
  if (!full) return undefined;
  const parent = full.replace(/\/(Resource|Default)$/, '');
  const fqn = types.get(parent) ?? types.get(full);
  return fqn?.replace(/^aws-cdk-lib\./, '').replace(/^@aws-cdk\//, '');
}

export function resourcesOf(
  view: StackView,
  constructTypes: ReadonlyMap<string, string>,
): { groups: ResourceGroup[]; facts: ResourceFact[]; findings: Finding[] } {
  const providers = new Set(
    view.resources
      .filter((r) => r.type.startsWith('Custom::'))
      .flatMap((r) => refTarget(r.props.ServiceToken) ?? []),
  );
  const facts = view.resources.map((r): ResourceFact => {
    const description = typeof r.props.Description === 'string' ? r.props.Description : undefined;
    return {
      logicalId: r.logicalId,
      type: r.type,
      path: r.path,
      construct: constructOf(constructTypes, r),
      description,
      idle: idleClassOf(r, providers),
      retentionDays:
        r.type === 'AWS::Logs::LogGroup' ? (r.props.RetentionInDays as number | undefined) : undefined,
    };
  });
  const byKind = new Map<string, ResourceFact[]>();
  for (const f of facts) {
    const kind = f.type.startsWith('Custom::') ? 'Custom' : (f.type.split('::')[1] ?? f.type);
    byKind.set(kind, [...(byKind.get(kind) ?? []), f]);
  }
  const groups = [...byKind.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, resources]) => ({ kind, resources }));
  const findings: Finding[] = [];
  for (const f of facts) {
    if (f.idle === 'idle')
      findings.push(flag('cost', 'cost.flag.idle', { type: f.type, path: f.path }, f.path));
    if (f.idle === 'unknown')
      findings.push(flag('cost', 'cost.flag.unknownType', { type: f.type, path: f.path }, f.path));
    if (f.type === 'AWS::Logs::LogGroup' && f.retentionDays === undefined)
      findings.push(flag('cost', 'cost.flag.noRetention', { path: f.path }, f.path));
  }
  return { groups, facts, findings };
}
