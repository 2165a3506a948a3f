/**
 * The lab's bundles and templates do not depend on how, or when, the bundles were built. Two
 * synths of the whole lab, each with real esbuild bundles, in two empty bundle caches:
 *
 * - A, as bin/ runs a synth: the prebuild builds all twelve bundles into cache A, grouped (one
 *   esbuild call per `define`); a later synth then prebuilds again, finds all twelve in the
 *   cache, and constructs the lab, which takes every bundle from the cache.
 * - B, with no prebuild: construction finds cache B empty and builds each bundle alone
 *   (`ensureSync`), which is what it does with any bundle the prebuild did not build.
 *
 * So the grouped bundles are compared, byte for byte, with bundles built one at a time, and the
 * templates of a prebuilt, cached synth with those of a synth that built everything afresh:
 * reviewers can diff synth output, snapshots hold across machines, and the asset hash cannot
 * depend on which path built a bundle (no account or Region is baked in either: the stacks are
 * environment-agnostic). Each claim is a test of its own; they share the two synths.
 *
 * The claims about building (prebuild counts, "construction builds nothing after a prebuild",
 * grouped equals alone) were in test/lib/lab-bundles.test.ts, which built a third cache for them;
 * that file keeps the prebuild list and its `aws:cdk:bundling-stacks` selection. Of the three
 * synths this file ran before, the third (cache A again) is the later synth of A above; the
 * second (grouped, into cache B) is now B's construction building each bundle alone; the first
 * one's construction, right after the prebuild, would read the same twelve entries of cache A
 * as the later synth's does, so it is not run twice.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildLab } from '../../lib/app';
import { BundleCache, type CacheStats } from '../../lib/bundling/cache';
import type { BundleSpec } from '../../lib/bundling/options';
import { type PrebundleResult, prebundle } from '../../lib/bundling/prebundle';
import { labBundleSpecs } from '../../lib/lab-bundles';

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

type Counts = Pick<CacheStats, 'hits' | 'misses' | 'builds'>;

interface Synth {
  /** Template file name → its text. */
  readonly templates: Record<string, string>;
  /** What constructing the lab asked of the bundle cache. */
  readonly construction: Counts;
}

/** The project's bundle cache in `dir`, as bin/ and the constructs get it (`$AI_LAB_BUNDLE_CACHE`). */
async function withCache<T>(dir: string, run: (cache: BundleCache) => Promise<T> | T): Promise<T> {
  const previous = process.env.AI_LAB_BUNDLE_CACHE;
  process.env.AI_LAB_BUNDLE_CACHE = dir;
  try {
    return await run(BundleCache.forProject());
  } finally {
    if (previous === undefined) delete process.env.AI_LAB_BUNDLE_CACHE;
    else process.env.AI_LAB_BUNDLE_CACHE = previous;
  }
}

/** Construct and synthesize the whole lab into `app`'s outdir, counting the cache's work. */
function synthesize(app: App, cache: BundleCache): Synth {
  const { hits, misses, builds } = cache.stats;
  buildLab(app, { nag: false });
  const outdir = app.synth().directory;
  const templates = Object.fromEntries(
    fs
      .readdirSync(outdir)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => [f, fs.readFileSync(path.join(outdir, f), 'utf8')]),
  );
  const { stats } = cache;
  return {
    templates,
    construction: { hits: stats.hits - hits, misses: stats.misses - misses, builds: stats.builds - builds },
  };
}

let specs: BundleSpec[];
/** Cache A: the first prebuild (empty cache), the later one (full cache), then construction. */
let cacheA: BundleCache;
let firstPrebuild: PrebundleResult;
let laterPrebuild: PrebundleResult;
let prebuilt: Synth;
/** Cache B: construction alone, into an empty cache. */
let cacheB: BundleCache;
let fresh: Synth;

beforeAll(async () => {
  const appA = new App({ outdir: tmp('ai-lab-synth-a-') });
  specs = labBundleSpecs(appA);
  const dirA = tmp('ai-lab-bundles-a-');
  firstPrebuild = await withCache(dirA, (cache) => prebundle(specs, cache));

  fresh = await withCache(tmp('ai-lab-bundles-b-'), (cache) => {
    cacheB = cache;
    return synthesize(new App({ outdir: tmp('ai-lab-synth-b-') }), cache);
  });

  prebuilt = await withCache(dirA, async (cache) => {
    cacheA = cache;
    laterPrebuild = await prebundle(labBundleSpecs(appA), cache);
    return synthesize(appA, cache);
  });
});

test('the prebuild builds all twelve bundles into an empty cache, in one esbuild call per define', () => {
  // Eleven functions without a define in one call; Bedrock's, with the notes index, in another.
  expect(specs).toHaveLength(12);
  expect(firstPrebuild).toMatchObject({ built: 12, cached: 0, builds: 2, failed: [] });
});

test('a later synth on the same cache builds nothing: the prebuild finds all twelve, construction takes them', () => {
  expect(laterPrebuild).toMatchObject({ built: 0, cached: 12, builds: 0, failed: [] });
  // The whole later synth: nothing built, 24 bundles taken from the cache (12 by its prebuild,
  // 12 by construction).
  expect([
    laterPrebuild.built + prebuilt.construction.misses,
    laterPrebuild.cached + prebuilt.construction.hits,
  ]).toEqual([0, 24]);
});

test('after prebuilding, constructing the whole lab builds no bundle (lib/lab-bundles.ts lists what the stacks ask for)', () => {
  // Every bundle the stacks asked for was one the prebuild had built: seven demos, the Bedrock
  // streaming function, the pipeline's API and its three workflow functions.
  expect(prebuilt.construction).toEqual({ hits: 12, misses: 0, builds: 0 });
});

test('without a prebuild, construction builds each of the twelve bundles alone', () => {
  expect(fresh.construction).toEqual({ hits: 0, misses: 12, builds: 12 });
  // Exactly the bundles the prebuild list names, none missing and none more.
  expect([...cacheB.stats.missReasons].sort()).toEqual(specs.map((s) => `${s.entry}: not cached`).sort());
});

test('built together, each bundle is byte for byte (and input for input) what building it alone gives', () => {
  // The asset hash is computed from these bytes: it cannot depend on which of the two built it.
  for (const spec of specs) {
    const together = cacheA.lookup(spec);
    const single = cacheB.lookup(spec);
    expect([spec.entry, 'bundle' in together, 'bundle' in single]).toEqual([spec.entry, true, true]);
    if (!('bundle' in together) || !('bundle' in single)) continue;
    expect(single.bundle.key).toBe(together.bundle.key);
    expect(single.bundle.files).toEqual(together.bundle.files);
    for (const f of [...single.bundle.files, 'manifest.json']) {
      expect([spec.entry, f, fs.readFileSync(path.join(single.bundle.dir, f), 'utf8')]).toEqual([
        spec.entry,
        f,
        fs.readFileSync(path.join(together.bundle.dir, f), 'utf8'),
      ]);
    }
  }
});

test('a prebuilt, cached synth and a synth that built every bundle afresh give identical templates', () => {
  expect(Object.keys(prebuilt.templates).length).toBeGreaterThanOrEqual(5);
  expect(fresh.templates).toEqual(prebuilt.templates);
});

test('no account or Region is baked into a template', () => {
  for (const template of Object.values(prebuilt.templates)) {
    expect(template).not.toMatch(/\b\d{12}\b/); // no account id baked in
    // No Region baked in: the Region table's Mappings (and the Rule naming its Regions) hold every
    // Region's values, and CloudFormation picks the deployment's at deploy time.
    const rest = JSON.parse(template) as Record<string, unknown>;
    delete rest.Mappings;
    delete rest.Rules;
    expect(JSON.stringify(rest)).not.toMatch(/"(us|eu|ap|ca|sa)-[a-z]+-\d"/);
  }
});
