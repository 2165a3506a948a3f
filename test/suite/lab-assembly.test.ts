/**
 * The shared lab assembly (test/support/lab-assembly.ts): one per context, made once across the
 * jest workers (and kept while the sources are the same: assembly-cache.test.ts), never half made.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { KEPT_ON_DESTROY_METADATA } from '../../lib/review-metadata';
import { buildTestLab } from '../support/lab';
import { labAssembly, produceOnce } from '../support/lab-assembly';

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lab-assembly-'));

test('one assembly per context: the same settings in any order share one, others get their own', () => {
  const lab = labAssembly();
  const withBudget = labAssembly({ budgetEmail: 'learner@example.com' });
  expect(lab.named).toEqual({});
  expect(withBudget.named).toEqual({ budget: 'AiLab-Budget' });
  expect(withBudget.stackNames).toEqual([...lab.stackNames, 'AiLab-Budget']);
  expect(withBudget.dir).not.toBe(lab.dir);
  expect(labAssembly({}).dir).toBe(lab.dir);
  expect(labAssembly({}, { nag: false }).dir).toBe(lab.dir);
  // With cdk-nag (the review's): another assembly, the same templates.
  const created = labAssembly({ apiGatewayCloudWatchRole: 'create' });
  expect(created.named).toEqual({ shared: 'AiLab-Shared' });
  const nagged = labAssembly({ apiGatewayCloudWatchRole: 'create' }, { nag: true });
  expect(nagged.dir).not.toBe(created.dir);
  expect(nagged.stackNames).toEqual(created.stackNames);
  for (const name of created.stackNames)
    expect([name, nagged.json(name)]).toEqual([name, created.json(name)]);
  // The catalogue's demos, and a template per stack that the assembly's manifest lists.
  expect(Object.keys(lab.demos)).toEqual(
    expect.arrayContaining(['comprehend', 'translate', 'textract', 'polly', 'bedrock']),
  );
  const manifest = JSON.parse(fs.readFileSync(path.join(lab.dir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string }>;
  };
  const inManifest = Object.entries(manifest.artifacts)
    .filter(([, a]) => a.type === 'aws:cloudformation:stack')
    .map(([id]) => id);
  expect([...lab.stackNames].sort()).toEqual(inManifest.sort());
  expect(lab.demo('polly').toJSON()).toEqual(lab.json(lab.demos.polly!));
  expect(() => lab.template('AiLab-Nope')).toThrow(/no stack AiLab-Nope; it has AiLab-/);
});

test('one demo alone: the same stack as in the whole lab, with the other stacks its settings ask for', () => {
  const lab = labAssembly();
  const alone = labAssembly({}, { demos: ['bedrock'] });
  expect(alone.stackNames).toEqual(['AiLab-Bedrock']);
  expect(alone.json('AiLab-Bedrock')).toEqual(lab.json('AiLab-Bedrock'));
  const withBudget = labAssembly({ budgetEmail: 'learner@example.com' }, { demos: ['bedrock'] });
  expect(withBudget.stackNames).toEqual(['AiLab-Bedrock', 'AiLab-Budget']);
  expect(withBudget.json('AiLab-Budget')).toEqual(
    labAssembly({ budgetEmail: 'learner@example.com' }).json('AiLab-Budget'),
  );
  // Negative control: another demo's stack is not there to be read.
  expect(() => alone.demo('comprehend')).toThrow(/no stack for comprehend/);
});

test("what the construct tree says, the assembly says: the settings, each stack's dependencies and its metadata", () => {
  const context = { apiGatewayCloudWatchRole: 'create', prefix: 'Kim' };
  const options = { demos: ['comprehend'] } as const;
  const built = buildTestLab(context, options);
  built.app.synth();
  const read = labAssembly(context, options);
  expect(read.config).toEqual(built.config);
  const stacks = built.app.node.children.filter((c): c is Stack => c instanceof Stack);
  expect(stacks.map((s) => s.stackName)).toEqual(read.stackNames);
  for (const s of stacks) {
    expect([s.stackName, read.dependencies(s.stackName)]).toEqual([
      s.stackName,
      s.dependencies.map((d) => d.stackName).sort(),
    ]);
    const kept = (entries: ReadonlyArray<{ type: string; data?: unknown }> = []) =>
      entries.filter((m) => m.type === KEPT_ON_DESTROY_METADATA).map((m) => m.data);
    expect([s.stackName, kept(read.metadata(s.stackName)[`/${s.stackName}`])]).toEqual([
      s.stackName,
      kept(s.node.metadata),
    ]);
  }
  // Not vacuous: the facts compared are there with this setting, and differ without it.
  expect(read.dependencies('Kim-Comprehend')).toEqual(['Kim-Shared']);
  expect(read.metadata('Kim-Shared')['/Kim-Shared']).toContainEqual(
    expect.objectContaining({ type: KEPT_ON_DESTROY_METADATA }),
  );
  const plain = labAssembly({ prefix: 'Kim' }, options);
  expect(plain.dependencies('Kim-Comprehend')).toEqual([]);
  expect(plain.metadata('Kim-Comprehend')['/Kim-Comprehend'] ?? []).not.toContainEqual(
    expect.objectContaining({ type: KEPT_ON_DESTROY_METADATA }),
  );
  expect(plain.config.apiGatewayCloudWatchRole).toBe('none');
  // Negative control: a stack the app does not have is an error, not an empty answer.
  expect(() => plain.dependencies('Kim-Shared')).toThrow(/no stack Kim-Shared; it has Kim-Comprehend/);
  expect(() => plain.metadata('AiLab-Comprehend')).toThrow(/no stack AiLab-Comprehend/);
});

test('made once: a second call finds it; a failed attempt leaves nothing and the next one retries', () => {
  const dir = path.join(scratch(), 'made');
  let calls = 0;
  expect(() =>
    produceOnce(dir, () => {
      calls++;
      throw new Error('synth failed');
    }),
  ).toThrow('synth failed');
  expect(fs.readdirSync(path.dirname(dir))).toEqual([]); // no lock, no staging, no half assembly
  const write = (staging: string) => {
    calls++;
    fs.writeFileSync(path.join(staging, 'done'), 'yes');
  };
  produceOnce(dir, write);
  produceOnce(dir, write);
  expect(calls).toBe(2);
  expect(fs.readdirSync(path.dirname(dir))).toEqual(['made']);
  expect(fs.readFileSync(path.join(dir, 'done'), 'utf8')).toBe('yes');
});

test('waits while a live process holds the lock, and takes over a lock whose process died', () => {
  const dir = path.join(scratch(), 'made');
  const lock = `${dir}.lock`;
  fs.mkdirSync(lock);
  fs.writeFileSync(path.join(lock, 'pid'), String(process.ppid)); // alive: jest's parent
  const never = () => {
    throw new Error('must not produce while another process holds the lock');
  };
  expect(() => produceOnce(dir, never, { timeoutMs: 200, pollMs: 20 })).toThrow(/Gave up waiting/);

  fs.writeFileSync(path.join(lock, 'pid'), '99999999'); // above the kernel's pid maximum: dead
  produceOnce(dir, (staging) => fs.writeFileSync(path.join(staging, 'done'), 'yes'), { pollMs: 20 });
  expect(fs.existsSync(path.join(dir, 'done'))).toBe(true);
  expect(fs.existsSync(lock)).toBe(false);
});
