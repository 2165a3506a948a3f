/** Amazon Comprehend: sentiment, entities, key phrases, language, PII and toxicity of one text. */
import { api, type Json, sampleJson } from '../api';
import { messages } from '../i18n';
import { COMPREHEND } from '../messages/comprehend';
import {
  actions,
  badge,
  bar,
  button,
  field,
  form,
  fromApi,
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

const t = messages(COMPREHEND);

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
        h('p', { class: 'verdict' }, t('sentimentVerdict'), badge(String(body.sentiment), tone ?? 'info')),
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
          [t('entity'), t('type'), t('score')],
          entities.map((e) => [e.text ?? '', e.type ?? '', score(e.score)]),
          t('entityCount', { count: entities.length }),
        ),
      ];
    }
    case 'key-phrases': {
      const phrases = body.keyPhrases as Span[];
      return [
        highlight(text, phrases),
        table(
          [t('keyPhrase'), t('score')],
          phrases.map((k) => [k.text ?? '', score(k.score)]),
          t('keyPhraseCount', { count: phrases.length }),
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
          t('personalData'),
          body.containsPii ? badge(t('found'), 'warn') : badge(t('noneFound'), 'ok'),
        ),
        heading(t('redacted')),
        h('p', { class: 'redacted' }, String(body.redactedText ?? '')),
        table(
          [t('type'), t('characters'), t('score')],
          entities.map((e) => [e.type ?? '', `${e.beginOffset}–${e.endOffset}`, score(e.score)]),
          t('piiCount', { count: entities.length }),
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
              bar(t('toxicityBar'), r.toxicity, r.toxicity >= 0.5 ? 'bad' : 'ok'),
              h(
                'p',
                { class: 'meta' },
                r.labels
                  .filter((l) => (l.score ?? 0) >= 0.1)
                  .map((l) => `${(l as { name?: string }).name} ${score(l.score)}`)
                  .join(' · ') || t('noLabel'),
              ),
            ),
          ),
        ),
        typeof body.notice === 'string' ? notice('info', fromApi(body.notice)) : null,
      ];
    }
    default:
      return [];
  }
}

export const mountComprehend: MountPanel = (body) => {
  const samples = select([
    ['text/sentiment.json', t('sampleReview')],
    ['text/pii.json', t('sampleContact')],
    ['text/toxicity.json', t('sampleComments')],
  ]);
  const text = textarea('', 4);
  const language = select(
    [
      ['en', t('langEn')],
      ['es', t('langEs')],
      ['fr', t('langFr')],
      ['de', t('langDe')],
      ['ko', t('langKo')],
      ['ja', t('langJa')],
      ['', t('langDetect')],
    ],
    'en',
  );
  const out = new Output(t('output'));

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
    void out.run(t('calling'), async () => {
      const reply = await api('POST', `/comprehend/${action}`, { body: request() });
      return [...render(action, sent, reply.body), usageLine(reply.body, reply.latencyMs)];
    });
  };

  body.append(
    form(
      run,
      field(t('sampleText'), samples),
      field(t('text'), text, t('textHint')),
      field(t('language'), language),
      actions(
        button(t('sentiment'), { value: 'sentiment' }),
        button(t('entities'), { value: 'entities', kind: 'secondary' }),
        button(t('keyPhrases'), { value: 'key-phrases', kind: 'secondary' }),
        button(t('languageButton'), { value: 'language', kind: 'secondary' }),
        button(t('pii'), { value: 'pii', kind: 'secondary' }),
        button(t('toxicity'), { value: 'toxicity', kind: 'secondary' }),
      ),
    ),
    out.el,
  );
};
