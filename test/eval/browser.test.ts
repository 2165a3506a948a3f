/**
 * The HTML report in the project's browser (test/support/chromium.ts): a run against the stand-in,
 * rendered, opened from disk. It fetches nothing, shows the stand-in banner, and draws its charts
 * (one dot per model in the quality/cost chart) at a real size.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type EvalDeps, runEval } from '../../eval/bin';
import { allStacks, tempDir, testDeps, writeOutputs } from '../cli/harness';
import { startStandIn } from '../cli/stand-in';
import { viewReport } from './browser';
import { playLab } from './lab';

test('the HTML report renders offline with its charts and the stand-in banner', async () => {
  const standIn = await startStandIn();
  try {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'qa.json'),
      JSON.stringify({
        name: 'b-qa',
        task: 'short-answer',
        lang: 'en',
        description: 'browser',
        maxTokens: 20,
        items: ['one', 'two', 'three'].map((w) => ({
          id: w,
          input: `Q-${w}?`,
          reference: w,
          facts: [w],
          source: 'test',
        })),
      }),
    );
    writeOutputs(dir, allStacks(standIn.url));
    const answer = (texts: string[], latencyMs: number, costUsd: number) => ({ texts, latencyMs, costUsd });
    playLab(standIn, {
      table: {
        'amazon.nova-micro-v1:0': {
          'Q-one': answer(['one'], 100, 0.0001),
          'Q-two': answer(['no', 'two'], 120, 0.0001),
          'Q-three': answer(['x'], 90, 0.0001),
        },
        'amazon.nova-lite-v1:0': {
          'Q-one': answer(['one'], 200, 0.0003),
          'Q-two': answer(['two'], 210, 0.0003),
          'Q-three': answer(['three'], 250, 0.0003),
        },
      },
    });
    const deps = testDeps({ cwd: dir });
    const code = await runEval(
      ['--dataset', 'qa.json', '--samples', '2', '--format', 'html', '--lang', 'ko'],
      { ...deps, standIn: true } as EvalDeps,
    );
    expect(code).toBe(0);
    const view = await viewReport(path.join(dir, 'eval-results', 'report.html'));
    expect(view.fetched).toEqual([]);
    expect(view.title).toBe('모델 평가: b-qa');
    expect(view.banner).toContain('대역 데이터입니다');
    expect(view.charts.map((c) => c.label)).toEqual([
      '항목당 비용 대비 품질',
      '모든 호출의 지연 시간(ms), p50과 p95 표시',
      '항목별 일관성(샘플끼리 일치하는 정도)',
    ]);
    for (const c of view.charts) expect(c.width).toBeGreaterThan(200);
    expect(view.points).toBe(2);
    expect(view.png.length).toBeGreaterThan(10_000);
  } finally {
    await standIn.close();
  }
});
