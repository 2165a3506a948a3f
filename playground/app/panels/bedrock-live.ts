/**
 * Bedrock, live: one prompt streamed token by token (POST /bedrock/converse-stream; 응답성) and the
 * same prompt answered by two or three models side by side (POST /bedrock/compare; 모델 선택).
 */
import { api, apiStream, type Json } from '../api';
import {
  actions,
  badge,
  button,
  field,
  form,
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

const ms = (v: unknown) => (typeof v === 'number' ? `${v} ms` : '—');

function unverified(e: Json): HTMLElement | null {
  return e.verified === false
    ? notice('warn', h('strong', {}, 'verified: false. '), String(e.notice ?? 'Unverified model output.'))
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
      return [String(m.modelId), badge('failed', 'bad'), '—', '—', '—', times, `${e.code}: ${e.message}`];
    }
    return [
      String(m.modelId),
      ms(m.latencyMs),
      String(m.inputTokens),
      String(m.outputTokens),
      typeof m.estimatedCostUsd === 'number' ? money(m.estimatedCostUsd) : 'unknown',
      times,
      h('div', { class: 'answer' }, String(m.text ?? '')),
    ];
  });
  const nodes: (Node | null)[] = [
    table(
      ['Model', 'Latency', 'Tokens in', 'Tokens out', 'Cost', 'Price', 'Answer'],
      rows,
      'Model comparison',
    ),
    h(
      'p',
      { class: 'meta price-ratio' },
      `Price ratio (dearest / cheapest, ${ratio.basis ?? ''}): `,
      typeof ratio.dearestOverCheapest === 'number' ? `${ratio.dearestOverCheapest}×` : 'unknown',
    ),
    typeof body.note === 'string' ? notice('info', body.note) : null,
    unverified(body),
  ];
  return nodes.filter((n): n is Node => n !== null);
}

export function mountBedrockLive(body: HTMLElement): void {
  const prompt = textarea('Explain in two sentences what a foundation model is.', 3);
  const models = input('text', '', {
    placeholder: 'default: the stack’s list, e.g. amazon.nova-micro-v1:0,amazon.nova-lite-v1:0',
  });
  const out = new Output('Bedrock stream and comparison results');

  const stream = () =>
    out.run('Streaming from Amazon Bedrock…', async () => {
      const answer = h('div', { class: 'answer streamed', 'aria-live': 'polite' });
      const after = h('div', {});
      out.show(heading('Answer (streamed)'), answer, after);
      const started = performance.now();
      let firstTokenMs: number | undefined;
      await apiStream('/bedrock/converse-stream', { prompt: prompt.value }, (e) => {
        if (e.type === 'token') {
          firstTokenMs ??= Math.round(performance.now() - started);
          answer.append(String(e.text));
        } else if (e.type === 'guardrail') {
          after.append(
            notice(
              'warn',
              h('strong', {}, 'Guardrail intervened '),
              `after ${e.afterTokenEvents} token events.`,
            ),
          );
        } else if (e.type === 'usage') {
          const u = (e.usage ?? {}) as Json;
          const t = (e.timing ?? {}) as Json;
          after.append(
            h(
              'p',
              { class: 'meta stream-usage' },
              `${u.inputTokens} input + ${u.outputTokens} output tokens, `,
              typeof u.estimatedCostUsd === 'number' ? money(u.estimatedCostUsd) : 'cost unknown',
              `. Time to first token ${ms(t.timeToFirstTokenMs)}, total ${ms(t.totalMs)} (function); first token here after ${ms(firstTokenMs)}.`,
            ),
            unverified(e) ?? '',
          );
        } else if (e.type === 'error') {
          const err = (e.error ?? {}) as Json;
          after.append(notice('warn', h('strong', {}, 'The stream failed: '), `${err.code}: ${err.message}`));
        }
      });
      return [...out.el.childNodes];
    });

  const compare = () =>
    out.run('Asking each model…', async () => {
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
      'Stream and compare models',
      form(
        (action) => void (action === 'compare' ? compare() : stream()),
        field('Prompt to stream or compare', prompt),
        field(
          'Models to compare',
          models,
          'Two or three, comma-separated (모델 선택: latency, tokens and cost side by side).',
        ),
        actions(
          button('Stream', { value: 'stream' }),
          button('Compare', { value: 'compare', kind: 'secondary' }),
        ),
      ),
      out.el,
    ),
  );
}
