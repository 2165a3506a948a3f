/**
 * Keeps each English page and its Korean edition in step (README.md ↔ README.ko.md,
 * docs/X.md ↔ docs/X.ko.md, samples/README.md ↔ samples/README.ko.md): the same shell commands, the same API routes and the same relative
 * links must appear in both, so a change to one page that forgets the other fails a test.
 *
 * - Commands: every non-comment line of a `bash`/`sh` code block (continuation lines joined,
 *   trailing `# comment` dropped, since comments are translated), plus, in other code blocks and
 *   in inline code, anything that starts with npm, npx, curl, aws or bash.
 * - Routes: every `/service/path` of the lab's demos (from lib/services.ts), prose or code.
 * - Links: relative link and image targets, with `.ko.md` read as `.md`. A Korean page must link
 *   the Korean edition wherever one exists, an English page must not (except the language switch
 *   to its own counterpart, which both pages carry near the top), and every target must exist.
 *
 * A Korean page may hold sections for Korean readers only (the Korean samples) between
 * `<!-- ko-only:begin -->` and `<!-- ko-only:end -->`: they are left out of the comparison (their
 * links must still exist). The markers mean nothing in an English page.
 *
 * `npx tsx scripts/docs-sync.ts` prints the differences and exits 1 if there are any.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVICES } from '../lib/services';

export const ROOT = path.join(__dirname, '..');

/** English pages that have no Korean edition on purpose (README.ko.md says so). */
/** docs/eval-example.md is a generated report (`npx tsx test/eval/example.ts`); `--lang ko` renders it in Korean. */
export const ENGLISH_ONLY = ['docs/performance.md', 'docs/test-suite.md', 'docs/eval-example.md'] as const;

export interface Page {
  /** Path relative to the repository root, with `/` separators. */
  readonly file: string;
  readonly text: string;
}

export interface PageFacts {
  readonly commands: ReadonlySet<string>;
  readonly routes: ReadonlySet<string>;
  /** Link targets as written (relative to the page), anchors dropped. */
  readonly links: ReadonlySet<string>;
}

export const KO_ONLY_BEGIN = '<!-- ko-only:begin -->';
export const KO_ONLY_END = '<!-- ko-only:end -->';

/** The page without its Korean-only sections. An unclosed section runs to the end of the page. */
export function withoutKoreanOnly(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const start = text.indexOf(KO_ONLY_BEGIN, at);
    if (start < 0) return out + text.slice(at);
    out += text.slice(at, start);
    const end = text.indexOf(KO_ONLY_END, start);
    if (end < 0) return out;
    at = end + KO_ONLY_END.length;
  }
}

const SHELL_FENCES = new Set(['bash', 'sh', 'shell', 'console']);
const COMMAND_START = /^(npm|npx|curl|aws|bash)\s/;
const FENCE = /^\s*```\s*([\w-]*)\s*$/;

/** The Korean edition's path for an English page: README.md → README.ko.md. */
export const koreanOf = (file: string) => file.replace(/\.md$/, '.ko.md');
/** The English page's path for a Korean edition. */
export const englishOf = (file: string) => file.replace(/\.ko\.md$/, '.md');

/** A command as compared: no `$ ` prompt, no trailing comment, single spaces. */
export function normalizeCommand(line: string): string {
  return line
    .replace(/^\s*\$\s+/, '')
    .replace(/\s+#\s.*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Logical lines of a code block: a line ending in `\` continues on the next. */
function logicalLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    out.push(current + line);
    current = '';
  }
  if (current) out.push(current);
  return out;
}

const ROUTE = new RegExp(
  `(?<![\\w.\\/{}$-])\\/(?:${SERVICES.map((s) => s.id).join('|')})(?:\\/[A-Za-z0-9_{}-]+)*(?![\\w.])`,
  'g',
);
const LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const INLINE_CODE = /(`+)([^`]+?)\1/g;

/** The commands, routes and links one page holds. */
export function pageFacts(text: string): PageFacts {
  const commands = new Set<string>();
  const prose: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) {
      prose.push(lines[i] ?? '');
      continue;
    }
    const lang = (open[1] ?? '').toLowerCase();
    const body: string[] = [];
    for (i++; i < lines.length && !FENCE.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    if (lang === 'mermaid') continue;
    for (const logical of logicalLines(body)) {
      if (/^\s*#/.test(logical)) continue;
      const cmd = normalizeCommand(logical);
      if (cmd && (SHELL_FENCES.has(lang) || COMMAND_START.test(cmd))) commands.add(cmd);
    }
  }
  for (const m of prose.join('\n').matchAll(INLINE_CODE)) {
    const code = normalizeCommand(m[2] ?? '');
    if (COMMAND_START.test(code)) commands.add(code);
  }
  const routes = new Set([...text.matchAll(ROUTE)].map((m) => m[0]));
  const links = new Set<string>();
  for (const m of text.matchAll(LINK)) {
    const target = (m[1] ?? '').split('#')[0] ?? '';
    if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    links.add(target);
  }
  return { commands, routes, links };
}

const resolve = (page: string, target: string) =>
  path.posix.normalize(path.posix.join(path.posix.dirname(page), target));

function missing(kind: string, what: ReadonlySet<string>, from: Page, to: Page): string[] {
  return [...what].map((x) => `${to.file} lacks the ${kind} \`${x}\` that ${from.file} has`);
}

function difference(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a].filter((x) => !b.has(x)));
}

/** Links as the other language would write them: `.ko.md` read as `.md`. */
const asEnglish = (links: ReadonlySet<string>) => new Set([...links].map(englishOf));

/**
 * Every difference between an English page and its Korean edition, as readable sentences.
 * `exists` tells whether a repository path exists (the file system, unless a test says otherwise).
 */
export function comparePages(
  en: Page,
  ko: Page,
  exists: (repoPath: string) => boolean = (p) => fs.existsSync(path.join(ROOT, p)),
): string[] {
  const e = pageFacts(en.text);
  const k = pageFacts(withoutKoreanOnly(ko.text));
  const problems = [
    ...missing('command', difference(e.commands, k.commands), en, ko),
    ...missing('command', difference(k.commands, e.commands), ko, en),
    ...missing('route', difference(e.routes, k.routes), en, ko),
    ...missing('route', difference(k.routes, e.routes), ko, en),
  ];
  const eLinks = asEnglish(e.links);
  const kLinks = asEnglish(k.links);
  problems.push(
    ...[...difference(eLinks, kLinks)].map(
      (x) => `${ko.file} lacks a link to \`${x}\` (or its .ko.md) that ${en.file} has`,
    ),
    ...[...difference(kLinks, eLinks)].map((x) => `${en.file} lacks a link to \`${x}\` that ${ko.file} has`),
  );
  for (const page of [en, ko]) {
    const korean = page === ko;
    const counterpart = korean ? en.file : ko.file;
    for (const target of pageFacts(page.text).links) {
      const repoPath = resolve(page.file, target);
      if (!exists(repoPath)) problems.push(`${page.file} links to \`${target}\`, which does not exist`);
      if (repoPath === counterpart) continue;
      if (korean && /\.md$/.test(target) && !/\.ko\.md$/.test(target) && exists(koreanOf(repoPath))) {
        problems.push(`${page.file} links to \`${target}\`; link its Korean edition \`${koreanOf(target)}\``);
      }
      if (!korean && /\.ko\.md$/.test(target)) {
        problems.push(`${page.file} links to the Korean \`${target}\`; link \`${englishOf(target)}\``);
      }
    }
    const top = page.text.split('\n').slice(0, 5).join('\n');
    const switchTarget = path.posix.relative(path.posix.dirname(page.file), counterpart);
    if (![...pageFacts(top).links].includes(switchTarget)) {
      problems.push(`${page.file} lacks the language link to \`${switchTarget}\` in its first lines`);
    }
  }
  return problems;
}

/**
 * The English pages that have (or, unless listed in ENGLISH_ONLY, must have) a Korean edition:
 * the README, every docs/ page, and the samples' README.
 */
export function englishPages(root = ROOT): string[] {
  const docs = fs
    .readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md') && !f.endsWith('.ko.md'))
    .map((f) => `docs/${f}`);
  const samples = fs.existsSync(path.join(root, 'samples', 'README.md')) ? ['samples/README.md'] : [];
  return ['README.md', ...docs.sort(), ...samples];
}

export const readPage = (file: string, root = ROOT): Page => ({
  file,
  text: fs.readFileSync(path.join(root, file), 'utf8'),
});

/** Every problem across the repository's page pairs. */
export function checkRepository(root = ROOT): string[] {
  const problems: string[] = [];
  for (const file of englishPages(root)) {
    const ko = koreanOf(file);
    const hasKo = fs.existsSync(path.join(root, ko));
    const englishOnly = (ENGLISH_ONLY as readonly string[]).includes(file);
    if (englishOnly && hasKo) problems.push(`${file} is listed as English-only but ${ko} exists`);
    if (!englishOnly && !hasKo) problems.push(`${file} has no Korean edition ${ko}`);
    if (hasKo && !englishOnly) {
      problems.push(
        ...comparePages(readPage(file, root), readPage(ko, root), (p) => fs.existsSync(path.join(root, p))),
      );
    }
  }
  return problems;
}

if (require.main === module) {
  const problems = checkRepository();
  for (const p of problems) console.log(p);
  if (problems.length) process.exit(1);
  console.log('English and Korean pages are in step.');
}
