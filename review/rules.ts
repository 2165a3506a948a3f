/**
 * The rule behind each kind of finding, as CI gates read it: a stable id (SARIF `ruleId`, JSON `id`),
 * a severity (`error` blocks with `--fail-on error`, `warning` with `--fail-on warning`, `note`
 * never), and the checkov / cfn-nag rules it answers (docs/review.md has the table).
 */
import type { Finding } from './findings';
import type { Key } from './i18n';

export type Severity = 'error' | 'warning' | 'note' | 'none';

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
}

const R = (id: string, severity: Severity): Rule => ({ id, severity });

/** Finding key → rule. A key not listed is a note (flags default to warnings). */
export const RULES: Partial<Record<Key, Rule>> = {
  'expo.public': R('LAB-EXPO-PUBLIC', 'error'),
  'expo.trustPublic': R('LAB-EXPO-TRUST-PUBLIC', 'error'),
  'expo.publicUrl': R('LAB-EXPO-FUNCTION-URL', 'error'),
  'expo.otherAccount': R('LAB-EXPO-OTHER-ACCOUNT', 'warning'),
  'expo.trustAccount': R('LAB-EXPO-TRUST-ACCOUNT', 'warning'),
  'expo.federated': R('LAB-EXPO-FEDERATED', 'warning'),
  'expo.serviceNoSource': R('LAB-EXPO-SERVICE-NO-SOURCE', 'warning'),
  'expo.publicNarrowed': R('LAB-EXPO-PUBLIC-NARROWED', 'note'),
  'expo.notPrincipal': R('LAB-EXPO-NOT-PRINCIPAL', 'error'),
  'api.flag.invokePublic': R('LAB-API-POLICY-PUBLIC', 'error'),
  'api.flag.invokeOtherAccount': R('LAB-API-POLICY-ACCOUNT', 'warning'),
  'api.auth.none': R('LAB-API-NO-AUTH', 'error'),
  'api.auth.other': R('LAB-API-AUTH-NOT-IAM', 'warning'),
  'api.flag.dataTrace': R('LAB-API-DATA-TRACE', 'warning'),
  'risk.permissionsAny': R('LAB-IAM-PERMISSIONS-MANAGEMENT-ANY', 'error'),
  'risk.permissions': R('LAB-IAM-PERMISSIONS-MANAGEMENT', 'warning'),
  'risk.logDelivery': R('LAB-IAM-STATE-MACHINE-LOG-DELIVERY', 'note'),
  'risk.escalationAny': R('LAB-IAM-PRIVILEGE-ESCALATION-ANY', 'error'),
  'risk.escalation': R('LAB-IAM-PRIVILEGE-ESCALATION', 'warning'),
  'risk.passRoleAny': R('LAB-IAM-PASSROLE-ANY', 'error'),
  'risk.passRoleNoService': R('LAB-IAM-PASSROLE-NO-SERVICE', 'warning'),
  'risk.credentials': R('LAB-IAM-CREDENTIALS-EXPOSURE', 'error'),
  'risk.readAll': R('LAB-IAM-READ-ALL-DATA', 'warning'),
  'risk.writeAll': R('LAB-IAM-WRITE-UNCONSTRAINED', 'warning'),
  'perm.flag.allActions': R('LAB-IAM-ALL-ACTIONS', 'error'),
  'perm.flag.notAction': R('LAB-IAM-NOT-ACTION', 'error'),
  'perm.flag.notResource': R('LAB-IAM-NOT-RESOURCE', 'warning'),
  'perm.flag.elevatedManaged': R('LAB-IAM-ELEVATED-MANAGED-POLICY', 'error'),
  'perm.flag.permissionAction': R('LAB-LAMBDA-PERMISSION-NOT-INVOKE', 'warning'),
  'perm.flag.wildcardAction': R('LAB-IAM-WILDCARD-ACTION', 'warning'),
  'perm.star.required': R('LAB-IAM-STAR-RESOURCE', 'warning'),
  'perm.star.unknown': R('LAB-IAM-UNKNOWN-ACTION', 'warning'),
  'perm.star.optional': R('LAB-IAM-STAR-OPTIONAL', 'note'),
  'bucket.flag.public': R('LAB-S3-PUBLIC-ACCESS', 'error'),
  'bucket.flag.tls': R('LAB-S3-TLS', 'warning'),
  'bucket.flag.wholeBucket': R('LAB-S3-WHOLE-BUCKET-WRITE', 'warning'),
  'compliance.flag.open': R('LAB-NAG-OPEN', 'error'),
  'compliance.flag.noPlugins': R('LAB-NAG-NOT-RUN', 'warning'),
  'compliance.flag.staleReason': R('LAB-NAG-STALE-REASON', 'warning'),
  'governed.fail': R('LAB-CT-PROACTIVE-CONTROL', 'note'),
  'cost.flag.noTags': R('LAB-COST-NO-TAGS', 'warning'),
  'cost.flag.untagged': R('LAB-COST-UNTAGGED', 'warning'),
  'cost.flag.idle': R('LAB-COST-IDLE', 'warning'),
  'cost.flag.unknownType': R('LAB-COST-UNKNOWN-TYPE', 'warning'),
  'cost.flag.noRetention': R('LAB-COST-LOG-RETENTION', 'warning'),
  'cost.flag.noThrottle': R('LAB-COST-NO-THROTTLE', 'error'),
  'cost.flag.modelUnpriced': R('LAB-COST-PRICE-UNKNOWN', 'warning'),
  'destroy.flag.retain': R('LAB-DESTROY-RETAIN', 'warning'),
  'destroy.flag.notEmptied': R('LAB-DESTROY-BUCKET-NOT-EMPTIED', 'warning'),
  'destroy.stays.account': R('LAB-DESTROY-ACCOUNT-SETTING', 'warning'),
  'destroy.stays.serviceLogs': R('LAB-DESTROY-SERVICE-LOG-GROUP', 'warning'),
};

const RANK: Record<Severity, number> = { error: 3, warning: 2, note: 1, none: 0 };

/** The severity of one finding: its rule's, lowered to `none` when the finding is an "ok". */
export function severityOf(f: Finding): Severity {
  if (f.level === 'ok') return 'none';
  const rule = RULES[f.key];
  if (rule) return f.level === 'note' && rule.severity !== 'note' ? 'note' : rule.severity;
  return f.level === 'flag' ? 'warning' : 'note';
}

export function ruleIdOf(f: Finding): string {
  return RULES[f.key]?.id ?? `LAB-${f.key.replace(/[^A-Za-z0-9]+/g, '-').toUpperCase()}`;
}

/** Whether a finding is at or above the `--fail-on` threshold. */
export function reaches(f: Finding, threshold: 'warning' | 'error'): boolean {
  return RANK[severityOf(f)] >= RANK[threshold];
}
