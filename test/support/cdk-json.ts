/**
 * The `context` of cdk.json: the feature flags `cdk synth` passes to the app. On its own, so a test
 * that only passes it to a child process does not load the lab's stacks (./lab.ts) to read it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const CDK_JSON_CONTEXT: Readonly<Record<string, unknown>> = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8'),
).context;
