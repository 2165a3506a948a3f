#!/usr/bin/env -S npx tsx
/** `ai-lab` / `npm run demo --`: the demo CLI (cli/commands.ts). */
import { main } from './commands';

// `… | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
