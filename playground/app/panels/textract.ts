/**
 * Amazon Textract: a single page analysed synchronously (lines, key/values, tables, query
 * answers), and a multi-page PDF as an asynchronous job (upload, start, poll).
 */
import { api, type Json, toBase64, uploadFile } from '../api';
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
function documentTable(t: NonNullable<Doc['tables']>[number], i: number): HTMLElement {
  const [head = [], ...rows] = t.rows;
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'doc-table' },
      h('caption', {}, t.title ?? `Table ${i + 1} · page ${t.page} · ${conf(t.confidence)}`),
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
      [doc.operation, doc.pages !== undefined && `${doc.pages} page(s)`].filter(Boolean).join(' · '),
    ),
  ];
  if (doc.queries?.length) {
    nodes.push(
      heading('Query answers'),
      table(
        ['Question', 'Answer', 'Confidence'],
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
      heading('Key / value pairs'),
      table(
        ['Key', 'Value', 'Confidence'],
        doc.keyValues.map((kv) => [kv.key, kv.value, conf(kv.confidence)]),
      ),
    );
  }
  if (doc.tables?.length) nodes.push(heading('Tables'), ...doc.tables.map(documentTable));
  const lines = doc.lines ?? [];
  nodes.push(
    h(
      'details',
      { class: 'lines', open: !doc.tables?.length && !doc.keyValues?.length },
      h('summary', {}, `${lines.length} lines of text`),
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
    legend: 'Document',
    samples: [
      ['invoice-form.png', 'invoice-form.png (an invoice with a table)'],
      ['invoice-form.jpg', 'invoice-form.jpg (the same, as JPEG)'],
      ['one-page.pdf', 'one-page.pdf'],
    ],
    accept: 'image/png,image/jpeg,image/tiff,application/pdf',
    ownHint: 'PNG, JPEG, TIFF or a single-page PDF, up to about 4.4 MB.',
  });
  const tables = checkbox('Tables', true);
  const forms = checkbox('Forms (key / value)', true);
  const queries = checkbox('Queries', true);
  const questions = textarea('What is the total?\nWhat is the invoice number?', 2);
  const out = new Output('Textract results');

  const analyze = (action: string) => {
    void out.run('Calling Amazon Textract…', async () => {
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
    legend: 'Multi-page document',
    samples: [['two-page.pdf', 'two-page.pdf']],
    accept: 'application/pdf,image/tiff',
    ownHint: 'PDF or TIFF; uploaded to the demo’s bucket with a presigned POST.',
  });
  const mode = select([
    ['text', 'Text (StartDocumentTextDetection)'],
    ['analyze', 'Tables and forms (StartDocumentAnalysis)'],
  ]);
  const jobOut = new Output('Textract job results');

  const startJob = () => {
    void jobOut.run('Uploading the document…', async () => {
      const file = await pdf.get();
      const { key } = await uploadFile('textract', file);
      const features = mode.value === 'analyze' ? ['TABLES', 'FORMS'] : undefined;
      const started = await api('POST', '/textract/jobs', { body: { key, mode: mode.value, features } });
      const jobId = String(started.body.jobId);
      jobOut.show(h('p', { class: 'meta' }, `Uploaded as ${key}. Job ${jobId.slice(0, 12)}… started.`));
      const done = await waitForJob(
        jobOut,
        'Textract job',
        () =>
          api('GET', `/textract/jobs/${encodeURIComponent(jobId)}`, {
            query: { mode: mode.value, features: features?.join(',') },
          }),
        ctx.pollIntervalMs,
      );
      const outcome = jobOutcome(done.body);
      return [
        h('p', { class: 'verdict' }, 'Job ', badge(outcome.text, outcome.ok ? 'ok' : 'bad')),
        done.progress,
        ...renderDocument(done.body as Doc),
        usageLine(done.body, done.latencyMs),
      ];
    });
  };

  body.append(
    section(
      'Single page (real-time)',
      form(
        analyze,
        doc.el,
        h(
          'fieldset',
          { class: 'checks' },
          h('legend', {}, 'Analyze features'),
          tables.el,
          forms.el,
          queries.el,
        ),
        field('Questions (queries)', questions, 'One per line, English; ALIAS=question sets an alias.'),
        actions(
          button('Analyze', { value: 'analyze' }),
          button('Detect text only', { value: 'text', kind: 'secondary' }),
        ),
      ),
      out.el,
    ),
    section(
      'Multi-page job (batch)',
      form(startJob, pdf.el, field('Mode', mode), actions(button('Upload and start job', { value: 'job' }))),
      jobOut.el,
    ),
  );
};
