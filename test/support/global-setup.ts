/**
 * Jest global setup: the run's temp folder (./run-temp.ts) and the assembly cache of the current
 * sources (./assembly-cache.ts). Runs in jest's parent process before any worker starts, so the
 * workers, and every process they start, inherit the new TMPDIR and AI_LAB_ASSEMBLY_DIR.
 */
import type { ProjectConfig } from 'jest';
import { ASSEMBLY_CACHE_ENV, ASSEMBLY_DIR_ENV, openAssemblyCache } from './assembly-cache';
import { createRunTemp, RUN_DIR_ENV, type RunTemp, SYSTEM_TMPDIR_ENV } from './run-temp';

const TEMP_VARIABLES = ['TMPDIR', 'TMP', 'TEMP'] as const;
const KEY = Symbol.for('ai-lab.run-temp');

interface Started {
  readonly run: RunTemp;
  /** The variables as they were, restored by the teardown (watch mode runs setup again). */
  readonly saved: Record<string, string | undefined>;
}

export default function globalSetup(_global: unknown, project: ProjectConfig): void {
  const run = createRunTemp();
  const saved = Object.fromEntries(
    [...TEMP_VARIABLES, RUN_DIR_ENV, SYSTEM_TMPDIR_ENV, ASSEMBLY_DIR_ENV].map((name) => [
      name,
      process.env[name],
    ]),
  );
  // The lab's assemblies, kept by source content beside jest's cache (./assembly-cache.ts); a run
  // inside a test keeps the enclosing run's folder.
  if (process.env[ASSEMBLY_CACHE_ENV] !== 'off' && !process.env[ASSEMBLY_DIR_ENV])
    process.env[ASSEMBLY_DIR_ENV] = openAssemblyCache(project.cacheDirectory);
  (globalThis as Record<symbol, Started>)[KEY] = { run, saved };
  process.env[SYSTEM_TMPDIR_ENV] = run.systemTmp;
  process.env[RUN_DIR_ENV] = run.dir;
  for (const name of TEMP_VARIABLES) process.env[name] = run.dir;
}

/** The run the setup started, once: the teardown takes it. */
export function takeStarted(): Started | undefined {
  const started = (globalThis as Record<symbol, Started | undefined>)[KEY];
  delete (globalThis as Record<symbol, Started | undefined>)[KEY];
  return started;
}
