/**
 * The Control Tower controls the doctor knows the lab fails (cli/doctor/controls.ts, kept as data so
 * the lean install needs no cfn-guard) are what cfn-guard finds: AWS Control Tower's rules, as the
 * review runs them (review/governed.ts), over every stack the lab can synthesize (the optional
 * shared, budget and dashboard stacks too), with the default settings, `-c governed=true` and
 * `-c logRetentionDays=365`. A control the data forgot, a stack it left out, or a setting it
 * credits wrongly fails here.
 */
import * as path from 'node:path';
import { labControlFailures } from '../../../cli/doctor/controls';
import { demoStackName } from '../../../cli/doctor/lab';
import { loadConfig } from '../../../lib/config';
import { SERVICES } from '../../../lib/services';
import { readAssembly } from '../../../review/assembly';
import { runGuard } from '../../../review/governed';
import { labAssembly } from '../../support/lab-assembly';

const EVERY_STACK = { apiGatewayCloudWatchRole: 'create', budgetEmail: 'kim@example.com', dashboard: 'true' };

/** `control stack` pairs cfn-guard finds over the whole lab synthesized with these settings. */
function guardFinds(settings: Record<string, string>): string[] {
  const outdir = labAssembly({ ...EVERY_STACK, ...settings }).dir;
  const assembly = readAssembly(outdir);
  const run = runGuard(assembly);
  expect(run.ran).toBe(true);
  const stackOf = new Map(assembly.stacks.map((s) => [path.resolve(outdir, s.templateFile), s.stackName]));
  const pairs = new Set<string>();
  for (const v of run.violations) {
    const control = /^\[([A-Z0-9.]+)\]/.exec(v.description.trim())?.[1] ?? v.description;
    for (const r of v.violatingResources)
      pairs.add(`${control} ${stackOf.get(path.resolve(r.templatePath))}`);
  }
  expect(assembly.stacks.length).toBe(SERVICES.length + 3);
  return [...pairs].sort();
}

/** The same pairs from the doctor's data. */
function doctorKnows(settings: Record<string, string>): string[] {
  const config = loadConfig({ tryGetContext: (k) => ({ ...EVERY_STACK, ...settings })[k] }, {});
  return labControlFailures(config)
    .flatMap((c) =>
      SERVICES.filter((s) => c.demos.includes(s.id)).map(
        (s) => `${c.control} ${demoStackName(config.prefix, s)}`,
      ),
    )
    .sort();
}

test.each([
  ['the default settings', {}],
  ['-c governed=true', { governed: 'true' }],
  ['-c logRetentionDays=365', { logRetentionDays: '365' }],
])('with %s, the doctor knows what cfn-guard finds', (_, settings: Record<string, string>) => {
  const found = guardFinds(settings);
  expect(found.length).toBeGreaterThan(10);
  expect(doctorKnows(settings)).toEqual(found);
});
