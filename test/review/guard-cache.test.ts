/**
 * cfn-guard's reports kept by content (review/guard-cache.ts): a report is served only for the same
 * template bytes, rule files and check, wherever the assembly lies; a changed template is checked
 * again, a damaged entry is never served, and `AI_LAB_GUARD_CACHE=off` runs cfn-guard every time.
 * The assemblies are one hand-written template (a bucket without versioning), so each cfn-guard run
 * is short.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';
import { readAssembly } from '../../review/assembly';
import { runGuard } from '../../review/governed';
import { guardCacheDir, guardCacheStats, guardKey } from '../../review/guard-cache';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-guard-cache-'));
const cacheDir = path.join(root, 'cache');
const saved = process.env.AI_LAB_GUARD_CACHE;
beforeEach(() => {
  process.env.AI_LAB_GUARD_CACHE = cacheDir;
});
afterAll(() => {
  if (saved === undefined) delete process.env.AI_LAB_GUARD_CACHE;
  else process.env.AI_LAB_GUARD_CACHE = saved;
  fs.rmSync(root, { recursive: true, force: true });
});

const BUCKET = { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'guard-cache-test' } };
let copies = 0;
/** A one-stack cloud assembly in a folder of its own (runGuard also remembers runs per folder). */
function assemblyWith(bucket: object) {
  const dir = path.join(root, `assembly-${++copies}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      version: '48.0.0',
      artifacts: {
        Mini: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Mini.template.json' } },
      },
    }),
  );
  fs.writeFileSync(path.join(dir, 'Mini.template.json'), JSON.stringify({ Resources: { Uploads: bucket } }));
  return readAssembly(dir);
}

/** What a run found: `control logicalId template-file`, and where the templates were. */
function found(assembly: ReturnType<typeof readAssembly>) {
  const run = runGuard(assembly);
  expect(run.ran).toBe(true);
  return run.violations
    .flatMap((v) =>
      v.violatingResources.map(
        (r) =>
          `${/^\[([A-Z0-9.]+)\]/.exec(v.description)?.[1]} ${r.resourceLogicalId} ${path.relative(assembly.dir, r.templatePath)}`,
      ),
    )
    .sort();
}

const counts = () => ({ hits: guardCacheStats.hits, misses: guardCacheStats.misses });
const entries = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);

test('a report is stored, then served for the same template in another folder, as cfn-guard finds it', () => {
  const before = counts();
  const first = found(assemblyWith(BUCKET));
  expect(first).toContain('CT.S3.PR.11 Uploads Mini.template.json');
  expect(counts()).toEqual({ hits: before.hits, misses: before.misses + 1 });
  expect(entries()).toHaveLength(1);

  const elsewhere = assemblyWith(BUCKET);
  expect(found(elsewhere)).toEqual(first);
  expect(counts()).toEqual({ hits: before.hits + 1, misses: before.misses + 1 });
  // The served report names the templates where they are now.
  expect(
    runGuard(elsewhere).violations.every((v) =>
      v.violatingResources.every((r) => r.templatePath === path.join(elsewhere.dir, 'Mini.template.json')),
    ),
  ).toBe(true);

  process.env.AI_LAB_GUARD_CACHE = 'off';
  expect(found(assemblyWith(BUCKET))).toEqual(first);
});

test('negative control: a changed template is checked again, not served the old report', () => {
  found(assemblyWith(BUCKET));
  const before = counts();
  const versioned = assemblyWith({
    ...BUCKET,
    Properties: { ...BUCKET.Properties, VersioningConfiguration: { Status: 'Enabled' } },
  });
  const after = found(versioned);
  expect(counts()).toEqual({ hits: before.hits, misses: before.misses + 1 });
  expect(after).not.toContain('CT.S3.PR.11 Uploads Mini.template.json');
  expect(after.length).toBeGreaterThan(0);
});

test('negative control: a damaged entry is never served; it is run again and replaced', () => {
  const truth = found(assemblyWith(BUCKET));
  // The entry of this template: the one whose report has the bucket's versioning failure.
  const file = entries()
    .map((f) => path.join(cacheDir, f))
    .find((f) => fs.readFileSync(f, 'utf8').includes('CT.S3.PR.11'))!;
  const entry = JSON.parse(fs.readFileSync(file, 'utf8'));
  // The S3.PR.11 failure edited out, the entry still valid JSON with its key: its hash no longer matches.
  entry.report = entry.report.filter((v: { description: string }) => !v.description.includes('CT.S3.PR.11'));
  const damages = [JSON.stringify(entry), fs.readFileSync(file, 'utf8').slice(0, 100)];
  for (const damaged of damages) {
    fs.writeFileSync(file, damaged);
    const before = { ...counts(), reasons: guardCacheStats.missReasons.length };
    expect(found(assemblyWith(BUCKET))).toEqual(truth);
    expect(counts()).toEqual({ hits: before.hits, misses: before.misses + 1 });
    expect(guardCacheStats.missReasons.slice(before.reasons)).toEqual(['entry damaged']);
  }
  const before = counts();
  expect(found(assemblyWith(BUCKET))).toEqual(truth);
  expect(counts()).toEqual({ hits: before.hits + 1, misses: before.misses });
});

test('AI_LAB_GUARD_CACHE=off runs cfn-guard every time and writes nothing', () => {
  process.env.AI_LAB_GUARD_CACHE = 'off';
  expect(guardCacheDir()).toBeUndefined();
  const listed = entries();
  const before = counts();
  found(assemblyWith({ ...BUCKET, Properties: { BucketName: 'another-name' } }));
  expect(counts()).toEqual(before);
  expect(entries()).toEqual(listed);

  delete process.env.AI_LAB_GUARD_CACHE;
  expect(guardCacheDir()).toBe(path.join(PROJECT_ROOT, 'node_modules', '.cache', 'ai-lab-guard'));
});

test('the key changes with the check, each rule file and each template', () => {
  const inputs = {
    identity: { packageVersion: '0.0.62', guardVersion: '3.1.1', binary: 'b'.repeat(64) },
    rules: [
      ['a.guard', 'rule a'],
      ['b.guard', 'rule b'],
    ] as const,
    templates: [
      ['One.template.json', '{}'],
      ['Two.template.json', '{"Resources":{}}'],
    ] as const,
  };
  const key = guardKey(inputs);
  expect(guardKey(JSON.parse(JSON.stringify(inputs)))).toBe(key);
  const changed = [
    { ...inputs, identity: { ...inputs.identity, packageVersion: '0.0.63' } },
    { ...inputs, identity: { ...inputs.identity, guardVersion: '3.1.2' } },
    { ...inputs, identity: { ...inputs.identity, binary: 'c'.repeat(64) } },
    { ...inputs, rules: [inputs.rules[0], ['b.guard', 'rule b, edited']] as const },
    { ...inputs, rules: [inputs.rules[0]] },
    { ...inputs, templates: [inputs.templates[0], ['Two.template.json', '{"Resources":{"X":{}}}']] as const },
    { ...inputs, templates: [inputs.templates[1], inputs.templates[0]] },
    { ...inputs, templates: [inputs.templates[0], ['Three.template.json', '{"Resources":{}}']] as const },
  ];
  const keys = changed.map(guardKey);
  expect(new Set([key, ...keys]).size).toBe(changed.length + 1);
});
