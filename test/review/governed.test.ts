/**
 * The governed-accounts section counted against cfn-guard's own output: the binary the package ships,
 * run directly with every Control Tower rule over the same template, must report exactly the
 * (control, resource) pairs the review lists — which also proves that the review running only the
 * rules that name a resource type of the template loses nothing. `-c governed=true` clears the cheap
 * controls (log retention, bucket versioning). One stack is enough: AiLab-Transcribe has log groups,
 * functions, a Lambda permission and the upload bucket, where every control the lab fails is found.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { loadConfig } from '../../lib/config';
import { TranscribeStack } from '../../lib/stacks/transcribe-stack';
import { readAssembly } from '../../review/assembly';
import { controlTowerRules, rulesFor } from '../../review/governed';
import { reviewAssembly } from '../../review/review';
import { CDK_JSON_CONTEXT } from '../support/lab';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** AiLab-Transcribe alone, as `cdk synth` builds it (cdk.json's flags), without bundling. */
function synthTranscribe(context: Record<string, unknown>): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-review-governed-'));
  dirs.push(outdir);
  const app = new App({
    outdir,
    context: { ...CDK_JSON_CONTEXT, ...context, 'aws:cdk:bundling-stacks': [] },
  });
  new TranscribeStack(app, 'AiLab-Transcribe', { env: {}, config: loadConfig(app.node) });
  app.synth();
  return outdir;
}

const pkg = path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'));
const templatesIn = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.template.json'))
    .map((t) => path.join(dir, t));

/** (rule name, logical id) for every non-compliant check in cfn-guard's structured output. */
function guardPairs(dir: string, rules: readonly string[]): string[] {
  const bin = path.join(pkg, 'bin', 'ubuntu', os.arch() === 'arm64' ? 'aarch64' : 'x86_64', 'cfn-guard');
  const run = spawnSync(
    bin,
    [
      'validate',
      ...rules.flatMap((r) => ['--rules', r]),
      ...templatesIn(dir).flatMap((t) => ['--data', t]),
      '--output-format',
      'json',
      '--show-summary',
      'none',
      '--structured',
    ],
    { maxBuffer: 512 * 1024 * 1024 },
  );
  const out = JSON.parse(run.stdout.toString()) as Array<{ name: string; not_compliant?: unknown[] }>;
  const pairs = new Set<string>();
  for (const t of out) {
    for (const rule of t.not_compliant ?? []) {
      const r = (rule as { Rule: { name: string } }).Rule;
      for (const m of JSON.stringify(r).matchAll(/"path":"\/Resources\/([^/"]+)/g))
        pairs.add(`${r.name} ${m[1]}`);
    }
  }
  return [...pairs].sort();
}

const ALL_RULES = path.join(pkg, 'rules', 'control-tower', 'cfn-guard');
const whole = new Map<string, string[]>();
/** cfn-guard with every Control Tower rule, once per synthesized folder. */
const wholeRuleSet = (dir: string) =>
  whole.get(dir) ?? whole.set(dir, guardPairs(dir, [ALL_RULES])).get(dir)!;

async function reviewPairs(dir: string): Promise<{ pairs: string[]; controls: Set<string> }> {
  const [review] = await reviewAssembly(readAssembly(dir), [], 'en');
  const failures = review!.governed.failures;
  return {
    pairs: [...new Set(failures.map((f) => `${f.rule} ${f.logicalId}`))].sort(),
    controls: new Set(failures.map((f) => f.control)),
  };
}

let plain: string;
let governed: string;
beforeAll(() => {
  plain = synthTranscribe({});
  governed = synthTranscribe({ governed: 'true' });
});

test('the rules the package ships are found', () => {
  expect(controlTowerRules().length).toBeGreaterThan(100);
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
  const missed = guardPairs(plain, withoutBuckets);
  expect(missed).not.toEqual(wholeRuleSet(plain));
  expect(wholeRuleSet(plain).filter((p) => !missed.includes(p))).toEqual(
    expect.arrayContaining([expect.stringMatching(/^s3_bucket_versioning_enabled/)]),
  );
});
