/**
 * Clean destroy: every resource whose removal policy keeps it after `cdk destroy` (Retain,
 * RetainExceptOnCreate, Snapshot), and every bucket that would fail to delete because nothing
 * empties it first.
 */
import { type Finding, flag } from './findings';
import type { StackView } from './template';

export interface KeptFact {
  readonly path: string;
  readonly type: string;
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
}

const KEEPS = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

export function destroyOf(
  view: StackView,
  autoDeleted: ReadonlySet<string>,
): { kept: KeptFact[]; findings: Finding[] } {
  const kept: KeptFact[] = [];
  const findings: Finding[] = [];
  for (const r of view.resources) {
    if (KEEPS.has(r.deletionPolicy ?? '') || KEEPS.has(r.updateReplacePolicy ?? '')) {
      kept.push({
        path: r.path,
        type: r.type,
        deletionPolicy: r.deletionPolicy,
        updateReplacePolicy: r.updateReplacePolicy,
      });
      findings.push(
        flag(
          'destroy',
          'destroy.flag.retain',
          { path: r.path, type: r.type, policy: r.deletionPolicy ?? r.updateReplacePolicy ?? '' },
          r.path,
        ),
      );
    } else if (r.type === 'AWS::S3::Bucket' && !autoDeleted.has(r.logicalId)) {
      findings.push(flag('destroy', 'destroy.flag.notEmptied', { path: r.path }, r.path));
    }
  }
  return { kept, findings };
}
