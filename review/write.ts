/**
 * Writes the reports in the chosen format — one per stack and an index (md, html), or one file for
 * all stacks (json, sarif) — into a folder that afterwards holds only this run's reports: files an
 * earlier run wrote there (listed in `.review-files.json`) and this run did not are removed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackDiff } from './diff';
import type { Block, Doc } from './document';
import { buildDoc, findingText } from './document';
import { renderJson, renderSarif } from './formats';
import { type Lang, t } from './i18n';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-md';
import type { StackReview } from './review';

export const FORMATS = ['md', 'html', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** The file in the output folder that lists what the last run wrote. */
export const WRITTEN_LIST = '.review-files.json';

export function render(
  doc: Doc,
  format: 'md' | 'html',
  nav: ReadonlyArray<{ href: string; label: string }> = [],
): string {
  return format === 'md' ? renderMarkdown(doc) : renderHtml(doc, nav);
}

export function indexDoc(
  reviews: readonly StackReview[],
  lang: Lang,
  format: 'md' | 'html',
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

/** The output folder, made ready: created when missing, an error that says so when it is a file. */
export function prepareOutDir(outDir: string, lang: Lang): void {
  if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory())
    throw new Error(t(lang, 'cli.outIsFile', { path: outDir }));
  fs.mkdirSync(outDir, { recursive: true });
}

/** Removes the reports an earlier run listed that this run did not write; returns how many. */
export function removeStale(outDir: string, written: readonly string[]): number {
  const list = path.join(outDir, WRITTEN_LIST);
  let before: string[] = [];
  if (fs.existsSync(list)) {
    try {
      before = JSON.parse(fs.readFileSync(list, 'utf8')) as string[];
    } catch {
      before = [];
    }
  }
  const now = new Set(written.map((f) => path.basename(f)));
  let removed = 0;
  for (const name of before) {
    // Only plain file names from our own list, never a path that leaves the folder.
    if (now.has(name) || name !== path.basename(name)) continue;
    const file = path.join(outDir, name);
    if (fs.existsSync(file)) {
      fs.rmSync(file);
      removed++;
    }
  }
  fs.writeFileSync(list, `${JSON.stringify([...now].sort(), null, 2)}\n`);
  return removed;
}

export function writeReports(
  reviews: readonly StackReview[],
  opts: {
    outDir: string;
    format: Format;
    lang: Lang;
    assemblyDir: string;
    extra?: Block[];
    diffs?: readonly StackDiff[];
    against?: string;
  },
): { written: string[]; removed: number } {
  prepareOutDir(opts.outDir, opts.lang);
  const written: string[] = [];
  const put = (name: string, text: string) => {
    const file = path.join(opts.outDir, name);
    fs.writeFileSync(file, text);
    written.push(file);
  };
  if (opts.format === 'json') {
    const against =
      opts.diffs && opts.against
        ? {
            dir: opts.against,
            widened: opts.diffs.flatMap((d) => [
              ...d.widened.map((m) => ({ stack: d.stack, message: t(opts.lang, m.key, m.params) })),
              ...d.widenedFindings.map((f) => ({ stack: d.stack, message: findingText(opts.lang, f) })),
            ]),
            newFlags: opts.diffs.flatMap((d) =>
              d.newFlags.map((f) => ({ stack: d.stack, message: findingText(opts.lang, f) })),
            ),
          }
        : undefined;
    put('review.json', renderJson(reviews, opts.lang, opts.assemblyDir, against));
  } else if (opts.format === 'sarif') {
    put('review.sarif', renderSarif(reviews, opts.lang, opts.assemblyDir));
  } else {
    const format = opts.format;
    const index = `index.${format}`;
    for (const r of reviews)
      put(`${r.name}.${format}`, render(buildDoc(r, opts.lang), format, [{ href: index, label: '⌂' }]));
    put(index, render(indexDoc(reviews, opts.lang, format, opts.assemblyDir, opts.extra), format));
  }
  return { written, removed: removeStale(opts.outDir, written) };
}
