/**
 * A content-keyed cache of function bundles, so a synth with no source change runs no esbuild.
 *
 * An entry is found by its key: the esbuild version, the bundling options (define included), the
 * entry file and the project's package-lock.json, package.json and tsconfig.json. It is used
 * only if every input esbuild read for it (the metafile's inputs: our sources and every
 * node_modules file) still has the content it had, the directories of our own sources still
 * list the same files (a new file could change how an import resolves), and its outputs still
 * have the hashes they were written with (a damaged entry is rebuilt, never served). Otherwise
 * the bundle is rebuilt and the entry replaced.
 *
 * The CDK asset hash is computed from the output (assetHashType OUTPUT, see ./code.ts), so it
 * changes exactly when the bundle does, cached or not. `ensureAll` (the prebuild) builds the missed
 * bundles that share a define in one esbuild call; each is stored as if it had been built alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { PROJECT_ROOT } from '../project-root';
import { fileSha256, sha256 } from '../report-cache';
import {
  type BundleSpec,
  DEMO_ESBUILD,
  esbuildOptionsFor,
  esbuildOptionsForGroup,
  groupOutDir,
  sortedDefine,
  virtualOutfile,
} from './options';

/** Bump when the entry layout or the key changes meaning. */
const FORMAT = 1;
const MANIFEST = 'manifest.json';
/** Project files esbuild reads that are not in its metafile (resolution and TypeScript settings). */
const PROJECT_FILES = ['package-lock.json', 'package.json', 'tsconfig.json'];

export interface CachedBundle {
  readonly key: string;
  /** The entry's directory: the bundle files and manifest.json. */
  readonly dir: string;
  /** Bundle file names in `dir` (index.js, index.js.map). */
  readonly files: readonly string[];
}

export interface CacheStats {
  /** Bundles served from the cache. */
  hits: number;
  /** Bundles built (no entry, or an entry that no longer matched). */
  misses: number;
  /** Why each miss happened, e.g. `lambda/translate/handler.ts: input changed: lambda/shared/http.ts`. */
  readonly missReasons: string[];
  /** esbuild builds run: one per group of missed bundles with the same define (see ensureAll). */
  builds: number;
  /** Time spent checking entries and building, in ms. */
  verifyMs: number;
  buildMs: number;
}

interface Manifest {
  readonly format: number;
  readonly key: string;
  readonly entry: string;
  /** Input path (relative to the project root) → SHA-256 of its content, null if not a file. */
  readonly inputs: Record<string, string | null>;
  /** Directory of one of our own inputs → SHA-256 of its sorted listing. */
  readonly dirs: Record<string, string | null>;
  /** Output file name → SHA-256. */
  readonly outputs: Record<string, string>;
}

type Lookup = { readonly bundle: CachedBundle } | { readonly miss: string };

export class BundleCache {
  private static readonly instances = new Map<string, BundleCache>();

  /**
   * The project's cache: `$AI_LAB_BUNDLE_CACHE` if set, else node_modules/.cache/ai-lab-bundles
   * (outside cdk.out, so it survives `--output` elsewhere and a `rm -rf cdk.out`).
   */
  public static forProject(projectRoot: string = PROJECT_ROOT): BundleCache {
    const configured = process.env.AI_LAB_BUNDLE_CACHE;
    const dir = configured
      ? path.resolve(configured)
      : path.join(projectRoot, 'node_modules', '.cache', 'ai-lab-bundles');
    const id = `${projectRoot}\0${dir}`;
    let cache = BundleCache.instances.get(id);
    if (!cache) {
      cache = new BundleCache(dir, projectRoot);
      BundleCache.instances.set(id, cache);
    }
    return cache;
  }

  public readonly stats: CacheStats = {
    hits: 0,
    misses: 0,
    missReasons: [],
    builds: 0,
    verifyMs: 0,
    buildMs: 0,
  };
  /** Content hashes of files already read in this process, keyed by path, size and mtime. */
  private readonly fileHashes = new Map<string, string | null>();

  constructor(
    public readonly dir: string,
    public readonly projectRoot: string,
  ) {}

  /** The key of a spec: everything that decides the output except the input files' contents. */
  public keyOf(spec: BundleSpec): string {
    const projectFiles = Object.fromEntries(
      PROJECT_FILES.map((f) => [f, this.hashFile(path.join(this.projectRoot, f))]),
    );
    return sha256(
      JSON.stringify({
        format: FORMAT,
        esbuild: esbuild.version,
        options: DEMO_ESBUILD,
        entry: spec.entry,
        define: sortedDefine(spec),
        projectFiles,
      }),
    );
  }

  /** The entry for `spec` if it is still valid, or why not. Reads, never writes. */
  public lookup(spec: BundleSpec): Lookup {
    const started = performance.now();
    try {
      const key = this.keyOf(spec);
      const dir = path.join(this.dir, key);
      let manifest: Manifest;
      try {
        manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
      } catch {
        return { miss: 'not cached' };
      }
      if (manifest.format !== FORMAT || manifest.key !== key) return { miss: 'entry of another format' };
      for (const [rel, hash] of Object.entries(manifest.inputs)) {
        if (this.hashFile(path.join(this.projectRoot, rel)) !== hash)
          return { miss: `input changed: ${rel}` };
      }
      for (const [rel, hash] of Object.entries(manifest.dirs)) {
        if (listingHash(path.join(this.projectRoot, rel)) !== hash)
          return { miss: `files added or removed in ${rel}/` };
      }
      const files = Object.keys(manifest.outputs).sort();
      if (files.length === 0) return { miss: 'entry has no output' };
      for (const f of files) {
        // Outputs are hashed afresh, not memoised: a damaged entry must not pass.
        if (fileSha256(path.join(dir, f)) !== manifest.outputs[f])
          return { miss: `cached output damaged: ${f}` };
      }
      return { bundle: { key, dir, files } };
    } finally {
      this.stats.verifyMs += performance.now() - started;
    }
  }

  /** The bundle for `spec`, from the cache or built now (synchronously: for construct code). */
  public ensureSync(spec: BundleSpec): CachedBundle {
    const found = this.lookup(spec);
    if ('bundle' in found) return this.hit(found.bundle);
    this.miss(spec, found.miss);
    return this.timed(() =>
      this.storeBuild(spec, esbuild.buildSync(esbuildOptionsFor(spec, this.projectRoot))),
    );
  }

  /** The bundle for `spec`, from the cache or built now with esbuild's asynchronous API. */
  public async ensure(spec: BundleSpec): Promise<CachedBundle> {
    const found = this.lookup(spec);
    if ('bundle' in found) return this.hit(found.bundle);
    this.miss(spec, found.miss);
    return this.buildAlone(spec);
  }

  /**
   * The bundles for all `specs`, in order: the cached ones checked, the missed ones built with one
   * esbuild call per `define` (one after another: on 2 cores one build already keeps both busy).
   * If a group's build fails, each of its specs is built alone, so one broken function does not
   * take the others with it; a spec that still fails is an Error in its place.
   */
  public async ensureAll(specs: readonly BundleSpec[]): Promise<(CachedBundle | Error)[]> {
    const results: (CachedBundle | Error)[] = [];
    const groups = new Map<string, { spec: BundleSpec; at: number }[]>();
    for (const [at, spec] of specs.entries()) {
      const found = this.lookup(spec);
      if ('bundle' in found) {
        results[at] = this.hit(found.bundle);
        continue;
      }
      this.miss(spec, found.miss);
      const group = JSON.stringify(sortedDefine(spec));
      groups.set(group, [...(groups.get(group) ?? []), { spec, at }]);
    }
    for (const members of groups.values()) {
      let built: CachedBundle[] | undefined;
      if (members.length > 1) {
        try {
          built = await this.buildGroup(members.map((m) => m.spec));
        } catch {
          // Built alone below, where each spec's own error is kept.
        }
      }
      for (const [n, { spec, at }] of members.entries()) {
        results[at] = built?.[n] ?? (await this.buildAlone(spec).catch(asError));
      }
    }
    return results;
  }

  private async buildAlone(spec: BundleSpec): Promise<CachedBundle> {
    return this.timed(async () =>
      this.storeBuild(spec, await esbuild.build(esbuildOptionsFor(spec, this.projectRoot))),
    );
  }

  /** Build specs with the same define in one esbuild call and store each bundle. */
  private async buildGroup(specs: readonly BundleSpec[]): Promise<CachedBundle[]> {
    return this.timed(async () => {
      const options = esbuildOptionsForGroup(specs, this.projectRoot);
      const result = await esbuild.build(options);
      const outDir = options.outdir ?? this.projectRoot;
      const meta = result.metafile ?? { inputs: {}, outputs: {} };
      return specs.map((spec, i) => {
        const dir = path.join(outDir, groupOutDir(i));
        const outputs = (result.outputFiles ?? [])
          .filter((f) => path.dirname(f.path) === dir)
          .map((f) => ({ name: path.basename(f.path), contents: f.contents }));
        // Metafile paths are relative to the working directory, with forward slashes.
        const js =
          meta.outputs[path.relative(this.projectRoot, path.join(dir, 'index.js')).split(path.sep).join('/')];
        if (!js?.entryPoint) throw new Error(`esbuild's metafile has no entry for ${spec.entry}`);
        return this.store(spec, outputs, reachableInputs(meta, js.entryPoint));
      });
    });
  }

  /** Run a build (synchronous, or a promise of one), counted and timed in the stats. */
  private timed<T>(build: () => T): T {
    const started = performance.now();
    const done = () => {
      this.stats.buildMs += performance.now() - started;
    };
    this.stats.builds++;
    try {
      const result = build();
      if (result instanceof Promise) return result.finally(done) as T;
      done();
      return result;
    } catch (err) {
      done();
      throw err;
    }
  }

  private hit(bundle: CachedBundle): CachedBundle {
    this.stats.hits++;
    return bundle;
  }

  private miss(spec: BundleSpec, reason: string): void {
    this.stats.misses++;
    this.stats.missReasons.push(`${spec.entry}: ${reason}`);
  }

  /** Store the output of a build of `spec` alone. */
  private storeBuild(spec: BundleSpec, result: esbuild.BuildResult): CachedBundle {
    const outDir = path.dirname(virtualOutfile(this.projectRoot));
    const outputs = (result.outputFiles ?? []).map((f) => ({
      name: path.relative(outDir, f.path),
      contents: f.contents,
    }));
    return this.store(spec, outputs, Object.keys(result.metafile?.inputs ?? {}));
  }

  /** Write a bundle into the cache: into a temporary directory, then renamed into place whole. */
  private store(
    spec: BundleSpec,
    outputs: readonly { readonly name: string; readonly contents: Uint8Array }[],
    inputList: readonly string[],
  ): CachedBundle {
    if (outputs.length === 0) throw new Error(`esbuild produced no output for ${spec.entry}`);
    // Hash the inputs as they are now: an edit during the build then shows up as a miss next time.
    this.fileHashes.clear();
    const inputs = [...inputList].sort();
    const ownDirs = [...new Set(inputs.filter((i) => !isDependency(i)).map((i) => path.dirname(i)))].sort();
    const key = this.keyOf(spec);
    const manifest: Manifest = {
      format: FORMAT,
      key,
      entry: spec.entry,
      inputs: Object.fromEntries(inputs.map((i) => [i, this.hashFile(path.join(this.projectRoot, i))])),
      dirs: Object.fromEntries(ownDirs.map((d) => [d, listingHash(path.join(this.projectRoot, d))])),
      outputs: Object.fromEntries(outputs.map((o) => [o.name, sha256(o.contents)])),
    };
    fs.mkdirSync(this.dir, { recursive: true });
    const tmp = fs.mkdtempSync(path.join(this.dir, `.building-${key.slice(0, 12)}-`));
    for (const o of outputs) fs.writeFileSync(path.join(tmp, o.name), o.contents);
    fs.writeFileSync(path.join(tmp, MANIFEST), JSON.stringify(manifest, null, 1));
    const dir = path.join(this.dir, key);
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      fs.renameSync(tmp, dir);
    } catch {
      // Another synth stored the same key in between; its entry is checked like any other.
      fs.rmSync(tmp, { recursive: true, force: true });
      if (!('bundle' in this.lookup(spec))) throw new Error(`could not store the bundle of ${spec.entry}`);
    }
    return { key, dir, files: outputs.map((o) => o.name).sort() };
  }

  private hashFile(file: string): string | null {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const id = `${file}\0${stat.size}\0${stat.mtimeMs}\0${stat.ino}`;
    let hash = this.fileHashes.get(id);
    if (hash === undefined) {
      hash = fileSha256(file);
      this.fileHashes.set(id, hash);
    }
    return hash;
  }
}

/** Copy a cached bundle's files into a directory (CDK's bundling output directory). */
export function copyBundle(bundle: CachedBundle, outputDir: string): void {
  for (const f of bundle.files) fs.copyFileSync(path.join(bundle.dir, f), path.join(outputDir, f));
}

/**
 * The inputs one entry of a group build read: the files reachable from it through esbuild's
 * metafile imports (what a build of that entry alone lists as its inputs).
 */
function reachableInputs(meta: esbuild.Metafile, entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const imp of meta.inputs[next]?.imports ?? []) {
      if (imp.external || seen.has(imp.path) || !(imp.path in meta.inputs)) continue;
      seen.add(imp.path);
      queue.push(imp.path);
    }
  }
  return [...seen];
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

const isDependency = (input: string): boolean => input.split(/[\\/]/).includes('node_modules');

function listingHash(dir: string): string | null {
  try {
    return sha256(fs.readdirSync(dir).sort().join('\n'));
  } catch {
    return null;
  }
}
