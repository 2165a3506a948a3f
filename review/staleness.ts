/**
 * No stale justification: a cdk-nag acknowledgement's reason that names a condition key, an action,
 * an ARN or a prefix the policy no longer has (or whose acknowledged resource is gone) no longer
 * justifies anything. Each such reason is flagged, and marked where the report shows it.
 */
import type { AckFact } from './compliance';
import { type Finding, flag } from './findings';
import type { StatementFact } from './permissions';

export interface StaleFact {
  readonly ack: AckFact;
  /** What the reason (or the acknowledged finding's id) names that the policy no longer has. */
  readonly missing: readonly string[];
}

const ACTION_OR_KEY = /\b(aws|[a-z][a-z0-9-]*):([A-Z][A-Za-z0-9]+)\b/g;
const PREFIX = /(?:the|with the|under the)\s+`?([A-Za-z0-9][\w.-]*[/-])`?\s+prefix/g;
const ARN = /\barn:[\w-]*:[^\s"'”)]+/g;
const PSEUDO = /<AWS::[A-Za-z]+>/g;

/** Tokens a reason or an acknowledgement id names, each with the test that it is still in the policy. */
function claims(ack: AckFact): Array<{ token: string; present: (s: readonly StatementFact[]) => boolean }> {
  const out: Array<{ token: string; present: (s: readonly StatementFact[]) => boolean }> = [];
  const text = ack.reason;
  const text0 = (s: StatementFact) => JSON.stringify([s.actions, s.resources, s.conditions]);
  for (const m of text.matchAll(ACTION_OR_KEY)) {
    const token = m[0];
    const lower = token.toLowerCase();
    out.push({
      token,
      present: (list) =>
        list.some(
          (s) =>
            s.actions.some((a) => a.toLowerCase() === lower) ||
            s.expanded.some((a) => a.action.toLowerCase() === lower) ||
            s.conditions.some((c) => c.key.toLowerCase() === lower),
        ),
    });
  }
  for (const m of text.matchAll(PREFIX)) {
    const token = m[1]!;
    out.push({ token, present: (list) => list.some((s) => s.resources.some((r) => r.includes(token))) });
  }
  for (const m of text.matchAll(ARN)) {
    const token = m[0];
    out.push({ token, present: (list) => list.some((s) => text0(s).includes(token)) });
  }
  // The acknowledged finding itself: `AwsSolutions-IAM5[Resource::<Bucket.Arn>/uploads/*]`.
  const res = /\[Resource::(.+)\]$/.exec(ack.rule)?.[1];
  if (res && res !== '*') {
    const tail = res.replace(PSEUDO, '').split(/[>:]/).pop() ?? '';
    if (tail.length > 1)
      out.push({
        token: res,
        present: (list) => list.some((s) => s.resources.some((r) => r.endsWith(tail))),
      });
  }
  const act = /\[Action::(.+)\]$/.exec(ack.rule)?.[1];
  if (act) out.push({ token: act, present: (list) => list.some((s) => s.actions.includes(act)) });
  return out;
}

/** Acknowledgements on a policy whose reasons name what the policy no longer has. */
export function staleOf(
  acks: readonly AckFact[],
  statements: readonly StatementFact[],
): { stale: StaleFact[]; findings: Finding[] } {
  const stale: StaleFact[] = [];
  for (const ack of acks) {
    const mine = statements.filter(
      (s) => s.sourcePath === ack.path || s.sourcePath.startsWith(`${ack.path}/`),
    );
    if (mine.length === 0) continue;
    const missing = [
      ...new Set(
        claims(ack)
          .filter((c) => !c.present(mine))
          .map((c) => c.token),
      ),
    ];
    if (missing.length > 0) stale.push({ ack, missing });
  }
  const findings = stale.map((s) =>
    flag(
      'compliance',
      'compliance.flag.staleReason',
      { rule: s.ack.shown, path: s.ack.path, tokens: s.missing.map((m) => `\`${m}\``).join(', ') },
      s.ack.path,
      mineId(statements, s.ack.path),
    ),
  );
  return { stale, findings };
}

const mineId = (statements: readonly StatementFact[], p: string) =>
  statements.find((s) => s.sourcePath === p)?.logicalId;
