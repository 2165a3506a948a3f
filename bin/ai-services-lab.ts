#!/usr/bin/env node
/**
 * The CDK app: everything is wired in lib/app.ts so tests synthesize exactly the same lab.
 * The function bundles are built (or found in the bundle cache) first, in one esbuild service;
 * the stacks then take them from the cache. aws-cdk-lib's CloudFormation validation keeps its
 * report by template content (lib/validation-cache.ts). Synthesis runs when the process is about
 * to exit.
 */
// First, so that its clock starts before the other imports load (AI_LAB_SYNTH_TIMINGS).
import '../lib/synth-timings';
import { App } from 'aws-cdk-lib';
import { buildLab } from '../lib/app';
import { BundleCache } from '../lib/bundling/cache';
import { prebundle } from '../lib/bundling/prebundle';
import { ConfigError } from '../lib/config';
import { labBundleSpecs } from '../lib/lab-bundles';
import { mark, note } from '../lib/synth-timings';
import { CachedCloudFormationValidation } from '../lib/validation-cache';

async function main(): Promise<void> {
  mark('imports');
  const app = new App();
  const cache = BundleCache.forProject();
  note('prebundle', await prebundle(labBundleSpecs(app), cache));
  mark('bundles');
  buildLab(app);
  mark('constructs');
  note('cache', cache.stats);
  const validation = CachedCloudFormationValidation.register(app);
  if (validation) note('validation', validation.stats);
}

main().catch((err: unknown) => {
  // A bad setting is the learner's to fix: its message names the key; a stack trace would bury it.
  const text =
    err instanceof ConfigError
      ? err.message
      : err instanceof Error
        ? (err.stack ?? err.message)
        : String(err);
  process.stderr.write(`${text}\n`);
  process.exit(1);
});
