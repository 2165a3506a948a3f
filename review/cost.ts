/**
 * The cost picture of one stack from its template and assembly metadata: cost-allocation tags (and
 * every taggable resource that lacks one), list prices per billed unit with their date, and the
 * ceilings that bound spend: stage throttling, request-size limits, function limits, maxTokens,
 * log retention and object expiry.
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { type Finding, flag } from './findings';
import { type StackView, tagsOf } from './template';

export interface PriceFact {
  readonly key: string;
  readonly usd: number;
  readonly unit: string;
  readonly status: string;
}

export interface PricesFact {
  readonly asOf: string;
  readonly region: string;
  readonly source: string;
  readonly prices: readonly PriceFact[];
}

export interface CeilingFact {
  /** What the ceiling bounds, e.g. `stage v1 throttling`, `‹Handler/Function› MAX_TOKENS_CAP`. */
  readonly what: string;
  readonly where: string;
  readonly value: string;
}

export interface CostFacts {
  /** Tag key → values seen on the stack's resources (cost-allocation tags). */
  readonly tags: Readonly<Record<string, readonly string[]>>;
  readonly taggable: number;
  readonly untagged: ReadonlyArray<{ path: string; type: string; missing: readonly string[] }>;
  readonly pricingUnit?: string;
  readonly service?: string;
  readonly prices?: PricesFact;
  readonly ceilings: readonly CeilingFact[];
  readonly findings: readonly Finding[];
}

/** CloudFormation's own answer to "does this type take tags?", from the registry schema CDK ships. */
let specDb: ReturnType<typeof loadAwsServiceSpecSync> | undefined;
const taggableCache = new Map<string, boolean>();
export function isTaggable(type: string): boolean {
  let known = taggableCache.get(type);
  if (known === undefined) {
    specDb ??= loadAwsServiceSpecSync();
    const found = specDb.lookup('resource', 'cloudFormationType', 'equals', type);
    known = found.length > 0 && found[0]?.tagInformation !== undefined;
    taggableCache.set(type, known);
  }
  return known;
}

/** Tag keys CloudFormation and CDK add themselves: not cost-allocation tags. */
const SYSTEM_TAG = /^(aws:|aws-cdk:)/;

/** Environment variables that look like a limit the function enforces. */
const LIMIT_VAR = /(MAX|LIMIT|CAP|QUOTA|BYTES|TOKENS)/i;

export function costOf(view: StackView): CostFacts {
  const findings: Finding[] = [];
  const tags: Record<string, Set<string>> = {};
  const taggables = view.resources.filter((r) => isTaggable(r.type));
  for (const r of taggables) {
    for (const [k, v] of Object.entries(tagsOf(r) ?? {})) {
      if (SYSTEM_TAG.test(k)) continue;
      tags[k] ??= new Set();
      tags[k].add(v);
    }
  }
  const keys = Object.keys(tags).sort();
  const untagged = taggables
    .map((r) => ({
      path: r.path,
      type: r.type,
      missing: keys.filter((k) => !(k in (tagsOf(r) ?? {}))),
    }))
    .filter((u) => u.missing.length > 0);
  if (taggables.length > 0 && keys.length === 0)
    findings.push(flag('cost', 'cost.flag.noTags', { count: taggables.length }));
  for (const u of untagged)
    findings.push(
      flag(
        'cost',
        'cost.flag.untagged',
        { path: u.path, type: u.type, missing: u.missing.join(', ') },
        u.path,
      ),
    );

  const ceilings: CeilingFact[] = [];
  for (const r of view.resources) {
    if (r.type === 'AWS::Lambda::Function') {
      ceilings.push({ what: 'timeout', where: r.path, value: `${String(r.props.Timeout ?? 3)} s` });
      ceilings.push({ what: 'memory', where: r.path, value: `${String(r.props.MemorySize ?? 128)} MB` });
      if (r.props.ReservedConcurrentExecutions !== undefined)
        ceilings.push({
          what: 'reserved concurrency',
          where: r.path,
          value: String(r.props.ReservedConcurrentExecutions),
        });
      const vars = ((r.props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ??
        {}) as Record<string, unknown>;
      for (const [name, value] of Object.entries(vars)) {
        if (LIMIT_VAR.test(name) && (typeof value === 'string' || typeof value === 'number'))
          ceilings.push({ what: name, where: r.path, value: String(value) });
      }
    }
    if (r.type === 'AWS::Logs::LogGroup')
      ceilings.push({
        what: 'log retention',
        where: r.path,
        value:
          r.props.RetentionInDays === undefined ? 'never expires' : `${String(r.props.RetentionInDays)} days`,
      });
  }
  const stackTags = (name: string) => [...(tags[name] ?? [])];
  const meta = view.artifact.metadata[`/${view.name}`] ?? [];
  const prices = meta.find((e) => e.type === 'ai-lab:prices')?.data as PricesFact | undefined;
  return {
    tags: Object.fromEntries(keys.map((k) => [k, [...tags[k]!].sort()])),
    taggable: taggables.length,
    untagged,
    pricingUnit: stackTags('PricingUnit')[0],
    service: stackTags('Service')[0],
    prices,
    ceilings,
    findings,
  };
}
