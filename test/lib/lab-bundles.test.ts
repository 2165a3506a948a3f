/**
 * bin/ prebuilds the lab's bundles before the stacks are constructed: the list it builds
 * (lib/lab-bundles.ts) must be exactly what the stacks then ask for, so that construction builds
 * nothing more, and it must follow `aws:cdk:bundling-stacks` as the CDK CLI sets it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildLab } from '../../lib/app';
import { BundleCache } from '../../lib/bundling/cache';
import { prebundle } from '../../lib/bundling/prebundle';
import { globMatch, labBundleSpecs } from '../../lib/lab-bundles';

test('after prebuilding, constructing the whole lab builds no bundle', async () => {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-pre-')) });
  const cache = new BundleCache(
    fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-bundles-')),
    BundleCache.forProject().projectRoot,
  );
  const specs = labBundleSpecs(app);
  // Eight demo bundles, and AiLab-Pipeline's API and its three workflow functions.
  expect(specs.map((s) => s.entry)).toHaveLength(12);
  expect(specs.map((s) => s.entry).filter((e) => e.startsWith('lambda/pipeline/'))).toEqual([
    'lambda/pipeline/handler.ts',
    'lambda/pipeline/text-handler.ts',
    'lambda/pipeline/run-handler.ts',
    'lambda/pipeline/job-event-handler.ts',
  ]);
  expect(specs.find((s) => s.entry === 'lambda/bedrock/handler.ts')?.define).toHaveProperty(
    '__NOTES_INDEX__',
  );
  // The streaming function (POST /bedrock/converse-stream) is a bundle of its own, without the notes index.
  const streamSpec = specs.find((s) => s.entry === 'lambda/bedrock/stream-handler.ts');
  expect(streamSpec).toBeDefined();
  expect(streamSpec?.define).toBeUndefined();

  const pre = await prebundle(specs, cache);
  // One esbuild call for the eleven functions without a define, one for Bedrock's with the notes index.
  expect(pre).toMatchObject({ built: 12, cached: 0, builds: 2, failed: [] });

  // Built together, each bundle is byte for byte (and input for input) what building it alone
  // gives, which is what construction does when a bundle was not prebuilt: the asset hash cannot
  // depend on which of the two built it.
  const alone = new BundleCache(fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-alone-')), cache.projectRoot);
  for (const spec of specs) {
    const together = await cache.ensure(spec);
    const single = alone.ensureSync(spec);
    expect(single.key).toBe(together.key);
    expect(single.files).toEqual(together.files);
    for (const f of [...single.files, 'manifest.json']) {
      expect([spec.entry, f, fs.readFileSync(path.join(single.dir, f), 'utf8')]).toEqual([
        spec.entry,
        f,
        fs.readFileSync(path.join(together.dir, f), 'utf8'),
      ]);
    }
  }
  expect(alone.stats).toMatchObject({ misses: 12, builds: 12 });

  const previous = process.env.AI_LAB_BUNDLE_CACHE;
  process.env.AI_LAB_BUNDLE_CACHE = cache.dir;
  try {
    const used = BundleCache.forProject();
    buildLab(app, { nag: false });
    // Every bundle the stacks asked for was one the prebuild had built.
    expect(used.stats).toMatchObject({ hits: 12, misses: 0, builds: 0 });
  } finally {
    if (previous === undefined) delete process.env.AI_LAB_BUNDLE_CACHE;
    else process.env.AI_LAB_BUNDLE_CACHE = previous;
  }
});

test('only the stacks the CLI bundles are prebuilt (cdk synth AiLab-Translate --exclusively)', () => {
  const entries = (patterns?: string[]) =>
    labBundleSpecs(
      new App({ context: patterns ? { 'aws:cdk:bundling-stacks': patterns } : {}, autoSynth: false }),
    ).map((s) => s.entry);
  expect(entries()).toHaveLength(12);
  expect(entries(['AiLab-Translate'])).toEqual(['lambda/translate/handler.ts']);
  expect(entries(['AiLab-T*'])).toEqual([
    'lambda/translate/handler.ts',
    'lambda/textract/handler.ts',
    'lambda/transcribe/handler.ts',
  ]);
  expect(entries([])).toEqual([]);
});

test('glob matching as minimatch reads the CLI patterns', () => {
  expect(globMatch('**', 'AiLab-Polly')).toBe(true);
  expect(globMatch('AiLab-Polly', 'AiLab-Polly')).toBe(true);
  expect(globMatch('AiLab-Polly', 'AiLab-PollyX')).toBe(false);
  expect(globMatch('AiLab-?olly', 'AiLab-Polly')).toBe(true);
  expect(globMatch('*', 'Stage/AiLab-Polly')).toBe(false);
  expect(globMatch('Stage/*', 'Stage/AiLab-Polly')).toBe(true);
  expect(globMatch('AiLab.Polly', 'AiLab-Polly')).toBe(false); // a dot is literal, not "any"
});
