/**
 * Build the real lab (lib/app.ts) for tests, offline, with cdk.json's context (its feature flags
 * change what CDK writes, so without them the tests would check another lab than `cdk synth`
 * makes) and optional overrides.
 */
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildLab, type Lab } from '../../lib/app';
import type { DemoId } from '../../lib/services';
import { CDK_JSON_CONTEXT } from './cdk-json';

export interface TestLab extends Lab {
  readonly app: App;
}

export function buildTestLab(
  context: Record<string, unknown> = {},
  options: { bundle?: boolean; outdir?: string; nag?: boolean; demos?: readonly DemoId[] } = {},
): TestLab {
  const app = new App({
    outdir: options.outdir,
    context: {
      ...CDK_JSON_CONTEXT,
      ...context,
      // Skip esbuild in most tests (speed); test/stacks/bundling.test.ts bundles for real.
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  // cdk-nag runs in test/stacks/nag.test.ts; other tests skip it for speed.
  const lab = buildLab(app, { nag: options.nag ?? false, demos: options.demos });
  return { app, ...lab };
}

export function templateOf(stack: Stack): Template {
  return Template.fromStack(stack);
}

/** Every resource of a template, as [logicalId, resource] pairs. */
export function resourcesOf(
  template: Template,
): Array<[string, { Type: string; Properties?: Record<string, unknown> }]> {
  const json = template.toJSON() as {
    Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  };
  return Object.entries(json.Resources ?? {});
}
