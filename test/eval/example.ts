/**
 * The committed example report (docs/eval-example.{md,html}) and its screenshot (docs/eval.png):
 * `npm run eval` run against the local stand-in of the lab's API, which answers from a made-up
 * table, so the report is marked STAND-IN DATA. No model is called.
 *
 *   npx tsx test/eval/example.ts            # writes docs/eval-example.md, .html and docs/eval.png
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type EvalDeps, runEval } from '../../eval/bin';
import { type Dataset, EVAL_DIR, loadDataset } from '../../eval/dataset';
import { promptOf } from '../../eval/plan';
import { bedrockTokenCost, guardrailCost, roundUsd } from '../../lambda/shared/pricing';
import { allStacks, testDeps, writeOutputs } from '../cli/harness';
import { startStandIn } from '../cli/stand-in';
import { REPO } from '../playground/harness';
import { viewReport } from './browser';
import { type Answer, type AnswerTable, playLab } from './lab';

export const EXAMPLE_DATASETS = ['sentiment.en', 'notes-qa.en'];
const MODELS: Record<string, { right: number; steady: number; ms: number }> = {
  'amazon.nova-micro-v1:0': { right: 0.72, steady: 0.75, ms: 380 },
  'amazon.nova-lite-v1:0': { right: 0.86, steady: 0.8, ms: 520 },
  'amazon.nova-pro-v1:0': { right: 0.95, steady: 0.9, ms: 1100 },
};

/** A number in [0, 1) from a string: the same made-up answer on every machine. */
const unit = (s: string) => createHash('sha256').update(s).digest().readUInt32BE(0) / 2 ** 32;

function answers(d: Dataset, model: string): Record<string, Answer> {
  const m = MODELS[model]!;
  const out: Record<string, Answer> = {};
  for (const item of d.items) {
    const wrong =
      d.task === 'label'
        ? (d.labels!.find((l) => l !== item.reference && unit(`${model}${item.id}w`) < 0.5) ?? 'NEUTRAL')
        : 'I am not sure.';
    const right = item.reference ?? '';
    const isRight = unit(`${model}${item.id}`) < m.right;
    const steady = unit(`${model}${item.id}s`) < m.steady;
    const texts = steady ? [isRight ? right : wrong] : [right, wrong, right];
    const inTokens = Math.ceil(promptOf(d, item).length / 4) + 8;
    const outTokens = Math.min(d.maxTokens, Math.ceil(right.length / 4) + 2);
    const tokens = bedrockTokenCost(model, inTokens, outTokens) ?? 0;
    const guard = guardrailCost(promptOf(d, item).length, { contentFilters: true, sensitiveInfo: true }) * 2;
    out[item.input] = {
      texts,
      latencyMs: Math.round(m.ms * (0.7 + unit(`${model}${item.id}t`) * (d.task === 'label' ? 0.5 : 1.2))),
      costUsd: roundUsd(tokens + guard),
    };
  }
  return out;
}

async function main(): Promise<void> {
  const datasets = EXAMPLE_DATASETS.map((n) => loadDataset(path.join(EVAL_DIR, `${n}.json`)));
  const table: AnswerTable = Object.fromEntries(
    Object.keys(MODELS).map((m) => [m, Object.assign({}, ...datasets.map((d) => answers(d, m)))]),
  );
  const sentiment = datasets[0]!;
  const comprehend = Object.fromEntries(
    sentiment.items.map((i) => [i.input, i.id === 'mixed2' ? 'POSITIVE' : i.reference!]),
  );
  const standIn = await startStandIn();
  const dir = mkdtempSync(path.join(tmpdir(), 'ai-lab-eval-example-'));
  try {
    writeOutputs(dir, allStacks(standIn.url));
    playLab(standIn, { table, comprehend });
    const deps = testDeps({ cwd: dir });
    const code = await runEval(
      [
        '--dataset',
        EXAMPLE_DATASETS.join(','),
        '--models',
        'nova-micro,nova-lite,nova-pro',
        '--samples',
        '3',
        '--format',
        'md,html,json',
        '--lang',
        'en',
        '--max-cost',
        '0.5',
      ],
      { ...deps, standIn: true, now: () => Date.UTC(2026, 11, 5, 9) } as EvalDeps,
    );
    if (code !== 0) throw new Error(`eval exited ${code}: ${deps.err.join('')}`);
    for (const ext of ['md', 'html', 'json'])
      copyFileSync(
        path.join(dir, 'eval-results', `report.${ext}`),
        path.join(REPO, 'docs', `eval-example.${ext}`),
      );
    const shot = await viewReport(path.join(REPO, 'docs', 'eval-example.html'), { height: 1250 });
    (await import('node:fs')).writeFileSync(path.join(REPO, 'docs', 'eval.png'), shot.png);
    process.stdout.write(`${deps.out.join('')}docs/eval.png: ${shot.png.length} bytes\n`);
  } finally {
    await standIn.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
