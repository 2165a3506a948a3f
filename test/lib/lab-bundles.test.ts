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
  expect(specs.map((s) => s.entry)).toHaveLength(8);
  expect(specs.find((s) => s.entry === 'lambda/bedrock/handler.ts')?.define).toHaveProperty(
    '__NOTES_INDEX__',
  );
  // The streaming function (POST /bedrock/converse-stream) is a bundle of its own, without the notes index.
  const streamSpec = specs.find((s) => s.entry === 'lambda/bedrock/stream-handler.ts');
  expect(streamSpec).toBeDefined();
  expect(streamSpec?.define).toBeUndefined();

  const pre = await prebundle(specs, cache);
  expect(pre).toMatchObject({ built: 8, cached: 0, failed: [] });

  const previous = process.env.AI_LAB_BUNDLE_CACHE;
  process.env.AI_LAB_BUNDLE_CACHE = cache.dir;
  try {
    const used = BundleCache.forProject();
    buildLab(app, { nag: false });
    // Every bundle the stacks asked for was one the prebuild had built.
    expect(used.stats).toMatchObject({ hits: 8, misses: 0 });
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
  expect(entries()).toHaveLength(8);
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
