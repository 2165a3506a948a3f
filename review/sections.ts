/** The cost, destroy and governed-accounts sections of a stack's report (review/document.ts holds the rest). */
import type { Block } from './document';
import type { Level } from './findings';
import { isKey, type Key, type Lang, t } from './i18n';
import { PRICE_NOTES_KO, PRICE_UNITS_KO } from './messages/prices';
import type { StackReview } from './review';

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** A price's unit in the report's language: the Korean table's phrase, else AWS's English text quoted and marked. */
export function priceUnit(lang: Lang, key: string, english: string): string {
  if (lang === 'en') return english;
  return (PRICE_UNITS_KO as Readonly<Record<string, string>>)[key] ?? t(lang, 'doc.quote', { text: english });
}

export function priceNote(lang: Lang, key: string, english: string): string {
  if (lang === 'en') return english;
  return (PRICE_NOTES_KO as Readonly<Record<string, string>>)[key] ?? t(lang, 'doc.quote', { text: english });
}

const GEOGRAPHY = /^((?:us|us-gov|eu|apac|global|ca|jp|au)\.)(.+)$/;

/** Model ids with the inference profiles that call them folded in: `m` (also as `apac.`, `eu.` profiles). */
function modelList(lang: Lang, ids: readonly string[]): string[] {
  const byModel = new Map<string, string[]>();
  for (const id of ids) {
    const m = GEOGRAPHY.exec(id);
    const base = m ? m[2]! : id;
    byModel.set(base, [...(byModel.get(base) ?? []), ...(m ? [m[1]!] : [])]);
  }
  return [...byModel].map(([base, geos]) =>
    geos.length > 0
      ? `${code(base)} ${t(lang, 'doc.cost.viaProfiles', { profiles: geos.sort().map(code).join(', ') })}`
      : code(base),
  );
}

export function pricingBlocks(r: StackReview, lang: Lang): Block[] {
  const L = (key: Key, params?: Record<string, string | number>) => t(lang, key, params);
  const b: Block[] = [];
  const prices = r.cost.prices;
  if (!prices) {
    b.push({ type: 'p', text: L('doc.cost.noPrices', { unit: code(r.cost.pricingUnit ?? '—') }) });
    return b;
  }
  b.push({
    type: 'p',
    text: L('doc.cost.prices', {
      unit: code(r.cost.pricingUnit ?? '?'),
      date: prices.asOf,
      region: prices.region,
      source: code(prices.source),
    }),
  });
  b.push({
    type: 'table',
    head: [L('col.unit'), L('col.usd'), L('col.status')],
    rows: prices.prices.map((p) => [
      priceUnit(lang, p.key, p.unit),
      `$${p.usd}`,
      L(p.status === 'verified' ? 'price.verified' : 'price.unverified'),
    ]),
  });
  for (const p of prices.prices.filter((x) => x.minimum !== undefined || x.note))
    b.push({
      type: 'p',
      text: L(p.minimum !== undefined ? 'doc.cost.minimum' : 'doc.cost.note', {
        unit: priceUnit(lang, p.key, p.unit),
        text: priceNote(lang, p.key, p.note ?? ''),
      }),
      level: 'note',
    });
  if (r.cost.models.length > 0) {
    const priced = modelList(
      lang,
      r.cost.models.filter((m) => m.priced).map((m) => m.id),
    );
    if (priced.length > 0)
      b.push({ type: 'p', text: L('doc.cost.models', { models: priced.join(', ') }), level: 'ok' });
    for (const m of r.cost.models.filter((x) => !x.priced))
      b.push({ type: 'p', text: L('cost.flag.modelUnpriced', { model: code(m.id) }), level: 'flag' });
  }
  const routes = r.cost.metered?.routes;
  if (routes) {
    const metered = routes.filter((x) => x.metered).map((x) => code(`${x.method} ${x.path}`));
    const free = routes.filter((x) => !x.metered).map((x) => code(`${x.method} ${x.path}`));
    if (metered.length > 0)
      b.push({ type: 'p', text: L('doc.cost.metered', { routes: metered.join(', ') }) });
    if (free.length > 0) b.push({ type: 'p', text: L('doc.cost.notMetered', { routes: free.join(', ') }) });
  } else {
    const all = r.api.methods.map((m) => code(m.route)).join(', ');
    if (all)
      b.push({
        type: 'p',
        text: L('doc.cost.routes', { routes: all, unit: code(r.cost.pricingUnit ?? '?') }),
      });
  }
  for (const i of r.cost.metered?.indirect ?? [])
    if (isKey(`price.indirect.${i.key}`))
      b.push({
        type: 'p',
        text: L('doc.cost.indirect', { text: L(`price.indirect.${i.key}` as Key) }),
        level: 'note',
      });
  return b;
}

export function destroyBlocks(
  r: StackReview,
  lang: Lang,
  findingText: (f: StackReview['findings'][number]) => string,
): Block[] {
  const L = (key: Key, params?: Record<string, string | number>) => t(lang, key, params);
  const b: Block[] = [];
  const all = r.findings.filter((f) => f.section === 'destroy');
  const leaks = all.filter((f) => f.key === 'destroy.flag.retain' || f.key === 'destroy.flag.notEmptied');
  b.push(
    leaks.length === 0
      ? { type: 'p', text: L('doc.destroy.clean', { count: r.resources.length }), level: 'ok' }
      : { type: 'list', items: leaks.map((f) => ({ text: findingText(f), level: f.level })) },
  );
  b.push({ type: 'h3', text: L('doc.h.stays') });
  const stays = all.filter((f) => f.key.startsWith('destroy.stays.') || f.key.startsWith('destroy.note.'));
  const mine = stays.filter((f) => f.key !== 'destroy.stays.bootstrap');
  if (mine.length === 0) b.push({ type: 'p', text: L('doc.destroy.staysNone'), level: 'ok' });
  b.push({
    type: 'list',
    items: stays.map((f) => ({
      text: findingText(f),
      level: (f.level === 'flag' ? 'flag' : 'note') as Level,
    })),
  });
  return b.filter((x) => x.type !== 'list' || x.items.length > 0);
}

export function governedBlocks(r: StackReview, lang: Lang): Block[] {
  const L = (key: Key, params?: Record<string, string | number>) => t(lang, key, params);
  const g = r.governed;
  const b: Block[] = [{ type: 'h2', text: L('doc.h.governed'), id: 'governed' }];
  if (!g.ran) {
    b.push({ type: 'p', text: L('doc.governed.notRun', { error: g.error ?? '?' }), level: 'flag' });
    return b;
  }
  b.push({
    type: 'p',
    text: L('doc.governed.intro', {
      rules: g.rules,
      applicable: g.applicable,
      package: code('@cdklabs/cdk-validator-cfnguard'),
      version: g.packageVersion,
      guard: g.guardVersion,
    }),
  });
  if (g.failures.length === 0) {
    b.push({ type: 'p', text: L('doc.governed.none'), level: 'ok' });
    return b;
  }
  const controls = [...new Set(g.failures.map((f) => f.control))];
  b.push({
    type: 'p',
    text: L('doc.governed.count', {
      count: controls.length,
      resources: new Set(g.failures.map((f) => f.logicalId)).size,
    }),
    level: 'note',
  });
  b.push({
    type: 'table',
    head: [L('col.control'), L('col.resources'), L('col.why'), L('col.fix')],
    rows: controls.map((c) => {
      const list = g.failures.filter((f) => f.control === c);
      const known = isKey(`governed.why.${c}`);
      const title = lang === 'en' ? list[0]!.title : t(lang, 'doc.quote', { text: list[0]!.title });
      const fix = known ? L(`governed.fix.${c}` as Key) : L('governed.fix.unknown', { fix: list[0]!.fix });
      return [
        `${code(c)} ${title}`,
        list.map((f) => code(f.path)).join('<br>'),
        known ? L(`governed.why.${c}` as Key) : L('governed.why.unknown'),
        // A fix that starts with the setting needs only the mark; else the mark and the setting lead.
        fix.includes('governed=true')
          ? fix.startsWith('`-c governed=true`')
            ? `✓ ${fix}`
            : `${L('governed.cheap')}: ${fix}`
          : fix,
      ];
    }),
  });
  return b;
}
