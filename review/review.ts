/** One review per stack: every analysis run over the stack's template and assembly metadata. */

import { type ApiFacts, apiOf } from './api';
import type { Assembly } from './assembly';
import { type BucketFact, bucketsOf } from './buckets';
import { type ComplianceFacts, complianceOf } from './compliance';
import { type CostFacts, costOf } from './cost';
import { type Flow, flowOf } from './dataflow';
import { destroyOf, type KeptFact } from './destroy';
import type { Finding } from './findings';
import { type GovernedFacts, governedOf } from './governed';
import { type Lang, t } from './i18n';
import { type PermissionsFacts, permissionsOf } from './permissions';
import { type RegionFacts, regionFactsOf } from './regions';
import { type ResourceFact, type ResourceGroup, resourcesOf } from './resources';
import { type StaleFact, staleOf } from './staleness';
import { type StackView, viewOf } from './template';

export interface StackReview {
  readonly name: string;
  readonly description?: string;
  readonly templateFile: string;
  readonly dependencies: readonly string[];
  readonly groups: readonly ResourceGroup[];
  readonly resources: readonly ResourceFact[];
  readonly permissions: PermissionsFacts;
  readonly api: ApiFacts;
  readonly buckets: readonly BucketFact[];
  readonly flow: Flow;
  readonly compliance: ComplianceFacts;
  readonly cost: CostFacts;
  readonly kept: readonly KeptFact[];
  /** Asset files this stack uploads to the bootstrap staging bucket (they stay after destroy). */
  readonly assets: number;
  /** cdk-nag acknowledgements whose reason names what the policy no longer has. */
  readonly stale: readonly StaleFact[];
  readonly governed: GovernedFacts;
  /** What each table Region lacks for this stack, and its statements that differ by Region (review/regions.ts). */
  readonly regions: RegionFacts;
  /** Every finding of every section, flags first. */
  readonly findings: readonly Finding[];
}

const ORDER = { flag: 0, note: 1, ok: 2 } as const;

export async function reviewStack(view: StackView, assembly: Assembly, lang: Lang): Promise<StackReview> {
  const res = resourcesOf(view, assembly.constructTypes);
  const permissions = await permissionsOf(view);
  const api = apiOf(view, permissions.statements);
  const buckets = bucketsOf(view, permissions.statements);
  const compliance = complianceOf(view, assembly);
  const stale = staleOf(compliance.acknowledged, permissions.statements);
  const regions = regionFactsOf(view, permissions.statements);
  const cost = costOf(view, permissions.statements, regions);
  const destroy = destroyOf(
    view,
    new Set(buckets.buckets.filter((b) => b.autoDelete).map((b) => b.logicalId)),
    assembly,
  );
  const governed = governedOf(view, assembly);
  const flow = await flowOf(view, api, permissions.statements, {
    caller: t(lang, 'flow.caller'),
    cloudformation: t(lang, 'flow.cloudformation'),
    unauthenticated: t(lang, 'flow.unauthenticated'),
    sigv4: t(lang, 'flow.sigv4'),
    proxy: t(lang, 'flow.proxy'),
    accessLogs: t(lang, 'flow.accessLogs'),
    logs: t(lang, 'flow.logs'),
    event: t(lang, 'flow.event'),
    actions: (count: number) => t(lang, 'flow.actions', { count }),
  });
  const byPath = new Map(view.resources.map((r) => [r.path, r.logicalId]));
  const findings = [
    ...permissions.findings,
    ...permissions.statements.flatMap((s) => s.findings),
    ...buckets.findings,
    ...api.findings,
    ...compliance.findings,
    ...stale.findings,
    ...cost.findings,
    ...res.findings,
    ...destroy.findings,
    ...governed.findings,
  ]
    .map((f) => (f.logicalId || !f.where ? f : { ...f, logicalId: byPath.get(f.where) }))
    .sort((a, b) => ORDER[a.level] - ORDER[b.level]);
  return {
    name: view.name,
    description: view.artifact.template.Description,
    templateFile: view.artifact.templateFile,
    dependencies: view.artifact.dependencies,
    groups: res.groups,
    resources: res.facts,
    permissions,
    api,
    buckets: buckets.buckets,
    flow,
    compliance,
    cost,
    kept: destroy.kept,
    assets: destroy.assets,
    stale: stale.stale,
    governed,
    regions,
    findings,
  };
}

/** Reviews of the named stacks (all when none is named); an unknown name is an error that lists the known ones. */
export async function reviewAssembly(
  assembly: Assembly,
  names: readonly string[],
  lang: Lang,
): Promise<StackReview[]> {
  const known = assembly.stacks.map((s) => s.stackName);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0)
    throw new Error(t(lang, 'cli.unknownStack', { names: unknown.join(', '), known: known.join(', ') }));
  const chosen = assembly.stacks.filter((s) => names.length === 0 || names.includes(s.stackName));
  const out: StackReview[] = [];
  for (const s of chosen) out.push(await reviewStack(viewOf(s, assembly.logicalPaths, lang), assembly, lang));
  return out;
}

export type { StackView };
