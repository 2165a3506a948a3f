/**
 * Governed accounts: AWS Control Tower's proactive controls, run offline over each template with the
 * cfn-guard binary and rules that `@cdklabs/cdk-validator-cfnguard` ships. In an account where an
 * administrator turned these controls on, they run as CloudFormation hooks and a failing resource
 * blocks `cdk deploy`; this section says which would fail, why the lab does what it does, and which
 * `-c` setting satisfies the control (review/messages/governed.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sha256 } from '../lib/report-cache';
import type { Assembly, CfnTemplate } from './assembly';
import type { Finding } from './findings';
import { cachedGuardReport, filesIn, type GuardIdentity } from './guard-cache';
import type { StackView } from './template';

export interface ControlFailure {
  /** `CT.S3.PR.11` */
  readonly control: string;
  /** The control's title, as the rule states it (English). */
  readonly title: string;
  /** The guard rule name, e.g. `s3_bucket_versioning_enabled_check`. */
  readonly rule: string;
  /** The rule's own fix text (English). */
  readonly fix: string;
  readonly logicalId: string;
  readonly path: string;
}

interface Violation {
  readonly ruleName: string;
  readonly description: string;
  readonly fix: string;
  readonly violatingResources: ReadonlyArray<{
    readonly resourceLogicalId: string;
    readonly templatePath: string;
  }>;
}

/** One cfn-guard run over every template of an assembly. */
interface GuardRun {
  /** False when the rules could not run here (no binary for this platform, say). */
  readonly ran: boolean;
  readonly error?: string;
  /** Rules the package ships, and how many of them name a resource type these templates have. */
  readonly rules: number;
  readonly applicable: number;
  readonly packageVersion: string;
  readonly guardVersion: string;
  readonly violations: readonly Violation[];
}

/** The run as one stack's report reads it: its own failures, and a finding for each. */
export interface GovernedFacts extends Omit<GuardRun, 'violations'> {
  readonly failures: readonly ControlFailure[];
  readonly findings: readonly Finding[];
}

const PACKAGE = '@cdklabs/cdk-validator-cfnguard';
const cache = new Map<string, GuardRun>();

function packageDir(): string {
  return path.dirname(require.resolve(`${PACKAGE}/package.json`));
}

/** The Control Tower rule files the package ships (every `.guard` file under rules/control-tower). */
export function controlTowerRules(): string[] {
  const root = path.join(packageDir(), 'rules', 'control-tower', 'cfn-guard');
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.guard'))
    .map((f) => path.join(root, f));
}

const RESOURCE_TYPE = /AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g;
let ruleTypes: ReadonlyMap<string, ReadonlySet<string>> | undefined;

/**
 * The rules that can fail on these templates. Every Control Tower rule selects the resources it checks
 * by type (`Resources.*[ Type == %RESOURCE_TYPE ]`) and skips a template without them, so a rule whose
 * file names none of the templates' resource types can only skip. Running the others alone gives the
 * same failures (test/review/governed.test.ts compares with the whole rule set) in a fraction of the
 * time: cfn-guard's cost grows with rules × templates.
 */
export function rulesFor(templates: readonly CfnTemplate[]): { all: number; applicable: string[] } {
  ruleTypes ??= new Map(
    controlTowerRules().map((f) => [f, new Set(fs.readFileSync(f, 'utf8').match(RESOURCE_TYPE) ?? [])]),
  );
  const present = new Set(templates.flatMap((t) => Object.values(t.Resources ?? {}).map((r) => r.Type)));
  const applicable = [...ruleTypes.entries()]
    .filter(([, types]) => types.size === 0 || [...types].some((t) => present.has(t)))
    .map(([f]) => f);
  return { all: ruleTypes.size, applicable };
}

/** The cfn-guard binary the package runs on this platform (as `CfnGuardValidator` picks it). */
function guardBinary(dir: string): string {
  const platform = process.platform === 'darwin' ? 'macos' : 'ubuntu';
  return path.join(dir, 'bin', platform, process.arch === 'arm64' ? 'aarch64' : 'x86_64', 'cfn-guard');
}

let identity: GuardIdentity | undefined;
/** The package's and cfn-guard's versions and the binary's hash, read once per process. */
function guardIdentity(): GuardIdentity {
  if (identity) return identity;
  const dir = packageDir();
  const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as T;
  identity = {
    packageVersion: read<{ version: string }>('package.json').version,
    guardVersion: read<{ version: string }>('guard-version.json').version,
    binary: sha256(fs.readFileSync(guardBinary(dir))),
  };
  return identity;
}

/**
 * Runs the rules that apply over every template of the assembly in one cfn-guard process; the
 * report is kept by content on disk (./guard-cache.ts) and per assembly and template modification
 * times in memory.
 */
export function runGuard(assembly: Assembly): GuardRun {
  const templates = assembly.stacks.map((s) => path.resolve(assembly.dir, s.templateFile));
  const key = `${path.resolve(assembly.dir)}:${templates.map((t) => fs.statSync(t).mtimeMs).join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let run: GuardRun;
  try {
    const id = guardIdentity();
    const { all, applicable } = rulesFor(assembly.stacks.map((s) => s.template));
    const inputs = {
      identity: id,
      rules: filesIn(path.join(packageDir(), 'rules'), applicable),
      templates: filesIn(path.resolve(assembly.dir), templates),
    };
    const violations = cachedGuardReport<Violation>(inputs, templates, () => {
      if (applicable.length === 0) return [];
      // biome-ignore lint/suspicious/noExplicitAny: the plugin is plain JavaScript with jsii types
      const { CfnGuardValidator } = require(PACKAGE) as { CfnGuardValidator: new (props: object) => any };
      const report = new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: applicable }).validate({
        templatePaths: templates,
      }) as { violations: Violation[] };
      return report.violations;
    });
    run = {
      ran: true,
      rules: all,
      applicable: applicable.length,
      packageVersion: id.packageVersion,
      guardVersion: id.guardVersion,
      violations,
    };
  } catch (err) {
    run = {
      ran: false,
      error: (err instanceof Error ? err.message : String(err)).trim().split('\n').at(-1),
      rules: 0,
      applicable: 0,
      packageVersion: '?',
      guardVersion: '?',
      violations: [],
    };
  }
  cache.set(key, run);
  return run;
}

/** `[CT.S3.PR.11]: Require an Amazon S3 bucket to have versioning enabled` → id and title. */
function controlOf(description: string): { control: string; title: string } {
  const m = /^\[([A-Z0-9.]+)\]:\s*(.*)$/.exec(description.trim());
  return m ? { control: m[1]!, title: m[2]! } : { control: '?', title: description };
}

const stem = (file: string) => path.basename(file).split('.')[0]!;

export function governedOf(view: StackView, assembly: Assembly): GovernedFacts {
  const run = runGuard(assembly);
  const mine = stem(view.artifact.templateFile);
  const failures: ControlFailure[] = [];
  for (const v of run.violations) {
    const { control, title } = controlOf(v.description);
    for (const r of v.violatingResources) {
      if (stem(r.templatePath) !== mine) continue;
      failures.push({
        control,
        title,
        rule: v.ruleName,
        fix: v.fix,
        logicalId: r.resourceLogicalId,
        path: view.byId.get(r.resourceLogicalId)?.path ?? r.resourceLogicalId,
      });
    }
  }
  failures.sort((a, b) => a.control.localeCompare(b.control) || a.path.localeCompare(b.path));
  const findings: Finding[] = failures.map((f) => ({
    level: 'note',
    section: 'governed',
    key: 'governed.fail',
    params: { control: f.control, path: f.path },
    where: f.path,
    logicalId: f.logicalId,
  }));
  const { violations: _all, ...facts } = run;
  return { ...facts, failures, findings };
}
