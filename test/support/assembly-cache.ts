/**
 * Where `labAssembly()` keeps the lab's assemblies: beside jest's own cache (`.jest-cache/`), in a
 * folder named for the content of everything a test assembly is made from, so a run whose sources
 * did not change reads the assemblies an earlier run made instead of synthesizing them again, and a
 * run after any change to them starts an empty folder (the global setup removes the others).
 *
 * A synthesis is a function of its inputs (test/stacks/determinism.test.ts shows two synths give
 * the same bytes), and the inputs are: the files below (the lab's code, the notes it indexes, the
 * settings and the installed versions), the Node.js version, the `CDK_*` environment aws-cdk-lib
 * reads, and the context a test passes (with the content of any file a setting names; see
 * `contextFiles`). test/suite/assembly-cache.test.ts checks that every project file the lab loads
 * is among `ASSEMBLY_INPUTS`, and that a changed byte in one gives another folder.
 *
 * `AI_LAB_ASSEMBLY_CACHE=off` keeps the assemblies in the run's temp folder instead (removed with
 * it): every run synthesizes, as a cold cache does. `npx jest --clearCache` empties the cache.
 */
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';
import { fileSha256 } from '../../lib/report-cache';

/** `off` turns the cache off (the assemblies then go to the run's temp folder). */
export const ASSEMBLY_CACHE_ENV = 'AI_LAB_ASSEMBLY_CACHE';
/**
 * Set by the global setup: the folder of the current source key. A jest run started inside a test
 * (test/suite/temp-root.test.ts) inherits it and keeps it, so it neither computes another key from
 * its test environment nor removes the enclosing run's folder.
 */
export const ASSEMBLY_DIR_ENV = 'AI_LAB_ASSEMBLY_DIR';
/** Folders of other source keys kept besides the current one (another run may still read one). */
const KEEP_OTHERS = 2;

/** Project files and folders a test assembly is made from (relative to the project root). */
export const ASSEMBLY_INPUTS: readonly string[] = [
  'lib',
  'lambda',
  'notes',
  'cdk.json',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'test/support/lab.ts',
  'test/support/cdk-json.ts',
  'test/support/lab-assembly.ts',
  'test/support/assembly-cache.ts',
  'test/support/run-temp.ts',
];

/** Bump when what the cache keeps changes meaning. */
const FORMAT = 1;

/** The key of everything a test assembly is made from, under `root`. */
export function sourceKey(root: string = PROJECT_ROOT, env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash('sha256');
  hash.update(`format ${FORMAT}\nnode ${process.versions.node}\n`);
  for (const name of Object.keys(env)
    .filter((k) => k.startsWith('CDK_'))
    .sort())
    hash.update(`env ${name}=${env[name]}\n`);
  for (const input of ASSEMBLY_INPUTS) addPath(hash, root, input);
  return hash.digest('hex').slice(0, 20);
}

function addPath(hash: Hash, root: string, relative: string): void {
  const file = path.join(root, relative);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    hash.update(`absent ${relative}\n`);
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(file).sort()) addPath(hash, root, path.posix.join(relative, name));
    return;
  }
  const bytes = fs.readFileSync(file);
  hash.update(`file ${relative} ${bytes.length}\n`);
  hash.update(bytes);
}

/**
 * The files a context names (a setting whose value is the path of a project file, such as
 * `notesFile`), with their content's hash: part of the assembly's key, since the synth reads them.
 */
export function contextFiles(
  context: Record<string, unknown>,
  root: string = PROJECT_ROOT,
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [key, value] of Object.entries(context)) {
    if (typeof value !== 'string' || value.length === 0 || value.length > 500) continue;
    const hash = fileSha256(path.resolve(root, value)); // null for a folder or no file
    if (hash) files[key] = hash;
  }
  return files;
}

/**
 * Opens the cache for the sources as they are now, in `cacheDirectory` (jest's): returns its
 * folder. Folders of other source keys are removed but for the two used last: a run started
 * before an edit may still be reading one, and nothing else ever reads them again.
 */
export function openAssemblyCache(cacheDirectory: string, root: string = PROJECT_ROOT): string {
  const base = path.join(cacheDirectory, 'ai-lab-assemblies');
  const key = sourceKey(root);
  const dir = path.join(base, key);
  fs.mkdirSync(dir, { recursive: true });
  const others = fs
    .readdirSync(base)
    .filter((name) => name !== key)
    .map((name) => ({ name, used: fs.statSync(path.join(base, name)).mtimeMs }))
    .sort((a, b) => b.used - a.used || a.name.localeCompare(b.name));
  for (const { name } of others.slice(KEEP_OTHERS))
    fs.rmSync(path.join(base, name), { recursive: true, force: true });
  return dir;
}
