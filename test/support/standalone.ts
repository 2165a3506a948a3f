/**
 * The project stands alone: no file may point at the team's private working files (the fact sheet,
 * design and house-style notes, their shared folder) or at a machine path. Users do not have them;
 * a file carries the fact and its public source instead.
 *
 * Every needle is built from parts, so this file and its test do not trip their own check.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');

/** Names of the private files, and the machine path they live under. */
export const PRIVATE_NEEDLES: readonly string[] = [
  ['AWS', 'FACTS'].join('-'),
  ['DESIGN', 'md'].join('.'),
  ['HOUSE', 'STYLE.md'].join('-'),
  ['', 'work', ''].join('/'),
];

/**
 * A relative path that climbs one or more folders into a folder named `shared`. Allowed only where it
 * resolves to a folder of this repository, as a `lambda/<service>/` file importing lambda/shared/http.
 */
const SHARED_PATH = new RegExp(`(?:\\.\\.\\/)+${'shared'}\\b`, 'g');

export interface PrivateReference {
  readonly file: string;
  readonly line: number;
  readonly found: string;
}

/** The folders that hold a file of the repository (`lambda`, `lambda/shared` …), from its file list. */
export function foldersOf(files: readonly string[]): Set<string> {
  const folders = new Set<string>();
  for (const f of files) {
    for (let d = path.posix.dirname(f); d !== '.'; d = path.posix.dirname(d)) folders.add(d);
  }
  return folders;
}

/** Every reference to a private file or the machine path in `text`, the content of repo file `file`. */
export function privateReferences(
  file: string,
  text: string,
  repoFolders: ReadonlySet<string>,
): PrivateReference[] {
  const found: PrivateReference[] = [];
  text.split('\n').forEach((content, i) => {
    for (const needle of PRIVATE_NEEDLES) {
      if (content.includes(needle)) found.push({ file, line: i + 1, found: needle });
    }
    for (const m of content.matchAll(SHARED_PATH)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[0]));
      if (!repoFolders.has(target)) found.push({ file, line: i + 1, found: m[0] });
    }
  });
  return found;
}

/** Tracked files, and new ones git does not ignore, that exist in the working tree. */
export function repoFiles(root = ROOT): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\n')
    .filter((f) => f !== '' && !f.startsWith('node_modules/') && fs.existsSync(path.join(root, f)));
}

/** Every private reference in the repository's text files (binary files, with a NUL byte, are skipped). */
export function scanRepository(root = ROOT): PrivateReference[] {
  const files = repoFiles(root);
  const folders = foldersOf(files);
  return files.flatMap((f) => {
    const bytes = fs.readFileSync(path.join(root, f));
    if (bytes.includes(0)) return [];
    return privateReferences(f, bytes.toString('utf8'), folders);
  });
}
