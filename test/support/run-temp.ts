/**
 * One temporary folder per test run. Jest's global setup creates it in the system temp directory
 * and points TMPDIR (and TMP, TEMP) at it, so every `os.tmpdir()` in the tests, the workers and
 * the processes they start (tsx, npm, Chromium, esbuild) lands inside it; the global teardown
 * removes it as a whole, whatever the tests did or failed to do, and then fails the run if
 * anything new appeared beside it: something that wrote to a fixed path instead of `os.tmpdir()`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Set by the global setup: the run's folder, and the temp directory it was created in. */
export const RUN_DIR_ENV = 'AI_LAB_TEST_RUN_DIR';
export const SYSTEM_TMPDIR_ENV = 'AI_LAB_SYSTEM_TMPDIR';
/** `AI_LAB_TEMP_CHECK=off` skips the leak check (the run folder is removed all the same). */
export const TEMP_CHECK_ENV = 'AI_LAB_TEMP_CHECK';

const PREFIX = 'ai-lab-test-run-';

export interface RunTemp {
  /** The run's folder, inside `systemTmp`. */
  readonly dir: string;
  /** The temp directory the run started in. */
  readonly systemTmp: string;
  /** What `systemTmp` held before the run (names). */
  readonly before: readonly string[];
}

/** The entries of `dir` the current user owns (other users' files are none of this run's doing). */
export function ownEntries(dir: string): string[] {
  const uid = process.getuid?.();
  return fs.readdirSync(dir).filter((name) => {
    if (uid === undefined) return true;
    try {
      return fs.lstatSync(path.join(dir, name)).uid === uid;
    } catch {
      return false; // gone since the listing
    }
  });
}

/** Creates the run's folder in `systemTmp` (after removing those of runs that were killed). */
export function createRunTemp(systemTmp: string = os.tmpdir()): RunTemp {
  removeAbandoned(systemTmp);
  const before = ownEntries(systemTmp);
  const dir = fs.mkdtempSync(path.join(systemTmp, `${PREFIX}${process.pid}-`));
  return { dir, systemTmp, before };
}

/** Everything the current user has in `systemTmp` that was not there before the run. */
export function newEntries(run: RunTemp): string[] {
  const before = new Set([...run.before, path.basename(run.dir)]);
  return ownEntries(run.systemTmp)
    .filter((name) => !before.has(name) && !isLiveRunDir(name))
    .sort();
}

/** Removes the run's folder; then, what the run left beside it, if anything (a leak). */
export function removeRunTemp(run: RunTemp): string[] {
  fs.rmSync(run.dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  return newEntries(run);
}

export function leakMessage(run: RunTemp, leaked: readonly string[]): string {
  const shown = leaked.slice(0, 20).map((name) => `  ${path.join(run.systemTmp, name)}`);
  if (leaked.length > shown.length) shown.push(`  … and ${leaked.length - shown.length} more`);
  return [
    `The test run left ${leaked.length} new entr${leaked.length === 1 ? 'y' : 'ies'} in ${run.systemTmp}:`,
    ...shown,
    `Tests get their own temp folder: create temporary files under os.tmpdir() (inside the run's folder, which is removed as a whole), never under a fixed path such as /tmp. If another program of yours wrote these during the run, run again, or set ${TEMP_CHECK_ENV}=off.`,
  ].join('\n');
}

/**
 * Run folders of test runs that were killed before their teardown (the pid in the name no longer
 * runs). Only ours, never a live run's: a run that is still going has its pid.
 */
function removeAbandoned(systemTmp: string): void {
  for (const name of ownEntries(systemTmp)) {
    const pid = runPid(name);
    if (pid === undefined || pid === process.pid || isRunning(pid)) continue;
    fs.rmSync(path.join(systemTmp, name), { recursive: true, force: true });
  }
}

/** The pid of the run a folder belongs to, if it is a run folder. */
function runPid(name: string): number | undefined {
  const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1]);
  return pid > 0 ? pid : undefined;
}

/** Another test run going on at the same time (in another terminal): its own teardown removes it. */
function isLiveRunDir(name: string): boolean {
  const pid = runPid(name);
  return pid !== undefined && pid !== process.pid && isRunning(pid);
}

/** Whether a process with this pid runs (one of another user's counts). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
