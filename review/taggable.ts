/**
 * Which CloudFormation resource types take tags: CloudFormation's own answer, from the registry
 * schema database CDK ships (@aws-cdk/aws-service-spec, `tagInformation` on each resource type).
 *
 * Loading that database (a 2.6 MB gzip of every resource type's schema) costs about 0.9 s of CPU in
 * every process that asks, on a 2-core machine: most of what the cost section of a review takes,
 * for one yes or no per type. The answer for every type is a function of the database file alone,
 * so the list of taggable types is kept under a key of the file's bytes and the package version
 * (lib/report-cache.ts: an entry that does not match its key or hash is a miss, never served), and a
 * review after the first reads a list of names instead of the database.
 *
 * `AI_LAB_SPEC_CACHE=<dir>` moves the list; `AI_LAB_SPEC_CACHE=off` turns it off (every review loads
 * the database). The default is node_modules/.cache/ai-lab-spec, beside the other caches.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CacheStats, cacheDirFromEnv, readEntry, sha256, writeEntry } from '../lib/report-cache';

/** Bump when the entry layout or the key changes meaning. */
const FORMAT = 1;

export type SpecCacheStats = CacheStats;

/** This process's lookups (tests read it). */
export const specCacheStats: SpecCacheStats = { hits: 0, misses: 0, missReasons: [] };

/** The cache folder, or undefined when `AI_LAB_SPEC_CACHE=off`. */
export const specCacheDir = (): string | undefined => cacheDirFromEnv('AI_LAB_SPEC_CACHE', 'ai-lab-spec');

/** The database file the package loads, and its version. */
export interface SpecSource {
  readonly databaseFile: string;
  readonly version: string;
}

export function installedSpec(): SpecSource {
  const dir = path.dirname(require.resolve('@aws-cdk/aws-service-spec/package.json'));
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { databaseFile: path.join(dir, 'db.json.gz'), version };
}

/** Every resource type the installed database says takes tags, sorted. */
export function taggableTypesFromDatabase(): string[] {
  // Loaded only here, on a miss: the package and its database are the expensive part.
  const { loadAwsServiceSpecSync } =
    require('@aws-cdk/aws-service-spec') as typeof import('@aws-cdk/aws-service-spec');
  return loadAwsServiceSpecSync()
    .all('resource')
    .filter((r) => r.tagInformation !== undefined)
    .map((r) => r.cloudFormationType)
    .sort();
}

export function specKey(source: SpecSource): string {
  return sha256(
    JSON.stringify({
      format: FORMAT,
      version: source.version,
      database: sha256(fs.readFileSync(source.databaseFile)),
    }),
  );
}

/**
 * The taggable types: the stored list for the database's key when there is one, else `load()`'s,
 * stored. `dir` undefined: `load()` every time.
 */
export function cachedTaggableTypes(
  source: SpecSource,
  dir: string | undefined,
  load: () => string[] = taggableTypesFromDatabase,
): string[] {
  if (!dir) return load();
  const key = specKey(source);
  const file = path.join(dir, `taggable-${key}.json`);
  const found = readEntry<string[]>(file, key, FORMAT);
  if ('report' in found && Array.isArray(found.report)) {
    specCacheStats.hits++;
    return found.report;
  }
  specCacheStats.misses++;
  specCacheStats.missReasons.push('miss' in found ? found.miss : 'entry damaged');
  const types = load();
  writeEntry(file, key, FORMAT, types);
  return types;
}

let taggable: ReadonlySet<string> | undefined;

/** Whether CloudFormation lets this resource type take tags (`AWS::S3::Bucket` yes, `AWS::Lambda::Permission` no). */
export function isTaggable(type: string): boolean {
  taggable ??= new Set(cachedTaggableTypes(installedSpec(), specCacheDir()));
  return taggable.has(type);
}
