/** Writes the reports (one per stack and an index) in the chosen format, and the diff when asked. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Block, Doc } from './document';
import { buildDoc } from './document';
import { type Lang, t } from './i18n';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-md';
import type { StackReview } from './review';

export type Format = 'md' | 'html';

export function render(
  doc: Doc,
  format: Format,
  nav: ReadonlyArray<{ href: string; label: string }> = [],
): string {
  return format === 'md' ? renderMarkdown(doc) : renderHtml(doc, nav);
}

export function indexDoc(
  reviews: readonly StackReview[],
  lang: Lang,
  format: Format,
  assemblyDir: string,
  extra: Block[] = [],
): Doc {
  const ds = reviews[0]?.permissions.dataset;
  const blocks: Block[] = [
    { type: 'h1', text: t(lang, 'doc.index.title') },
    {
      type: 'p',
      text: t(lang, 'doc.index.intro', {
        dir: `\`${assemblyDir}\``,
        version: ds?.version ?? '?',
        date: ds?.updatedAt ?? '?',
      }),
    },
    {
      type: 'table',
      head: [t(lang, 'col.stack'), t(lang, 'col.report'), t(lang, 'doc.h.flags')],
      rows: reviews.map((r) => {
        const flags = r.findings.filter((f) => f.level === 'flag').length;
        return [
          `\`${r.name}\``,
          `[${r.name}.${format}](${r.name}.${format})`,
          `${flags > 0 ? '⚠ ' : '✓ '}${t(lang, 'doc.index.flags', { flags })}`,
        ];
      }),
    },
    ...extra,
  ];
  return { title: t(lang, 'doc.index.title'), lang, blocks };
}

export function writeReports(
  reviews: readonly StackReview[],
  opts: { outDir: string; format: Format; lang: Lang; assemblyDir: string; extra?: Block[] },
): string[] {
  fs.mkdirSync(opts.outDir, { recursive: true });
  const written: string[] = [];
  const index = `index.${opts.format}`;
  for (const r of reviews) {
    const file = path.join(opts.outDir, `${r.name}.${opts.format}`);
    fs.writeFileSync(file, render(buildDoc(r, opts.lang), opts.format, [{ href: index, label: '⌂' }]));
    written.push(file);
  }
  const indexFile = path.join(opts.outDir, index);
  fs.writeFileSync(
    indexFile,
    render(indexDoc(reviews, opts.lang, opts.format, opts.assemblyDir, opts.extra), opts.format),
  );
  written.push(indexFile);
  return written;
}
