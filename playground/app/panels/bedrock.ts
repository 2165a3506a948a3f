/**
 * Amazon Bedrock: Converse with a plain prompt or the four prompt elements (guardrail verdict,
 * tokens, estimated cost, the unverified-output notice), and RAG over the study notes with citations.
 */
import { api, type Json, sampleJson } from '../api';
import {
  actions,
  badge,
  button,
  field,
  form,
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
import { mountBedrockLive } from './bedrock-live';

const ELEMENTS = [
  ['instruction', 'Instruction (지침)'],
  ['context', 'Context (컨텍스트)'],
  ['inputData', 'Input data (입력 데이터)'],
  ['outputIndicator', 'Output indicator (출력 지표)'],
] as const;

interface Guardrail {
  applied: boolean;
  version?: string;
  intervened: boolean;
  reasons: { source: string; policy: string; type: string; action: string }[];
}

function guardrailVerdict(g: Guardrail | undefined): HTMLElement {
  const verdict = !g?.applied
    ? badge('not configured', 'info')
    : g.intervened
      ? badge('intervened', 'bad')
      : badge('passed', 'ok');
  return h(
    'div',
    { class: 'guardrail' },
    h(
      'p',
      { class: 'verdict' },
      'Guardrail ',
      verdict,
      g?.version ? h('span', { class: 'meta' }, ` version ${g.version}`) : null,
    ),
    g?.reasons.length
      ? h('ul', {}, ...g.reasons.map((r) => h('li', {}, `${r.source}: ${r.policy} ${r.type} → ${r.action}`)))
      : null,
  );
}

/** Model, tokens and estimated cost as a small definition list. */
function costs(body: Json): HTMLElement {
  const u = (body.usage ?? {}) as Json;
  const items: [string, string][] = [
    ['Model', String(body.modelId ?? '')],
    ['Stop reason', String(body.stopReason ?? '—')],
    ['Input tokens', String(u.inputTokens ?? 0)],
    ['Output tokens', String(u.outputTokens ?? 0)],
    ['Estimated cost', typeof u.estimatedCostUsd === 'number' ? money(u.estimatedCostUsd) : 'unknown'],
  ];
  return h(
    'dl',
    { class: 'facts' },
    ...items.flatMap(([k, v]) => [
      h('dt', {}, k),
      h('dd', { class: k === 'Estimated cost' ? 'cost' : '' }, v),
    ]),
  );
}

function unverified(body: Json): HTMLElement | null {
  if (body.verified !== false) return null;
  return notice(
    'warn',
    h('strong', {}, 'verified: false. '),
    String(body.notice ?? 'Unverified model output.'),
  );
}

function renderConverse(body: Json, latencyMs?: number): Node[] {
  const outputs = (body.outputs ?? []) as { text: string }[];
  const nodes: (Node | null)[] = [
    heading('Answer'),
    outputs.length > 1
      ? h(
          'div',
          {},
          h('ol', { class: 'samples' }, ...outputs.map((o) => h('li', { class: 'answer' }, o.text))),
          h(
            'p',
            { class: 'meta' },
            `${body.distinctOutputs} distinct of ${outputs.length} runs. `,
            String(body.nonDeterminism ?? ''),
          ),
        )
      : h('div', { class: 'answer' }, String(body.text ?? '')),
    unverified(body),
    guardrailVerdict(body.guardrail as Guardrail | undefined),
    costs(body),
    typeof body.assembledPrompt === 'string'
      ? h('details', {}, h('summary', {}, 'The prompt as sent'), h('pre', {}, body.assembledPrompt))
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
    heading('Answer'),
    h('div', { class: 'answer' }, String(body.answer ?? '')),
    unverified(body),
    heading(`Citations (${citations.length})`),
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
                c.citedInAnswer ? badge('cited', 'ok') : badge('not cited', 'info'),
              ),
              h('blockquote', {}, c.excerpt),
              h('p', { class: 'meta' }, `score ${c.score}`),
            ),
          ),
        )
      : h('p', {}, 'No passage of the notes matched, so the model was not called.'),
    h(
      'p',
      { class: 'meta' },
      `Retrieval: ${retrieval.method ?? ''}; top ${retrieval.topK ?? ''}, found ${retrieval.found ?? 0}.`,
    ),
    typeof body.rag === 'string' ? notice('info', body.rag) : null,
    body.guardrail ? guardrailVerdict(body.guardrail as Guardrail) : null,
    costs(body),
    usageLine(body, latencyMs),
  ];
  return nodes.filter((n): n is Node => n !== null);
}

export const mountBedrock: MountPanel = (body) => {
  // --- Converse
  const samples = select([
    ['prompts/four-elements.json', 'Four prompt elements: classify a review'],
    ['prompts/journalist-summary.en.json', 'Journalist summary (English)'],
    ['prompts/journalist-summary.ko.json', 'Journalist summary (Korean)'],
    ['prompts/plain-prompt.json', 'Plain prompt: what is a foundation model?'],
    ['prompts/non-determinism.json', 'Non-determinism: three runs at temperature 1'],
    ['prompts/guardrail-trigger.json', 'Guardrail trigger: prompt attack and a card number'],
  ]);
  const style = select([
    ['elements', 'The four prompt elements'],
    ['plain', 'A plain prompt'],
  ]);
  const prompt = textarea('', 3);
  const plainGroup = h('div', { class: 'group' }, field('Prompt', prompt));
  const elements = Object.fromEntries(ELEMENTS.map(([k]) => [k, textarea('', 2)])) as Record<
    (typeof ELEMENTS)[number][0],
    HTMLTextAreaElement
  >;
  const elementsGroup = h(
    'div',
    { class: 'group' },
    ...ELEMENTS.map(([k, label]) => field(label, elements[k])),
  );
  const system = input('text', '', { placeholder: 'Optional, e.g. You are a concise tutor.' });
  const temperature = input('number', '', { min: 0, max: 1, step: 0.1, placeholder: 'model default' });
  const maxTokens = input('number', '', { min: 1, max: 8192, placeholder: 'stack cap' });
  const runs = select([
    ['1', '1'],
    ['2', '2'],
    ['3', '3'],
  ]);
  const out = new Output('Bedrock Converse results');

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
    void out.run('Calling Amazon Bedrock…', async () => {
      const reply = await api('POST', '/bedrock/converse', { body: request });
      return renderConverse(reply.body, reply.latencyMs);
    });
  };

  // --- Ask the notes (RAG)
  const questionSamples = select([
    ['prompts/ask-notes.json', 'English: the four elements of a prompt'],
    ['prompts/ask-notes.ko.json', 'Korean: batch vs real-time inference'],
  ]);
  const question = input('text', '');
  const topK = select(
    ['1', '2', '3', '4', '5'].map((n) => [n, n]),
    '3',
  );
  const askOut = new Output('Ask the notes results');
  const loadQuestion = async () => {
    question.value = (await sampleJson<{ question: string }>(questionSamples.value)).question;
  };
  questionSamples.addEventListener('change', () => void loadQuestion().catch((e) => askOut.error(e)));
  void loadQuestion().catch((e) => askOut.error(e));

  const ask = () => {
    void askOut.run('Searching the notes and asking the model…', async () => {
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
        field('Sample prompt', samples),
        field('Prompt style', style),
        plainGroup,
        elementsGroup,
        field('System prompt', system),
        row(
          field('Temperature (0–1)', temperature),
          field('Max tokens', maxTokens),
          field('Runs', runs, 'Up to 3, to compare answers (non-determinism, 비결정성); tokens add up.'),
        ),
        actions(button('Converse', { value: 'converse' })),
      ),
      out.el,
    ),
    section(
      'Ask the notes (RAG)',
      form(
        ask,
        field('Sample question', questionSamples),
        row(field('Question', question), field('Passages', topK)),
        actions(button('Ask the notes', { value: 'ask' })),
      ),
      askOut.el,
    ),
  );
  mountBedrockLive(body);
};
