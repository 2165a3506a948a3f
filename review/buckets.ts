/**
 * What each bucket allows, and so what a presigned POST or PUT can do: a presigned request is
 * signed with the credentials of the function that created it, so it can do at most what that
 * function's role may do on the bucket, less what the bucket policy denies.
 */
import { type Finding, flag } from './findings';
import type { StatementFact } from './permissions';
import { asList, type StackView } from './template';

export interface BucketFact {
  readonly logicalId: string;
  readonly path: string;
  readonly encryption?: string;
  readonly blocksPublicAccess: boolean;
  readonly expirationDays?: number;
  readonly tlsOnly: boolean;
  /** Identity statements that let something write objects (the limits of any presigned upload). */
  readonly writers: ReadonlyArray<{
    grantee: string;
    actions: string[];
    resources: string[];
    conditions: number;
  }>;
  readonly readers: ReadonlyArray<{ grantee: string; actions: string[]; resources: string[] }>;
  readonly autoDelete: boolean;
}

const WRITE = /^s3:(PutObject|PutObjectAcl|\*|Put\*|\*Object)$/i;
const READ = /^s3:(GetObject|Get\*|\*)$/i;

export function bucketsOf(
  view: StackView,
  statements: readonly StatementFact[],
): { buckets: BucketFact[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const buckets = view.resources
    .filter((r) => r.type === 'AWS::S3::Bucket')
    .map((b): BucketFact => {
      const sse = (b.props.BucketEncryption as { ServerSideEncryptionConfiguration?: unknown[] } | undefined)
        ?.ServerSideEncryptionConfiguration?.[0] as
        | { ServerSideEncryptionByDefault?: { SSEAlgorithm?: string } }
        | undefined;
      const pab = (b.props.PublicAccessBlockConfiguration ?? {}) as Record<string, boolean>;
      const rules = asList(
        (b.props.LifecycleConfiguration as { Rules?: unknown[] } | undefined)?.Rules,
      ) as Array<{
        ExpirationInDays?: number;
        Status?: string;
      }>;
      const expiry = rules.find(
        (r) => r.Status !== 'Disabled' && r.ExpirationInDays !== undefined,
      )?.ExpirationInDays;
      const onBucket = statements.filter((s) => s.targets.includes(b.logicalId));
      const tlsOnly = onBucket.some(
        (s) =>
          s.kind === 'resource' &&
          s.effect === 'Deny' &&
          s.conditions.some((c) => c.key === 'aws:SecureTransport' && c.values.includes('false')),
      );
      const identity = onBucket.filter((s) => s.kind === 'identity' && s.effect === 'Allow');
      const pick = (re: RegExp) =>
        identity
          .filter((s) => s.actions.some((a) => re.test(a)))
          .map((s) => ({
            grantee: s.grantee,
            actions: s.actions.filter((a) => re.test(a)),
            resources: [...s.resources],
            conditions: s.conditions.length,
          }));
      const autoDelete = view.resources.some(
        (r) =>
          r.type === 'Custom::S3AutoDeleteObjects' &&
          JSON.stringify(r.props.BucketName).includes(`"${b.logicalId}"`),
      );
      const fact: BucketFact = {
        logicalId: b.logicalId,
        path: b.path,
        encryption: sse?.ServerSideEncryptionByDefault?.SSEAlgorithm,
        blocksPublicAccess: [
          'BlockPublicAcls',
          'BlockPublicPolicy',
          'IgnorePublicAcls',
          'RestrictPublicBuckets',
        ].every((k) => pab[k] === true),
        expirationDays: expiry,
        tlsOnly,
        writers: pick(WRITE),
        readers: pick(READ),
        autoDelete,
      };
      const where = b.path;
      if (!fact.blocksPublicAccess)
        findings.push(flag('permissions', 'bucket.flag.public', { bucket: b.path }, where));
      if (!fact.tlsOnly) findings.push(flag('permissions', 'bucket.flag.tls', { bucket: b.path }, where));
      for (const w of fact.writers) {
        if (w.resources.some((r) => r === '*' || /\.Arn\/\*$/.test(r)))
          findings.push(
            flag('permissions', 'bucket.flag.wholeBucket', { bucket: b.path, who: w.grantee }, where),
          );
      }
      return fact;
    });
  return { buckets, findings };
}
