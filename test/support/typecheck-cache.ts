/**
 * A TypeScript project's type check, kept by content: the playground page's check
 * (test/playground/app-types.test.ts) parses TypeScript's DOM library on every run, about 3 s of
 * CPU, for a verdict that only changes when a file the program reads changes.
 *
 * An entry is named by the compiler's version, the project's settings as TypeScript parsed them
 * (its tsconfig and the one it extends) and its root files (a file added to or removed from the
 * project is another key). It holds the diagnostics and the SHA-256 of every file the program
 * read, the page's sources, the lib/ files they import and TypeScript's own libraries, and is
 * served only while each of those files is byte for byte the same. An entry that does not match
 * its key, its hash or its files is a miss, never served (lib/report-cache.ts). Not seen: a file
 * created outside the project's folder that an import would now resolve to instead of the file it
 * resolved to before (the same name as a folder's index.ts, say); `npm run typecheck` and CI's own
 * runs do not read this cache.
 *
 * `AI_LAB_TYPECHECK_CACHE=<dir>` moves the cache; `AI_LAB_TYPECHECK_CACHE=off` checks every time.
 * The default is node_modules/.cache/ai-lab-typecheck, beside the bundle and guard caches.
 */
import * as path from 'node:path';
import * as ts from 'typescript';
import {
  type CacheStats,
  cacheDirFromEnv,
  fileSha256,
  readEntry,
  sha256,
  writeEntry,
} from '../../lib/report-cache';

/** Bump when the entry layout or the key changes meaning. */
const FORMAT = 1;

interface Report {
  /** Every file the program read, by absolute path, with its SHA-256. */
  readonly files: Record<string, string | null>;
  readonly diagnostics: string[];
}

export interface TypeCheck {
  /** One line per diagnostic: `file:line message` (file relative to `root`). */
  readonly diagnostics: string[];
  readonly config: ts.ParsedCommandLine;
  readonly cached: boolean;
}

/** This process's lookups (tests read it). */
export const typeCheckStats: CacheStats = { hits: 0, misses: 0, missReasons: [] };

/** A tsconfig.json as `tsc -p` reads it; an unreadable one throws with TypeScript's message. */
export function parseConfig(configPath: string): ts.ParsedCommandLine {
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`${configPath}: not a TypeScript project`);
  return config;
}

/**
 * The project's diagnostics (`tsc -p configPath --noEmit`), from the cache when no file the last
 * check read has changed. Paths in messages are relative to `root`.
 */
export function typeCheck(
  configPath: string,
  options: { root: string; cacheDir?: string | undefined } = { root: process.cwd() },
): TypeCheck {
  const cacheDir =
    'cacheDir' in options ? options.cacheDir : cacheDirFromEnv('AI_LAB_TYPECHECK_CACHE', 'ai-lab-typecheck');
  const config = parseConfig(configPath);
  const key = sha256(
    JSON.stringify({
      format: FORMAT,
      typescript: ts.version,
      options: config.options,
      roots: config.fileNames,
    }),
  );
  const file = cacheDir && path.join(cacheDir, `${key}.json`);
  if (file) {
    const found = readEntry<Report>(file, key, FORMAT);
    if ('report' in found && Object.entries(found.report.files).every(([f, h]) => fileSha256(f) === h)) {
      typeCheckStats.hits++;
      return { diagnostics: found.report.diagnostics, config, cached: true };
    }
    typeCheckStats.misses++;
    typeCheckStats.missReasons.push('miss' in found ? found.miss : 'a file changed');
  }
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${path.relative(options.root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  if (file) {
    const files = Object.fromEntries(
      program.getSourceFiles().map((s) => [s.fileName, fileSha256(s.fileName)]),
    );
    writeEntry<Report>(file, key, FORMAT, { files, diagnostics });
  }
  return { diagnostics, config, cached: false };
}
