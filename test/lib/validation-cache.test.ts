/**
 * The validation cache serves aws-cdk-lib's own CloudFormation validation report for templates it
 * has validated before, and only for those: the report a synth writes is the same with the cache
 * empty, warm or absent (aws-cdk-lib's default instance), and a changed template is validated
 * again (the negative control: a stale report would hide the new finding).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, CfnResource, CloudFormationValidatePlugin, Stack, Validations } from 'aws-cdk-lib';
import { PROJECT_ROOT } from '../../lib/project-root';
import { CachedCloudFormationValidation, engineVersion } from '../../lib/validation-cache';
import { CDK_JSON_CONTEXT } from '../support/cdk-json';
import { withCloudFormationValidation } from '../support/validation';

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

interface Finding {
  readonly rule: string;
  readonly description: string;
  readonly paths: string[];
}

/**
 * Synthesize one stack with a bucket whose properties are `properties`, with `plugin` registered
 * (or aws-cdk-lib's default validation), and return what validation-report.json says.
 */
function synth(properties: Record<string, unknown>, plugin?: CachedCloudFormationValidation): Finding[] {
  const app = new App({ outdir: tmp('ai-lab-validate-') });
  const stack = new Stack(app, 'Checked');
  new CfnResource(stack, 'Bucket', { type: 'AWS::S3::Bucket', properties });
  if (plugin) Validations.of(app).addPlugins(plugin);
  withCloudFormationValidation(() => app.synth());
  const file = path.join(app.outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    pluginReports: Array<{
      pluginName: string;
      violations: Array<{
        ruleName: string;
        description: string;
        violatingConstructs: Array<{
          constructPath: string;
          cloudFormationResource?: { templatePath: string };
        }>;
      }>;
    }>;
  };
  return report.pluginReports
    .filter((r) => r.pluginName === 'CloudFormation Validate')
    .flatMap((r) => r.violations)
    .map((v) => ({
      rule: v.ruleName,
      description: v.description,
      // Construct path and template (relative to the assembly); stack traces differ by caller and are left out.
      paths: v.violatingConstructs.map(
        (c) => `${c.constructPath} in ${c.cloudFormationResource?.templatePath}`,
      ),
    }));
}

// Synthesis prints each finding to the console as well as into the report: keep the test output quiet.
beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => {}));
afterEach(() => jest.restoreAllMocks());

/** The environment of this process without `name` (for a child that must not inherit it). */
const envWithout = (name: string): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== name));

const TYPO = { BucketNam: 'lab' };
const BAD_ENUM = { VersioningConfiguration: { Status: 'Sometimes' } };

// One engine for the first two tests (starting one costs about 2 s of CPU): the plugin's misses are
// validated by aws-cdk-lib's default instance, the very one the oracle synth (no plugin) runs. The
// plugin's own check, which the app uses, is set up as that instance is (first test) and runs in
// the app's own synths (last test). `_singletonInstance` is how synthesis itself finds the default
// instance (aws-cdk-lib marks it internal; the version is pinned, and were it gone this would fail
// loudly). One cache for the first two tests; each uses templates of its own.
const defaultInstance = CloudFormationValidatePlugin._singletonInstance();
const dir = tmp('ai-lab-validation-cache-');
const plugin = new CachedCloudFormationValidation(dir, defaultInstance);
const delta = (before: { hits: number; misses: number }) => ({
  hits: plugin.stats.hits - before.hits,
  misses: plugin.stats.misses - before.misses,
});

test('a warm cache gives the report an empty one and the default validation give; a changed template is validated again', () => {
  const before = { ...plugin.stats };
  const fresh = synth(TYPO, plugin);
  expect(fresh).toEqual([
    expect.objectContaining({ rule: 'F3002', paths: ['Checked/Bucket in Checked.template.json'] }),
  ]);
  expect(delta(before)).toEqual({ hits: 0, misses: 1 });

  // Same template, another cloud assembly directory: served from the cache, the same findings.
  expect(synth(TYPO, plugin)).toEqual(fresh);
  expect(delta(before)).toEqual({ hits: 1, misses: 1 });
  // A new instance (a new synth process) reads the same entry, without starting an engine.
  const next = new CachedCloudFormationValidation(dir);
  expect(synth(TYPO, next)).toEqual(fresh);
  expect(next.stats).toMatchObject({ hits: 1, misses: 0 });
  // aws-cdk-lib's own default instance finds exactly the same.
  expect(synth(TYPO)).toEqual(fresh);
  // Without a validator the plugin checks with its own engine, set up as the default instance is
  // (aws-cdk-lib's default rules), and keys reports by that engine's version.
  expect({ ...new CachedCloudFormationValidation(dir) }).toEqual(
    expect.objectContaining({ ...new CloudFormationValidatePlugin() }),
  );
  expect(engineVersion(next)).toBe(defaultInstance.version);

  // Negative control: another template is a miss, and its own finding is reported.
  const changed = synth({ ...TYPO, ...BAD_ENUM }, plugin);
  expect(delta(before)).toEqual({ hits: 1, misses: 2 });
  expect(changed.map((f) => f.rule).sort()).toEqual(['F3002', 'W3030']);
  // A clean template reports nothing, cached or not.
  expect(synth({}, plugin)).toEqual([]);
  expect(synth({}, plugin)).toEqual([]);
  expect(delta(before)).toEqual({ hits: 2, misses: 3 });
}, 60_000);

test('a damaged entry is validated again, never served', () => {
  const before = { ...plugin.stats };
  const stale = new Set(fs.readdirSync(dir));
  const fresh = synth(BAD_ENUM, plugin);
  expect(fresh.map((f) => f.rule)).toEqual(['W3030']);
  const [entry] = fs.readdirSync(dir).filter((f) => !stale.has(f));
  const file = path.join(dir, entry!);
  // Drop the finding from the stored report but keep the file valid JSON: the hash no longer matches.
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { report: { violations: unknown[] } };
  stored.report.violations = [];
  fs.writeFileSync(file, JSON.stringify(stored));
  expect(synth(BAD_ENUM, plugin)).toEqual(fresh);
  fs.writeFileSync(file, '{ not json');
  expect(synth(BAD_ENUM, plugin)).toEqual(fresh);
  expect(delta(before)).toEqual({ hits: 0, misses: 3 });
  expect(plugin.stats.missReasons.slice(-3)).toEqual(['not cached', 'entry damaged', 'entry damaged']);
  // And the repaired entry is served again.
  expect(synth(BAD_ENUM, plugin)).toEqual(fresh);
  expect(delta(before)).toEqual({ hits: 1, misses: 3 });
}, 60_000);

test('register follows AI_LAB_VALIDATION_CACHE and CDK_VALIDATION', () => {
  const saved = { cache: process.env.AI_LAB_VALIDATION_CACHE, cdk: process.env.CDK_VALIDATION };
  const restore = (name: string, value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  try {
    const dir = tmp('ai-lab-validation-cache-');
    process.env.AI_LAB_VALIDATION_CACHE = dir;
    delete process.env.CDK_VALIDATION;
    expect(CachedCloudFormationValidation.register(new App())?.dir).toBe(dir);
    process.env.AI_LAB_VALIDATION_CACHE = 'off';
    expect(CachedCloudFormationValidation.register(new App())).toBeUndefined();
    process.env.AI_LAB_VALIDATION_CACHE = dir;
    process.env.CDK_VALIDATION = 'false';
    expect(CachedCloudFormationValidation.register(new App())).toBeUndefined();
  } finally {
    restore('AI_LAB_VALIDATION_CACHE', saved.cache);
    restore('CDK_VALIDATION', saved.cdk);
  }
});

test('the CDK app validates on its first synth and takes the cached report on the next, with the same report', () => {
  const validationCache = tmp('ai-lab-validation-cache-');
  // The app as `cdk synth` runs it (cdk.json's command and context), into a fresh assembly each time.
  // Asked to bundle no stack, as `cdk synth --exclusively` asks for fewer: validation does not
  // depend on the bundles, and the test then does not either (a clean clone has none built).
  const context = { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] };
  const synthApp = () => {
    const outdir = tmp('ai-lab-app-');
    const timings = path.join(outdir, 'timings.json');
    execFileSync(process.execPath, ['--import', 'tsx', 'bin/ai-services-lab.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...envWithout('CDK_VALIDATION'),
        CDK_OUTDIR: outdir,
        CDK_CONTEXT_JSON: JSON.stringify(context),
        AI_LAB_VALIDATION_CACHE: validationCache,
        AI_LAB_SYNTH_TIMINGS: timings,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const facts = (
      JSON.parse(fs.readFileSync(timings, 'utf8')) as { facts: { validation: unknown; prebundle: unknown } }
    ).facts;
    return { facts, report: fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8') };
  };
  const first = synthApp();
  const second = synthApp();
  expect(first.facts.prebundle).toMatchObject({ built: 0, cached: 0 });
  expect(first.facts.validation).toMatchObject({ hits: 0, misses: 1 });
  expect(second.facts.validation).toMatchObject({ hits: 1, misses: 0 });
  expect(second.report).toEqual(first.report);
}, 120_000);
