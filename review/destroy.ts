/**
 * Destroy as CloudFormation does it: every resource whose removal policy keeps it (Retain,
 * RetainExceptOnCreate, Snapshot), every bucket that would fail to delete because nothing empties it
 * first, and what stays after `cdk destroy` by its nature: account-level settings
 * (`AWS::ApiGateway::Account`), log groups a service creates outside the template, and the CDK
 * bootstrap stack with the assets the stack uploaded. A resource the stack records as kept on purpose
 * (metadata `ai-lab:kept-on-destroy`, with a reason the review words) is explained, not flagged.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Assembly } from './assembly';
import { type Finding, flag } from './findings';
import type { Key } from './i18n';
import { asList, refTarget, type StackView } from './template';

export interface KeptFact {
  readonly path: string;
  readonly type: string;
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
}

const KEEPS = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

/** The reasons a stack may record for keeping a resource, and the sentence for each. */
const KEPT_REASONS: Readonly<Record<string, Key>> = {
  apiGatewayAccountRole: 'destroy.note.apiGatewayAccountRole',
};

/** Construct path → reason sentence, from the stack's `ai-lab:kept-on-destroy` metadata. */
function keptOnPurpose(view: StackView): Map<string, Key> {
  const entries = view.artifact.metadata[`/${view.name}`] ?? [];
  const out = new Map<string, Key>();
  for (const e of entries.filter((x) => x.type === 'ai-lab:kept-on-destroy')) {
    for (const k of (e.data as Array<{ path?: string; reason?: string }> | undefined) ?? []) {
      const key = k.reason ? KEPT_REASONS[k.reason] : undefined;
      if (k.path && key) out.set(k.path, key);
    }
  }
  return out;
}

/** Resource types that are account- or Region-wide settings: deleting the stack does not undo them. */
const ACCOUNT_LEVEL = new Set(['AWS::ApiGateway::Account']);

/** Files and images this stack's assets manifest uploads to the bootstrap staging bucket and repository. */
export function assetCount(assembly: Assembly, stackId: string): number {
  const file = path.join(assembly.dir, `${stackId}.assets.json`);
  if (!fs.existsSync(file)) return 0;
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as { files?: object; dockerImages?: object };
  return Object.keys(m.files ?? {}).length + Object.keys(m.dockerImages ?? {}).length;
}

/** Log groups a service writes to that the template does not create (so nothing deletes them). */
function serviceLogGroups(
  view: StackView,
): Array<{ path: string; logicalId: string; service: string; group: string }> {
  const owned = view.resources
    .filter((r) => r.type === 'AWS::Logs::LogGroup')
    .map((r) => JSON.stringify(r.props.LogGroupName ?? null));
  const ownedIds = new Set(
    view.resources.filter((r) => r.type === 'AWS::Logs::LogGroup').map((r) => r.logicalId),
  );
  const out: Array<{ path: string; logicalId: string; service: string; group: string }> = [];
  for (const r of view.resources) {
    if (r.type === 'AWS::Lambda::Function') {
      const explicit = refTarget((r.props.LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup);
      const named = owned.some((o) => o.includes('/aws/lambda/') && o.includes(`"${r.logicalId}"`));
      if (!(explicit && ownedIds.has(explicit)) && !named)
        out.push({
          path: r.path,
          logicalId: r.logicalId,
          service: 'AWS Lambda',
          group: `\`/aws/lambda/‹${r.path}›\``,
        });
    }
    if (r.type === 'AWS::ApiGateway::Stage') {
      const settings = asList(r.props.MethodSettings as Array<Record<string, unknown>> | undefined);
      const logging = settings.some((s) => s.LoggingLevel === 'INFO' || s.LoggingLevel === 'ERROR');
      const api = refTarget(r.props.RestApiId);
      const named = owned.some(
        (o) => o.includes('API-Gateway-Execution-Logs_') && (!api || o.includes(`"${api}"`)),
      );
      if (logging && !named)
        out.push({
          path: r.path,
          logicalId: r.logicalId,
          service: 'API Gateway',
          group: `\`API-Gateway-Execution-Logs_‹${view.byId.get(api ?? '')?.path ?? api}›/${String(r.props.StageName ?? '')}\``,
        });
    }
  }
  return out;
}

export function destroyOf(
  view: StackView,
  autoDeleted: ReadonlySet<string>,
  assembly?: Assembly,
): { kept: KeptFact[]; findings: Finding[]; assets: number } {
  const kept: KeptFact[] = [];
  const findings: Finding[] = [];
  const onPurpose = keptOnPurpose(view);
  for (const r of view.resources) {
    const retained = KEEPS.has(r.deletionPolicy ?? '') || KEEPS.has(r.updateReplacePolicy ?? '');
    const reason = retained ? onPurpose.get(r.path) : undefined;
    if (reason) {
      // Kept on purpose, with the reason the stack recorded: explained, not flagged.
      findings.push({
        level: 'note',
        section: 'destroy',
        key: reason,
        params: { path: r.path, type: r.type },
        where: r.path,
        logicalId: r.logicalId,
      });
      kept.push({
        path: r.path,
        type: r.type,
        deletionPolicy: r.deletionPolicy,
        updateReplacePolicy: r.updateReplacePolicy,
      });
    } else if (ACCOUNT_LEVEL.has(r.type)) {
      // An account setting stays whatever its policy; retaining it on purpose is a note, not a leak.
      findings.push(
        retained
          ? {
              level: 'note',
              section: 'destroy',
              key: 'destroy.stays.accountRetained',
              params: { path: r.path, policy: r.deletionPolicy ?? r.updateReplacePolicy ?? '' },
              where: r.path,
              logicalId: r.logicalId,
            }
          : flag('destroy', 'destroy.stays.account', { path: r.path }, r.path, r.logicalId),
      );
      kept.push({
        path: r.path,
        type: r.type,
        deletionPolicy: r.deletionPolicy,
        updateReplacePolicy: r.updateReplacePolicy,
      });
    } else if (retained) {
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
          r.logicalId,
        ),
      );
    } else if (r.type === 'AWS::S3::Bucket' && !autoDeleted.has(r.logicalId)) {
      findings.push(flag('destroy', 'destroy.flag.notEmptied', { path: r.path }, r.path, r.logicalId));
    }
  }
  for (const g of serviceLogGroups(view))
    findings.push(
      flag(
        'destroy',
        'destroy.stays.serviceLogs',
        { path: g.path, service: g.service, group: g.group },
        g.path,
        g.logicalId,
      ),
    );
  const assets = assembly ? assetCount(assembly, view.artifact.id) : 0;
  if (assets > 0)
    findings.push({
      level: 'note',
      section: 'destroy',
      key: 'destroy.stays.bootstrap',
      params: { count: assets },
    });
  return { kept, findings, assets };
}
