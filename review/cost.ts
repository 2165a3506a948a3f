/**
 * The cost picture of one stack from its template and assembly metadata: cost-allocation tags (and
 * every taggable resource that lacks one), list prices per billed unit with their date, and the
 * ceilings that bound spend: stage throttling, request-size limits, function limits, maxTokens,
 * log retention and object expiry.
 */
import { type Finding, flag } from './findings';
import type { StatementFact } from './permissions';
import type { RegionFacts } from './regions';
import { isTaggable } from './taggable';
import { type StackView, tagsOf } from './template';

export interface PriceFact {
  readonly key: string;
  readonly usd: number;
  readonly unit: string;
  readonly status: string;
  /** Billing rules that go with the price (a minimum charge, what is included), as the price table states them. */
  readonly note?: string;
  /** The Bedrock model a token price is for. */
  readonly model?: string;
  /** The minimum billable quantity per request or job (Comprehend 3 units, Transcribe 15 s). */
  readonly minimum?: number;
}

/** Which routes call the metered service, and charges a call causes in another service. */
export interface MeteredFact {
  readonly routes: ReadonlyArray<{
    readonly method: string;
    readonly path: string;
    readonly metered: boolean;
  }>;
  readonly indirect: ReadonlyArray<{ readonly key: string; readonly priceKey: string }>;
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
  readonly metered?: MeteredFact;
  /** Bedrock models the stack's roles may invoke, each with whether the price table prices it. */
  readonly models: ReadonlyArray<{ readonly id: string; readonly priced: boolean }>;
  readonly ceilings: readonly CeilingFact[];
  readonly findings: readonly Finding[];
}

/** Tag keys CloudFormation and CDK add themselves: not cost-allocation tags. */
const SYSTEM_TAG = /^(aws:|aws-cdk:)/;

/** Environment variables that look like a limit the function enforces. */
const LIMIT_VAR = /(MAX|LIMIT|CAP|QUOTA|BYTES|TOKENS)/i;

const INVOKE = /^bedrock:(InvokeModel|InvokeModelWithResponseStream|Converse|ConverseStream)$/i;
const MODEL_ARN = /(?:foundation-model|inference-profile)\/([A-Za-z0-9.:-]+)/;
/** A system inference profile id names its model after a geography prefix: `apac.amazon.nova-micro-v1:0`. */
const baseModel = (id: string) => id.replace(/^(?:us|us-gov|eu|apac|global|ca|jp|au)\./, '');

/**
 * Every model id the stack's roles may invoke in some Region, read from the ARNs their Bedrock
 * statements name: as written, and for a statement that depends on the Region as each Region of the
 * template resolves it (review/regions.ts), so a model only some Regions call is priced too.
 */
export function invokableModels(statements: readonly StatementFact[], regional?: RegionFacts): string[] {
  const out = new Set<string>();
  const add = (arns: readonly string[]) => {
    for (const r of arns) {
      const m = MODEL_ARN.exec(r);
      if (m) out.add(m[1]!);
    }
  };
  for (const s of statements) {
    if (s.effect !== 'Allow' || !s.actions.some((a) => INVOKE.test(a))) continue;
    if (s.regional === undefined) add(s.resources);
  }
  for (const s of regional?.statements ?? [])
    if (s.actions.some((a) => INVOKE.test(a))) for (const row of s.rows) add(row.resources);
  return [...out].sort();
}

export function costOf(
  view: StackView,
  statements: readonly StatementFact[] = [],
  regional?: RegionFacts,
): CostFacts {
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
  const metered = meta.find((e) => e.type === 'ai-lab:metered')?.data as MeteredFact | undefined;
  const priced = new Set((prices?.prices ?? []).flatMap((p) => (p.model ? [baseModel(p.model)] : [])));
  const models = invokableModels(statements, regional).map((id) => ({
    id,
    priced: priced.has(baseModel(id)),
  }));
  for (const m of models.filter((x) => !x.priced))
    findings.push(flag('cost', 'cost.flag.modelUnpriced', { model: `\`${m.id}\`` }));
  return {
    tags: Object.fromEntries(keys.map((k) => [k, [...tags[k]!].sort()])),
    taggable: taggables.length,
    untagged,
    pricingUnit: stackTags('PricingUnit')[0],
    service: stackTags('Service')[0],
    prices,
    metered,
    models,
    ceilings,
    findings,
  };
}
