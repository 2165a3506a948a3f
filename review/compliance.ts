/**
 * What the compliance checks said: the validation plugins synth ran (recorded in the assembly's
 * metadata), every acknowledged finding with its reason (`aws:cdk:acknowledged-rules` metadata),
 * and every open finding (the validation report, and error or warning annotations).
 */
import type { Assembly } from './assembly';
import type { Finding } from './findings';
import { ruleText, type StackView, shortPath } from './template';

export interface AckFact {
  readonly rule: string;
  /** The rule id as the report shows it: template values in it rendered, not as JSON (template.ts). */
  readonly shown: string;
  readonly path: string;
  readonly reason: string;
}

export interface OpenFact {
  readonly rule: string;
  readonly path: string;
  readonly text?: string;
}

export interface ComplianceFacts {
  /** Plugin names, or `undefined` when the assembly does not record them. */
  readonly plugins?: readonly string[];
  readonly acknowledged: readonly AckFact[];
  readonly open: readonly OpenFact[];
  readonly findings: readonly Finding[];
}

export function complianceOf(view: StackView, assembly: Assembly): ComplianceFacts {
  const acknowledged: AckFact[] = [];
  const open: OpenFact[] = [];
  let plugins: string[] | undefined;
  for (const [cpath, entries] of Object.entries(view.artifact.metadata)) {
    const where = shortPath(view.name, cpath.replace(/^\//, ''), cpath);
    for (const e of entries) {
      if (e.type === 'ai-lab:validation-plugins' && Array.isArray(e.data)) plugins = e.data.map(String);
      if (e.type === 'aws:cdk:acknowledged-rules' && e.data && typeof e.data === 'object') {
        for (const [rule, reason] of Object.entries(e.data as Record<string, unknown>))
          acknowledged.push({
            rule: rule.replace(/^annotation::/i, ''),
            shown: ruleText(rule.replace(/^annotation::/i, ''), view),
            path: where,
            reason: String(reason),
          });
      }
      if (e.type === 'aws:cdk:error' || e.type === 'aws:cdk:warning')
        open.push({ rule: e.type.replace('aws:cdk:', ''), path: where, text: String(e.data) });
    }
  }
  for (const report of assembly.validationReport?.pluginReports ?? []) {
    for (const v of report.violations) {
      for (const c of v.violatingConstructs) {
        if (c.constructPath === view.name || c.constructPath.startsWith(`${view.name}/`))
          open.push({
            rule: v.ruleName,
            path: shortPath(view.name, c.constructPath, c.constructPath),
            text: v.description,
          });
      }
    }
  }
  acknowledged.sort((a, b) => a.rule.localeCompare(b.rule) || a.path.localeCompare(b.path));
  const findings: Finding[] = open.map((o) => ({
    level: 'flag' as const,
    section: 'compliance' as const,
    key: 'compliance.flag.open' as const,
    params: { rule: o.rule, path: o.path },
    where: o.path,
  }));
  if (!plugins) findings.push({ level: 'flag', section: 'compliance', key: 'compliance.flag.noPlugins' });
  return { plugins, acknowledged, open, findings };
}
