/**
 * `--against OLD_CDK_OUT`: what changed between two syntheses, in the review's words. Widened
 * permissions come first and are marked: a new action, a new `*` resource, a dropped condition, a
 * method that no longer requires AWS_IAM. Resource changes come from @aws-cdk/cloudformation-diff
 * (the library behind `cdk diff`), with its IAM statement table; new and resolved flags and changed
 * ceilings come from comparing the two reviews.
 */
import { fullDiff } from '@aws-cdk/cloudformation-diff';
import type { Assembly } from './assembly';
import type { Block } from './document';
import { ceilingName, ceilingValue, conditionText, findingText, onlyInText } from './document';
import type { Msg } from './findings';
import { type Lang, t } from './i18n';
import type { ConditionFact, StatementFact } from './permissions';
import { asCode, foldModels } from './regional';
import type { StackReview } from './review';
import { viewOf } from './template';

export interface StackDiff {
  readonly stack: string;
  readonly status: 'added' | 'removed' | 'changed' | 'same';
  readonly widened: readonly Msg[];
  /** New flags that open a way in or a risk class (a public principal, permissions management …): widenings too. */
  readonly widenedFindings: readonly StackReview['findings'][number][];
  readonly narrowed: readonly Msg[];
  readonly resources: readonly Msg[];
  readonly newFlags: readonly StackReview['findings'][number][];
  readonly resolvedFlags: readonly StackReview['findings'][number][];
  readonly ceilings: readonly Msg[];
  /** IAM statements added (+) and removed (-), as the review reads them (Region-mapped values in words). */
  readonly statements: ReadonlyArray<{ readonly sign: '+' | '-'; readonly statement: StatementFact }>;
}

interface Grant {
  readonly who: string;
  readonly action: string;
  readonly resource: string;
  readonly conditions: readonly string[];
}

/** Flags that are widenings in themselves: a way in from outside, a risk class, a stale justification. */
const WIDENING =
  /^(expo\.|risk\.|perm\.flag\.(elevatedManaged|permissionAction)|api\.flag\.invoke|api\.auth\.none|compliance\.flag\.staleReason)/;

const condKey = (c: ConditionFact) => `${c.operator} ${c.key} ${c.values.join('|').replace(/`/g, '')}`;

/** Allow statements flattened to (who, action, resource) with their conditions. */
function grants(statements: readonly StatementFact[]): Map<string, Grant> {
  const out = new Map<string, Grant>();
  for (const s of statements) {
    if (s.effect !== 'Allow' || s.kind === 'trust') continue;
    const resources = s.anyResource ? ['*'] : s.resources;
    for (const action of s.actions)
      for (const resource of resources) {
        const key = `${s.grantee}\u0000${action}\u0000${resource}`;
        const old = out.get(key);
        out.set(key, {
          who: s.grantee,
          action,
          resource,
          conditions: [
            ...(old?.conditions ?? []),
            ...s.conditions.map(condKey),
            // A statement only some Regions have: dropping its template condition widens it to all.
            ...(s.onlyIn ? [`only where ${s.onlyIn.condition}`] : []),
          ],
        });
      }
  }
  return out;
}

function permissionChanges(before: StackReview, after: StackReview): { widened: Msg[]; narrowed: Msg[] } {
  const widened: Msg[] = [];
  const narrowed: Msg[] = [];
  const a = grants(before.permissions.statements);
  const b = grants(after.permissions.statements);
  const actionsOf = (m: Map<string, Grant>, who: string) =>
    new Set([...m.values()].filter((g) => g.who === who).map((g) => g.action));
  for (const [key, g] of b) {
    const old = a.get(key);
    if (!old) {
      if (g.resource === '*' && actionsOf(a, g.who).has(g.action))
        widened.push({ key: 'diff.newStar', params: { who: g.who, actions: `\`${g.action}\`` } });
      else if (!actionsOf(a, g.who).has(g.action))
        widened.push({
          key: 'diff.newAction',
          params: { who: g.who, action: `\`${g.action}\``, resources: asCode(g.resource) },
        });
      else if (g.resource === '*')
        widened.push({ key: 'diff.newStar', params: { who: g.who, actions: `\`${g.action}\`` } });
      else
        widened.push({
          key: 'diff.newAction',
          params: { who: g.who, action: `\`${g.action}\``, resources: asCode(g.resource) },
        });
      continue;
    }
    for (const c of old.conditions.filter((x) => !g.conditions.includes(x)))
      widened.push({
        key: 'diff.droppedCondition',
        params: { who: g.who, actions: `\`${g.action}\``, condition: `\`${c}\`` },
      });
    for (const c of g.conditions.filter((x) => !old.conditions.includes(x)))
      narrowed.push({
        key: 'diff.addedCondition',
        params: { who: g.who, actions: `\`${g.action}\``, condition: `\`${c}\`` },
      });
  }
  for (const [key, g] of a) {
    if (!b.has(key))
      narrowed.push({
        key: 'diff.removedAction',
        params: { who: g.who, action: `\`${g.action}\` (${asCode(g.resource)})` },
      });
  }
  const routes = new Map(before.api.methods.map((m) => [m.route, m.authorization]));
  for (const m of after.api.methods) {
    const old = routes.get(m.route);
    if (old !== undefined && old !== m.authorization) {
      const entry: Msg = {
        key: 'diff.authChanged',
        params: { route: `\`${m.route}\``, old: `\`${old}\``, new: `\`${m.authorization}\`` },
      };
      (m.authorization === 'AWS_IAM' ? narrowed : widened).push(entry);
    } else if (old === undefined && m.authorization !== 'AWS_IAM') {
      widened.push({
        key: 'diff.authChanged',
        params: { route: `\`${m.route}\``, old: '—', new: `\`${m.authorization}\`` },
      });
    }
  }
  return { widened, narrowed };
}

function ceilingChanges(before: StackReview, after: StackReview): Msg[] {
  const list = (r: StackReview) =>
    new Map<string, string>([
      ...r.api.stages.map((s): [string, string] => [
        `throttling\u0000${s.path}`,
        `${s.rateLimit ?? '—'}/s, burst ${s.burstLimit ?? '—'}`,
      ]),
      ...r.cost.ceilings.map((c): [string, string] => [`${c.what}\u0000${c.where}`, c.value]),
      ...r.api.methods.map((m): [string, string] => [
        `model limits\u0000${m.route}`,
        m.limits.join('; ') || '—',
      ]),
    ]);
  const a = list(before);
  const b = list(after);
  const out: Msg[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const [what, where] = key.split('\u0000');
    const o = a.get(key) ?? '—';
    const n = b.get(key) ?? '—';
    if (o !== n)
      out.push({ key: 'diff.ceiling', params: { what: what!, where: `\`${where}\``, old: o, new: n } });
  }
  return out;
}

export function diffStack(
  before: StackReview | undefined,
  after: StackReview | undefined,
  oldAssembly: Assembly,
  newAssembly: Assembly,
): StackDiff {
  const name = (after ?? before)!.name;
  const empty = {
    widened: [],
    widenedFindings: [],
    narrowed: [],
    resources: [],
    newFlags: [],
    resolvedFlags: [],
    ceilings: [],
    statements: [],
  };
  if (!before)
    return {
      stack: name,
      status: 'added',
      ...empty,
      newFlags: after!.findings.filter((f) => f.level === 'flag'),
    };
  if (!after) return { stack: name, status: 'removed', ...empty };
  const oldArtifact = oldAssembly.stacks.find((s) => s.stackName === name)!;
  const newArtifact = newAssembly.stacks.find((s) => s.stackName === name)!;
  const oldView = viewOf(oldArtifact, oldAssembly.logicalPaths);
  const newView = viewOf(newArtifact, newAssembly.logicalPaths);
  const cfn = fullDiff(oldArtifact.template, newArtifact.template);
  const resources: Msg[] = [];
  cfn.resources.forEachDifference((id, change) => {
    const path = newView.byId.get(id)?.path ?? oldView.byId.get(id)?.path ?? id;
    const type = change.newResourceType ?? change.oldResourceType ?? '?';
    if (change.isAddition) resources.push({ key: 'diff.added', params: { path: `\`${path}\``, type } });
    else if (change.isRemoval) resources.push({ key: 'diff.removed', params: { path: `\`${path}\``, type } });
    else if (change.isDifferent) {
      const props = [...Object.keys(change.propertyUpdates), ...Object.keys(change.otherChanges)]
        .map((p) => `\`${p}\``)
        .join(', ');
      resources.push({ key: 'diff.changed', params: { path: `\`${path}\``, type, props } });
    }
  });
  const flagKey = (f: StackReview['findings'][number]) => `${f.key}\u0000${JSON.stringify(f.params ?? {})}`;
  const oldFlags = new Set(before.findings.filter((f) => f.level === 'flag').map(flagKey));
  const newFlags = new Set(after.findings.filter((f) => f.level === 'flag').map(flagKey));
  const perms = permissionChanges(before, after);
  const result: StackDiff = {
    stack: name,
    status: 'same',
    ...perms,
    resources,
    newFlags: after.findings.filter((f) => f.level === 'flag' && !oldFlags.has(flagKey(f))),
    widenedFindings: after.findings.filter(
      (f) => f.level === 'flag' && !oldFlags.has(flagKey(f)) && WIDENING.test(f.key),
    ),
    resolvedFlags: before.findings.filter((f) => f.level === 'flag' && !newFlags.has(flagKey(f))),
    ceilings: ceilingChanges(before, after),
    statements: statementChanges(before, after),
  };
  const changed =
    cfn.differenceCount > 0 || result.widened.length + result.newFlags.length + result.ceilings.length > 0;
  return { ...result, status: changed ? 'changed' : 'same' };
}

/** What identifies a statement across two syntheses: where it is and everything it grants, in the review's words. */
const statementKey = (s: StatementFact) =>
  JSON.stringify([
    s.sourcePath,
    s.kind,
    s.effect,
    s.grantee,
    [...s.actions].sort(),
    [...s.resources].sort(),
    s.conditions.map(condKey).sort(),
    s.onlyIn?.condition,
  ]);

/**
 * The IAM statements one synthesis has and the other has not. (`cdk diff`'s own table, from
 * @aws-cdk/cloudformation-diff, prints a Region-mapped value as template JSON; this one reads it as
 * the rest of the report does.)
 */
function statementChanges(before: StackReview, after: StackReview): StackDiff['statements'] {
  const keys = (r: StackReview) => new Set(r.permissions.statements.map(statementKey));
  const had = keys(before);
  const has = keys(after);
  return [
    ...after.permissions.statements
      .filter((s) => !had.has(statementKey(s)))
      .map((statement) => ({ sign: '+' as const, statement })),
    ...before.permissions.statements
      .filter((s) => !has.has(statementKey(s)))
      .map((statement) => ({ sign: '-' as const, statement })),
  ];
}

export function diffAssemblies(
  oldAssembly: Assembly,
  oldReviews: readonly StackReview[],
  newAssembly: Assembly,
  newReviews: readonly StackReview[],
): StackDiff[] {
  const names = [...new Set([...newReviews.map((r) => r.name), ...oldReviews.map((r) => r.name)])];
  return names.map((n) =>
    diffStack(
      oldReviews.find((r) => r.name === n),
      newReviews.find((r) => r.name === n),
      oldAssembly,
      newAssembly,
    ),
  );
}

/** The diff as report blocks: per changed stack, widened permissions first (marked), then the rest. */
export function diffBlocks(diffs: readonly StackDiff[], lang: Lang, oldDir: string, newDir: string): Block[] {
  const L = (m: Msg) =>
    m.key === 'diff.ceiling'
      ? t(lang, m.key, {
          ...m.params,
          what: ceilingName(lang, String(m.params?.what)),
          old: ceilingValue(lang, String(m.params?.old)),
          new: ceilingValue(lang, String(m.params?.new)),
        })
      : t(lang, m.key, m.params);
  const blocks: Block[] = [];
  const changed = diffs.filter((d) => d.status !== 'same');
  // Stacks with widened permissions or new flags first.
  changed.sort((a, b) => b.widened.length + b.newFlags.length - (a.widened.length + a.newFlags.length));
  if (changed.length === 0) blocks.push({ type: 'h2', text: t(lang, 'diff.none'), id: 'diff' });
  for (const d of changed) {
    blocks.push({ type: 'h2', text: t(lang, 'diff.title', { stack: d.stack }), id: `diff-${d.stack}` });
    blocks.push({ type: 'p', text: t(lang, 'diff.intro', { old: `\`${oldDir}\``, new: `\`${newDir}\`` }) });
    if (d.status === 'added')
      blocks.push({ type: 'p', text: t(lang, 'diff.stackAdded', { stack: d.stack }), level: 'flag' });
    if (d.status === 'removed')
      blocks.push({ type: 'p', text: t(lang, 'diff.stackRemoved', { stack: d.stack }), level: 'note' });
    const section = (title: string, items: Array<{ text: string; level?: 'flag' | 'note' | 'ok' }>) => {
      if (items.length === 0) return;
      blocks.push({ type: 'h3', text: title });
      blocks.push({ type: 'list', items });
    };
    section(t(lang, 'diff.h.widened'), [
      ...d.widened.map((m) => ({ text: L(m), level: 'flag' as const })),
      ...d.widenedFindings.map((f) => ({ text: findingText(lang, f), level: 'flag' as const })),
    ]);
    section(t(lang, 'diff.h.findings'), [
      ...d.newFlags.map((f) => ({
        text: t(lang, 'diff.newFlag', { text: findingText(lang, f) }),
        level: 'flag' as const,
      })),
      ...d.resolvedFlags.map((f) => ({
        text: t(lang, 'diff.resolvedFlag', { text: findingText(lang, f) }),
        level: 'ok' as const,
      })),
    ]);
    section(
      t(lang, 'diff.h.narrowed'),
      d.narrowed.map((m) => ({ text: L(m), level: 'ok' as const })),
    );
    section(
      t(lang, 'diff.h.ceilings'),
      d.ceilings.map((m) => ({ text: L(m) })),
    );
    section(
      t(lang, 'diff.h.resources'),
      d.resources.map((m) => ({ text: L(m) })),
    );
    if (d.statements.length > 0) {
      blocks.push({ type: 'h3', text: t(lang, 'diff.h.iamTable') });
      blocks.push({
        type: 'table',
        head: [
          '±',
          t(lang, 'diff.col.source'),
          t(lang, 'diff.col.who'),
          t(lang, 'diff.col.effect'),
          t(lang, 'diff.col.actions'),
          t(lang, 'diff.col.resources'),
          t(lang, 'diff.col.conditions'),
        ],
        rows: d.statements.map(({ sign, statement: s }) => [
          sign,
          `\`${s.sourcePath}\``,
          s.grantee || '—',
          s.effect,
          s.actions.map((a) => `\`${a}\``).join(', '),
          s.anyResource ? '`*`' : foldModels(s.resources).map(asCode).join('<br>') || '—',
          [
            ...s.conditions.map((c) => conditionText(lang, c)),
            ...(s.onlyIn ? [onlyInText(lang, s.onlyIn)] : []),
          ].join('<br>') || '—',
        ]),
      });
    }
  }
  return blocks;
}
