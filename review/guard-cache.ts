/**
 * cfn-guard's reports kept by content, so a review (or a test) of templates that did not change does
 * not run the Control Tower rules again: about 1.5 s of CPU for the lab's ten templates on a 2-core
 * machine, on every `npm run review`.
 *
 * A report is a function of the templates' bytes, the rule files that ran (their bytes) and the
 * check itself (the package's version, the cfn-guard version it ships and the binary's bytes), so it
 * is stored under a key of exactly those (`guardKey`) and served for the same key. Template paths in
 * a stored report are replaced by the index of their template (the assembly may be elsewhere next
 * time). An entry that does not match its key or its hash is a miss, never served (lib/report-cache.ts).
 *
 * `AI_LAB_GUARD_CACHE=<dir>` moves the cache; `AI_LAB_GUARD_CACHE=off` turns it off (every review runs
 * cfn-guard). The default is node_modules/.cache/ai-lab-guard, beside the bundle and validation caches.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CacheStats, cacheDirFromEnv, readEntry, sha256, writeEntry } from '../lib/report-cache';

/** Bump when the entry layout or the key changes meaning, or runGuard calls the validator differently. */
const FORMAT = 1;

/** What a report depends on besides the templates and rules: the check. */
export interface GuardIdentity {
  readonly packageVersion: string;
  readonly guardVersion: string;
  /** SHA-256 of the cfn-guard binary that runs here. */
  readonly binary: string;
}

export interface GuardInputs {
  readonly identity: GuardIdentity;
  /** The rule files that run, by name relative to the package's rules folder, with their bytes. */
  readonly rules: ReadonlyArray<readonly [name: string, bytes: Uint8Array | string]>;
  /** The templates, in order, by file name, with their bytes. */
  readonly templates: ReadonlyArray<readonly [name: string, bytes: Uint8Array | string]>;
}

export function guardKey(inputs: GuardInputs): string {
  const hashed = (files: GuardInputs['rules']) => files.map(([name, bytes]) => [name, sha256(bytes)]);
  return sha256(
    JSON.stringify({
      format: FORMAT,
      identity: inputs.identity,
      rules: hashed(inputs.rules),
      templates: hashed(inputs.templates),
    }),
  );
}

export type GuardCacheStats = CacheStats;

/** This process's lookups (tests read it). */
export const guardCacheStats: GuardCacheStats = { hits: 0, misses: 0, missReasons: [] };

/** The cache folder, or undefined when `AI_LAB_GUARD_CACHE=off`. */
export const guardCacheDir = (): string | undefined => cacheDirFromEnv('AI_LAB_GUARD_CACHE', 'ai-lab-guard');

interface Located {
  readonly violatingResources: ReadonlyArray<{ readonly templatePath: string }>;
}

/** A copy of `violations` with each resource's `templatePath` mapped by `f`. */
function mapTemplatePaths<V extends Located>(violations: readonly V[], f: (p: string) => string): V[] {
  return violations.map((v) => ({
    ...v,
    violatingResources: v.violatingResources.map((r) => ({ ...r, templatePath: f(r.templatePath) })),
  }));
}

/**
 * The violations cfn-guard reports for `inputs` over `templatePaths` (in the order of
 * `inputs.templates`): the stored report when there is one for the key, else `run()`'s, stored.
 */
export function cachedGuardReport<V extends Located>(
  inputs: GuardInputs,
  templatePaths: readonly string[],
  run: () => V[],
): V[] {
  const dir = guardCacheDir();
  if (!dir) return run();
  const key = guardKey(inputs);
  const file = path.join(dir, `${key}.json`);
  const found = readEntry<V[]>(file, key, FORMAT);
  if ('report' in found) {
    guardCacheStats.hits++;
    return mapTemplatePaths(found.report, (p) => {
      const m = /^#(\d+)$/.exec(p);
      return m ? (templatePaths[Number(m[1])] ?? p) : p;
    });
  }
  guardCacheStats.misses++;
  guardCacheStats.missReasons.push(found.miss);
  const violations = run();
  const index = new Map(templatePaths.map((p, i) => [path.resolve(p), i]));
  const stored = mapTemplatePaths(violations, (p) =>
    index.has(path.resolve(p)) ? `#${index.get(path.resolve(p))}` : p,
  );
  writeEntry(file, key, FORMAT, stored);
  return violations;
}

/** The bytes of the files, by name relative to `root`. */
export function filesIn(root: string, files: readonly string[]): Array<[string, Buffer]> {
  return files.map((f) => [path.relative(root, f), fs.readFileSync(f)]);
}
