/**
 * The list of taggable resource types the review keeps (review/taggable.ts) is the database's own
 * answer, served only for the database it was made from: the same list from a cold and a warm
 * cache, another database file is loaded again, and a damaged entry is never served.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  cachedTaggableTypes,
  installedSpec,
  isTaggable,
  type SpecSource,
  specCacheStats,
  specKey,
  taggableTypesFromDatabase,
} from '../../review/taggable';

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-spec-'));
const installed = installedSpec();
// The database itself, loaded once for the file: what every cached answer must equal.
const fromDatabase = taggableTypesFromDatabase();

/** A loader that counts its calls and answers what the database does. */
function counting() {
  const load = jest.fn(() => [...fromDatabase]);
  return load;
}

test('the database answers for the lab’s resource types as CloudFormation documents them', () => {
  expect(fromDatabase.length).toBeGreaterThan(1000);
  for (const type of [
    'AWS::S3::Bucket',
    'AWS::Lambda::Function',
    'AWS::ApiGateway::RestApi',
    'AWS::Logs::LogGroup',
  ])
    expect([type, fromDatabase.includes(type)]).toEqual([type, true]);
  // No Tags property in their schemas.
  for (const type of ['AWS::Lambda::Permission', 'AWS::IAM::Policy', 'AWS::ApiGateway::Method'])
    expect([type, fromDatabase.includes(type)]).toEqual([type, false]);
  expect(isTaggable('AWS::S3::Bucket')).toBe(true);
  expect(isTaggable('AWS::Lambda::Permission')).toBe(false);
  expect(isTaggable('AWS::Nothing::Here')).toBe(false);
});

test('a cold cache loads the database once and stores its answer; a warm one serves the same list', () => {
  const dir = scratch();
  const load = counting();
  const before = { ...specCacheStats };
  expect(cachedTaggableTypes(installed, dir, load)).toEqual(fromDatabase);
  expect(cachedTaggableTypes(installed, dir, load)).toEqual(fromDatabase);
  expect(load).toHaveBeenCalledTimes(1);
  expect([specCacheStats.hits - before.hits, specCacheStats.misses - before.misses]).toEqual([1, 1]);
  expect(fs.readdirSync(dir)).toEqual([`taggable-${specKey(installed)}.json`]);
});

test('another database file (other bytes, or another version) is another key: loaded again', () => {
  const dir = scratch();
  const copy = path.join(scratch(), 'db.json.gz');
  fs.copyFileSync(installed.databaseFile, copy);
  const same: SpecSource = { databaseFile: copy, version: installed.version };
  expect(specKey(same)).toBe(specKey(installed));
  fs.appendFileSync(copy, Buffer.from([0]));
  expect(specKey(same)).not.toBe(specKey(installed));
  expect(specKey({ ...installed, version: `${installed.version}-next` })).not.toBe(specKey(installed));

  const load = counting();
  cachedTaggableTypes(installed, dir, load);
  cachedTaggableTypes(same, dir, load);
  expect(load).toHaveBeenCalledTimes(2);
});

test('negative control: a damaged entry is loaded again, never served', () => {
  const dir = scratch();
  const load = counting();
  cachedTaggableTypes(installed, dir, load);
  const file = path.join(dir, `taggable-${specKey(installed)}.json`);
  // A type dropped from the stored list, the file still valid JSON: its hash no longer matches.
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { report: string[] };
  stored.report = stored.report.filter((t) => t !== 'AWS::S3::Bucket');
  fs.writeFileSync(file, JSON.stringify(stored));
  const before = specCacheStats.missReasons.length;
  expect(cachedTaggableTypes(installed, dir, load)).toEqual(fromDatabase);
  fs.writeFileSync(file, '{ not json');
  expect(cachedTaggableTypes(installed, dir, load)).toEqual(fromDatabase);
  expect(load).toHaveBeenCalledTimes(3);
  expect(specCacheStats.missReasons.slice(before)).toEqual(['entry damaged', 'entry damaged']);
  // Repaired by the last load: served again.
  expect(cachedTaggableTypes(installed, dir, load)).toEqual(fromDatabase);
  expect(load).toHaveBeenCalledTimes(3);
});

test('off: the database every time, nothing written', () => {
  const load = counting();
  expect(cachedTaggableTypes(installed, undefined, load)).toEqual(fromDatabase);
  expect(cachedTaggableTypes(installed, undefined, load)).toEqual(fromDatabase);
  expect(load).toHaveBeenCalledTimes(2);
});
