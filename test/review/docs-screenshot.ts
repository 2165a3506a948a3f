/**
 * Writes docs/review.png: the HTML review of AiLab-Transcribe (the stack with the most to show: an
 * upload bucket, a condition, flags) from cdk.out/, in Chromium.
 * `npx tsx test/review/docs-screenshot.ts [output.png]`
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runReview } from '../../review/bin';
import { REPO } from '../playground/harness';
import { screenshotReport } from './screenshot';

async function main(out: string): Promise<void> {
  // The HTML is only a step on the way to the PNG: written to a temp folder, removed however it ends.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ai-lab-review-docs-'));
  try {
    await runReview(
      { stacks: ['AiLab-Transcribe'], format: 'html', lang: 'en', assembly: 'cdk.out', out: dir },
      { log: () => undefined, cwd: REPO },
    );
    const shot = await screenshotReport(path.join(dir, 'AiLab-Transcribe.html'), {
      height: 1250,
      anchor: 'api',
    });
    writeFileSync(out, shot.png);
    process.stdout.write(`${out}: ${shot.png.length} bytes\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main(path.resolve(process.argv[2] ?? path.join(REPO, 'docs', 'review.png'))).catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
