/**
 * The bundle cache (lib/bundling/cache.ts): served only while every input is unchanged, rebuilt
 * when a source, a directory listing or the cached output itself changed, and the CDK asset hash
 * follows the bundle bytes. Each test shows both sides: the case that must hit and the one that
 * must miss, so a cache that always hits (or never does) fails here.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BundleCache, type CachedBundle } from '../../lib/bundling/cache';
import { bundledCode } from '../../lib/bundling/code';
import type { BundleSpec } from '../../lib/bundling/options';

const SPEC: BundleSpec = { entry: 'src/handler.ts' };

/** A tiny project: a handler importing a module from the same directory. */
function project(): { root: string; cache: BundleCache; write: (rel: string, text: string) => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-cache-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  write('package.json', '{"name":"fixture","private":true}\n');
  write('src/dep.ts', "export const greeting = 'hello from dep';\n");
  write(
    'src/handler.ts',
    "import { greeting } from './dep';\nexport const handler = async () => ({ greeting });\n",
  );
  return { root, cache: new BundleCache(path.join(root, '.cache'), root), write };
}

const read = (b: CachedBundle, f = 'index.js') => fs.readFileSync(path.join(b.dir, f), 'utf8');

/** The S3 key (the asset hash) CDK gives the function's code in a synthesized template. */
function assetHash(cache: BundleCache, spec: BundleSpec = SPEC): string {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-cache-out-')) });
  const stack = new Stack(app, 'S');
  new lambda.Function(stack, 'F', {
    code: bundledCode(spec, cache),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
  });
  const template = app.synth().getStackByName('S').template as {
    Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>;
  };
  const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function')!;
  return fn.Properties.Code!.S3Key!;
}

test('an unchanged source is served from the cache, byte for byte, without esbuild', () => {
  const { cache } = project();
  expect(cache.lookup(SPEC)).toEqual({ miss: 'not cached' });
  const built = cache.ensureSync(SPEC);
  expect(cache.stats).toMatchObject({ hits: 0, misses: 1 });
  expect(built.files).toEqual(['index.js', 'index.js.map']);
  expect(read(built)).toContain('hello from dep');

  const again = cache.ensureSync(SPEC);
  expect(cache.stats).toMatchObject({ hits: 1, misses: 1 });
  expect(read(again)).toBe(read(built));
  // A second cache instance (a later synth) finds it too: the entry is on disk, not in memory.
  expect('bundle' in new BundleCache(cache.dir, cache.projectRoot).lookup(SPEC)).toBe(true);
});

test('a changed source file changes the bundle and the asset hash; an unchanged one keeps both', () => {
  const { cache, write } = project();
  const first = assetHash(cache);
  const firstCode = read(cache.ensureSync(SPEC));
  expect(assetHash(cache)).toBe(first); // unchanged: same hash (and served from the cache)
  expect(cache.stats.misses).toBe(1);

  write('src/dep.ts', "export const greeting = 'changed in dep, a file the entry imports';\n");
  expect(cache.lookup(SPEC)).toEqual({ miss: 'input changed: src/dep.ts' });
  const second = assetHash(cache);
  expect(second).not.toBe(first);
  const secondCode = read(cache.ensureSync(SPEC));
  expect(secondCode).toContain('changed in dep');
  expect(secondCode).not.toBe(firstCode);
  expect(cache.stats.misses).toBe(2);
});

test('a damaged cache entry is rebuilt, never served', () => {
  const { cache } = project();
  const good = read(cache.ensureSync(SPEC));
  const entry = cache.ensureSync(SPEC);
  fs.writeFileSync(path.join(entry.dir, 'index.js'), 'module.exports = "damaged";');
  expect(cache.lookup(SPEC)).toEqual({ miss: 'cached output damaged: index.js' });
  expect(read(cache.ensureSync(SPEC))).toBe(good);

  fs.writeFileSync(path.join(entry.dir, 'manifest.json'), '{ truncated');
  expect(cache.lookup(SPEC)).toEqual({ miss: 'not cached' });
  expect(read(cache.ensureSync(SPEC))).toBe(good);
  expect(cache.stats.misses).toBe(3);
});

test('a file added next to a source invalidates the entry (it could change how an import resolves)', () => {
  const { cache, write } = project();
  cache.ensureSync(SPEC);
  expect('bundle' in cache.lookup(SPEC)).toBe(true);
  write('src/README.md', 'new file in a source directory\n');
  expect(cache.lookup(SPEC)).toEqual({ miss: 'files added or removed in src/' });
});

test('the lock file, the define and the entry are part of the key', () => {
  const { cache, write } = project();
  const key = cache.keyOf(SPEC);
  expect(cache.keyOf({ ...SPEC })).toBe(key);
  expect(cache.keyOf({ ...SPEC, define: { __X__: '1' } })).not.toBe(key);
  expect(cache.keyOf({ entry: 'src/dep.ts' })).not.toBe(key);
  write('package-lock.json', '{"lockfileVersion":3}\n');
  expect(cache.keyOf(SPEC)).not.toBe(key);
});

test('two functions in one stack keep their own bundles (CDK’s in-process asset cache tells them apart)', () => {
  const { cache, write } = project();
  write('src/other.ts', "export const handler = async () => 'the other function';\n");
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-cache-out-')) });
  const stack = new Stack(app, 'S');
  for (const [id, entry] of [
    ['A', 'src/handler.ts'],
    ['B', 'src/other.ts'],
  ] as const) {
    new lambda.Function(stack, id, {
      code: bundledCode({ entry }, cache),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_24_X,
    });
  }
  const asm = app.synth();
  const keys = Object.values(
    asm.getStackByName('S').template.Resources as Record<string, { Type: string; Properties: any }>,
  )
    .filter((r) => r.Type === 'AWS::Lambda::Function')
    .map((r) => r.Properties.Code.S3Key as string);
  expect(new Set(keys).size).toBe(2);
  const codes = fs
    .readdirSync(asm.directory)
    .filter((d) => d.startsWith('asset.'))
    .map((d) => fs.readFileSync(path.join(asm.directory, d, 'index.js'), 'utf8'));
  expect(codes.some((c) => c.includes('hello from dep'))).toBe(true);
  expect(codes.some((c) => c.includes('the other function'))).toBe(true);
});

test('a build error fails the synth with esbuild’s message (no fallback to Docker)', () => {
  const { cache, write } = project();
  write('src/dep.ts', 'export const greeting = ;\n');
  expect(() => cache.ensureSync(SPEC)).toThrow(/Unexpected ";"/);
  expect(() => assetHash(cache)).toThrow(/Failed to bundle asset S\/F\/Code\/Stage.*Unexpected ";"/s);
});

test('the source map does not depend on where the cloud assembly is written', () => {
  const { cache } = project();
  const map = JSON.parse(read(cache.ensureSync(SPEC), 'index.js.map')) as { sources: string[] };
  expect(map.sources.sort()).toEqual(['../../src/dep.ts', '../../src/handler.ts']);
});

test('missed bundles with the same define are built in one esbuild call, each with only its own inputs', async () => {
  const { cache, write } = project();
  write('src/other.ts', "import { farewell } from './bye';\nexport const handler = async () => farewell;\n");
  write('src/bye.ts', "export const farewell = 'goodbye from bye';\n");
  const OTHER: BundleSpec = { entry: 'src/other.ts' };
  const DEFINED: BundleSpec = { entry: 'src/handler.ts', define: { __X__: '"x"' } };

  const [a, b, c] = await cache.ensureAll([SPEC, OTHER, DEFINED]);
  // Two calls: SPEC and OTHER together, DEFINED (another define) alone.
  expect(cache.stats).toMatchObject({ hits: 0, misses: 3, builds: 2 });
  expect(read(a as CachedBundle)).toContain('hello from dep');
  expect(read(b as CachedBundle)).toContain('goodbye from bye');
  expect(read(b as CachedBundle)).not.toContain('hello from dep');
  const inputs = (x: unknown) =>
    Object.keys(JSON.parse(read(x as CachedBundle, 'manifest.json')).inputs as object).sort();
  expect(inputs(a)).toEqual(['src/dep.ts', 'src/handler.ts']);
  expect(inputs(b)).toEqual(['src/bye.ts', 'src/other.ts']);
  expect((c as CachedBundle).key).not.toBe((a as CachedBundle).key);

  // Each entry is what a build of it alone stores, and an edit to one input misses only its bundle.
  const alone = new BundleCache(path.join(cache.dir, '..', '.alone'), cache.projectRoot);
  expect(read(alone.ensureSync(OTHER))).toBe(read(b as CachedBundle));
  write('src/bye.ts', "export const farewell = 'see you';\n");
  await cache.ensureAll([SPEC, OTHER, DEFINED]);
  expect(cache.stats).toMatchObject({ hits: 2, misses: 4, builds: 3 });
  expect(cache.stats.missReasons.at(-1)).toBe('src/other.ts: input changed: src/bye.ts');
});

test('a broken function in a group build fails alone, with its own error; the others are built', async () => {
  const { cache, write } = project();
  write('src/broken.ts', 'export const handler = ;\n');
  const results = await cache.ensureAll([SPEC, { entry: 'src/broken.ts' }]);
  expect(read(results[0] as CachedBundle)).toContain('hello from dep');
  expect(results[1]).toBeInstanceOf(Error);
  expect((results[1] as Error).message).toMatch(/src\/broken\.ts.*Unexpected ";"/s);
  // The failed group call, then each spec alone.
  expect(cache.stats).toMatchObject({ misses: 2, builds: 3 });
  expect('bundle' in cache.lookup({ entry: 'src/broken.ts' })).toBe(false);
});
