/**
 * Template values that CloudFormation resolves per Region at deploy time (`Fn::FindInMap` on a
 * mapping keyed by `AWS::Region`, `Fn::If` on a condition over such a mapping), read as words.
 *
 * The value is resolved in every Region of the template's Region mapping with the CloudFormation
 * evaluator (review/region-eval.ts). When every Region gives the same value once its own Region,
 * partition and account are put back as `${AWS::Region}` …, that value is shown as code. When the
 * Regions differ, it is described: a Bedrock model ARN as "the Region's `amazon.nova-micro-v1:0`: its
 * foundation model or the geography's inference profile", a list of the foundation-model ARNs an
 * inference profile routes to as such, anything else as "per Region: `a` in …; `b` in …". The
 * *Regions* section (review/regions.ts) shows every Region's resolved statements beside it.
 */
import { type Lang, t } from './i18n';
import { RegionView, type Template } from './region-eval';

type Json = unknown;

/** What resolving a value needs: the template, the report's language and how a resource is named. */
export interface RegionalContext {
  readonly template: Template;
  readonly lang: Lang;
  /** A resource as the report names it (`‹construct path›`). */
  readonly name: (logicalId: string) => string;
}

/**
 * Rendered values that are words, not code: the report sets every other rendered value as code.
 * Kept by value, so the document layer needs nothing but the string.
 */
const WORDS = new Map<string, ModelWords | undefined>();

/** How a Region-resolved model value was described, so several alike fold into one phrase. */
interface ModelWords {
  readonly key: 'regional.modelOrProfile' | 'regional.profile' | 'regional.model' | 'regional.destinations';
  readonly model: string;
  readonly geos: readonly string[];
  readonly lang: Lang;
}

export function words(text: string, model?: ModelWords): string {
  WORDS.set(text, model);
  return text;
}

/** A rendered template value as report text: code, unless it is words (a Region-mapped value described). */
export function asCode(value: string): string {
  return WORDS.has(value) ? value : `\`${value.replace(/`/g, "'")}\``;
}

function modelWords(m: ModelWords, models: readonly string[]): string {
  const per = t(m.lang, 'regional.perRegion');
  const model = models.map(code).join(', ');
  const text = t(m.lang, m.key, { model, geos: m.geos.map(code).join(', '), per });
  return words(text, models.length === 1 ? { ...m, model: models[0]! } : undefined);
}

/**
 * Rendered values of one statement with the models described alike folded into one phrase: "the
 * Region’s `a`, `b`, `c`: …" instead of the same sentence three times.
 */
export function foldModels(texts: readonly string[]): string[] {
  const out: string[] = [];
  const groups = new Map<string, { first: ModelWords; models: string[]; at: number }>();
  for (const text of texts) {
    const m = WORDS.get(text);
    if (!m) {
      out.push(text);
      continue;
    }
    const key = `${m.key}\u0000${m.geos.join()}`;
    const group = groups.get(key);
    if (group) group.models.push(m.model);
    else {
      groups.set(key, { first: m, models: [m.model], at: out.length });
      out.push(text);
    }
  }
  for (const g of groups.values()) if (g.models.length > 1) out[g.at] = modelWords(g.first, g.models);
  return out;
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${AWS::…} notation, not a template string
const ACCOUNT = '${AWS::AccountId}';

const isObject = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object';

/** Does the value hold an intrinsic whose result depends on the deployment Region's mapping or a condition? */
export function isRegional(value: Json): boolean {
  if (Array.isArray(value)) return value.some(isRegional);
  if (!isObject(value)) return false;
  if ('Fn::FindInMap' in value || 'Fn::If' in value) return true;
  if (Object.keys(value).length === 1 && typeof value.Condition === 'string') return true;
  return Object.values(value).some(isRegional);
}

const regionCache = new WeakMap<object, readonly string[]>();

/**
 * The Regions a template names in a mapping it looks up with `{"Ref": "AWS::Region"}` (the lab's
 * `AiLabRegions`): the Regions it can be deployed to with known values.
 */
export function templateRegions(template: Template): readonly string[] {
  let found = regionCache.get(template);
  if (!found) {
    const used = new Set<string>();
    const visit = (v: Json): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (isObject(v)) {
        const fim = v['Fn::FindInMap'];
        if (Array.isArray(fim) && isObject(fim[1]) && fim[1].Ref === 'AWS::Region') used.add(String(fim[0]));
        Object.values(v).forEach(visit);
      }
    };
    visit(template.Resources);
    visit(template.Conditions);
    const regions = new Set<string>();
    for (const m of used) for (const r of Object.keys(template.Mappings?.[m] ?? {})) regions.add(r);
    found = [...regions];
    regionCache.set(template, found);
  }
  return found;
}

/** The template as deployed in `region`, its unknowns named as the report names them (`‹path›.Attr`). */
export function regionView(ctx: RegionalContext, region: string): RegionView {
  return new RegionView(ctx.template, region, ACCOUNT, {
    symbols: { ref: ctx.name, att: (id, attr) => `${ctx.name(id)}.${attr}` },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${AWS::…} notation, not a template string
    regionAs: '${AWS::Region}',
  });
}

/** The Regions where a template condition holds. */
export function regionsWhere(ctx: RegionalContext, condition: string, among?: readonly string[]): string[] {
  const regions = among ?? templateRegions(ctx.template);
  return regions.filter((r) => {
    try {
      return regionView(ctx, r).condition(condition);
    } catch {
      return false;
    }
  });
}

/** A resolved value with the partition put back as CloudFormation writes it (Region and account already are). */
function generalize(value: string): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${AWS::…} notation, not a template string
  return value.replace(/^arn:aws:/, 'arn:${AWS::Partition}:');
}

const MODEL_ARN =
  /^arn:[^:]+:bedrock:(\$\{AWS::Region\}|[^:]*):(\$\{AWS::AccountId\}|[^:]*):(foundation-model|inference-profile)\/([A-Za-z0-9.:-]+)$/;
const GEOGRAPHY = /^((?:us|us-gov|eu|apac|global|ca|jp|au)\.)/;

const code = asCode;

/**
 * The value as the report shows it: code when every Region resolves it alike, else words (registered
 * with `words()`, so the report does not set them as code). `among` narrows the Regions (those where
 * the statement that holds the value exists).
 */
export function describeRegional(
  value: Json,
  ctx: RegionalContext,
  among?: readonly string[],
): string | undefined {
  const regions = among ?? templateRegions(ctx.template);
  if (regions.length === 0) return undefined;
  const resolved: Array<{ region: string; items: string[]; list: boolean }> = [];
  try {
    for (const region of regions) {
      const v = regionView(ctx, region).eval(value);
      resolved.push({ region, items: [v].flat().map(String), list: Array.isArray(v) });
    }
  } catch {
    return undefined;
  }
  const general = resolved.map((r) => r.items.map(generalize).join(', '));
  if (new Set(general).size === 1) return general[0];
  const lang = ctx.lang;
  const models = resolved.flatMap((r) => r.items.map((i) => MODEL_ARN.exec(i)));
  if (models.length > 0 && models.every(Boolean)) {
    const bases = new Set(models.map((m) => m![4]!.replace(GEOGRAPHY, '')));
    const kinds = new Set(models.map((m) => m![3]));
    if (bases.size === 1) {
      const geos = [...new Set(models.map((m) => GEOGRAPHY.exec(m![4]!)?.[1] ?? ''))].filter(Boolean);
      const key =
        resolved.some((r) => r.list) && !kinds.has('inference-profile')
          ? 'regional.destinations'
          : kinds.size === 2
            ? 'regional.modelOrProfile'
            : kinds.has('inference-profile')
              ? 'regional.profile'
              : 'regional.model';
      return modelWords({ key, model: [...bases][0]!, geos, lang }, [[...bases][0]!]);
    }
  }
  const groups = new Map<string, string[]>();
  for (const [i, g] of general.entries()) groups.set(g, [...(groups.get(g) ?? []), resolved[i]!.region]);
  const parts = [...groups].map(([g, rs]) =>
    t(lang, 'regional.valueIn', {
      value: g === '' ? t(lang, 'regional.empty') : g.split(', ').map(code).join(', '),
      regions: rs.map(code).join(', '),
    }),
  );
  return words(t(lang, 'regional.values', { values: parts.join(t(lang, 'regional.sep')) }));
}
