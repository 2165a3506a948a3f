/**
 * The machine-readable reports CI gates read: `--format json` (every finding with id, severity, stack,
 * logical id, construct path and message) and `--format sarif` (SARIF 2.1.0: one rule per kind of
 * finding, each result located by template file and logical id). Both carry the same findings as the
 * Markdown and HTML reports, in the report's language.
 */
import * as path from 'node:path';
import { findingText } from './document';
import type { Finding } from './findings';
import { CATALOGUES, type Lang } from './i18n';
import type { StackReview } from './review';
import { ruleIdOf, type Severity, severityOf } from './rules';

export interface JsonFinding {
  readonly id: string;
  readonly severity: Severity;
  readonly level: Finding['level'];
  readonly section: Finding['section'];
  readonly stack: string;
  readonly template: string;
  readonly logicalId?: string;
  readonly path?: string;
  readonly message: string;
  readonly key: string;
}

/** Findings worth a gate's attention: every flag and note (the "ok" confirmations stay in the human reports). */
export function reportable(r: StackReview): readonly Finding[] {
  return r.findings.filter((f) => f.level !== 'ok');
}

export function jsonFindings(reviews: readonly StackReview[], lang: Lang): JsonFinding[] {
  return reviews.flatMap((r) =>
    reportable(r).map((f) => ({
      id: ruleIdOf(f),
      severity: severityOf(f),
      level: f.level,
      section: f.section,
      stack: r.name,
      template: r.templateFile,
      ...(f.logicalId ? { logicalId: f.logicalId } : {}),
      ...(f.where ? { path: f.where } : {}),
      message: findingText(lang, f),
      key: f.key,
    })),
  );
}

export function renderJson(
  reviews: readonly StackReview[],
  lang: Lang,
  assemblyDir: string,
  against?: {
    dir: string;
    widened: ReadonlyArray<{ stack: string; message: string }>;
    newFlags: ReadonlyArray<{ stack: string; message: string }>;
  },
): string {
  const findings = jsonFindings(reviews, lang);
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return `${JSON.stringify(
    {
      tool: 'ai-services-lab review',
      assembly: assemblyDir,
      lang,
      summary: { error: count('error'), warning: count('warning'), note: count('note') },
      stacks: reviews.map((r) => ({ name: r.name, template: r.templateFile })),
      findings,
      ...(against ? { against } : {}),
    },
    null,
    2,
  )}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note' | 'none'> = {
  error: 'error',
  warning: 'warning',
  note: 'note',
  none: 'none',
};

/** The finding's sentence pattern in English, placeholders kept: the rule's short description. */
const ruleText = (key: string) => (CATALOGUES.en as Record<string, string>)[key] ?? key;

/** SARIF 2.1.0: one run, one rule per kind of finding, results located by template file and logical id. */
export function renderSarif(reviews: readonly StackReview[], lang: Lang, assemblyDir: string): string {
  const rules = new Map<string, { id: string; key: string; severity: Severity }>();
  const results = reviews.flatMap((r) =>
    reportable(r).map((f) => {
      const id = ruleIdOf(f);
      const severity = severityOf(f);
      if (!rules.has(id)) rules.set(id, { id, key: f.key, severity });
      const uri = path.posix.join(assemblyDir.split(path.sep).join('/'), r.templateFile);
      return {
        ruleId: id,
        level: SARIF_LEVEL[severity],
        message: { text: findingText(lang, f) },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri } },
            logicalLocations: [
              {
                name: f.logicalId ?? r.name,
                fullyQualifiedName: f.logicalId ? `${r.name}/${f.logicalId}` : r.name,
                kind: f.logicalId ? 'resource' : 'module',
              },
            ],
          },
        ],
        properties: { stack: r.name, ...(f.where ? { constructPath: f.where } : {}), section: f.section },
      };
    }),
  );
  const ruleList = [...rules.values()].sort((a, b) => a.id.localeCompare(b.id));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ai-services-lab review',
            rules: ruleList.map((x) => ({
              id: x.id,
              name: x.key.replace(/[^A-Za-z0-9]+(.)/g, (_m, c: string) => c.toUpperCase()),
              shortDescription: { text: ruleText(x.key).replace(/[{}]/g, '') },
              defaultConfiguration: { level: SARIF_LEVEL[x.severity] },
            })),
          },
        },
        columnKind: 'unicodeCodePoints',
        results: results.map((res) => ({
          ...res,
          ruleIndex: ruleList.findIndex((x) => x.id === res.ruleId),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
