/**
 * Who a resource policy, trust policy or Lambda permission lets in, in classes a reviewer judges by:
 * anyone (`*`, `AWS: *`), an AWS service, this stack's own account or roles, another account, or a
 * federated identity; and whether a condition narrows it (`aws:SourceArn`, `aws:SourceAccount`,
 * `aws:PrincipalOrgID` …). A grant to anyone, another account, or a service without a source
 * condition is a way in from outside the stack.
 */
import type { Finding } from './findings';
import type { StatementFact } from './permissions';

export type PrincipalKind = 'public' | 'service' | 'account' | 'local' | 'otherAccount' | 'federated';

export interface PrincipalFact {
  readonly kind: PrincipalKind;
  /** As written, rendered (`*`, `apigateway.amazonaws.com`, `123456789012`, `‹Role›.Arn`). */
  readonly text: string;
}

/** Condition keys that tie a service principal to one source (the confused-deputy guard). */
const SOURCE_KEYS = ['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths'];
/** Condition keys that narrow "anyone" to an account, organization, role or network. */
const NARROWING_KEYS = [
  ...SOURCE_KEYS,
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalarn',
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:sourceip',
  'sts:externalid',
  'aws:userid',
];

const ACCOUNT_LITERAL = /^(\d{12})$|^arn:aws[\w-]*:iam::(\d{12}):/;

function classify(kind: string, text: string, raw: unknown): PrincipalKind {
  if (text === '*') return 'public';
  if (kind === 'Service') return 'service';
  if (kind === 'Federated') return 'federated';
  if (kind === 'CanonicalUser') return 'otherAccount';
  const json = JSON.stringify(raw);
  if (json.includes('AWS::AccountId')) return 'account';
  if (ACCOUNT_LITERAL.test(text)) return 'otherAccount';
  // A reference to a resource of this template (a role's ARN): the stack's own principal.
  if (raw && typeof raw === 'object') return 'local';
  return 'otherAccount';
}

/** The principals of a statement (`Principal` of a policy, or a Lambda permission's `Principal`). */
export function principalsOf(principal: unknown, render: (v: unknown) => string): PrincipalFact[] {
  if (principal === undefined) return [];
  if (typeof principal === 'string' || (principal && typeof principal === 'object' && !isKinded(principal))) {
    // Lambda permissions name one principal as a string: a service, an account, an ARN or `*`.
    const text = render(principal);
    const kind = /\.amazonaws\.com(\.cn)?$/.test(text) ? 'Service' : 'AWS';
    return [{ kind: classify(kind, text, principal), text }];
  }
  const out: PrincipalFact[] = [];
  for (const [kind, values] of Object.entries(principal as Record<string, unknown>)) {
    for (const v of Array.isArray(values) ? values : [values]) {
      const text = render(v);
      out.push({ kind: classify(kind, text, v), text });
    }
  }
  return out;
}

function isKinded(p: object): boolean {
  return Object.keys(p).some((k) => ['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(k));
}

const hasKey = (s: StatementFact, keys: readonly string[]) =>
  s.conditions.some((c) => keys.includes(c.key.toLowerCase()));

/**
 * The ways in a statement opens: one finding per outside principal. Deny statements and principals
 * of the stack's own account are not ways in.
 */
export function exposureOf(s: StatementFact): Finding[] {
  if (s.effect === 'Deny' || s.kind === 'identity') return [];
  const out: Finding[] = [];
  const where = s.sourcePath;
  const actions = s.actions.map((a) => `\`${a}\``).join(', ');
  const add = (level: Finding['level'], key: Finding['key'], params: Record<string, string>) =>
    out.push({
      level,
      section: 'permissions',
      key,
      params: { actions, source: s.sourcePath, ...params },
      where,
      logicalId: s.logicalId,
    });
  if (s.publicUrl) add('flag', 'expo.publicUrl', {});
  // Allow with NotPrincipal: everyone but the named principals, in this account and every other.
  if (s.notPrincipal !== undefined) add('flag', 'expo.notPrincipal', { who: `\`${s.notPrincipal}\`` });
  for (const p of s.principals) {
    const who = `\`${p.text}\``;
    if (p.kind === 'public')
      if (hasKey(s, NARROWING_KEYS)) add('note', 'expo.publicNarrowed', { who, conds: condKeys(s) });
      else add('flag', s.kind === 'trust' ? 'expo.trustPublic' : 'expo.public', { who });
    else if (p.kind === 'otherAccount')
      add(
        hasKey(s, NARROWING_KEYS) ? 'note' : 'flag',
        s.kind === 'trust' ? 'expo.trustAccount' : 'expo.otherAccount',
        { who },
      );
    else if (p.kind === 'federated' && !hasKey(s, NARROWING_KEYS) && s.conditions.length === 0)
      add('flag', 'expo.federated', { who });
    else if (p.kind === 'service' && s.kind !== 'trust' && !hasKey(s, SOURCE_KEYS))
      add('flag', 'expo.serviceNoSource', { who });
    else if (p.kind === 'service' && s.kind !== 'trust')
      add('ok', 'expo.serviceSource', { who, conds: condKeys(s) });
  }
  return out;
}

const condKeys = (s: StatementFact) => [...new Set(s.conditions.map((c) => `\`${c.key}\``))].join(', ');
