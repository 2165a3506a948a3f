/**
 * The bundles a synth of this app needs: one per demo stack that CDK will bundle. `bin/` builds
 * them (lib/bundling/prebundle.ts) before the stacks are constructed; construction then takes
 * them from the cache (a demo with streaming routes has a second bundle). The list mirrors what the stacks ask for (entry and define); a test
 * checks that a synth after prebuilding builds nothing more.
 */
import type { App } from 'aws-cdk-lib';
import { DEMO_STACKS } from './app';
import type { BundleSpec } from './bundling/options';
import { loadConfig } from './config';
import { stackName } from './names';
import { SERVICES } from './services';
import { demoEntry, streamEntry } from './stacks/demo-stack';

/** The context key the CDK CLI sets to the stacks it wants bundled (`--exclusively` and friends). */
const BUNDLING_STACKS = 'aws:cdk:bundling-stacks';

export function labBundleSpecs(app: App): BundleSpec[] {
  const config = loadConfig(app.node);
  const patterns = (app.node.tryGetContext(BUNDLING_STACKS) as string[] | undefined) ?? ['**'];
  const specs: BundleSpec[] = [];
  for (const svc of SERVICES) {
    const StackClass = DEMO_STACKS[svc.id];
    if (!StackClass || !patterns.some((p) => globMatch(p, stackName(config.prefix, svc.stackSuffix))))
      continue;
    specs.push({ entry: demoEntry(svc.id), define: StackClass.bundleDefine?.(config) });
    if (svc.routes.some((r) => r.streaming)) specs.push({ entry: streamEntry(svc.id) });
    for (const entry of StackClass.extraEntries ?? []) specs.push({ entry });
  }
  return specs;
}

/**
 * The glob subset the CLI passes (`**`, `*`, `?`, literal stack paths), as Stack.bundlingRequired
 * reads it with minimatch. Getting an exotic pattern wrong costs time, never correctness: a
 * bundle not prebuilt here is built during construction, one built needlessly is never used.
 */
export function globMatch(pattern: string, stackPath: string): boolean {
  const re = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((s) =>
          s
            .split('?')
            .map((t) => t.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
            .join('[^/]'),
        )
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${re}$`).test(stackPath);
}
