/**
 * Amazon Textract: a single page analysed synchronously (lines, key/values, tables, query
 * answers), and a multi-page PDF as an asynchronous job (upload, start, poll).
 */
import { api, type Json, toBase64, uploadFile } from '../api';
import { messages } from '../i18n';
import { TEXTRACT } from '../messages/textract';
import {
  actions,
  badge,
  button,
  checkbox,
  field,
  fileChoice,
  form,
  h,
  heading,
  type MountPanel,
  Output,
  section,
  select,
  table,
  textarea,
  usageLine,
} from '../ui';
import { jobOutcome, waitForJob } from './jobs';

const t = messages(TEXTRACT);

interface Doc {
  pages?: number;
  operation?: string;
  lines?: { text: string; confidence: number; page: number }[];
  keyValues?: { key: string; value: string; confidence: number; page: number }[];
  tables?: { page: number; rows: string[][]; confidence: number; title?: string }[];
  queries?: { query: string; alias?: string; answer?: string; confidence?: number }[];
}

const conf = (n: number | undefined) => (n === undefined ? '' : `${n.toFixed(1)}%`);

/** A table Textract found, as an HTML table: its first row as the header. */
function documentTable(table: NonNullable<Doc['tables']>[number], i: number): HTMLElement {
  const [head = [], ...rows] = table.rows;
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'doc-table' },
      h(
        'caption',
        {},
        table.title ?? t('tableCaption', { n: i + 1, page: table.page, confidence: conf(table.confidence) }),
      ),
      h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
    ),
  );
}

/** What Textract read, most structured first: answers, key/values, tables, then every line. */
function renderDocument(doc: Doc): Node[] {
  const nodes: Node[] = [
    h(
      'p',
      { class: 'meta' },
      [doc.operation, doc.pages !== undefined && t('pages', { count: doc.pages })]
        .filter(Boolean)
        .join(' · '),
    ),
  ];
  if (doc.queries?.length) {
    nodes.push(
      heading(t('queryAnswers')),
      table(
        [t('question'), t('answer'), t('confidence')],
        doc.queries.map((q) => [
          q.alias ? `${q.query} (${q.alias})` : q.query,
          q.answer ?? '—',
          conf(q.confidence),
        ]),
      ),
    );
  }
  if (doc.keyValues?.length) {
    nodes.push(
      heading(t('keyValues')),
      table(
        [t('key'), t('value'), t('confidence')],
        doc.keyValues.map((kv) => [kv.key, kv.value, conf(kv.confidence)]),
      ),
    );
  }
  if (doc.tables?.length) nodes.push(heading(t('tables')), ...doc.tables.map(documentTable));
  const lines = doc.lines ?? [];
  nodes.push(
    h(
      'details',
      { class: 'lines', open: !doc.tables?.length && !doc.keyValues?.length },
      h('summary', {}, t('linesOfText', { count: lines.length })),
      h(
        'ol',
        {},
        ...lines.map((l) =>
          h('li', {}, l.text, h('span', { class: 'meta' }, ` p.${l.page} · ${conf(l.confidence)}`)),
        ),
      ),
    ),
  );
  return nodes;
}

export const mountTextract: MountPanel = (body, ctx) => {
  // --- Single page, synchronous
  const doc = fileChoice({
    legend: t('document'),
    samples: [
      ['invoice-form.png', t('sampleInvoicePng')],
      ['invoice-form.jpg', t('sampleInvoiceJpg')],
      ['one-page.pdf', 'one-page.pdf'],
    ],
    accept: 'image/png,image/jpeg,image/tiff,application/pdf',
    ownHint: t('ownHint'),
  });
  const tables = checkbox(t('tablesFeature'), true);
  const forms = checkbox(t('formsFeature'), true);
  const queries = checkbox(t('queriesFeature'), true);
  const questions = textarea('What is the total?\nWhat is the invoice number?', 2);
  const out = new Output(t('output'));

  const analyze = (action: string) => {
    void out.run(t('calling'), async () => {
      const document = await toBase64(await doc.get());
      if (action === 'text') {
        const reply = await api('POST', '/textract/text', { body: { document } });
        return [...renderDocument(reply.body as Doc), usageLine(reply.body, reply.latencyMs)];
      }
      const features = [
        tables.input.checked && 'TABLES',
        forms.input.checked && 'FORMS',
        queries.input.checked && 'QUERIES',
      ].filter((f): f is string => Boolean(f));
      const asked = questions.value
        .split('\n')
        .map((q) => q.trim())
        .filter(Boolean)
        .map((q) => {
          const m = /^([A-Z][A-Z0-9_]*)=(.+)$/.exec(q);
          return m ? { alias: m[1], text: m[2] } : { text: q };
        });
      const request: Json = { document, features };
      if (features.includes('QUERIES')) request.queries = asked;
      const reply = await api('POST', '/textract/analyze', { body: request });
      return [...renderDocument(reply.body as Doc), usageLine(reply.body, reply.latencyMs)];
    });
  };

  // --- Multi-page, asynchronous job
  const pdf = fileChoice({
    legend: t('multiPage'),
    samples: [['two-page.pdf', 'two-page.pdf']],
    accept: 'application/pdf,image/tiff',
    ownHint: t('multiPageHint'),
  });
  const mode = select([
    ['text', t('modeText')],
    ['analyze', t('modeAnalyze')],
  ]);
  const jobOut = new Output(t('jobOutput'));

  const startJob = () => {
    void jobOut.run(t('uploading'), async () => {
      const file = await pdf.get();
      const { key } = await uploadFile('textract', file);
      const features = mode.value === 'analyze' ? ['TABLES', 'FORMS'] : undefined;
      const started = await api('POST', '/textract/jobs', { body: { key, mode: mode.value, features } });
      const jobId = String(started.body.jobId);
      jobOut.show(h('p', { class: 'meta' }, t('started', { key, job: jobId.slice(0, 12) })));
      const done = await waitForJob(
        jobOut,
        t('jobName'),
        () =>
          api('GET', `/textract/jobs/${encodeURIComponent(jobId)}`, {
            query: { mode: mode.value, features: features?.join(',') },
          }),
        ctx.pollIntervalMs,
      );
      const outcome = jobOutcome(done.body);
      return [
        h('p', { class: 'verdict' }, t('job'), badge(outcome.text, outcome.ok ? 'ok' : 'bad')),
        done.progress,
        ...renderDocument(done.body as Doc),
        usageLine(done.body, done.latencyMs),
      ];
    });
  };

  body.append(
    section(
      t('singlePage'),
      form(
        analyze,
        doc.el,
        h('fieldset', { class: 'checks' }, h('legend', {}, t('features')), tables.el, forms.el, queries.el),
        field(t('questions'), questions, t('questionsHint')),
        actions(
          button(t('analyze'), { value: 'analyze' }),
          button(t('detectText'), { value: 'text', kind: 'secondary' }),
        ),
      ),
      out.el,
    ),
    section(
      t('multiPageJob'),
      form(startJob, pdf.el, field(t('mode'), mode), actions(button(t('uploadAndStart'), { value: 'job' }))),
      jobOut.el,
    ),
  );
};
