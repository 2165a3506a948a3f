/**
 * What the playground serves besides the API: the page, its script (bundled from app/ with
 * esbuild in memory at start-up, so a clean clone needs no build step), its style sheet, and the
 * committed samples the page preloads (only the files samples/README.md lists).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';

export const APP_DIR = path.join(__dirname, 'app');
export const SAMPLES_DIR = path.join(__dirname, '..', 'samples');

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

export interface PageConfig {
  /** How often the page polls a running job. */
  readonly pollIntervalMs: number;
}

/** The page's TypeScript bundled into one classic script (no module loader, no CDN). */
export async function bundleApp(): Promise<StaticFile> {
  const result = await build({
    entryPoints: [path.join(APP_DIR, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    charset: 'utf8',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0];
  if (!js) throw new Error('esbuild produced no output for playground/app/main.ts');
  return { body: Buffer.from(js.contents), contentType: 'text/javascript; charset=utf-8' };
}

export function indexPage(config: PageConfig): StaticFile {
  const html = readFileSync(path.join(APP_DIR, 'index.html'), 'utf8').replace(
    '{{POLL_INTERVAL_MS}}',
    String(Math.max(1, Math.round(config.pollIntervalMs))),
  );
  return { body: Buffer.from(html), contentType: 'text/html; charset=utf-8' };
}

/** The page's style sheet, served as one file (/style.css) from its parts in playground/app/styles/. */
export const STYLE_PARTS = ['page.css', 'results.css'] as const;

export function styleSheet(): StaticFile {
  const body = Buffer.concat(STYLE_PARTS.map((f) => readFileSync(path.join(APP_DIR, 'styles', f))));
  return { body, contentType: 'text/css; charset=utf-8' };
}

const SAMPLE_TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  pdf: 'application/pdf',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  txt: 'text/plain; charset=utf-8',
};

/**
 * The sample files the page may load, by path under samples/ (e.g. `text/pii.json`): the rows of
 * the table in samples/README.md whose type is a data file (not the generator script).
 */
export function listedSamples(dir = SAMPLES_DIR): Map<string, string> {
  const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
  const files = new Map<string, string>();
  for (const m of readme.matchAll(/^\| `([A-Za-z0-9._/-]+)` \|/gm)) {
    const name = m[1]!;
    const type = SAMPLE_TYPES[name.split('.').pop() ?? ''];
    if (type && !name.split('/').includes('..')) files.set(name, type);
  }
  return files;
}

/** One listed sample's bytes, read on request (they are small). */
export function readSample(name: string, listed: Map<string, string>, dir = SAMPLES_DIR): StaticFile | null {
  const contentType = listed.get(name);
  if (!contentType) return null;
  try {
    return { body: readFileSync(path.join(dir, name)), contentType };
  } catch {
    return null;
  }
}
