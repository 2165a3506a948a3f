/** The doctor's report as lines for a terminal, or as one JSON document for scripts. */
import { fill, type Lang, type Vars } from '../../lib/i18n';
import { DOCTOR_MESSAGES } from './messages';
import type { CheckResult, Said, Status } from './types';

/** Words in a language; values that are words themselves are said first. */
export function words(said: Said, lang: Lang): string {
  const vars: Record<string, Vars[string]> = {};
  for (const [k, v] of Object.entries(said.vars ?? {})) vars[k] = typeof v === 'object' ? words(v, lang) : v;
  return fill(DOCTOR_MESSAGES[lang][said.key], vars);
}

export interface Report {
  readonly account: string;
  readonly arn: string;
  readonly region: string;
  readonly source: Said | string;
  readonly prefix: string;
  readonly checks: readonly CheckResult[];
  /** The deploy command to suggest when nothing fails. */
  readonly deploy: string;
}

export function counts(checks: readonly CheckResult[]): Record<Status, number> {
  const n: Record<Status, number> = { pass: 0, warn: 0, fail: 0 };
  for (const c of checks) n[c.status]++;
  return n;
}

export function renderText(report: Report, lang: Lang): string {
  const t = (key: Said['key'], vars?: Said['vars']) => words({ key, vars }, lang);
  const out = [
    t('header', {
      account: report.account,
      region: report.region,
      source: report.source,
      prefix: report.prefix,
    }),
    '',
  ];
  for (const c of report.checks) {
    out.push(`${t(`mark.${c.status}`)} ${words(c.title, lang)}: ${words(c.message, lang)}`);
    for (const note of c.notes ?? []) out.push(`    · ${words(note, lang)}`);
    if (c.fix) out.push(`    → ${words(c.fix, lang)}`);
  }
  const n = counts(report.checks);
  out.push(
    '',
    t('summary.counts', n),
    n.fail ? t('summary.fix') : t('summary.ready', { command: report.deploy }),
  );
  return `${out.join('\n')}\n`;
}

export function renderJson(report: Report, lang: Lang): string {
  const n = counts(report.checks);
  return `${JSON.stringify(
    {
      tool: 'ai-services-lab doctor',
      lang,
      ok: n.fail === 0,
      account: report.account,
      arn: report.arn,
      region: report.region,
      prefix: report.prefix,
      summary: n,
      checks: report.checks.map((c) => ({
        id: c.id,
        status: c.status,
        title: words(c.title, lang),
        message: words(c.message, lang),
        notes: (c.notes ?? []).map((s) => words(s, lang)),
        fix: c.fix ? words(c.fix, lang) : null,
        data: c.data ?? {},
      })),
    },
    null,
    2,
  )}\n`;
}
