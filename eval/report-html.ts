/**
 * The report as one self-contained HTML file: inline CSS and SVG charts, no script, nothing fetched,
 * printable. Stand-in data is marked in a banner that cannot be missed.
 */
import { esc } from '../review/render-html';
import { consistencyChart, latencyChart, qualityCostChart } from './charts';
import { evalTranslator } from './messages';
import type { Report } from './report';

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI","Noto Sans KR","Apple SD Gothic Neo",sans-serif;color:#16191f;background:#fff}
main{max-width:1180px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:26px;margin:8px 0 12px}h2{font-size:20px;margin:32px 0 10px;padding-top:8px;border-top:2px solid #d5dbdb}h3{font-size:15px;margin:16px 0 6px}
p,li{max-width:95ch}
.standin{background:#fff4ce;border:2px solid #b58100;padding:10px 14px;font-weight:600;border-radius:4px}
.verdict{background:#eaf2fb;border-left:4px solid #0b5394;padding:8px 12px;font-weight:600}
.table{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:6px 0 14px;font-size:13px}
th,td{border:1px solid #d5dbdb;padding:4px 7px;text-align:left;vertical-align:top;white-space:nowrap}th{background:#f2f3f3}
.charts{display:flex;flex-wrap:wrap;gap:18px}figure{margin:0}figcaption{font-size:13px;color:#5f6b7a;margin-bottom:4px}
svg{max-width:100%;height:auto;font-family:inherit}
@media print{.charts{break-inside:avoid}}
`;

export function renderHtml(r: Report): string {
  const t = evalTranslator(r.lang);
  const figure = (caption: string, svg: string) =>
    `<figure><figcaption>${esc(caption)}</figcaption>${svg}</figure>`;
  const sections = r.datasets.map((d) => {
    const table = d.rows.length
      ? `<div class="table"><table><thead><tr>${r.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${d.rows
          .map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table></div>`
      : '';
    const charts = d.models.length
      ? `<div class="charts">${[
          figure(
            t('report.chart.quality'),
            qualityCostChart(d.models, {
              title: t('report.chart.quality'),
              x: t('report.chart.quality.x'),
              y: t('report.chart.quality.y'),
            }),
          ),
          figure(t('report.chart.latency'), latencyChart(d.models, t('report.chart.latency'))),
          d.samples >= 2
            ? figure(t('report.chart.consistency'), consistencyChart(d.models, t('report.chart.consistency')))
            : `<p>${esc(t('report.chart.noConsistency'))}</p>`,
        ].join('')}</div>`
      : '';
    return `<section class="dataset"><h2>${esc(d.heading)}</h2><p class="verdict">${esc(d.verdict)}</p>${table}${d.notes.map((n) => `<p>${esc(n)}</p>`).join('')}${charts}</section>`;
  });
  const list = (items: readonly string[]) => `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="${r.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(r.title)}</title><style>${CSS}</style></head>
<body><main>
<h1>${esc(r.title)}</h1>
${r.standIn ? `<p class="standin" role="alert">${esc(t('report.standIn'))}</p>` : ''}
${r.intro.map((l) => `<p>${esc(l)}</p>`).join('\n')}
${sections.join('\n')}
<h2>${esc(t('report.h.how'))}</h2>${list(r.how)}
<h2>${esc(t('report.h.business'))}</h2>${list(r.business)}
<h2>${esc(t('report.h.scale'))}</h2><p>${esc(r.scale)}</p>
</main></body></html>
`;
}
