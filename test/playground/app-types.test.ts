/**
 * The page's TypeScript (playground/app) runs in a browser, so it is type-checked on its own with
 * the DOM library (playground/app/tsconfig.json); the root tsconfig has no DOM types. esbuild
 * only strips types, so this is where a type error in the page is caught. The verdict is kept by
 * content (test/support/typecheck-cache.ts): checked again whenever a file the check read changes;
 * the cache itself is tested below on a project of its own, each way it must miss.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';
import { typeCheck, typeCheckStats } from '../support/typecheck-cache';

test('playground/app type-checks (strict, with the DOM library)', () => {
  const configPath = path.join(PROJECT_ROOT, 'playground', 'app', 'tsconfig.json');
  const { diagnostics, config } = typeCheck(configPath, { root: PROJECT_ROOT });
  expect(config.options.lib).toEqual(expect.arrayContaining(['lib.dom.d.ts']));
  expect(config.options.strict).toBe(true);
  expect(diagnostics).toEqual([]);
  expect(config.fileNames.map((f) => path.basename(f))).toContain('main.ts');
});

describe('the kept verdict', () => {
  // A project of its own: two files, one type error, and no library (each check takes milliseconds;
  // without one, TypeScript names the global types it misses: those lines start with no file).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-typecheck-'));
  const cacheDir = path.join(dir, 'cache');
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  const tsconfig = {
    compilerOptions: { noLib: true, strict: true, types: [], noEmit: true },
    include: ['*.ts'],
  };
  write('tsconfig.json', JSON.stringify(tsconfig));
  write('shape.ts', 'export interface Shape { sides: number }\n');
  write(
    'main.ts',
    "import type { Shape } from './shape';\nexport const square: Shape = { sides: 'four' };\n",
  );
  const check = () => {
    const before = { hits: typeCheckStats.hits, misses: typeCheckStats.misses };
    const { diagnostics, cached } = typeCheck(path.join(dir, 'tsconfig.json'), { root: dir, cacheDir });
    const counted = {
      hits: typeCheckStats.hits - before.hits,
      misses: typeCheckStats.misses - before.misses,
    };
    const errors = diagnostics.map((d) => d.split(' ')[0]).filter((where) => where !== '');
    return { errors, cached, counted };
  };
  const ERROR = { errors: ['main.ts:2'], cached: false, counted: { hits: 0, misses: 1 } };
  const SERVED = { errors: ['main.ts:2'], cached: true, counted: { hits: 1, misses: 0 } };

  test('the same files: served, with the same diagnostics', () => {
    expect(check()).toEqual(ERROR);
    expect(check()).toEqual(SERVED);
  });

  test('an edit to a file the check read (not a root it names) checks again', () => {
    // shape.ts is read through main.ts's import: the entry lists it, and its change is seen.
    write('shape.ts', 'export interface Shape { sides: string }\n');
    expect(check()).toEqual({ errors: [], cached: false, counted: { hits: 0, misses: 1 } });
    expect(check()).toMatchObject({ errors: [], cached: true });
    write('shape.ts', 'export interface Shape { sides: number }\n');
    expect(check()).toEqual(ERROR);
  });

  test('a new root file, or other settings, is another entry', () => {
    write('extra.ts', 'export const n: number = "x";\n');
    expect(check()).toEqual({
      errors: ['extra.ts:1', 'main.ts:2'],
      cached: false,
      counted: { hits: 0, misses: 1 },
    });
    fs.rmSync(path.join(dir, 'extra.ts'));
    expect(check()).toEqual(SERVED);
    write(
      'tsconfig.json',
      JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, strict: false } }),
    );
    expect(check()).toMatchObject({ cached: false, counted: { hits: 0, misses: 1 } });
    write('tsconfig.json', JSON.stringify(tsconfig));
  });

  test('a damaged entry is checked again, never served; off checks every time', () => {
    expect(check()).toEqual(SERVED);
    for (const entry of fs.readdirSync(cacheDir)) {
      const file = path.join(cacheDir, entry);
      const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { report: { diagnostics: string[] } };
      stored.report.diagnostics = [];
      fs.writeFileSync(file, JSON.stringify(stored));
    }
    expect(check()).toEqual(ERROR);
    expect(typeCheckStats.missReasons.at(-1)).toBe('entry damaged');
    const off = typeCheck(path.join(dir, 'tsconfig.json'), { root: dir, cacheDir: undefined });
    expect(off.cached).toBe(false);
    expect(off.diagnostics).toContainEqual(expect.stringMatching(/^main\.ts:2 /));
  });
});
