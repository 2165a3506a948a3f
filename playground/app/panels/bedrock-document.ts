/**
 * Bedrock, a document read by a multimodal model (POST /bedrock/read-document; 비정형 → 정형, 멀티모달 모델):
 * an image or PDF, the prompt elements and an optional output schema; the fields come back as a table,
 * with whether they match the schema, the guardrail's verdict, tokens, cost and `verified: false`.
 */
import { api, type Json, sampleJson, toBase64 } from '../api';
import { messages } from '../i18n';
import { BEDROCK_DOCUMENT } from '../messages/bedrock';
import {
  actions,
  badge,
  button,
  field,
  fileChoice,
  form,
  fromApi,
  h,
  heading,
  money,
  notice,
  Output,
  section,
  select,
  table,
  textarea,
  usageLine,
} from '../ui';

const t = messages(BEDROCK_DOCUMENT);

interface Structured {
  parsed: boolean;
  valid?: boolean;
  reason?: string;
  errors?: { path: string; message: string }[];
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function renderDocumentReading(body: Json, latencyMs?: number): Node[] {
  const s = (body.structured ?? { parsed: false }) as Structured;
  const fields = (body.fields ?? undefined) as Json | undefined;
  const g = body.guardrail as { applied?: boolean; intervened?: boolean } | undefined;
  const u = (body.usage ?? {}) as Json;
  const estimate = (body.estimate ?? {}) as Json;
  const verdict = !s.parsed
    ? badge(t('noFieldsShort'), 'bad')
    : s.valid === false
      ? badge(t('schemaBroken'), 'bad')
      : s.valid
        ? badge(t('schemaValid'), 'ok')
        : badge(t('noSchema'), 'info');
  const nodes: (Node | null)[] = [
    heading(t('fields')),
    fields
      ? table(
          [t('field'), t('value')],
          Object.entries(fields).map(([k, v]) => [k, show(v)]),
        )
      : h('p', {}, t('noFields', { reason: String(s.reason ?? '') })),
    h('p', { class: 'verdict' }, t('structured'), verdict),
    s.errors?.length
      ? h('ul', { class: 'schema-errors' }, ...s.errors.map((e) => h('li', {}, `${e.path}: ${e.message}`)))
      : null,
    body.verified === false
      ? notice(
          'warn',
          h('strong', {}, 'verified: false. '),
          typeof body.notice === 'string' ? fromApi(body.notice) : t('unverifiedDefault'),
        )
      : null,
    h(
      'p',
      { class: 'verdict' },
      t('guardrail'),
      !g?.applied
        ? badge(t('notConfigured'), 'info')
        : g.intervened
          ? badge(t('intervened'), 'bad')
          : badge(t('passed'), 'ok'),
    ),
    h(
      'dl',
      { class: 'facts' },
      ...(
        [
          [t('model'), String(body.modelId ?? ''), ''],
          [t('inputTokens'), String(u.inputTokens ?? 0), ''],
          [t('outputTokens'), String(u.outputTokens ?? 0), ''],
          [
            t('estimatedCost'),
            typeof u.estimatedCostUsd === 'number' ? money(u.estimatedCostUsd) : t('unknown'),
            'cost',
          ],
        ] as const
      ).flatMap(([k, v, tone]) => [h('dt', {}, k), h('dd', { class: tone }, v)]),
    ),
    typeof estimate.imageTokens === 'number'
      ? h(
          'p',
          { class: 'meta' },
          t('estimate', {
            image: estimate.imageTokens,
            cost: typeof estimate.maxCostUsd === 'number' ? money(estimate.maxCostUsd) : t('unknown'),
          }),
        )
      : null,
    typeof body.assembledPrompt === 'string'
      ? h('details', {}, h('summary', {}, t('promptAsSent')), h('pre', {}, body.assembledPrompt))
      : null,
    usageLine(body, latencyMs),
  ];
  return nodes.filter((n): n is Node => n !== null);
}

export function mountBedrockDocument(body: HTMLElement): void {
  const doc = fileChoice({
    legend: t('document'),
    samples: [
      ['invoice-form.ko.png', t('sampleKorean')],
      ['invoice-form.png', t('sampleEnglish')],
      ['one-page.pdf', t('samplePdf')],
    ],
    accept: 'image/png,image/jpeg,application/pdf',
    ownHint: t('ownHint'),
  });
  const requests = select([
    ['prompts/read-invoice.ko.json', t('requestKorean')],
    ['prompts/read-invoice.en.json', t('requestEnglish')],
  ]);
  const instruction = textarea('', 2);
  const context = textarea('', 2);
  const schema = textarea('', 8, { spellcheck: 'false' });
  const out = new Output(t('output'));
  const extra: Json = {};

  const load = async () => {
    const r = await sampleJson<Json>(requests.value);
    instruction.value = String(r.instruction ?? '');
    context.value = String(r.context ?? '');
    schema.value = r.outputSchema ? JSON.stringify(r.outputSchema, null, 2) : '';
    for (const k of ['temperature', 'maxTokens']) extra[k] = r[k];
  };
  requests.addEventListener('change', () => void load().catch((e) => out.error(e)));
  void load().catch((e) => out.error(e));

  const read = () => {
    void out.run(t('calling'), async () => {
      let outputSchema: unknown;
      if (schema.value.trim()) {
        try {
          outputSchema = JSON.parse(schema.value);
        } catch {
          throw new Error(t('schemaInvalid'));
        }
      }
      const request: Json = { document: await toBase64(await doc.get()) };
      if (instruction.value.trim()) request.instruction = instruction.value;
      if (context.value.trim()) request.context = context.value;
      if (outputSchema !== undefined) request.outputSchema = outputSchema;
      for (const [k, v] of Object.entries(extra)) if (v !== undefined) request[k] = v;
      const reply = await api('POST', '/bedrock/read-document', { body: request });
      return renderDocumentReading(reply.body, reply.latencyMs);
    });
  };

  body.append(
    section(
      t('title'),
      form(
        read,
        doc.el,
        field(t('request'), requests),
        field(t('instruction'), instruction),
        field(t('context'), context),
        field(t('schema'), schema, t('schemaHint')),
        actions(button(t('read'), { value: 'read-document' })),
      ),
      out.el,
    ),
  );
}
