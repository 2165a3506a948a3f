/**
 * Lambda code from the bundle cache, staged by CDK's own asset machinery: local bundling that
 * copies the cached (or freshly built) esbuild output into CDK's bundling directory. Because it
 * is CDK's bundling, `cdk synth <stack> --exclusively` skips it for the other stacks
 * (`aws:cdk:bundling-stacks`), and the asset hash is computed from the output (OUTPUT), exactly
 * as NodejsFunction does: the hash changes when, and only when, the bundle bytes change.
 */
import { AssetHashType, type BundlingOptions, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BundleCache, copyBundle } from './cache';
import type { BundleSpec } from './options';

/** Local bundling from the cache. Throws on a build error: it never falls back to Docker. */
class CachedEsbuildBundling implements ILocalBundling {
  readonly #cache: BundleCache;

  /**
   * `entry` and `define` are plain fields so that CDK's in-process asset cache, which keys on the
   * bundling options' JSON, tells two functions apart (the private cache is left out of it).
   */
  constructor(
    public readonly entry: string,
    public readonly define: Readonly<Record<string, string>> | undefined,
    cache: BundleCache,
  ) {
    this.#cache = cache;
  }

  public tryBundle(outputDir: string): boolean {
    copyBundle(this.#cache.ensureSync({ entry: this.entry, define: this.define }), outputDir);
    return true;
  }
}

/** The `code` of a demo function: its esbuild bundle, through the project's bundle cache. */
export function bundledCode(spec: BundleSpec, cache: BundleCache = BundleCache.forProject()): lambda.Code {
  const bundling: BundlingOptions = {
    // Required by the type; never run: local bundling either succeeds or throws.
    image: DockerImage.fromRegistry('dummy'),
    local: new CachedEsbuildBundling(spec.entry, spec.define, cache),
  };
  return lambda.Code.fromAsset(cache.projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling,
  });
}
