/**
 * AiLab-Pipeline: the sample documents (and your own text) through the steps you pick, on a Step
 * Functions Distributed Map, in real time or as a Bedrock batch job; a progress bar while the run
 * goes, then a row per document and the run's cost. Its words: messages/pipeline.ts (en/ko).
 */
import { api, type Json, sample } from '../api';
import { messages } from '../i18n';
import { PIPELINE } from '../messages/pipeline';
import {
  actions,
  badge,
  button,
  checkbox,
  field,
  form,
  h,
  input,
  type MountPanel,
  money,
  Output,
  row,
  select,
  sleep,
  table,
  textarea,
  usageLine,
} from '../ui';

/** The sample documents the panel offers (listed in samples/README.md). */
const SAMPLES = ['customer-email.en.txt', 'product-review.en.txt', 'study-review.ko.txt', 'soporte.es.txt'];
const STEPS = ['language', 'pii', 'sentiment', 'translate', 'summarize', 'speak'] as const;
const TARGETS = ['ko', 'en', 'ja', 'es'] as const;
const DONE = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);
const MAX_WAIT_MS = 30 * 60 * 1000;

const t = messages(PIPELINE);

function documentsTable(results: Json[]) {
  return table(
    [
      t('headDoc'),
      t('headStatus'),
      t('headLang'),
      t('headSentiment'),
      t('headPii'),
      t('headResult'),
      t('headCost'),
    ],
    results.map((r) => {
      const err = r.error as Json | undefined;
      const pii = (r.redacted as Array<{ type: string; count: number }> | undefined) ?? [];
      return [
        String(r.name),
        badge(String(r.status), r.status === 'ok' ? 'ok' : r.status === 'failed' ? 'bad' : 'info'),
        String((r.language as Json | undefined)?.code ?? ''),
        String(r.sentiment ?? ''),
        pii.map((p) => `${p.type} ×${p.count}`).join(', '),
        err
          ? h('span', { class: 'error-message' }, `${err.step}: ${err.error} — ${err.cause}`)
          : String(r.summary ?? r.translation ?? ''),
        typeof r.estimatedCostUsd === 'number' ? money(r.estimatedCostUsd) : '',
      ];
    }),
  );
}

function costTable(cost: Json) {
  const steps = (cost.steps ?? []) as Json[];
  const batch = cost.batch as Json | undefined;
  return [
    table(
      [t('headStep'), t('headUnits'), t('headCost')],
      [
        ...steps.map((s) => [String(s.step), `${s.quantity} ${s.unit}`, money(Number(s.costUsd))]),
        [h('strong', {}, t('total')), '', h('strong', { class: 'cost' }, money(Number(cost.totalUsd)))],
      ],
      t('costTitle'),
    ),
    batch
      ? h(
          'p',
          { class: 'meta' },
          t('batchSaved', {
            batch: money(Number(batch.batchUsd)),
            onDemand: money(Number(batch.onDemandUsd)),
          }),
        )
      : null,
  ];
}

export const mountPipeline: MountPanel = (body, ctx) => {
  const docs = SAMPLES.map((name) => ({ name, box: checkbox(name, true) }));
  const own = textarea('', 2, { 'aria-label': t('ownText') });
  const steps = STEPS.map((step) => ({ step, box: checkbox(t(`step.${step}`), step !== 'speak') }));
  const target = select(
    TARGETS.map((code) => [code, t(code)] as const),
    'ko',
  );
  const inference = select([
    ['realtime', t('realtime')],
    ['batch', t('batch')],
  ]);
  const repeat = input('number', '1', { min: '1', max: '25', 'aria-label': t('repeat') });
  inference.addEventListener('change', () => {
    repeat.value = inference.value === 'batch' ? '25' : '1';
  });
  const out = new Output(t('output'));

  const start = () => {
    void out.run(t('starting'), async () => {
      const chosen = docs.filter((d) => d.box.input.checked);
      const texts = await Promise.all(
        chosen.map(async (d) => ({ name: d.name, text: await (await sample(`pipeline/${d.name}`)).text() })),
      );
      if (own.value.trim()) texts.push({ name: 'my-text.txt', text: own.value.trim() });
      if (texts.length === 0) throw new Error(t('noDocs'));
      const picked = steps.filter((s) => s.box.input.checked).map((s) => s.step);
      if (picked.length === 0) throw new Error(t('noSteps'));
      const copies = Math.max(1, Math.min(25, Number(repeat.value) || 1));
      const documents = Array.from({ length: copies }, (_, k) =>
        texts.map((d) => ({ ...d, name: k === 0 ? d.name : d.name.replace(/(\.\w+)$/, `-${k + 1}$1`) })),
      ).flat();
      const started = await api('POST', '/pipeline/runs', {
        body: {
          documents,
          steps: picked,
          ...(picked.includes('translate') && { targetLanguage: target.value }),
          inference: inference.value,
        },
      });
      const runId = String(started.body.runId);
      const bar = h('progress', {
        'aria-label': t('progress'),
        max: Number(started.body.items) || 1,
        value: 0,
      });
      const line = h('p', { class: 'job-status' });
      out.show(
        h(
          'p',
          { class: 'meta' },
          t('started', {
            runId,
            items: Number(started.body.items),
            steps: (started.body.steps as string[]).join(', '),
          }),
        ),
        h('div', { class: 'job' }, bar, line),
      );
      const since = Date.now();
      let status: Json;
      for (;;) {
        status = (
          await api('GET', `/pipeline/runs/${encodeURIComponent(runId)}`, { query: { pageSize: '50' } })
        ).body;
        const items = (status.items ?? {}) as Json;
        const done = Number(items.done ?? items.ok ?? 0);
        const failed = Number(items.failed ?? 0);
        bar.max = Number(items.total) || bar.max;
        bar.value = done + failed;
        const phase = items.phase ? ` · ${items.phase}` : '';
        line.textContent =
          t('line', { status: String(status.status), done, failed, total: Number(items.total ?? 0) }) + phase;
        if (DONE.has(String(status.status))) break;
        if (Date.now() - since > MAX_WAIT_MS) {
          throw new Error(t('stillRunning', { status: String(status.status), minutes: MAX_WAIT_MS / 60000 }));
        }
        await sleep(ctx.pollIntervalMs);
      }
      return [
        h(
          'p',
          { class: 'verdict' },
          badge(String(status.status), status.status === 'SUCCEEDED' ? 'ok' : 'bad'),
        ),
        h('div', { class: 'job' }, bar, line),
        documentsTable((status.results ?? []) as Json[]),
        ...(status.cost ? costTable(status.cost as Json) : []),
        usageLine(status),
      ];
    });
  };

  body.append(
    form(
      start,
      h(
        'fieldset',
        {},
        h('legend', {}, t('documents')),
        ...docs.map((d) => d.box.el),
        field(t('ownText'), own),
      ),
      h('fieldset', {}, h('legend', {}, t('steps')), ...steps.map((s) => s.box.el)),
      row(
        field(t('target'), target),
        field(t('inference'), inference),
        field(t('repeat'), repeat, t('repeatHint')),
      ),
      actions(button(t('start'), { value: 'start' })),
    ),
    out.el,
  );
};
