/**
 * One entry of a content-keyed report cache (the CloudFormation validation's, lib/validation-cache.ts,
 * and cfn-guard's, review/guard-cache.ts): a JSON file named by its key that holds the key again,
 * the report and the report's SHA-256. An entry whose format, key or hash does not match is a miss
 * (`entry damaged`), never served; entries are written to a temporary file and renamed into place,
 * so a reader running in parallel never sees half of one.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from './project-root';

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** SHA-256 of a file's bytes, or null when it cannot be read (absent, a folder). */
export function fileSha256(file: string): string | null {
  try {
    return sha256(fs.readFileSync(file));
  } catch {
    return null;
  }
}

interface Entry<T> {
  readonly format: number;
  readonly key: string;
  readonly report: T;
  /** SHA-256 of `JSON.stringify(report)`: a damaged entry is a miss, never served. */
  readonly reportHash: string;
}

export type CacheLookup<T> = { readonly report: T } | { readonly miss: 'not cached' | 'entry damaged' };

export function readEntry<T>(file: string, key: string, format: number): CacheLookup<T> {
  let entry: Entry<T>;
  try {
    entry = JSON.parse(fs.readFileSync(file, 'utf8')) as Entry<T>;
  } catch (err) {
    return { miss: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not cached' : 'entry damaged' };
  }
  if (
    entry === null ||
    typeof entry !== 'object' ||
    entry.format !== format ||
    entry.key !== key ||
    sha256(JSON.stringify(entry.report)) !== entry.reportHash
  )
    return { miss: 'entry damaged' };
  return { report: entry.report };
}

/**
 * Into a temporary file, then renamed into place: a parallel reader never reads half an entry.
 * False when the entry cannot be written (a read-only or full disk): not an error, since the caller
 * has its report all the same and the next lookup is a miss.
 */
export function writeEntry<T>(file: string, key: string, format: number, report: T): boolean {
  const entry: Entry<T> = { format, key, report, reportHash: sha256(JSON.stringify(report)) };
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(entry));
    fs.renameSync(tmp, file);
    return true;
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // No folder to write in, so no temporary file either.
    }
    return false;
  }
}

/** A cache's lookups in this process (tests read them). */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Why each miss happened (`not cached`, `entry damaged`). */
  readonly missReasons: string[];
}

/**
 * A cache's folder: the one `variable` names, none when it says `off`, else
 * node_modules/.cache/`name` (beside the bundle cache).
 */
export function cacheDirFromEnv(variable: string, name: string): string | undefined {
  const configured = process.env[variable];
  if (configured === 'off') return undefined;
  return configured ? path.resolve(configured) : path.join(PROJECT_ROOT, 'node_modules', '.cache', name);
}
