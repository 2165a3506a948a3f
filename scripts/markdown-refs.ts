/**
 * What a line of the docs points at, and whether it is there: relative links (and their `#anchor`, as
 * GitHub writes a heading's anchor), the lab's routes (`POST /bedrock/read-document`), npm scripts
 * (`npm run doctor`), sample files (`samples/prompts/…`) and settings (`-c bedrockModelId=…`).
 *
 * The concept map checks every row with it (scripts/concept-map.ts), so a row cannot point at a page,
 * section, route, script, sample or setting that was renamed or removed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_KEYS } from '../lib/config';
import { SERVICES } from '../lib/services';

export const ROOT = path.join(__dirname, '..');

/**
 * A heading's anchor as GitHub makes it: the text without markup, lower case, every character that is
 * not a letter, mark, digit, space, `-` or `_` dropped, each space turned into `-` (not collapsed).
 */
export function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a Markdown page has: one per heading outside code blocks, repeats numbered `-1`, `-2`. */
export function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m?.[1]) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    found.add(n === 0 ? base : `${base}-${n}`);
  }
  return found;
}

const ROUTES = new Set(SERVICES.flatMap((s) => s.routes.map((r) => `${r.method} ${r.path}`)));
const LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const ROUTE = /`((?:GET|POST) \/[A-Za-z0-9/{}_-]+)`/g;
const NPM_RUN = /`npm run ([a-z][\w:-]*)/g;
const SAMPLE = /`(samples\/[^`\s*…]+)`/g;
const SETTING = /`-c ([A-Za-z]+)[=:` ]/g;

export interface RefContext {
  /** Repository-relative path of the page the text is on (links resolve from its folder). */
  readonly page: string;
  readonly root?: string;
}

/**
 * What in `text` (a row, a line, a page) points at something that does not exist, one sentence each.
 * External links (`https:`) are not followed.
 */
export function brokenReferences(text: string, ctx: RefContext): string[] {
  const root = ctx.root ?? ROOT;
  const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
  const exists = (p: string) => fs.existsSync(path.join(root, p));
  const problems: string[] = [];

  for (const m of text.matchAll(LINK)) {
    const target = m[1] ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [file = '', anchor] = target.split('#');
    const repoPath = file
      ? path.posix.normalize(path.posix.join(path.posix.dirname(ctx.page), file))
      : ctx.page;
    if (!exists(repoPath)) {
      problems.push(`${ctx.page} links to ${target}: ${repoPath} does not exist`);
      continue;
    }
    if (anchor && /\.md$/.test(repoPath) && !anchors(read(repoPath)).has(decodeURIComponent(anchor))) {
      problems.push(`${ctx.page} links to ${target}: ${repoPath} has no heading with the anchor #${anchor}`);
    }
  }
  for (const m of text.matchAll(ROUTE)) {
    const route = m[1] ?? '';
    if (!ROUTES.has(route))
      problems.push(`${ctx.page} names the route ${route}, which lib/services.ts does not have`);
  }
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  for (const m of text.matchAll(NPM_RUN)) {
    const name = m[1] ?? '';
    if (!Object.hasOwn(scripts, name))
      problems.push(`${ctx.page} runs npm run ${name}, which package.json does not have`);
  }
  for (const m of text.matchAll(SAMPLE)) {
    const sample = (m[1] ?? '').replace(/[.,;:)]+$/, '');
    if (!exists(sample)) problems.push(`${ctx.page} names ${sample}, which does not exist`);
  }
  for (const m of text.matchAll(SETTING)) {
    const key = m[1] ?? '';
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      problems.push(`${ctx.page} names the setting -c ${key}, which lib/config.ts does not have`);
    }
  }
  return problems;
}
