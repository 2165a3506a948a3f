/**
 * The governed-accounts section counted against cfn-guard's own output: the binary the package ships,
 * run directly with every Control Tower rule over the same template, must report exactly the
 * (control, resource) pairs the review lists — which also proves that the review running only the
 * rules that name a resource type of the template loses nothing. `-c governed=true` clears the cheap
 * controls (log retention, bucket versioning). One stack is enough: AiLab-Transcribe has log groups,
 * functions, a Lambda permission and the upload bucket, where every control the lab fails is found.
 * The oracle runs over both settings' templates in one cfn-guard process (its cost is mostly the
 * 237 rules × the templates, plus about 0.4 s of CPU to start and read the rules, paid once).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readAssembly } from '../../review/assembly';
import { controlTowerRules, rulesFor } from '../../review/governed';
import { reviewAssembly } from '../../review/review';
import { labAssembly } from '../support/lab-assembly';

const pkg = path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'));
const templatesIn = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.template.json'))
    .map((t) => path.join(dir, t));

/**
 * (rule name, logical id) for every non-compliant check in cfn-guard's structured output, per folder:
 * one cfn-guard process over every folder's templates (each result names its data file).
 */
function guardPairs(dirs: readonly string[], rules: readonly string[]): Map<string, string[]> {
  const bin = path.join(pkg, 'bin', 'ubuntu', os.arch() === 'arm64' ? 'aarch64' : 'x86_64', 'cfn-guard');
  const run = spawnSync(
    bin,
    [
      'validate',
      ...rules.flatMap((r) => ['--rules', r]),
      ...dirs.flatMap(templatesIn).flatMap((t) => ['--data', t]),
      '--output-format',
      'json',
      '--show-summary',
      'none',
      '--structured',
    ],
    { maxBuffer: 512 * 1024 * 1024 },
  );
  const out = JSON.parse(run.stdout.toString()) as Array<{ name: string; not_compliant?: unknown[] }>;
  const pairs = new Map(dirs.map((d) => [path.resolve(d), new Set<string>()]));
  expect(new Set(out.map((t) => path.resolve(t.name)))).toEqual(
    new Set(dirs.flatMap(templatesIn).map((t) => path.resolve(t))),
  );
  for (const t of out) {
    const found = pairs.get(path.dirname(path.resolve(t.name)))!;
    for (const rule of t.not_compliant ?? []) {
      const r = (rule as { Rule: { name: string } }).Rule;
      for (const m of JSON.stringify(r).matchAll(/"path":"\/Resources\/([^/"]+)/g))
        found.add(`${r.name} ${m[1]}`);
    }
  }
  return new Map([...pairs].map(([d, p]) => [d, [...p].sort()]));
}

const ALL_RULES = path.join(pkg, 'rules', 'control-tower', 'cfn-guard');
let whole: Map<string, string[]> | undefined;
/** cfn-guard with every Control Tower rule over both folders, in one process, once. */
const wholeRuleSet = (dir: string) => {
  whole ??= guardPairs([plain, governed], [ALL_RULES]);
  return whole.get(path.resolve(dir))!;
};

async function reviewPairs(dir: string): Promise<{ pairs: string[]; controls: Set<string> }> {
  const [review] = await reviewAssembly(readAssembly(dir), [], 'en');
  const failures = review!.governed.failures;
  return {
    pairs: [...new Set(failures.map((f) => `${f.rule} ${f.logicalId}`))].sort(),
    controls: new Set(failures.map((f) => f.control)),
  };
}

// AiLab-Transcribe alone, as the whole lab has it (the run's shared assemblies, without bundling).
const plain = labAssembly({}, { demos: ['transcribe'] }).dir;
const governed = labAssembly({ governed: 'true' }, { demos: ['transcribe'] }).dir;

test('the rules the package ships are found; each folder holds AiLab-Transcribe alone', () => {
  expect(controlTowerRules().length).toBeGreaterThan(100);
  for (const dir of [plain, governed])
    expect(templatesIn(dir).map((t) => path.basename(t))).toEqual(['AiLab-Transcribe.template.json']);
});

test('the review lists exactly the control failures of the whole rule set; -c governed=true clears the cheap ones', async () => {
  const before = await reviewPairs(plain);
  expect(before.pairs).toEqual(wholeRuleSet(plain));
  expect([...before.controls].sort()).toEqual(
    expect.arrayContaining(['CT.CLOUDWATCH.PR.2', 'CT.LAMBDA.PR.2', 'CT.LAMBDA.PR.3', 'CT.S3.PR.11']),
  );

  const after = await reviewPairs(governed);
  expect(after.pairs).toEqual(wholeRuleSet(governed));
  expect(after.controls.has('CT.CLOUDWATCH.PR.2')).toBe(false);
  expect(after.controls.has('CT.S3.PR.11')).toBe(false);
  // What stays is explained in the report, not cleared.
  expect(after.controls.has('CT.LAMBDA.PR.3')).toBe(true);
  expect(after.controls.has('CT.LAMBDA.PR.2')).toBe(true);
});

test('negative control: a rule selection that leaves out the bucket rules misses failures the comparison catches', () => {
  const template = JSON.parse(fs.readFileSync(templatesIn(plain)[0]!, 'utf8')) as {
    Resources: Record<string, { Type: string }>;
  };
  const { all, applicable } = rulesFor([template]);
  expect(applicable.length).toBeLessThan(all);
  const withoutBuckets = rulesFor([
    {
      Resources: Object.fromEntries(
        Object.entries(template.Resources).filter(([, r]) => !r.Type.startsWith('AWS::S3::')),
      ),
    },
  ]).applicable;
  const missed = guardPairs([plain], withoutBuckets).get(path.resolve(plain))!;
  expect(missed).not.toEqual(wholeRuleSet(plain));
  expect(wholeRuleSet(plain).filter((p) => !missed.includes(p))).toEqual(
    expect.arrayContaining([expect.stringMatching(/^s3_bucket_versioning_enabled/)]),
  );
});
