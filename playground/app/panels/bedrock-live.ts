/**
 * Bedrock, live: one prompt streamed token by token (POST /bedrock/converse-stream; 응답성) and the
 * same prompt answered by two or three models side by side (POST /bedrock/compare; 모델 선택).
 */
import { api, apiStream, type Json } from '../api';
import { messages } from '../i18n';
import { BEDROCK_LIVE } from '../messages/bedrock';
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
  money,
  notice,
  Output,
  section,
  table,
  textarea,
} from '../ui';

const t = messages(BEDROCK_LIVE);

const ms = (v: unknown) => (typeof v === 'number' ? `${v} ms` : '—');

function unverified(e: Json): HTMLElement | null {
  return e.verified === false
    ? notice(
        'warn',
        h('strong', {}, 'verified: false. '),
        typeof e.notice === 'string' ? fromApi(e.notice) : t('unverifiedDefault'),
      )
    : null;
}

export function renderCompare(body: Json): Node[] {
  const models = (body.models ?? []) as Json[];
  const ratio = (body.priceRatio ?? {}) as Json;
  const rows = models.map((m) => {
    const price = (m.price ?? {}) as Json;
    const times = typeof price.timesCheapest === 'number' ? `${price.timesCheapest}×` : '—';
    if (!m.ok) {
      const e = (m.error ?? {}) as Json;
      return [String(m.modelId), badge(t('failed'), 'bad'), '—', '—', '—', times, `${e.code}: ${e.message}`];
    }
    return [
      String(m.modelId),
      ms(m.latencyMs),
      String(m.inputTokens),
      String(m.outputTokens),
      typeof m.estimatedCostUsd === 'number' ? money(m.estimatedCostUsd) : t('unknown'),
      times,
      h('div', { class: 'answer' }, String(m.text ?? '')),
    ];
  });
  const nodes: (Node | null)[] = [
    table(
      [t('model'), t('latency'), t('tokensIn'), t('tokensOut'), t('cost'), t('price'), t('answer')],
      rows,
      t('comparison'),
    ),
    h(
      'p',
      { class: 'meta price-ratio' },
      t('priceRatio', { basis: String(ratio.basis ?? '') }),
      typeof ratio.dearestOverCheapest === 'number' ? `${ratio.dearestOverCheapest}×` : t('unknown'),
    ),
    typeof body.note === 'string' ? notice('info', fromApi(body.note)) : null,
    unverified(body),
  ];
  return nodes.filter((n): n is Node => n !== null);
}

export function mountBedrockLive(body: HTMLElement): void {
  const prompt = textarea(t('defaultPrompt'), 3);
  const models = input('text', '', { placeholder: t('modelsPlaceholder') });
  const out = new Output(t('output'));

  const stream = () =>
    out.run(t('streaming'), async () => {
      const answer = h('div', { class: 'answer streamed', 'aria-live': 'polite' });
      const after = h('div', {});
      out.show(heading(t('answerStreamed')), answer, after);
      const started = performance.now();
      let firstTokenMs: number | undefined;
      // A stream always ends with usage or error; without one it was cut, and the page says so.
      let final = false;
      await apiStream('/bedrock/converse-stream', { prompt: prompt.value }, (e) => {
        if (e.type === 'usage' || e.type === 'error') final = true;
        if (e.type === 'token') {
          firstTokenMs ??= Math.round(performance.now() - started);
          answer.append(String(e.text));
        } else if (e.type === 'guardrail') {
          after.append(
            notice(
              'warn',
              h('strong', {}, t('guardrailIntervened')),
              t('afterEvents', { count: Number(e.afterTokenEvents) }),
            ),
          );
        } else if (e.type === 'usage') {
          const u = (e.usage ?? {}) as Json;
          const timing = (e.timing ?? {}) as Json;
          after.append(
            h(
              'p',
              { class: 'meta stream-usage' },
              t('usage', { input: Number(u.inputTokens), output: Number(u.outputTokens) }),
              typeof u.estimatedCostUsd === 'number' ? money(u.estimatedCostUsd) : t('costUnknown'),
              t('timing', {
                first: ms(timing.timeToFirstTokenMs),
                total: ms(timing.totalMs),
                here: ms(firstTokenMs),
              }),
            ),
            unverified(e) ?? '',
          );
        } else if (e.type === 'error') {
          const err = (e.error ?? {}) as Json;
          const u = (e.usage ?? {}) as Json;
          after.append(
            h(
              'div',
              { class: 'notice warn stream-error', role: 'alert' },
              h('strong', {}, t('streamFailed')),
              `${err.code}: ${err.message}`,
              u.partial
                ? h(
                    'p',
                    { class: 'meta' },
                    t('streamPartial', {
                      events: String(u.tokenEvents),
                      chars: String(u.streamedCharacters),
                    }),
                  )
                : '',
            ),
          );
        }
      });
      if (!final) {
        after.append(
          h(
            'div',
            { class: 'notice warn stream-error', role: 'alert' },
            h('strong', {}, t('streamCut')),
            t('streamCutDetail'),
          ),
        );
      }
      return [...out.el.childNodes];
    });

  const compare = () =>
    out.run(t('asking'), async () => {
      const list = models.value
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean);
      const reply = await api('POST', '/bedrock/compare', {
        body: { prompt: prompt.value, ...(list.length && { models: list }) },
      });
      return renderCompare(reply.body);
    });

  body.append(
    section(
      t('title'),
      form(
        (action) => void (action === 'compare' ? compare() : stream()),
        field(t('prompt'), prompt),
        field(t('models'), models, t('modelsHint')),
        actions(
          button(t('stream'), { value: 'stream' }),
          button(t('compare'), { value: 'compare', kind: 'secondary' }),
        ),
      ),
      out.el,
    ),
  );
}
