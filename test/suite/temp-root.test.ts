/**
 * `npm test` leaves nothing in the temp directory: the run's folder is removed as a whole, and a
 * run that leaves anything beside it fails (test/support/run-temp.ts). Negative controls: a
 * fixture folder that leaks is named, and a jest run over fixture tests, one leaking and one
 * failing, fails for the leak and still removes its folder.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createRunTemp,
  leakMessage,
  newEntries,
  RUN_DIR_ENV,
  removeRunTemp,
  SYSTEM_TMPDIR_ENV,
} from '../support/run-temp';

const REPO = path.join(__dirname, '..', '..');
/** A stand-in for the system temp directory, inside this run's folder. */
const scratchTmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'system-tmp-'));

test('this run works in its own folder inside the temp directory it started in', () => {
  const runDir = process.env[RUN_DIR_ENV]!;
  expect(runDir).toBeDefined();
  expect(os.tmpdir()).toBe(runDir);
  expect(path.dirname(runDir)).toBe(path.resolve(process.env[SYSTEM_TMPDIR_ENV]!));
  expect(path.basename(runDir)).toMatch(/^ai-lab-test-run-\d+-/);
});

test('the check names what a run left beside its folder, and nothing that was there before', () => {
  const tmp = scratchTmp();
  fs.mkdirSync(path.join(tmp, 'before-the-run'));
  const run = createRunTemp(tmp);
  expect(fs.readdirSync(tmp).sort()).toEqual(['before-the-run', path.basename(run.dir)].sort());
  fs.writeFileSync(path.join(run.dir, 'inside.txt'), 'removed with the folder');
  expect(newEntries(run)).toEqual([]);

  // Negative control: a folder and a file beside the run's folder.
  fs.mkdirSync(path.join(tmp, 'ai-lab-cli-x1'));
  fs.writeFileSync(path.join(tmp, 'kohtml'), '');
  const leaked = removeRunTemp(run);
  expect(leaked).toEqual(['ai-lab-cli-x1', 'kohtml']);
  expect(fs.existsSync(run.dir)).toBe(false);
  expect(leakMessage(run, leaked)).toContain(
    `left 2 new entries in ${tmp}:\n  ${path.join(tmp, 'ai-lab-cli-x1')}`,
  );
});

test('a killed run’s folder is removed by the next run; a live run’s is neither removed nor a leak', () => {
  const tmp = scratchTmp();
  // A pid that cannot be running: above the kernel's maximum.
  const dead = path.join(tmp, 'ai-lab-test-run-99999999-abc123');
  const live = path.join(tmp, `ai-lab-test-run-${process.ppid}-def456`);
  fs.mkdirSync(dead);
  const run = createRunTemp(tmp);
  expect(fs.existsSync(dead)).toBe(false);
  fs.mkdirSync(live); // another run, started after this one, still going
  expect(removeRunTemp(run)).toEqual([]);
  expect(fs.readdirSync(tmp)).toEqual([path.basename(live)]);
});

test('a jest run whose test leaks fails naming the leak, and removes its folder though a test failed', () => {
  const tmp = scratchTmp();
  const run = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--ci', '--config', 'test/fixtures/temp-check/jest.config.js'],
    {
      cwd: REPO,
      env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, AI_LAB_TEMP_CHECK: '' },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const output = run.stdout + run.stderr;
  expect(run.status).toBe(1);
  expect(output).toContain(
    `The test run left 1 new entry in ${tmp}:\n  ${path.join(tmp, 'leaked-by-fixture')}`,
  );
  // The failing fixture failed, and what it created under os.tmpdir() went with the run's folder.
  expect(output).toMatch(/FAIL test\/fixtures\/temp-check\/untidy\.fixture\.ts/);
  expect(fs.readdirSync(tmp)).toEqual(['leaked-by-fixture']);
});
