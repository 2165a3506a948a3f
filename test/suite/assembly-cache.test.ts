/**
 * The assembly cache (test/support/assembly-cache.ts) serves an assembly only for the sources it
 * was made from: every project file the lab loads when a test synthesizes it is one of the inputs
 * of the key, a changed byte in any of them (or a CDK_ variable, or a file a setting names) gives
 * another key, and a file the lab does not read changes nothing. Each check is shown failing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';
import {
  ASSEMBLY_DIR_ENV,
  ASSEMBLY_INPUTS,
  contextFiles,
  openAssemblyCache,
  sourceKey,
} from '../support/assembly-cache';
import { runtimeSpecifiers } from '../support/house';

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'assembly-cache-'));
const posix = (file: string) => path.relative(PROJECT_ROOT, file).split(path.sep).join('/');

/** The project files (relative, `/`) a module loads at run time, followed from `entry` through relative imports. */
function projectFilesLoaded(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!/\.(ts|js)$/.test(file)) return; // JSON and other data: a leaf
    for (const spec of runtimeSpecifiers(file, fs.readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), spec);
      const found = [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts')].find(
        (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
      );
      if (!found) throw new Error(`${posix(file)} imports ${spec}, which is not a file here`);
      visit(found);
    }
  };
  visit(entry);
  return [...seen].map(posix).sort();
}

/** The files of `loaded` that are not under one of `inputs`. */
const uncovered = (loaded: readonly string[], inputs: readonly string[]) =>
  loaded.filter((f) => !inputs.some((i) => f === i || f.startsWith(`${i}/`)));

const LOADED = projectFilesLoaded(path.join(PROJECT_ROOT, 'test/support/lab-assembly.ts'));

test('every project file the lab loads when a test synthesizes it is an input of the key', () => {
  expect(LOADED).toEqual(expect.arrayContaining(['lib/app.ts', 'test/support/lab.ts']));
  expect(LOADED.some((f) => f.startsWith('lambda/'))).toBe(true);
  expect(uncovered(LOADED, ASSEMBLY_INPUTS)).toEqual([]);
  // And the data files the stacks read: the notes the Bedrock stack indexes.
  expect(uncovered(['notes/study-notes.md', 'cdk.json', 'package-lock.json'], ASSEMBLY_INPUTS)).toEqual([]);
  // Negative control: without lambda/ the check names the files it would miss.
  const missing = uncovered(
    LOADED,
    ASSEMBLY_INPUTS.filter((i) => i !== 'lambda'),
  );
  expect(missing.length).toBeGreaterThan(0);
  expect(missing.every((f) => f.startsWith('lambda/'))).toBe(true);
});

describe('the key follows the content of the inputs, and only that', () => {
  // A copy of the inputs (and one file that is not an input) in a folder of its own.
  const root = scratch();
  for (const input of [...ASSEMBLY_INPUTS, 'README.md'])
    if (fs.existsSync(path.join(PROJECT_ROOT, input)))
      fs.cpSync(path.join(PROJECT_ROOT, input), path.join(root, input), { recursive: true });
  const env = { PATH: '/usr/bin' };
  const original = sourceKey(root, env);

  const withChange = (file: string, change: (text: string) => string): string => {
    const target = path.join(root, file);
    const before = fs.readFileSync(target, 'utf8');
    fs.writeFileSync(target, change(before));
    try {
      return sourceKey(root, env);
    } finally {
      fs.writeFileSync(target, before);
    }
  };

  test('the same content in another folder, at another time: the same key', () => {
    const elsewhere = scratch();
    fs.cpSync(root, elsewhere, { recursive: true });
    expect(sourceKey(elsewhere, env)).toBe(original);
    expect(sourceKey(root, env)).toBe(original);
  });

  test.each([
    ['lib/app.ts'],
    ['lambda/shared/price-table.ts'],
    ['notes/study-notes.md'],
    ['cdk.json'],
    ['package-lock.json'],
    ['test/support/lab.ts'],
  ])('one byte more in %s: another key', (file) => {
    expect(withChange(file, (t) => `${t} `)).not.toBe(original);
    expect(sourceKey(root, env)).toBe(original);
  });

  test('a new file in an input folder, or one removed: another key', () => {
    const extra = path.join(root, 'lib', 'extra.ts');
    fs.writeFileSync(extra, 'export {};\n');
    expect(sourceKey(root, env)).not.toBe(original);
    fs.rmSync(extra);
    expect(sourceKey(root, env)).toBe(original);
  });

  test('a CDK_ variable (aws-cdk-lib reads them) gives another key; other variables do not', () => {
    expect(sourceKey(root, { ...env, CDK_CONTEXT_JSON: '{"prefix":"Kim"}' })).not.toBe(original);
    expect(sourceKey(root, { ...env, HOME: '/somewhere' })).toBe(original);
  });

  test('a file the lab does not read changes nothing', () => {
    expect(withChange('README.md', (t) => `${t}\nmore\n`)).toBe(original);
  });
});

test('a setting that names a file brings the file’s content into the key; other settings do not', () => {
  const root = scratch();
  fs.mkdirSync(path.join(root, 'notes'));
  fs.writeFileSync(path.join(root, 'notes', 'mine.md'), '# One\n');
  const first = contextFiles({ notesFile: 'notes/mine.md', prefix: 'Kim', budgetMonthlyUsd: 5 }, root);
  expect(Object.keys(first)).toEqual(['notesFile']);
  fs.writeFileSync(path.join(root, 'notes', 'mine.md'), '# Two\n');
  expect(contextFiles({ notesFile: 'notes/mine.md' }, root).notesFile).not.toBe(first.notesFile);
  expect(contextFiles({ notesFile: 'notes/none.md' }, root)).toEqual({});
});

test('opening the cache keeps the current key’s folder and the two others used last, and removes the rest', () => {
  const jestCache = scratch();
  const base = path.join(jestCache, 'ai-lab-assemblies');
  const others = ['oldest', 'older', 'old'];
  others.forEach((name, i) => {
    fs.mkdirSync(path.join(base, name, 'some-assembly'), { recursive: true });
    const when = new Date(Date.now() - (10 - i) * 60_000);
    fs.utimesSync(path.join(base, name), when, when);
  });
  const dir = openAssemblyCache(jestCache);
  expect(path.basename(dir)).toBe(sourceKey());
  fs.mkdirSync(path.join(dir, 'kept'));
  expect(openAssemblyCache(jestCache)).toBe(dir);
  expect(fs.readdirSync(base).sort()).toEqual([path.basename(dir), 'old', 'older'].sort());
  expect(fs.existsSync(path.join(dir, 'kept'))).toBe(true);
});

test('a jest run inside a test keeps the enclosing run’s cache folder', () => {
  // The temp-root test runs jest over fixtures with this run's environment (CDK_VALIDATION=false
  // among it, which the enclosing run's key did not have): it must neither key nor prune again.
  expect(process.env[ASSEMBLY_DIR_ENV]).toBeDefined();
  const setup = require('../support/global-setup') as typeof import('../support/global-setup');
  const teardown = require('../support/global-teardown') as typeof import('../support/global-teardown');
  const before = process.env[ASSEMBLY_DIR_ENV];
  const jestCache = scratch();
  // The other workers write to the temp directory meanwhile: no leak check for this inner run.
  const check = process.env.AI_LAB_TEMP_CHECK;
  process.env.AI_LAB_TEMP_CHECK = 'off';
  setup.default(undefined, { cacheDirectory: jestCache } as never);
  try {
    expect(process.env[ASSEMBLY_DIR_ENV]).toBe(before);
    expect(fs.readdirSync(jestCache)).toEqual([]);
  } finally {
    teardown.default();
    if (check === undefined) delete process.env.AI_LAB_TEMP_CHECK;
    else process.env.AI_LAB_TEMP_CHECK = check;
  }
  expect(process.env[ASSEMBLY_DIR_ENV]).toBe(before);
});
