/**
 * The report's three charts as inline SVG (no script, no external file): quality against cost per
 * model (the notes' size/speed/price trade-off as a picture), the latency of every call with p50 and
 * p95 marked, and consistency per item. Each chart carries its numbers in <title> tooltips too.
 */
import { percentile } from '../bench/stats';
import { shortName as displayName } from './models';
import type { ModelSummary } from './summary';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const PALETTE = ['#1b6ca8', '#d1495b', '#2a9d8f', '#e9a03b', '#6a4c93', '#4d908e', '#8d6e63'];
export const colour = (i: number) => PALETTE[i % PALETTE.length]!;

interface Box {
  readonly w: number;
  readonly h: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

const frame = (b: Box, label: string, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${b.w} ${b.h}" width="${b.w}" height="${b.h}" role="img" aria-label="${esc(label)}">${body}</svg>`;

/** Quality (% correct, y) against cost per item (x, log scale), one labelled dot per model. */
export function qualityCostChart(
  models: readonly ModelSummary[],
  labels: { title: string; x: string; y: string },
): string {
  const b: Box = { w: 520, h: 300, left: 56, right: 20, top: 20, bottom: 48 };
  const pts = models.filter((m) => m.costPerItemUsd > 0);
  const costs = pts.map((m) => m.costPerItemUsd);
  const mid = costs.length ? (Math.log10(Math.min(...costs)) + Math.log10(Math.max(...costs))) / 2 : -4;
  const half = costs.length
    ? Math.max(0.5, (Math.log10(Math.max(...costs)) - Math.log10(Math.min(...costs))) / 2 + 0.2)
    : 1;
  const lo = mid - half;
  const hi = mid + half;
  const x = (c: number) => b.left + ((Math.log10(c) - lo) / (hi - lo)) * (b.w - b.left - b.right);
  const y = (a: number) => b.top + (1 - a) * (b.h - b.top - b.bottom);
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (a) =>
        `<line x1="${b.left}" x2="${b.w - b.right}" y1="${y(a)}" y2="${y(a)}" stroke="#ddd"/><text x="${b.left - 6}" y="${y(a) + 4}" text-anchor="end" font-size="11">${a * 100}</text>`,
    )
    .join('');
  const ticks: string[] = [];
  // Ticks at 1, 2 and 5 times each power of ten inside the range.
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
    for (const f of [1, 2, 5]) {
      const v = f * 10 ** e;
      if (Math.log10(v) < lo || Math.log10(v) > hi) continue;
      ticks.push(
        `<text x="${x(v).toFixed(1)}" y="${b.h - b.bottom + 16}" text-anchor="middle" font-size="11">$${Number(v.toPrecision(1))}</text>`,
      );
    }
  }
  const dots = pts
    .map((m) => {
      const i = models.indexOf(m);
      const cx = x(m.costPerItemUsd);
      const cy = y(m.accuracy);
      // Labels alternate above and below their dot, so close points stay readable.
      const ly = cy + (i % 2 === 0 ? -9 : 17);
      return `<g class="point"><circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="6" fill="${colour(i)}"><title>${esc(`${displayName(m.model)}: ${Math.round(m.accuracy * 100)}% correct, $${m.costPerItemUsd} per item`)}</title></circle><text x="${(cx + 8).toFixed(1)}" y="${ly.toFixed(1)}" font-size="12">${esc(displayName(m.model))}</text></g>`;
    })
    .join('');
  const axes = `<text x="${(b.w + b.left) / 2}" y="${b.h - 8}" text-anchor="middle" font-size="12">${esc(labels.x)}</text><text transform="translate(14 ${(b.h - b.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(labels.y)}</text>`;
  return frame(b, labels.title, grid + ticks.join('') + axes + dots);
}

/** Every call's latency as a dot on its model's row, with p50 (solid) and p95 (dashed) ticks. */
export function latencyChart(models: readonly ModelSummary[], title: string): string {
  const rowH = 34;
  const b: Box = {
    w: 520,
    h: 40 + rowH * Math.max(1, models.length),
    left: 130,
    right: 20,
    top: 10,
    bottom: 30,
  };
  const max = Math.max(1, ...models.flatMap((m) => m.latencies));
  const x = (v: number) => b.left + (v / max) * (b.w - b.left - b.right);
  const rows = models
    .map((m, i) => {
      const cy = b.top + rowH * i + rowH / 2;
      const dots = m.latencies
        .map(
          (v) => `<circle cx="${x(v).toFixed(1)}" cy="${cy}" r="3" fill="${colour(i)}" fill-opacity="0.6"/>`,
        )
        .join('');
      const marks = m.latencies.length
        ? [50, 95]
            .map((p) => {
              const v = percentile(m.latencies, p);
              return `<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${cy - 11}" y2="${cy + 11}" stroke="#222" stroke-width="2"${p === 95 ? ' stroke-dasharray="3 2"' : ''}><title>p${p} ${Math.round(v)} ms</title></line>`;
            })
            .join('')
        : '';
      return `<g class="row"><text x="${b.left - 8}" y="${cy + 4}" text-anchor="end" font-size="12">${esc(displayName(m.model))}</text>${dots}${marks}</g>`;
    })
    .join('');
  const axis = [0, 0.5, 1]
    .map(
      (f) =>
        `<text x="${x(max * f)}" y="${b.h - 10}" text-anchor="middle" font-size="11">${Math.round(max * f)} ms</text>`,
    )
    .join('');
  return frame(b, title, rows + axis);
}

/** A grid: one row per model, one cell per item, shaded by its consistency (0 white … 1 full colour). */
export function consistencyChart(models: readonly ModelSummary[], title: string): string {
  const items = models[0]?.consistencyByItem.map((c) => c.itemId) ?? [];
  const cell = Math.max(8, Math.min(22, Math.floor(380 / Math.max(1, items.length))));
  const b: Box = {
    w: 130 + cell * items.length + 20,
    h: 30 + cell * models.length + 10,
    left: 130,
    right: 20,
    top: 10,
    bottom: 20,
  };
  const rows = models
    .map((m, i) =>
      [
        `<text x="${b.left - 8}" y="${b.top + cell * i + cell * 0.7}" text-anchor="end" font-size="12">${esc(displayName(m.model))}</text>`,
        ...m.consistencyByItem.map((c, j) => {
          const v = c.value;
          return `<rect x="${b.left + cell * j}" y="${b.top + cell * i}" width="${cell - 1}" height="${cell - 1}" fill="${v === undefined ? '#eee' : colour(i)}" fill-opacity="${v === undefined ? 1 : (0.1 + 0.9 * v).toFixed(2)}"><title>${esc(`${c.itemId}: ${v === undefined ? '—' : `${Math.round(v * 100)}%`}`)}</title></rect>`;
        }),
      ].join(''),
    )
    .join('');
  return frame(b, title, rows);
}
