/**
 * How every demo function is bundled: one set of esbuild options, used by the synth (through the
 * bundle cache) and by the benchmark, so the two cannot drift apart.
 *
 * These are the options NodejsFunction turned DemoFunction's `bundling` props into (`esbuild
 * --bundle <entry> --platform=node --target=node24 --minify --sourcemap --sources-content=false
 * --main-fields=module,main [--define:...]`, CommonJS): the output is byte-identical to what
 * NodejsFunction wrote into ./cdk.out, without a shell and an `npx` per function.
 */
import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';

/** What one function's bundle is built from. */
export interface BundleSpec {
  /** Handler file relative to the project root, e.g. `lambda/comprehend/handler.ts`. */
  readonly entry: string;
  /** esbuild `define` replacements (compile-time constants). @default none */
  readonly define?: Readonly<Record<string, string>>;
}

/**
 * Minified, source maps without sources content, Node.js 24, the SDK's ES modules
 * (`module` before `main`, so esbuild keeps only the commands a handler imports) and the SDK
 * bundled in, never taken from the runtime (what is tested is what runs).
 */
export const DEMO_ESBUILD: Readonly<BuildOptions> = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node24',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  external: [],
};

/**
 * Where esbuild is told the bundle goes. The source map's `sources` are relative to it, so a
 * fixed place two levels under the project root gives `../../lambda/...` whatever `--output`
 * the synth uses: the same paths NodejsFunction produced in ./cdk.out/asset.<hash>/, and a
 * bundle (and asset hash) that no longer depends on where the cloud assembly is written.
 */
export function virtualOutfile(projectRoot: string): string {
  return path.join(projectRoot, 'cdk.out', 'bundle', 'index.js');
}

/** The esbuild options for one spec (output kept in memory: the cache decides where it goes). */
export function esbuildOptionsFor(spec: BundleSpec, projectRoot: string): BuildOptions {
  return {
    ...DEMO_ESBUILD,
    absWorkingDir: projectRoot,
    entryPoints: [path.join(projectRoot, spec.entry)],
    outfile: virtualOutfile(projectRoot),
    define: spec.define ? { ...spec.define } : undefined,
    write: false,
    metafile: true,
    logLevel: 'warning',
  };
}

/**
 * The esbuild options for several specs with the same `define`, built in one esbuild call: the
 * work esbuild shares between them (parsing the SDK and the shared sources) is done once. Entry
 * `i` is written to `cdk.out/b<i>/index.js`, two levels under the project root like
 * {@link virtualOutfile}, so each bundle and its source map are byte for byte what a build of
 * that spec alone gives (a test holds that).
 */
export function esbuildOptionsForGroup(specs: readonly BundleSpec[], projectRoot: string): BuildOptions {
  const define = specs[0]?.define;
  return {
    ...DEMO_ESBUILD,
    absWorkingDir: projectRoot,
    entryPoints: specs.map((s, i) => ({
      in: path.join(projectRoot, s.entry),
      out: `${groupOutDir(i)}/index`,
    })),
    outdir: path.dirname(path.dirname(virtualOutfile(projectRoot))),
    define: define ? { ...define } : undefined,
    write: false,
    metafile: true,
    logLevel: 'warning',
  };
}

/** The directory (under cdk.out) a group build writes entry `i` to. */
export const groupOutDir = (i: number): string => `b${i}`;

/** A spec's `define` in a stable order (null without one): specs with equal ones build together. */
export const sortedDefine = (spec: BundleSpec): [string, string][] | null =>
  spec.define ? Object.entries(spec.define).sort(([a], [b]) => a.localeCompare(b)) : null;
