/**
 * The READMEs' concept map covers the whole of the study notes: every `##` or `###` heading of
 * notes/study-notes.md has one row in README.md's "From the notes to the endpoint" table (its first
 * cell is the heading as written) and one in README.ko.md's "노트의 개념 → 엔드포인트" table (its
 * first cell is the heading's Korean term, the part in parentheses), in the notes' order, and no
 * row names a heading the notes no longer have. Every row's second cell points only at what exists:
 * its links and their anchors, routes, npm scripts, samples and `-c` settings
 * (scripts/markdown-refs.ts).
 *
 * `npx tsx scripts/concept-map.ts` prints what is out of step and exits 1 if anything is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { brokenReferences } from './markdown-refs';

export const ROOT = path.join(__dirname, '..');
export const NOTES = 'notes/study-notes.md';

export interface NotesHeading {
  /** As written after the hashes: `Hallucination (할루시네이션)`. */
  readonly text: string;
  /** The Korean term in its last parentheses: `할루시네이션`. */
  readonly korean: string;
}

/** The notes' `##` and `###` headings (not `#` chapters, not lines inside code fences). */
export function notesHeadings(markdown: string): NotesHeading[] {
  const headings: NotesHeading[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{2,3}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m?.[1]) continue;
    const korean = /\(([^()]+)\)\s*$/.exec(m[1])?.[1]?.trim() ?? m[1];
    headings.push({ text: m[1], korean });
  }
  return headings;
}

/** The rows of the first table after `sectionHeading` (a `## …` line) as [first cell, the rest], header row excluded. */
export function mapTable(readme: string, sectionHeading: string): Array<[string, string]> {
  const lines = readme.split('\n');
  const start = lines.indexOf(sectionHeading);
  if (start < 0) throw new Error(`no section "${sectionHeading}"`);
  const rows: Array<[string, string]> = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,2}\s/.test(line)) break;
    if (line.startsWith('|')) {
      inTable = true;
      const cells = line.split('|');
      rows.push([(cells[1] ?? '').trim(), cells.slice(2).join('|').trim()]);
    } else if (inTable) {
      break;
    }
  }
  return rows.slice(2); // header and --- row
}

/** The first cells of the first table after `sectionHeading` (a `## …` line), header row excluded. */
export function mapRows(readme: string, sectionHeading: string): string[] {
  return mapTable(readme, sectionHeading).map(([first]) => first);
}

/** What is out of step between the headings and one README's rows, as sentences. */
export function compareMap(headings: readonly string[], rows: readonly string[], readme: string): string[] {
  const problems: string[] = [];
  for (const h of headings) {
    if (!rows.includes(h)) problems.push(`${readme} has no concept-map row for the notes' heading "${h}"`);
  }
  for (const r of rows) {
    if (!headings.includes(r))
      problems.push(`${readme} has a concept-map row "${r}" that is not a heading of the notes`);
  }
  const shared = rows.filter((r) => headings.includes(r));
  const order = headings.filter((h) => rows.includes(h));
  if (problems.length === 0 && shared.join('\n') !== order.join('\n')) {
    problems.push(`${readme}'s concept map is not in the notes' order`);
  }
  return problems;
}

export const MAP_SECTIONS = {
  'README.md': '## From the notes to the endpoint',
  'README.ko.md': '## 노트의 개념 → 엔드포인트',
} as const;

/** What the rows point at that does not exist, one sentence each, naming the row. */
export function brokenRowReferences(readme: string, file: keyof typeof MAP_SECTIONS, root = ROOT): string[] {
  return mapTable(readme, MAP_SECTIONS[file]).flatMap(([row, where]) =>
    brokenReferences(where, { page: file, root }).map((p) => `concept-map row "${row}": ${p}`),
  );
}

/** Every problem, for the repository as it is. */
export function checkConceptMap(root = ROOT): string[] {
  const headings = notesHeadings(fs.readFileSync(path.join(root, NOTES), 'utf8'));
  const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
  return [
    ...compareMap(
      headings.map((h) => h.text),
      mapRows(read('README.md'), MAP_SECTIONS['README.md']),
      'README.md',
    ),
    ...compareMap(
      headings.map((h) => h.korean),
      mapRows(read('README.ko.md'), MAP_SECTIONS['README.ko.md']),
      'README.ko.md',
    ),
    ...brokenRowReferences(read('README.md'), 'README.md', root),
    ...brokenRowReferences(read('README.ko.md'), 'README.ko.md', root),
  ];
}

if (require.main === module) {
  const problems = checkConceptMap();
  for (const p of problems) console.log(p);
  if (problems.length) process.exit(1);
  console.log(
    'The concept map has a row for every heading of the notes, and every row points at what exists.',
  );
}
