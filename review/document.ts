/**
 * The report as a renderer-neutral document: headings, paragraphs, lists, tables and the data-flow
 * diagram, with every sentence taken from the strings catalogue in the chosen language. The
 * Markdown and HTML renderers only format these blocks, so both say exactly the same thing.
 * Inline `code` is marked with backticks; renderers format it.
 */
import { toMermaid, toSvg } from './dataflow';
import type { Finding, Level } from './findings';
import { isKey, type Key, type Lang, t } from './i18n';
import type { ActionFact, ConditionFact, StatementFact } from './permissions';
import { asCode, foldModels } from './regional';
import { regionBlocks } from './regions';
import type { StackReview } from './review';
import { accessLevelOf, LEVEL_ORDER } from './risk';
import { destroyBlocks, governedBlocks, pricingBlocks } from './sections';

export type Block =
  | { readonly type: 'h1' | 'h2' | 'h3'; readonly text: string; readonly id?: string }
  | { readonly type: 'p'; readonly text: string; readonly level?: Level }
  | {
      readonly type: 'list';
      readonly items: ReadonlyArray<{ readonly text: string; readonly level?: Level }>;
    }
  | {
      readonly type: 'table';
      readonly head: readonly string[];
      readonly rows: ReadonlyArray<readonly string[]>;
    }
  | { readonly type: 'diagram'; readonly mermaid: string; readonly svg: string };

export interface Doc {
  readonly title: string;
  readonly lang: Lang;
  readonly blocks: readonly Block[];
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** `Read 20, List 1` in the report's language (access levels are named by the IAM reference in English). */
export function levelsText(lang: Lang, raw: string): string {
  return raw
    .split(', ')
    .filter(Boolean)
    .map((part) => {
      const m = /^(.*) (\d+)$/.exec(part);
      if (!m) return part;
      return t(lang, 'perm.levels', { name: accessName(lang, m[1]!), count: m[2]! });
    })
    .join(', ');
}

function accessName(lang: Lang, level: string): string {
  return t(lang, `access.${level}` as Key, {}, level);
}

export function findingText(lang: Lang, f: Finding): string {
  const params = f.params?.levels
    ? { ...f.params, levels: levelsText(lang, String(f.params.levels)) }
    : f.params;
  return t(lang, f.key, params);
}

export function conditionText(lang: Lang, c: ConditionFact): string {
  const base = c.operator.replace(/^(ForAnyValue:|ForAllValues:)/, '').replace(/IfExists$/, '');
  const values = c.values.map(asCode).join(t(lang, 'word.or'));
  const op = t(lang, `cond.op.${base}` as Key, { values }, `${c.operator} ${values}`);
  const text = t(lang, 'cond.when', { key: code(c.key), op });
  return c.operator.endsWith('IfExists') ? `${text} ${t(lang, 'cond.ifExists')}` : text;
}

function actionLine(lang: Lang, a: ActionFact): string {
  if (!a.known) return `${code(a.action)} — ${t(lang, 'perm.action.unknown')}`;
  const level = accessName(lang, accessLevelOf(a));
  const rl =
    a.resourceLevel === 'none'
      ? t(lang, 'perm.rl.none')
      : a.resourceLevel === 'optional'
        ? t(lang, 'perm.rl.optional', { types: a.resourceTypes.map(code).join(', ') })
        : t(lang, 'perm.rl.required', { types: a.resourceTypes.map(code).join(', ') });
  return t(lang, 'perm.actionLine', { action: code(a.action), level, description: a.description ?? '', rl });
}

/** Where a statement only some Regions have exists, in words. */
export function onlyInText(lang: Lang, onlyIn: NonNullable<StatementFact['onlyIn']>): string {
  return onlyIn.regions.length > 0
    ? t(lang, 'regional.onlyIn', {
        condition: code(onlyIn.condition),
        regions: onlyIn.regions.map(code).join(', '),
      })
    : t(lang, 'regional.onlyInNone', { condition: code(onlyIn.condition) });
}

function statementSentence(lang: Lang, s: StatementFact): string {
  const resources = s.anyResource
    ? t(lang, 'perm.anyResource')
    : foldModels(s.resources).map(asCode).join(', ');
  const actions = s.actions.map(code).join(', ');
  const conds = [
    ...s.conditions.map((c) => conditionText(lang, c)),
    ...(s.onlyIn ? [onlyInText(lang, s.onlyIn)] : []),
  ].join(t(lang, 'word.and'));
  const params = {
    who: s.grantee || '?',
    actions,
    resources,
    conditions: conds ? t(lang, 'perm.condWrap', { conds }) : '',
  };
  if (s.kind === 'trust') return t(lang, 'perm.trust', { who: s.grantee, actions });
  if (s.kind === 'invoke') return t(lang, 'perm.invoke', params);
  if (s.effect === 'Deny') return t(lang, s.notAction ? 'perm.denyExcept' : 'perm.deny', params);
  return t(lang, s.kind === 'resource' ? 'perm.resourceAllow' : 'perm.allow', params);
}

const MARK: Record<Level, string> = { flag: '⚠', note: 'ℹ', ok: '✓' };

/** A ceiling's name in the report's language (an environment variable stays as code). */
export function ceilingName(lang: Lang, what: string): string {
  const key = what === 'throttling' ? 'ceiling.throttle' : `ceiling.${what}`;
  return isKey(key) ? t(lang, key) : code(what);
}

/** A ceiling's value (`7 days`, `25 s`) in the report's language. */
export function ceilingValue(lang: Lang, value: string): string {
  return value
    .replace(/^(\d+) days$/, (_m, n: string) => t(lang, 'ceiling.days', { n }))
    .replace(/^(\d+) s$/, (_m, n: string) => t(lang, 'ceiling.seconds', { n }))
    .replace(/^never expires$/, () => t(lang, 'ceiling.neverExpires'));
}

export function buildDoc(r: StackReview, lang: Lang): Doc {
  const b: Block[] = [];
  const L = (key: Key, params?: Record<string, string | number>) => t(lang, key, params);
  const flags = r.findings.filter((f) => f.level === 'flag');
  const ds = r.permissions.dataset;
  b.push({ type: 'h1', text: L('doc.title', { stack: r.name }) });
  if (r.description)
    b.push({ type: 'p', text: lang === 'en' ? r.description : L('doc.quote', { text: r.description }) });
  b.push({
    type: 'p',
    text: L('doc.summary', {
      resources: r.resources.length,
      statements: r.permissions.statements.length,
      roles: r.permissions.roles.length,
      flags: flags.length,
    }),
    level: flags.length > 0 ? 'flag' : 'ok',
  });
  b.push({
    type: 'p',
    text: L('doc.sources', { template: code(r.templateFile), version: ds.version, date: ds.updatedAt }),
  });
  if (r.dependencies.length > 0)
    b.push({ type: 'p', text: L('doc.dependsOn', { stacks: r.dependencies.map(code).join(', ') }) });

  b.push({ type: 'h2', text: L('doc.h.flags'), id: 'flags' });
  b.push(
    flags.length === 0
      ? { type: 'p', text: L('doc.noFlags'), level: 'ok' }
      : { type: 'list', items: flags.map((f) => ({ text: findingText(lang, f), level: 'flag' as const })) },
  );

  // Resources
  b.push({ type: 'h2', text: L('doc.h.resources'), id: 'resources' });
  b.push({ type: 'p', text: L('doc.resources.intro') });
  for (const g of r.groups) {
    b.push({ type: 'h3', text: `${g.kind} (${g.resources.length})` });
    b.push({
      type: 'table',
      head: [L('col.path'), L('col.type'), L('col.purpose'), L('col.idle')],
      rows: g.resources.map((x) => [
        code(x.path),
        code(x.type),
        [
          t(lang, `purpose.${x.type}` as Key, {}, L('purpose.unknown')),
          x.description ? `(${L('doc.quote', { text: x.description })})` : '',
        ]
          .filter(Boolean)
          .join(' '),
        `${x.idle === 'idle' || x.idle === 'unknown' ? `${MARK.flag} ` : ''}${L(`idle.${x.idle}` as Key)}`,
      ]),
    });
  }

  // Permissions
  b.push({ type: 'h2', text: L('doc.h.permissions'), id: 'permissions' });
  b.push({ type: 'p', text: L('doc.permissions.intro', { version: ds.version, date: ds.updatedAt }) });
  if (r.permissions.statements.length === 0) b.push({ type: 'p', text: L('doc.permissions.none') });
  if (r.permissions.roles.length > 0) {
    b.push({ type: 'h3', text: L('doc.h.roles') });
    b.push({
      type: 'table',
      head: [L('col.role'), L('col.trustedBy'), L('col.usedBy'), L('col.managed')],
      rows: r.permissions.roles.map((x) => [
        code(x.path),
        x.trustedBy.join('; '),
        x.usedBy.map(code).join(', ') || '—',
        x.managedPolicies.map(asCode).join(', ') || '—',
      ]),
    });
    for (const x of r.permissions.roles.filter((role) => role.managedPolicies.length > 0))
      b.push({ type: 'p', text: L('perm.managedNote', { role: code(x.path) }), level: 'note' });
  }
  const bySource = new Map<string, StatementFact[]>();
  for (const s of r.permissions.statements)
    bySource.set(s.sourcePath, [...(bySource.get(s.sourcePath) ?? []), s]);
  for (const [source, list] of bySource) {
    b.push({
      type: 'h3',
      text: `${code(source)} — ${list[0]!.sourceType} (${L('doc.statements', { count: list.length })})`,
    });
    for (const ack of r.compliance.acknowledged.filter((x) => x.path === source && x.rule.includes('IAM'))) {
      const stale = r.stale.find((x) => x.ack === ack);
      b.push({
        type: 'p',
        text: L('perm.ackReason', { rule: code(ack.shown), reason: ack.reason }),
        level: stale ? 'flag' : 'note',
      });
      if (stale)
        b.push({
          type: 'p',
          text: L('perm.ackStale', { tokens: stale.missing.map(code).join(', ') }),
          level: 'flag',
        });
    }
    for (const s of list) {
      b.push({
        type: 'p',
        text: statementSentence(lang, s),
        level: s.findings.some((f) => f.level === 'flag') ? 'flag' : undefined,
      });
      const items: Array<{ text: string; level?: Level }> = [];
      if (s.kind !== 'trust' && s.kind !== 'invoke' && s.effect === 'Allow') {
        // Riskiest first, so permissions management never hides in "… and N more".
        const ranked = [...s.expanded].sort(
          (x, y) => (LEVEL_ORDER[accessLevelOf(x)] ?? 9) - (LEVEL_ORDER[accessLevelOf(y)] ?? 9),
        );
        const shown = ranked.slice(0, 12);
        for (const a of shown) items.push({ text: actionLine(lang, a) });
        const rest = ranked.slice(shown.length);
        if (rest.length > 0) {
          const counts = new Map<string, number>();
          for (const a of rest) counts.set(accessLevelOf(a), (counts.get(accessLevelOf(a)) ?? 0) + 1);
          const levels = [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
          items.push({ text: L('perm.more', { count: rest.length, levels: levelsText(lang, levels) }) });
        }
      }
      for (const f of s.findings) items.push({ text: findingText(lang, f), level: f.level });
      if (items.length > 0) b.push({ type: 'list', items });
    }
  }

  // API
  b.push({ type: 'h2', text: L('doc.h.api'), id: 'api' });
  if (r.api.methods.length === 0) b.push({ type: 'p', text: L('doc.api.none') });
  else {
    const iam = r.api.methods.filter((m) => m.authorization === 'AWS_IAM').length;
    b.push({
      type: 'p',
      text: L(iam === r.api.methods.length ? 'doc.api.allIam' : 'doc.api.notAllIam', {
        iam,
        count: r.api.methods.length,
      }),
      level: iam === r.api.methods.length ? 'ok' : 'flag',
    });
    b.push({
      type: 'p',
      text:
        iam < r.api.methods.length
          ? L('doc.api.invokers.open')
          : r.api.outsideInvokers.length > 0
            ? L('doc.api.invokers.policy', { who: r.api.outsideInvokers.map(code).join(', ') })
            : L('doc.api.invokers.account'),
      level: iam < r.api.methods.length || r.api.outsideInvokers.length > 0 ? 'flag' : 'ok',
    });
    b.push({
      type: 'table',
      head: [L('col.route'), L('col.auth'), L('col.validation'), L('col.limits')],
      rows: r.api.methods.map((m) => [
        code(m.route),
        `${m.authorization === 'AWS_IAM' ? MARK.ok : MARK.flag} ${code(m.authorization)}`,
        m.validatesBody && m.model
          ? L('api.validates', { model: code(m.model) })
          : m.validatesParameters
            ? L('api.validatesParams')
            : '—',
        m.limits.map(code).join('<br>') || '—',
      ]),
    });
    for (const s of r.api.stages)
      b.push({
        type: 'p',
        text: L('doc.api.stage', {
          stage: code(s.stageName),
          rate: s.rateLimit ?? '—',
          burst: s.burstLimit ?? '—',
          logging: s.loggingLevel ?? 'OFF',
          dataTrace: s.dataTrace ? L('word.on') : L('word.off'),
          access: s.accessLogs ? L('word.on') : L('word.off'),
        }),
      });
  }
  if (r.buckets.length > 0) {
    b.push({ type: 'h3', text: L('doc.h.buckets') });
    for (const k of r.buckets) {
      b.push({
        type: 'p',
        text: L('doc.bucket', {
          bucket: code(k.path),
          encryption: k.encryption ? code(k.encryption) : L('word.none'),
          public: k.blocksPublicAccess ? L('bucket.private') : L('bucket.notPrivate'),
          tls: k.tlsOnly ? L('bucket.tlsOnly') : L('bucket.notTlsOnly'),
          expiry:
            k.expirationDays !== undefined
              ? L('bucket.expires', { days: k.expirationDays })
              : L('bucket.noExpiry'),
        }),
      });
      const items = k.writers.map((w) => ({
        text: L('bucket.presigned', {
          who: w.grantee,
          actions: w.actions.map(code).join(', '),
          resources: w.resources.map(asCode).join(', '),
        }),
      }));
      if (items.length === 0) items.push({ text: L('bucket.noWriters') });
      for (const rd of k.readers)
        items.push({
          text: L('bucket.reader', { who: rd.grantee, resources: rd.resources.map(asCode).join(', ') }),
        });
      b.push({ type: 'list', items });
      b.push({ type: 'p', text: L('bucket.postPolicyNote'), level: 'note' });
    }
  }

  // Data flow
  b.push({ type: 'h2', text: L('doc.h.flow'), id: 'flow' });
  b.push({ type: 'p', text: L('doc.flow.intro') });
  if (r.flow.nodes.length === 0) b.push({ type: 'p', text: L('doc.flow.none') });
  else b.push({ type: 'diagram', mermaid: toMermaid(r.flow), svg: toSvg(r.flow, L('doc.h.flow')) });

  // Compliance
  b.push({ type: 'h2', text: L('doc.h.compliance'), id: 'compliance' });
  b.push({
    type: 'p',
    text: r.compliance.plugins
      ? L('doc.compliance.plugins', { plugins: r.compliance.plugins.map(code).join(', ') })
      : L('doc.compliance.noPlugins'),
    level: r.compliance.plugins ? undefined : 'flag',
  });
  b.push(
    r.compliance.open.length === 0
      ? { type: 'p', text: L('doc.compliance.noOpen'), level: 'ok' }
      : {
          type: 'list',
          items: r.compliance.open.map((o) => ({
            text: `${code(o.rule)} ${code(o.path)} ${o.text ?? ''}`,
            level: 'flag' as const,
          })),
        },
  );
  b.push({ type: 'h3', text: L('doc.h.acknowledged', { count: r.compliance.acknowledged.length }) });
  b.push(
    r.compliance.acknowledged.length === 0
      ? { type: 'p', text: L('word.none') }
      : {
          type: 'table',
          head: [L('col.rule'), L('col.path'), L('col.reason')],
          rows: r.compliance.acknowledged.map((a) => [
            code(a.shown),
            code(a.path),
            `${r.stale.some((x) => x.ack === a) ? '⚠ ' : ''}${L('doc.ackReason', { reason: a.reason })}`,
          ]),
        },
  );

  // Cost
  b.push({ type: 'h2', text: L('doc.h.cost'), id: 'cost' });
  const tagRows = Object.entries(r.cost.tags).map(([k, v]) => [code(k), v.map(code).join(', ')]);
  b.push({
    type: 'p',
    text: L('doc.cost.tags', { taggable: r.cost.taggable, untagged: r.cost.untagged.length }),
    level: r.cost.untagged.length > 0 ? 'flag' : 'ok',
  });
  if (tagRows.length > 0) b.push({ type: 'table', head: [L('col.tag'), L('col.values')], rows: tagRows });
  if (r.cost.untagged.length > 0)
    b.push({
      type: 'list',
      items: r.cost.untagged.map((u) => ({
        text: L('cost.flag.untagged', { path: u.path, type: u.type, missing: u.missing.join(', ') }),
        level: 'flag' as const,
      })),
    });
  const idle = r.resources.filter((x) => x.idle === 'idle');
  b.push({
    type: 'p',
    text:
      idle.length === 0
        ? L('doc.cost.noIdle')
        : L('doc.cost.idle', { count: idle.length, list: idle.map((x) => code(x.type)).join(', ') }),
    level: idle.length === 0 ? 'ok' : 'flag',
  });
  b.push({ type: 'h3', text: L('doc.h.prices') });
  b.push(...pricingBlocks(r, lang));
  b.push({ type: 'h3', text: L('doc.h.ceilings') });
  const ceilings = [
    ...r.api.stages.map((s) => [
      L('ceiling.throttle'),
      code(s.path),
      s.rateLimit !== undefined
        ? L('ceiling.rate', { rate: s.rateLimit, burst: s.burstLimit ?? '—' })
        : `${MARK.flag} ${L('word.none')}`,
    ]),
    ...r.cost.ceilings.map((c) => [
      ceilingName(lang, c.what),
      code(c.where),
      c.value === 'never expires' ? `${MARK.flag} ${L('ceiling.neverExpires')}` : ceilingValue(lang, c.value),
    ]),
    ...r.buckets.map((k) => [
      L('ceiling.expiry'),
      code(k.path),
      k.expirationDays !== undefined ? L('bucket.expires', { days: k.expirationDays }) : L('bucket.noExpiry'),
    ]),
  ];
  b.push(
    ceilings.length > 0
      ? { type: 'table', head: [L('col.ceiling'), L('col.path'), L('col.value')], rows: ceilings }
      : { type: 'p', text: L('word.none') },
  );
  const limited = r.api.methods.filter((m) => m.limits.length > 0).length;
  if (r.api.methods.length > 0) b.push({ type: 'p', text: L('doc.cost.payload', { count: limited }) });

  b.push(...regionBlocks(r.regions, lang, (c) => conditionText(lang, c)));

  // Destroy
  b.push({ type: 'h2', text: L('doc.h.destroy'), id: 'destroy' });
  b.push(...destroyBlocks(r, lang, (f) => findingText(lang, f)));

  // Governed accounts
  b.push(...governedBlocks(r, lang));
  return { title: L('doc.title', { stack: r.name }), lang, blocks: b };
}
