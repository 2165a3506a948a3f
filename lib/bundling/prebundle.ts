/**
 * Build the bundles a synth will need before the constructs ask for them, with esbuild's
 * asynchronous API in this process: one esbuild call for all functions that share a `define`
 * (BundleCache.ensureAll) instead of a shell, `npx` and a fresh esbuild process per function.
 * Entries already in the cache are only checked. Construction then finds every bundle in the
 * cache; a bundle that failed here is built again there, so its error fails the synth exactly
 * where NodejsFunction's did.
 */
import * as esbuild from 'esbuild';
import type { BundleCache } from './cache';
import type { BundleSpec } from './options';

export interface PrebundleResult {
  readonly built: number;
  readonly cached: number;
  /** esbuild calls it took to build them. */
  readonly builds: number;
  readonly failed: readonly string[];
  readonly ms: number;
}

export async function prebundle(specs: readonly BundleSpec[], cache: BundleCache): Promise<PrebundleResult> {
  const started = performance.now();
  const { misses, hits, builds } = cache.stats;
  const results = await cache.ensureAll(specs);
  await esbuild.stop();
  return {
    built: cache.stats.misses - misses,
    cached: cache.stats.hits - hits,
    builds: cache.stats.builds - builds,
    failed: results.flatMap((r, i) =>
      r instanceof Error ? [`${specs[i]?.entry}: ${r.message.split('\n')[0]}`] : [],
    ),
    ms: performance.now() - started,
  };
}
