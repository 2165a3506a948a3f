/**
 * aws-cdk-lib's built-in CloudFormation validation, with its report kept by content, so a synth
 * whose templates did not change does not start the validation engine again.
 *
 * The check itself is aws-cdk-lib's `CloudFormationValidatePlugin`, unchanged: this class *is* one
 * (a subclass), so synthesis treats it exactly like the default instance it replaces (trusted,
 * errors downgraded to warnings, acknowledgements applied afterwards to whatever it reports). Only
 * `validate` is wrapped: its report is a function of the templates and of the engine and its rules,
 * so it is stored under a key of exactly those (see `keyOf`), and served for the same key.
 *
 * Why: starting the engine (an 8.9 MB WebAssembly module with the resource schemas and the Rego
 * rules) takes about 1.9 s of every synth on the 2-core machine, more than validating the eight
 * templates (0.7 s). cdk-nag and the tag aspect are not cached: they run on every synth.
 *
 * `AI_LAB_VALIDATION_CACHE=<dir>` moves the cache (the benchmark gives a cold synth an empty one);
 * `AI_LAB_VALIDATION_CACHE=off` registers nothing, and aws-cdk-lib's default instance runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type App,
  CloudFormationValidatePlugin,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
  Validations,
} from 'aws-cdk-lib';
import { PROJECT_ROOT } from './project-root';
import { type CacheStats, cacheDirFromEnv, fileSha256, readEntry, sha256, writeEntry } from './report-cache';

/** Bump when the entry layout or the key changes meaning. */
const FORMAT = 1;

export interface ValidationCacheStats extends CacheStats {
  /** Time spent in `validate`, in ms: the key and lookup on a hit, the engine too on a miss. */
  ms: number;
}

/** What the report could depend on besides the templates: the versions of the check and its rules. */
function checkIdentity(): Record<string, string | null> {
  return {
    awsCdkLib: (require('aws-cdk-lib/package.json') as { version: string }).version,
    // Every dependency's exact version (the engine lives in aws-cdk-lib's own node_modules).
    packageLock: fileSha256(path.join(PROJECT_ROOT, 'package-lock.json')),
  };
}

/**
 * The engine's version from its package.json. aws-cdk-lib bundles the engine
 * (`@aws/cloudformation-validate`, in its own node_modules), so the file is found beside it; asking
 * the engine itself (`version`) would load its WebAssembly module on every synth, a hit too
 * (about 0.16 s). Where the file is not there, the engine is asked after all.
 */
export function engineVersion(plugin: CloudFormationValidatePlugin): string | null {
  const file = path.join(
    path.dirname(require.resolve('aws-cdk-lib/package.json')),
    'node_modules',
    '@aws',
    'cloudformation-validate',
    'package.json',
  );
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return plugin.version ?? null;
  }
}

export class CachedCloudFormationValidation extends CloudFormationValidatePlugin {
  /** The cached plugin registered on `app`, or none (`AI_LAB_VALIDATION_CACHE=off`, validation disabled). */
  public static register(app: App): CachedCloudFormationValidation | undefined {
    // As aws-cdk-lib does for its default instance: CDK_VALIDATION=false turns validation off.
    if (process.env.CDK_VALIDATION === 'false') return undefined;
    const dir = cacheDirFromEnv('AI_LAB_VALIDATION_CACHE', 'ai-lab-validation');
    if (!dir) return undefined;
    const plugin = new CachedCloudFormationValidation(dir);
    Validations.of(app).addPlugins(plugin);
    return plugin;
  }

  public readonly stats: ValidationCacheStats = { hits: 0, misses: 0, missReasons: [], ms: 0 };

  /**
   * @param dir where the reports are kept
   * @param validator the check that validates what the cache misses: by default this plugin itself,
   *   which starts its own engine. A process that already runs a CloudFormationValidatePlugin with
   *   the same rules (aws-cdk-lib's default instance, in a test that compares the two) can pass it,
   *   so both share one engine instead of starting two (about 2 s of CPU each).
   */
  constructor(
    public readonly dir: string,
    private readonly validator?: CloudFormationValidatePlugin,
  ) {
    // The default rules only, as the instance aws-cdk-lib registers itself.
    super();
  }

  /**
   * The key of one validation: the check's identity and, per stack in order, its path, template
   * file name, account, Region and the SHA-256 of the template as written.
   */
  public keyOf(context: IPolicyValidationContext): string {
    return sha256(
      JSON.stringify({
        format: FORMAT,
        plugin: this.name,
        engine: engineVersion(this),
        check: checkIdentity(),
        stacks: context.stackTemplates.map((s) => [
          s.stackConstructPath,
          path.basename(s.templatePath),
          s.accountId ?? null,
          s.region ?? null,
          sha256(fs.readFileSync(s.templatePath)),
        ]),
      }),
    );
  }

  public override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const started = performance.now();
    try {
      const key = this.keyOf(context);
      const file = path.join(this.dir, `${key}.json`);
      const found = readEntry<PolicyValidationPluginReport>(file, key, FORMAT);
      if ('report' in found) {
        this.stats.hits++;
        return withTemplatePaths(found.report, context);
      }
      this.stats.misses++;
      this.stats.missReasons.push(found.miss);
      const report = this.validator ? this.validator.validate(context) : super.validate(context);
      writeEntry(file, key, FORMAT, withStackIndexes(report, context));
      return report;
    } finally {
      this.stats.ms += performance.now() - started;
    }
  }
}

type Resource = PolicyValidationPluginReport['violations'][number]['violatingResources'][number];

/** A copy of `report` with each resource's `templatePath` mapped by `f` (synthesis edits reports in place). */
function mapTemplatePaths(
  report: PolicyValidationPluginReport,
  f: (templatePath: string) => string,
): PolicyValidationPluginReport {
  const copy = JSON.parse(JSON.stringify(report)) as PolicyValidationPluginReport;
  for (const v of copy.violations)
    for (const r of v.violatingResources as Resource[])
      if (r.templatePath !== undefined) (r as { templatePath: string }).templatePath = f(r.templatePath);
  return copy;
}

/** Template paths as `#<index>` of the stack in the context: the cloud assembly may be elsewhere next time. */
function withStackIndexes(report: PolicyValidationPluginReport, context: IPolicyValidationContext) {
  const index = new Map(context.stackTemplates.map((s, i) => [s.templatePath, i]));
  return mapTemplatePaths(report, (p) => (index.has(p) ? `#${index.get(p)}` : p));
}

function withTemplatePaths(report: PolicyValidationPluginReport, context: IPolicyValidationContext) {
  return mapTemplatePaths(report, (p) => {
    const m = /^#(\d+)$/.exec(p);
    return m ? context.stackTemplates[Number(m[1])]!.templatePath : p;
  });
}
