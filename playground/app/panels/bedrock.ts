/**
 * Amazon Bedrock: Converse with a plain prompt or the four prompt elements (guardrail verdict,
 * tokens, estimated cost, the unverified-output notice), and RAG over the study notes with citations;
 * the stream, the comparison (bedrock-live.ts) and a document read by a multimodal model
 * (bedrock-document.ts) follow.
 */
import { api, type Json, sampleJson } from '../api';
import { messages } from '../i18n';
import { BEDROCK } from '../messages/bedrock';
import {
  actions,
  badge,
  button,
  field,
  form,
  fromApi,
  h,
  heading,
  input,
  type MountPanel,
  money,
  notice,
  Output,
  row,
  section,
  select,
  textarea,
  usageLine,
} from '../ui';
import { mountBedrockDocument } from './bedrock-document';
import { mountBedrockLive } from './bedrock-live';

const t = messages(BEDROCK);

/** The four prompt elements: request field and its label's key. */
const ELEMENTS = [
  ['instruction', 'instruction'],
  ['context', 'context'],
  ['inputData', 'inputData'],
  ['outputIndicator', 'outputIndicator'],
] as const;

interface Guardrail {
  applied: boolean;
  version?: string;
  intervened: boolean;
  reasons: { source: string; policy: string; type: string; action: string }[];
}

function guardrailVerdict(g: Guardrail | undefined): HTMLElement {
  const verdict = !g?.applied
    ? badge(t('notConfigured'), 'info')
    : g.intervened
      ? badge(t('intervened'), 'bad')
      : badge(t('passed'), 'ok');
  return h(
    'div',
    { class: 'guardrail' },
    h(
      'p',
      { class: 'verdict' },
      t('guardrail'),
      verdict,
      g?.version ? h('span', { class: 'meta' }, t('version', { version: g.version })) : null,
    ),
    g?.reasons.length
      ? h('ul', {}, ...g.reasons.map((r) => h('li', {}, `${r.source}: ${r.policy} ${r.type} → ${r.action}`)))
      : null,
  );
}

/** Model, tokens and estimated cost as a small definition list. */
function costs(body: Json): HTMLElement {
  const u = (body.usage ?? {}) as Json;
  const cost = typeof u.estimatedCostUsd === 'number' ? money(u.estimatedCostUsd) : t('unknown');
  const items: [string, string, string][] = [
    [t('model'), String(body.modelId ?? ''), ''],
    [t('stopReason'), String(body.stopReason ?? '—'), ''],
    [t('inputTokens'), String(u.inputTokens ?? 0), ''],
    [t('outputTokens'), String(u.outputTokens ?? 0), ''],
    [t('estimatedCost'), cost, 'cost'],
  ];
  return h(
    'dl',
    { class: 'facts' },
    ...items.flatMap(([k, v, tone]) => [h('dt', {}, k), h('dd', { class: tone }, v)]),
  );
}

function unverified(body: Json): HTMLElement | null {
  if (body.verified !== false) return null;
  return notice(
    'warn',
    h('strong', {}, 'verified: false. '),
    typeof body.notice === 'string' ? fromApi(body.notice) : t('unverifiedDefault'),
  );
}

function renderConverse(body: Json, latencyMs?: number): Node[] {
  const outputs = (body.outputs ?? []) as { text: string }[];
  const nodes: (Node | null)[] = [
    heading(t('answer')),
    outputs.length > 1
      ? h(
          'div',
          {},
          h('ol', { class: 'samples' }, ...outputs.map((o) => h('li', { class: 'answer' }, o.text))),
          h(
            'p',
            { class: 'meta' },
            t('distinct', { distinct: Number(body.distinctOutputs), runs: outputs.length }),
            fromApi(String(body.nonDeterminism ?? '')),
          ),
        )
      : h('div', { class: 'answer' }, String(body.text ?? '')),
    unverified(body),
    guardrailVerdict(body.guardrail as Guardrail | undefined),
    costs(body),
    typeof body.assembledPrompt === 'string'
      ? h('details', {}, h('summary', {}, t('promptAsSent')), h('pre', {}, body.assembledPrompt))
      : null,
    usageLine(body, latencyMs),
  ];
  return nodes.filter((n): n is Node => n !== null);
}

function renderAsk(body: Json, latencyMs?: number): Node[] {
  const citations = (body.citations ?? []) as {
    n: number;
    heading: string;
    excerpt: string;
    score: number;
    citedInAnswer: boolean;
  }[];
  const retrieval = (body.retrieval ?? {}) as Json;
  const nodes: (Node | null)[] = [
    heading(t('answer')),
    h('div', { class: 'answer' }, String(body.answer ?? '')),
    unverified(body),
    heading(t('citations', { count: citations.length })),
    citations.length
      ? h(
          'ol',
          { class: 'citations' },
          ...citations.map((c) =>
            h(
              'li',
              {},
              h(
                'p',
                {},
                h('strong', {}, `[${c.n}] ${c.heading}`),
                ' ',
                c.citedInAnswer ? badge(t('cited'), 'ok') : badge(t('notCited'), 'info'),
              ),
              h('blockquote', {}, c.excerpt),
              h('p', { class: 'meta' }, t('score', { score: c.score })),
            ),
          ),
        )
      : h('p', {}, t('noPassage')),
    h(
      'p',
      { class: 'meta' },
      t('retrieval', {
        method: String(retrieval.method ?? ''),
        topK: String(retrieval.topK ?? ''),
        found: Number(retrieval.found ?? 0),
      }),
    ),
    typeof body.rag === 'string' ? notice('info', fromApi(body.rag)) : null,
    body.guardrail ? guardrailVerdict(body.guardrail as Guardrail) : null,
    costs(body),
    usageLine(body, latencyMs),
  ];
  return nodes.filter((n): n is Node => n !== null);
}

export const mountBedrock: MountPanel = (body) => {
  // --- Converse
  const samples = select([
    ['prompts/four-elements.json', t('sampleFourElements')],
    ['prompts/journalist-summary.en.json', t('sampleJournalistEn')],
    ['prompts/journalist-summary.ko.json', t('sampleJournalistKo')],
    ['prompts/plain-prompt.json', t('samplePlain')],
    ['prompts/non-determinism.json', t('sampleNonDeterminism')],
    ['prompts/guardrail-trigger.json', t('sampleGuardrail')],
  ]);
  const style = select([
    ['elements', t('styleElements')],
    ['plain', t('stylePlain')],
  ]);
  const prompt = textarea('', 3);
  const plainGroup = h('div', { class: 'group' }, field(t('prompt'), prompt));
  const elements = Object.fromEntries(ELEMENTS.map(([k]) => [k, textarea('', 2)])) as Record<
    (typeof ELEMENTS)[number][0],
    HTMLTextAreaElement
  >;
  const elementsGroup = h(
    'div',
    { class: 'group' },
    ...ELEMENTS.map(([k, label]) => field(t(label), elements[k])),
  );
  const system = input('text', '', { placeholder: t('systemPlaceholder') });
  const temperature = input('number', '', {
    min: 0,
    max: 1,
    step: 0.1,
    placeholder: t('temperaturePlaceholder'),
  });
  const maxTokens = input('number', '', { min: 1, max: 8192, placeholder: t('maxTokensPlaceholder') });
  const runs = select([
    ['1', '1'],
    ['2', '2'],
    ['3', '3'],
  ]);
  const out = new Output(t('output'));

  const showStyle = () => {
    plainGroup.hidden = style.value !== 'plain';
    elementsGroup.hidden = style.value === 'plain';
  };
  style.addEventListener('change', showStyle);
  const load = async () => {
    const s = await sampleJson<Record<string, string | number | undefined>>(samples.value);
    style.value = s.prompt ? 'plain' : 'elements';
    prompt.value = String(s.prompt ?? '');
    for (const [k] of ELEMENTS) elements[k].value = String(s[k] ?? '');
    temperature.value = s.temperature === undefined ? '' : String(s.temperature);
    maxTokens.value = s.maxTokens === undefined ? '' : String(s.maxTokens);
    runs.value = String(s.samples ?? 1);
    showStyle();
  };
  samples.addEventListener('change', () => void load().catch((e) => out.error(e)));
  void load().catch((e) => out.error(e));

  const converse = () => {
    const request: Json = {};
    if (style.value === 'plain') request.prompt = prompt.value;
    else for (const [k] of ELEMENTS) if (elements[k].value.trim()) request[k] = elements[k].value;
    if (system.value.trim()) request.system = system.value;
    if (temperature.value !== '') request.temperature = Number(temperature.value);
    if (maxTokens.value !== '') request.maxTokens = Number(maxTokens.value);
    request.samples = Number(runs.value);
    void out.run(t('calling'), async () => {
      const reply = await api('POST', '/bedrock/converse', { body: request });
      return renderConverse(reply.body, reply.latencyMs);
    });
  };

  // --- Ask the notes (RAG)
  const questionSamples = select([
    ['prompts/ask-notes.json', t('askEnglish')],
    ['prompts/ask-notes.ko.json', t('askKorean')],
  ]);
  const question = input('text', '');
  const topK = select(
    ['1', '2', '3', '4', '5'].map((n) => [n, n]),
    '3',
  );
  const askOut = new Output(t('askOutput'));
  const loadQuestion = async () => {
    question.value = (await sampleJson<{ question: string }>(questionSamples.value)).question;
  };
  questionSamples.addEventListener('change', () => void loadQuestion().catch((e) => askOut.error(e)));
  void loadQuestion().catch((e) => askOut.error(e));

  const ask = () => {
    void askOut.run(t('searching'), async () => {
      const reply = await api('POST', '/bedrock/ask-notes', {
        body: { question: question.value, topK: Number(topK.value) },
      });
      return renderAsk(reply.body, reply.latencyMs);
    });
  };

  body.append(
    section(
      'Converse',
      form(
        converse,
        field(t('samplePrompt'), samples),
        field(t('promptStyle'), style),
        plainGroup,
        elementsGroup,
        field(t('systemPrompt'), system),
        row(
          field(t('temperature'), temperature),
          field(t('maxTokens'), maxTokens),
          field(t('runs'), runs, t('runsHint')),
        ),
        actions(button(t('converse'), { value: 'converse' })),
      ),
      out.el,
    ),
    section(
      t('askTitle'),
      form(
        ask,
        field(t('sampleQuestion'), questionSamples),
        row(field(t('question'), question), field(t('passages'), topK)),
        actions(button(t('ask'), { value: 'ask' })),
      ),
      askOut.el,
    ),
  );
  mountBedrockLive(body);
  mountBedrockDocument(body);
};
