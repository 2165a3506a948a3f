/**
 * The report's content, once, for every format: per data set the table of models, the verdict and
 * the chart data; Markdown, HTML and JSON only lay it out (report-md.ts, report-html.ts).
 */

import { PRICES_AS_OF, PRICING_REGION } from '../lambda/shared/pricing';
import type { Lang } from '../lib/i18n';
import type { Dataset } from './dataset';
import { evalTranslator } from './messages';
import { COMPREHEND_BASELINE, displayName } from './models';
import type { Results } from './records';
import { type DatasetSummary, type ModelSummary, summarise, totalCost } from './summary';

export interface ReportOptions {
  readonly lang: Lang;
  /** Share of correct answers a model must reach to "meet the task" (0–1). */
  readonly target: number;
}

export interface Report {
  readonly lang: Lang;
  readonly standIn: boolean;
  readonly title: string;
  readonly intro: string[];
  readonly datasets: ReadonlyArray<
    DatasetSummary & {
      readonly heading: string;
      readonly verdict: string;
      readonly rows: string[][];
      readonly notes: string[];
    }
  >;
  readonly header: string[];
  readonly how: string[];
  readonly business: string[];
  readonly scale: string;
  readonly totalUsd: number;
  readonly calls: number;
}

export const usd = (n: number | undefined) =>
  n === undefined ? undefined : n === 0 ? '$0' : n < 0.001 ? `$${n.toPrecision(2)}` : `$${n.toFixed(4)}`;
const percent = (x: number) => `${Math.round(x * 1000) / 10}`;
const ms = (n: number | undefined) => (n === undefined ? undefined : `${Math.round(n)} ms`);

export function buildReport(results: Results, datasets: readonly Dataset[], o: ReportOptions): Report {
  const t = evalTranslator(o.lang);
  const dash = t('report.none');
  const { settings } = results.header;
  const summaries = datasets.map((d) => summarise(d, results.records, settings.samples, o.target));
  const header = [
    t('report.col.model'),
    t('report.col.accuracy'),
    t('report.col.f1'),
    t('report.col.facts'),
    t('report.col.consistency'),
    t('report.col.p50'),
    t('report.col.p95'),
    t('report.col.ttft'),
    t('report.col.tokens'),
    t('report.col.costItem'),
    t('report.col.costCorrect'),
    t('report.col.timeCorrect'),
    t('report.col.guardrail'),
    t('report.col.errors'),
    t('report.col.judge'),
  ];
  const row = (m: ModelSummary): string[] => [
    displayName(m.model),
    `${percent(m.accuracy)}% (${m.correct}/${m.calls})`,
    m.meanF1 === undefined ? dash : m.meanF1.toFixed(2),
    m.meanFacts === undefined ? dash : `${percent(m.meanFacts)}%`,
    m.consistency === undefined ? dash : `${percent(m.consistency)}%`,
    ms(m.latencyP50) ?? dash,
    ms(m.latencyP95) ?? dash,
    m.ttftP50 === undefined ? dash : `${Math.round(m.ttftP50)} / ${Math.round(m.ttftP95 ?? m.ttftP50)} ms`,
    `${m.inputTokens} / ${m.outputTokens}`,
    usd(m.costPerItemUsd) ?? dash,
    usd(m.costPerCorrectUsd) ?? dash,
    m.secondsPerCorrect === undefined ? dash : `${m.secondsPerCorrect.toFixed(2)} s`,
    String(m.interventions),
    Object.keys(m.errors).length
      ? Object.entries(m.errors)
          .map(([code, n]) => `${code} ×${n}`)
          .join(', ')
      : t('report.errors.none'),
    m.judge
      ? t('report.judge', {
          correct: m.judge.correct,
          judged: m.judge.judged,
          judge: displayName(settings.judge ?? ''),
          usd: usd(m.judge.costUsd) ?? '$0',
        })
      : dash,
  ];
  return {
    lang: o.lang,
    standIn: results.header.standIn === true,
    title: t('report.title', { datasets: datasets.map((d) => d.name).join(', ') }),
    intro: [
      t('report.run', {
        samples: settings.samples,
        models: settings.models.map(displayName).join(', '),
        target: Math.round(o.target * 100),
        asOf: PRICES_AS_OF,
        region: PRICING_REGION,
        startedAt: results.header.startedAt,
      }),
      t('report.total', {
        usd: `$${totalCost(results.records).toFixed(6)}`,
        calls: new Set(results.records.map((r) => r.unit)).size,
      }),
    ],
    datasets: summaries.map((s) => {
      const pick = s.models.find((m) => m.model === s.pick);
      const best = s.models.find((m) => m.model === s.best);
      const verdict = !best
        ? t('report.noAnswers')
        : pick
          ? t('report.pick', {
              model: displayName(pick.model),
              target: Math.round(o.target * 100),
              usd: usd(pick.costPerCorrectUsd) ?? '$0',
            })
          : t('report.noPick', {
              target: Math.round(o.target * 100),
              model: displayName(best.model),
              accuracy: percent(best.accuracy),
            });
      return {
        ...s,
        heading: t('report.h.dataset', {
          name: s.dataset.name,
          task: t(`report.task.${s.dataset.task}`),
          items: s.dataset.items.length,
          lang: s.dataset.lang,
        }),
        verdict,
        rows: s.models.map(row),
        notes: s.models.some((m) => m.model === COMPREHEND_BASELINE) ? [t('report.baseline')] : [],
      };
    }),
    header,
    how: [t('report.how.scores'), t('report.how.consistency'), t('report.how.cost'), t('report.how.latency')],
    business: [t('report.business.efficiency'), t('report.business.rest')],
    scale: t('report.scale'),
    totalUsd: totalCost(results.records),
    calls: new Set(results.records.map((r) => r.unit)).size,
  };
}
