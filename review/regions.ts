/**
 * The report's *Regions* section. One template serves every Region of the lab's Region table; this
 * section says where it falls short and what differs:
 * - what each table Region does not offer for this stack (the routes that answer 501 there, and the
 *   request options it refuses), read from the assembly metadata the stack recorded
 *   (lib/review-metadata.ts, `ai-lab:regions`);
 * - every statement whose resources, conditions or presence depend on the Region, resolved in each of
 *   the template's Regions with the CloudFormation evaluator (review/region-eval.ts), Regions that
 *   resolve it alike in one row. The permissions section describes those values in words and points here.
 */
import { FEATURE_FACTS, type FeatureId } from '../lambda/shared/region-facts';
import type { RegionsMetadata } from '../lib/review-metadata';
import type { Block } from './document';
import { type Key, type Lang, t } from './i18n';
import type { ConditionFact, StatementFact } from './permissions';
import { regionView, templateRegions } from './regional';
import { asList, regionalContext, type StackView } from './template';

/** The recorded Region facts of a stack, if it recorded any (demo stacks do). */
export function regionsOf(view: StackView): RegionsMetadata | undefined {
  const meta = view.artifact.metadata[`/${view.name}`] ?? [];
  return meta.find((e) => e.type === 'ai-lab:regions')?.data as RegionsMetadata | undefined;
}

/** One statement that depends on the Region, as each Region resolves it. */
export interface RegionalStatement {
  readonly source: string;
  readonly actions: readonly string[];
  readonly rows: ReadonlyArray<{
    readonly regions: readonly string[];
    readonly resources: readonly string[];
    readonly conditions: readonly ConditionFact[];
  }>;
}

export interface RegionFacts {
  /** The Regions the template's mapping names (the Region table's). */
  readonly regions: readonly string[];
  readonly metadata?: RegionsMetadata;
  readonly statements: readonly RegionalStatement[];
}

/** Each statement that depends on the Region, resolved in every template Region (absent ones left out). */
export function regionFactsOf(view: StackView, statements: readonly StatementFact[]): RegionFacts {
  const ctx = regionalContext(view);
  const regions = templateRegions(ctx.template);
  const out: RegionalStatement[] = [];
  for (const s of statements.filter((x) => x.regional !== undefined)) {
    const rows = new Map<string, { regions: string[]; resources: string[]; conditions: ConditionFact[] }>();
    for (const region of regions) {
      let resolved: unknown;
      try {
        resolved = regionView(ctx, region).eval(s.regional);
      } catch {
        continue;
      }
      if (!resolved || typeof resolved !== 'object') continue; // the statement is absent in this Region
      const st = resolved as { Resource?: unknown; NotResource?: unknown; Condition?: unknown };
      const resources = asList(st.Resource ?? st.NotResource).map(String);
      const conditions: ConditionFact[] = Object.entries(
        (st.Condition ?? {}) as Record<string, unknown>,
      ).flatMap(([operator, block]) =>
        Object.entries((block ?? {}) as Record<string, unknown>).map(([key, v]) => ({
          operator,
          key,
          values: asList(v).map(String),
        })),
      );
      const key = JSON.stringify([resources, conditions]);
      const row = rows.get(key) ?? { regions: [], resources, conditions };
      row.regions.push(region);
      rows.set(key, row);
    }
    if (rows.size > 0) out.push({ source: s.sourcePath, actions: s.actions, rows: [...rows.values()] });
  }
  return { regions, metadata: regionsOf(view), statements: out };
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** Korean names of the Region table's features (the English is the table's own label). */
const FEATURES_KO: Readonly<Record<FeatureId, string>> = {
  'comprehend-pii': 'Comprehend PII 감지(DetectPiiEntities)',
  'comprehend-toxicity': 'Comprehend 유해성 감지(DetectToxicContent)',
  'translate-auto-detect': 'Translate의 원본 언어 자동 감지(Comprehend 사용)',
  'polly-standard': 'Polly 표준 엔진',
  'polly-neural': 'Polly 뉴럴 엔진',
  'polly-generative': 'Polly 생성형 엔진',
  'bedrock-guardrails-standard': 'Bedrock Guardrails의 Standard 보호 티어',
};

/** What a gap lacks, in the report's language (the metadata carries the Region table's English label). */
function gapWhat(lang: Lang, what: string): string {
  const model = /^the Bedrock model (.+)$/.exec(what);
  if (model) return t(lang, 'regions.model', { model: code(model[1]!) });
  const compare = /^Two of the comparison models \((.+)\)$/.exec(what);
  if (compare)
    return t(lang, 'regions.compare', {
      models: compare[1]!
        .split(', ')
        .map((m) => code(m))
        .join(', '),
    });
  if (lang === 'en') return what;
  const feature = (Object.entries(FEATURE_FACTS) as Array<[FeatureId, { label: string }]>).find(
    ([, f]) => f.label === what,
  );
  if (feature) return FEATURES_KO[feature[0]];
  return /^Amazon \w+$/.test(what) ? what : t(lang, 'doc.quote', { text: what });
}

export function regionBlocks(
  facts: RegionFacts,
  lang: Lang,
  conditionText: (c: ConditionFact) => string,
): Block[] {
  const L = (key: Key, params?: Record<string, string | number>) => t(lang, key, params);
  const meta = facts.metadata;
  if (!meta && facts.statements.length === 0) return [];
  const blocks: Block[] = [{ type: 'h2', text: L('regions.heading'), id: 'regions' }];
  if (meta) {
    blocks.push({ type: 'p', text: L('regions.intro', { date: meta.asOf, source: code(meta.source) }) });
    const rows = Object.entries(meta.gaps)
      .filter(([, gaps]) => Object.keys(gaps).length > 0)
      .map(([region, gaps]) => {
        // Routes that lack the same thing, offered in the same Regions, share one line; a request
        // option (`model:…`, `feature:…`) is its own line.
        const lines = new Map<string, string[]>();
        for (const [key, g] of Object.entries(gaps)) {
          const what = gapWhat(lang, g.what);
          const regions = g.offeredIn.join(', ');
          if (/^(service|feature|model):/.test(key)) lines.set(L('regions.request', { what, regions }), []);
          else {
            const line = L('regions.offeredIn', { what, regions });
            lines.set(line, [...(lines.get(line) ?? []), code(key)]);
          }
        }
        return [
          code(region),
          [...lines]
            .map(([line, routes]) => (routes.length > 0 ? `${routes.join(', ')} — ${line}` : line))
            .join('<br>'),
        ];
      });
    if (rows.length === 0) blocks.push({ type: 'p', text: L('regions.allOffered'), level: 'ok' });
    else blocks.push({ type: 'table', head: [L('regions.colRegion'), L('regions.colMissing')], rows });
  } else {
    blocks.push({
      type: 'p',
      text: L('regions.introNoTable', { regions: facts.regions.map(code).join(', ') }),
    });
  }
  if (facts.statements.length > 0) {
    blocks.push({ type: 'h3', text: L('regions.iamHeading') }, { type: 'p', text: L('regions.iamIntro') });
    blocks.push({
      type: 'table',
      head: [
        L('regions.colStatement'),
        L('regions.colRegions'),
        L('regions.colResources'),
        L('regions.colCondition'),
      ],
      rows: facts.statements.flatMap((s) =>
        s.rows.map((row) => [
          `${code(s.source)} ${s.actions.map(code).join(', ')}`,
          row.regions.map(code).join(', '),
          row.resources.map(code).join('<br>'),
          row.conditions.map(conditionText).join('<br>') || '—',
        ]),
      ),
    });
  }
  return blocks;
}
