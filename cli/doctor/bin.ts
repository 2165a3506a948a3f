#!/usr/bin/env -S npx tsx
/** `npm run doctor`: the preflight before `cdk deploy` (cli/doctor/main.ts). */
import { doctorMain } from './main';

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

doctorMain(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
