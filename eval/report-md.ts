/** The report as Markdown: the same content as the HTML, without the charts (their numbers are in the tables). */
import { evalTranslator } from './messages';
import type { Report } from './report';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(r: Report): string {
  const t = evalTranslator(r.lang);
  const out: string[] = [`# ${r.title}`, ''];
  if (r.standIn) out.push(`> **${t('report.standIn')}**`, '');
  out.push(...r.intro.map((l) => `${l}  `), '');
  for (const d of r.datasets) {
    out.push(`## ${d.heading}`, '', `**${d.verdict}**`, '');
    if (d.rows.length) {
      out.push(`| ${r.header.join(' | ')} |`, `|${r.header.map(() => '---').join('|')}|`);
      for (const row of d.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
      out.push('');
    }
    for (const n of d.notes) out.push(n, '');
  }
  out.push(`## ${t('report.h.how')}`, '', ...r.how.map((l) => `- ${l}`), '');
  out.push(`## ${t('report.h.business')}`, '', ...r.business.map((l) => `- ${l}`), '');
  out.push(`## ${t('report.h.scale')}`, '', r.scale, '');
  return out.join('\n');
}
