/**
 * One entry of a content-keyed report cache (lib/report-cache.ts), written and read back; and a
 * cache that cannot be written is no error: the caller keeps its report and the next lookup misses.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileSha256, readEntry, sha256, writeEntry } from '../../lib/report-cache';
import { cachedTaggableTypes } from '../../review/taggable';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-report-cache-'));

test('an entry written is read back for its key and format, and only for those', () => {
  const file = path.join(dir, 'cache', 'k.json');
  expect(writeEntry(file, 'k', 1, { findings: ['a'] })).toBe(true);
  expect(readEntry(file, 'k', 1)).toEqual({ report: { findings: ['a'] } });
  expect(readEntry(file, 'other', 1)).toEqual({ miss: 'entry damaged' });
  expect(readEntry(file, 'k', 2)).toEqual({ miss: 'entry damaged' });
  expect(fs.readdirSync(path.dirname(file))).toEqual(['k.json']);
});

test('a cache that cannot be written returns false and leaves nothing; its user keeps its answer', () => {
  // A file where the cache folder should be: mkdir fails (as a read-only or full disk would).
  const blocker = path.join(dir, 'blocker');
  fs.writeFileSync(blocker, 'not a folder');
  const file = path.join(blocker, 'k.json');
  expect(writeEntry(file, 'k', 1, ['a'])).toBe(false);
  expect(readEntry(file, 'k', 1)).toEqual({ miss: 'entry damaged' });
  expect(fs.readFileSync(blocker, 'utf8')).toBe('not a folder');

  // The review's taggable types, with such a cache: the loaded answer, every time.
  const source = { databaseFile: blocker, version: 'test' };
  let loads = 0;
  const load = () => {
    loads++;
    return ['AWS::S3::Bucket'];
  };
  expect(cachedTaggableTypes(source, blocker, load)).toEqual(['AWS::S3::Bucket']);
  expect(cachedTaggableTypes(source, blocker, load)).toEqual(['AWS::S3::Bucket']);
  expect(loads).toBe(2);
});

test('fileSha256: the hash of the bytes, null for a folder or no file', () => {
  const file = path.join(dir, 'bytes');
  fs.writeFileSync(file, 'lab');
  expect(fileSha256(file)).toBe(sha256('lab'));
  expect(fileSha256(dir)).toBeNull();
  expect(fileSha256(path.join(dir, 'absent'))).toBeNull();
});
