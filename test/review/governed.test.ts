/**
 * The governed-accounts section counted against cfn-guard's own output: the binary the package ships,
 * run directly over the same templates, must report exactly the (control, resource) pairs the review
 * lists. `-c governed=true` clears the cheap controls (log retention, bucket versioning).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readAssembly } from '../../review/assembly';
import { controlTowerRules } from '../../review/governed';
import { reviewAssembly } from '../../review/review';
import { buildTestLab } from '../support/lab';

function synthLab(context: Record<string, unknown>): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-review-governed-'));
  buildTestLab(context, { outdir }).app.synth();
  return outdir;
}

/** (template stem, rule name, logical id) for every non-compliant check in cfn-guard's structured output. */
function guardPairs(dir: string): string[] {
  const pkg = path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'));
  const bin = path.join(pkg, 'bin', 'ubuntu', os.arch() === 'arm64' ? 'aarch64' : 'x86_64', 'cfn-guard');
  const templates = fs.readdirSync(dir).filter((f) => f.endsWith('.template.json'));
  const root = path.join(pkg, 'rules', 'control-tower', 'cfn-guard');
  const run = spawnSync(
    bin,
    [
      'validate',
      '--rules',
      root,
      ...templates.flatMap((t) => ['--data', path.join(dir, t)]),
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
        pairs.add(`${path.basename(t.name).split('.')[0]} ${r.name} ${m[1]}`);
    }
  }
  return [...pairs].sort();
}

async function reviewPairs(dir: string): Promise<{ pairs: string[]; controls: Set<string> }> {
  const reviews = await reviewAssembly(readAssembly(dir), [], 'en');
  const pairs = reviews.flatMap((r) => r.governed.failures.map((f) => `${r.name} ${f.rule} ${f.logicalId}`));
  return {
    pairs: [...new Set(pairs)].sort(),
    controls: new Set(reviews.flatMap((r) => r.governed.failures.map((f) => f.control))),
  };
}

test('the rules the package ships are found', () => {
  expect(controlTowerRules().length).toBeGreaterThan(100);
});

test('the review lists exactly the control failures cfn-guard reports; -c governed=true clears the cheap ones', async () => {
  const lab = synthLab({});
  const { pairs, controls } = await reviewPairs(lab);
  expect(pairs).toEqual(guardPairs(lab));
  expect([...controls].sort()).toEqual(
    expect.arrayContaining(['CT.CLOUDWATCH.PR.2', 'CT.LAMBDA.PR.3', 'CT.S3.PR.11']),
  );

  const governed = synthLab({ governed: 'true' });
  const after = await reviewPairs(governed);
  expect(after.pairs).toEqual(guardPairs(governed));
  expect(after.controls.has('CT.CLOUDWATCH.PR.2')).toBe(false);
  expect(after.controls.has('CT.S3.PR.11')).toBe(false);
  // What stays is explained in the report, not cleared.
  expect(after.controls.has('CT.LAMBDA.PR.3')).toBe(true);
});
