/**
 * Jest global teardown: removes the run's temp folder as a whole (after every worker has ended,
 * whether the tests passed or not), then fails the run if anything new was left beside it.
 */
import { takeStarted } from './global-setup';
import { leakMessage, removeRunTemp, TEMP_CHECK_ENV } from './run-temp';

export default function globalTeardown(): void {
  const started = takeStarted();
  if (!started) return;
  for (const [name, value] of Object.entries(started.saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const leaked = removeRunTemp(started.run);
  if (leaked.length > 0 && process.env[TEMP_CHECK_ENV] !== 'off')
    throw new Error(leakMessage(started.run, leaked));
}
