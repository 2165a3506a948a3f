/** Amazon Comprehend: sentiment, entities, key phrases, language, PII and toxicity of one text. */
import { api, type Json, sampleJson } from '../api';
import {
  actions,
  badge,
  bar,
  button,
  field,
  form,
  h,
  heading,
  type MountPanel,
  notice,
  Output,
  pct,
  select,
  table,
  textarea,
  usageLine,
} from '../ui';

interface Span {
  readonly beginOffset?: number;
  readonly endOffset?: number;
  readonly type?: string;
  readonly text?: string;
  readonly score?: number;
}

/** The text with each span marked (offsets as Comprehend counts them). */
function highlight(text: string, spans: readonly Span[]): HTMLElement {
  const p = h('p', { class: 'marked-text' });
  let at = 0;
  const sorted = [...spans]
    .filter((s) => s.beginOffset !== undefined && s.endOffset !== undefined)
    .sort((a, b) => a.beginOffset! - b.beginOffset!);
  for (const s of sorted) {
    if (s.beginOffset! < at) continue;
    p.append(text.slice(at, s.beginOffset));
    p.append(
      h(
        'mark',
        {},
        text.slice(s.beginOffset, s.endOffset),
        s.type ? h('span', { class: 'mark-type' }, s.type) : null,
      ),
    );
    at = s.endOffset!;
  }
  p.append(text.slice(at));
  return p;
}

const score = (n: unknown) => (typeof n === 'number' ? pct(n) : '');

function render(action: string, text: string, body: Json): (Node | null)[] {
  switch (action) {
    case 'sentiment': {
      const scores = body.scores as Record<string, number>;
      const tone = { POSITIVE: 'ok', NEGATIVE: 'bad', MIXED: 'warn' }[String(body.sentiment)] as 'ok';
      return [
        h('p', { class: 'verdict' }, 'Sentiment ', badge(String(body.sentiment), tone ?? 'info')),
        h(
          'div',
          { class: 'bars' },
          ...Object.entries(scores).map(([k, v]) => bar(k, v, k === 'negative' ? 'bad' : '')),
        ),
      ];
    }
    case 'entities': {
      const entities = body.entities as Span[];
      return [
        highlight(text, entities),
        table(
          ['Entity', 'Type', 'Score'],
          entities.map((e) => [e.text ?? '', e.type ?? '', score(e.score)]),
          `${entities.length} entities`,
        ),
      ];
    }
    case 'key-phrases': {
      const phrases = body.keyPhrases as Span[];
      return [
        highlight(text, phrases),
        table(
          ['Key phrase', 'Score'],
          phrases.map((k) => [k.text ?? '', score(k.score)]),
          `${phrases.length} key phrases`,
        ),
      ];
    }
    case 'language': {
      const langs = body.languages as { languageCode: string; score: number }[];
      return [h('div', { class: 'bars' }, ...langs.map((l) => bar(l.languageCode, l.score)))];
    }
    case 'pii': {
      const entities = body.entities as Span[];
      return [
        h(
          'p',
          { class: 'verdict' },
          'Personal data ',
          body.containsPii ? badge('found', 'warn') : badge('none found', 'ok'),
        ),
        heading('Redacted text'),
        h('p', { class: 'redacted' }, String(body.redactedText ?? '')),
        table(
          ['Type', 'Characters', 'Score'],
          entities.map((e) => [e.type ?? '', `${e.beginOffset}–${e.endOffset}`, score(e.score)]),
          `${entities.length} PII entities`,
        ),
      ];
    }
    case 'toxicity': {
      const segments = text.split('\n').filter((s) => s.trim());
      const results = body.results as { segment: number; toxicity: number; labels: Span[] }[];
      return [
        h(
          'ol',
          { class: 'segments' },
          ...results.map((r) =>
            h(
              'li',
              {},
              h('q', {}, segments[r.segment] ?? text),
              bar('toxicity', r.toxicity, r.toxicity >= 0.5 ? 'bad' : 'ok'),
              h(
                'p',
                { class: 'meta' },
                r.labels
                  .filter((l) => (l.score ?? 0) >= 0.1)
                  .map((l) => `${(l as { name?: string }).name} ${score(l.score)}`)
                  .join(' · ') || 'No label above 10%',
              ),
            ),
          ),
        ),
        typeof body.notice === 'string' ? notice('info', body.notice) : null,
      ];
    }
    default:
      return [];
  }
}

export const mountComprehend: MountPanel = (body) => {
  const samples = select([
    ['text/sentiment.json', 'A product review (sentiment, entities, key phrases)'],
    ['text/pii.json', 'Contact details (PII)'],
    ['text/toxicity.json', 'Three comments (toxicity)'],
  ]);
  const text = textarea('', 4);
  const language = select(
    [
      ['en', 'English (en)'],
      ['es', 'Spanish (es)'],
      ['fr', 'French (fr)'],
      ['de', 'German (de)'],
      ['ko', 'Korean (ko)'],
      ['ja', 'Japanese (ja)'],
      ['', 'Detect it (billed as a second request)'],
    ],
    'en',
  );
  const out = new Output('Comprehend results');

  const load = async () => {
    const s = await sampleJson<{ text?: string; segments?: string[]; languageCode?: string }>(samples.value);
    text.value = s.text ?? (s.segments ?? []).join('\n');
    if (s.languageCode) language.value = s.languageCode;
  };
  samples.addEventListener('change', () => void load().catch((e) => out.error(e)));
  void load().catch((e) => out.error(e));

  const run = (action: string) => {
    const sent = text.value;
    const lang = language.value || undefined;
    const request = (): Json => {
      if (action === 'language') return { text: sent };
      if (action === 'toxicity') {
        const segments = sent.split('\n').filter((s) => s.trim());
        return segments.length > 1 ? { segments } : { text: sent };
      }
      if (action === 'pii')
        return { text: sent, languageCode: lang === 'en' || lang === 'es' ? lang : undefined };
      return { text: sent, languageCode: lang };
    };
    void out.run('Calling Amazon Comprehend…', async () => {
      const reply = await api('POST', `/comprehend/${action}`, { body: request() });
      return [...render(action, sent, reply.body), usageLine(reply.body, reply.latencyMs)];
    });
  };

  body.append(
    form(
      run,
      field('Sample text', samples),
      field('Text', text, 'For toxicity, each line is one segment (up to 10).'),
      field('Language', language),
      actions(
        button('Sentiment', { value: 'sentiment' }),
        button('Entities', { value: 'entities', kind: 'secondary' }),
        button('Key phrases', { value: 'key-phrases', kind: 'secondary' }),
        button('Language', { value: 'language', kind: 'secondary' }),
        button('PII', { value: 'pii', kind: 'secondary' }),
        button('Toxicity', { value: 'toxicity', kind: 'secondary' }),
      ),
    ),
    out.el,
  );
};
