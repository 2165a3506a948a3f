/**
 * Negative controls: a stack with a wildcard action, a retained bucket, an untagged resource and an
 * unauthenticated method must have each flagged in its report and, compared against the clean
 * stack with --against, shown as widened permissions and new flags. The clean stack shows none of
 * them, so each check can fail.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { readAssembly } from '../../review/assembly';
import { runReview } from '../../review/bin';
import { diffAssemblies } from '../../review/diff';
import { buildDoc } from '../../review/document';
import { renderMarkdown } from '../../review/render-md';
import { reviewAssembly } from '../../review/review';
import { synthControl } from './controls';

const clean = synthControl(false);
const bad = synthControl(true);

async function reviewOf(dir: string) {
  const assembly = readAssembly(dir);
  const [review] = await reviewAssembly(assembly, ['Control'], 'en');
  return { assembly, review: review! };
}

const FLAGS = {
  wildcard: 'perm.flag.wildcardAction',
  retained: 'destroy.flag.retain',
  untagged: 'cost.flag.untagged',
  open: 'api.auth.none',
} as const;

test.each(Object.entries(FLAGS))(
  'the bad stack has its %s flagged in the report; the clean one does not',
  async (_name, key) => {
    const good = (await reviewOf(clean)).review;
    const worse = (await reviewOf(bad)).review;
    expect(good.findings.filter((f) => f.key === key)).toEqual([]);
    const flagged = worse.findings.filter((f) => f.key === key);
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((f) => f.level === 'flag')).toBe(true);
    // …and in the words of the report, under "Needs a look".
    const md = renderMarkdown(buildDoc(worse, 'en'));
    const needsALook = md.slice(md.indexOf('## Needs a look'), md.indexOf('## Resources'));
    expect(needsALook.split('\n').filter((l) => l.startsWith('- ⚠️')).length).toBe(
      worse.findings.filter((f) => f.level === 'flag').length,
    );
    expect(needsALook).toMatch(
      {
        [FLAGS.wildcard]: /Wildcard action comprehend:\*/,
        [FLAGS.retained]: /Uploads \(AWS::S3::Bucket\) has removal policy Retain/,
        [FLAGS.untagged]: /Untagged \(AWS::SQS::Queue\) lacks cost-allocation tag\(s\): Project/,
        [FLAGS.open]: /POST \/open has no authorization/,
      }[key],
    );
  },
);

test('the clean control has nothing flagged (so every flag above comes from what the bad stack adds)', async () => {
  const { review } = await reviewOf(clean);
  // The one flag left is that no validation plugin ran: the control app registers none.
  expect(review.findings.filter((f) => f.level === 'flag').map((f) => f.key)).toEqual([
    'compliance.flag.noPlugins',
  ]);
});

test('--against: the bad stack against the clean one shows widened permissions first, marked, then the new flags', async () => {
  const before = await reviewOf(clean);
  const after = await reviewOf(bad);
  const [diff] = diffAssemblies(before.assembly, [before.review], after.assembly, [after.review]);
  expect(diff!.status).toBe('changed');
  expect(diff!.widened.map((m) => m.key)).toEqual(
    expect.arrayContaining(['diff.newAction', 'diff.authChanged']),
  );
  expect(diff!.newFlags.map((f) => f.key)).toEqual(expect.arrayContaining(Object.values(FLAGS)));
  // Same assembly on both sides: nothing changed (the control of the control).
  const [same] = diffAssemblies(before.assembly, [before.review], before.assembly, [before.review]);
  expect(same!.status).toBe('same');
  expect(same!.widened).toEqual([]);

  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-review-out-'));
  const log: string[] = [];
  await runReview(
    { stacks: [], format: 'md', lang: 'en', assembly: bad, against: clean, out },
    { log: (l) => log.push(l), cwd: process.cwd() },
  );
  const index = fs.readFileSync(path.join(out, 'index.md'), 'utf8');
  const widened = index.indexOf('### Widened permissions');
  expect(widened).toBeGreaterThan(0);
  for (const later of ['### New and resolved flags', '### Resources added, removed or changed'])
    expect(index.indexOf(later)).toBeGreaterThan(widened);
  const widenedSection = index.slice(widened, index.indexOf('### New and resolved flags'));
  expect(widenedSection).toMatch(/- ⚠️ New action `comprehend:\*`/);
  expect(widenedSection).toMatch(/- ⚠️ Authorization of `POST \/open` changed from — to `NONE`/);
  expect(index).toMatch(/New flag: Uploads \(AWS::S3::Bucket\) has removal policy Retain/);
  expect(index).toMatch(/New flag: Untagged \(AWS::SQS::Queue\) lacks cost-allocation tag/);
  expect(log.at(-1)).toMatch(/^Wrote 2 report\(s\)/);
});

test('an unknown stack name is an error that lists the stacks there are', async () => {
  await expect(
    runReview(
      { stacks: ['Nope'], format: 'md', lang: 'en', assembly: clean },
      { log: () => undefined, cwd: process.cwd() },
    ),
  ).rejects.toThrow('Unknown stack(s): Nope. Stacks in the assembly: Control.');
});

test('--prefix reviews one instance of the lab; an instance not in the assembly is an error', async () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-review-instances-'));
  const app = new App({ outdir });
  for (const name of ['Kim-Control', 'Lee-Control'])
    new CfnResource(new Stack(app, name), 'Queue', { type: 'AWS::SQS::Queue' });
  app.synth();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-review-out-'));
  const log: string[] = [];
  await runReview(
    { stacks: [], format: 'md', lang: 'en', assembly: outdir, out, prefix: 'Kim' },
    { log: (l) => log.push(l), cwd: process.cwd() },
  );
  expect(log.filter((l) => /flag/.test(l)).map((l) => l.split(':')[0])).toEqual(['Kim-Control']);
  await expect(
    runReview(
      { stacks: [], format: 'md', lang: 'en', assembly: outdir, out, prefix: 'Park' },
      { log: () => undefined, cwd: process.cwd() },
    ),
  ).rejects.toThrow('Unknown stack(s): Park-*. Stacks in the assembly: Kim-Control, Lee-Control.');
});
