/**
 * docs/pipeline.md and its Korean edition carry the cost and time of 10, 1,000 and 100,000
 * documents as scripts/pipeline-costs.ts computes them from the price table; a stale block fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { project } from '../../lambda/pipeline/projection';
import { PRICES } from '../../lambda/shared/pricing';
import { PAGES, scaleMarkdown, updatePage } from '../../scripts/pipeline-costs';

const ROOT = path.join(__dirname, '..', '..');
const read = (lang: keyof typeof PAGES) => fs.readFileSync(path.join(ROOT, PAGES[lang]), 'utf8');

test.each(['en', 'ko'] as const)('%s: the scale block is as generated (run npm run docs)', (lang) => {
  expect(read(lang)).toContain(scaleMarkdown(lang));
});

test('negative control: a number typed by hand is caught, and npm run docs mends it', () => {
  const page = read('en');
  const total = /\*\*(\$[\d.]+)\*\*/.exec(page)![1]!;
  const edited = page.replace(`**${total}**`, '**$0.01**');
  expect(edited).not.toContain(scaleMarkdown('en'));
  expect(updatePage(edited, 'en')).toEqual(page);
});

test('the numbers move with the price table: Translate dominates, batch halves the tokens', () => {
  const o = { modelId: 'amazon.nova-micro-v1:0', guardrail: true, concurrency: 5 };
  const realtime = project(1000, 'realtime', o).cost;
  const batch = project(1000, 'batch', o).cost;
  const share = (c: typeof realtime, step: string) =>
    c.steps.find((s) => s.step === step)!.costUsd / c.totalUsd;
  expect(share(realtime, 'translate')).toBeGreaterThan(0.6);
  expect(batch.batch!.onDemandUsd).toBeCloseTo(2 * batch.batch!.batchUsd, 10);
  expect(realtime.steps.find((s) => s.step === 'translate')!.costUsd).toBeCloseTo(
    1000 * 1500 * PRICES.translateStandardChar.usd,
    6,
  );
  expect(scaleMarkdown('en')).toMatch(
    /\| 10 \| batch \| .*not possible: a batch job needs at least 100 records/,
  );
});
