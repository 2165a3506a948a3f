/**
 * Writes docs/playground.png: the playground in Chromium against the stand-in API, with a few
 * panels run on the samples. `npx tsx test/playground/docs-screenshot.ts [output.png]`
 */
import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SERVICES } from '../../lib/services';
import { launchBrowser, REPO, startLab } from './harness';
import { startSampleStandIn } from './stand-in';

/** The panels shown, top to bottom; the others are left out of the picture. */
const SHOWN = ['rekognition', 'textract', 'bedrock', 'transcribe'];

/**
 * A full page of text and a photo is over 1 MB as Chromium encodes it; 256 colours (ImageMagick,
 * when installed) bring it to about a quarter with no visible change to text and boxes.
 */
function shrink(png: Buffer): Buffer {
  try {
    return execFileSync('convert', ['png:-', '+dither', '-colors', '256', 'png8:-'], { input: png });
  } catch {
    process.stderr.write('ImageMagick `convert` not found: writing the screenshot as Chromium encoded it.\n');
    return png;
  }
}

async function main(out: string): Promise<void> {
  const api = await startSampleStandIn();
  // Transcribe left undeployed, to show how such a panel looks.
  const stacks = Object.fromEntries(
    SERVICES.filter((s) => s.id !== 'transcribe').map((s) => [s.stackName, api.url]),
  );
  const lab = await startLab(api, { stacks });
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(lab.playground.url);
    await page.locator('#panel-rekognition').getByRole('button', { name: 'Labels' }).click();
    await page.locator('#panel-rekognition .box').first().waitFor();
    const textract = page.locator('#panel-textract');
    await textract.getByRole('button', { name: 'Analyze' }).click();
    await textract.locator('.doc-table').waitFor();
    await textract.getByRole('button', { name: 'Upload and start job' }).click();
    await textract.locator('.verdict', { hasText: 'SUCCEEDED' }).waitFor();
    const bedrock = page.locator('#panel-bedrock');
    await bedrock.getByRole('button', { name: 'Converse' }).click();
    await bedrock.locator('.guardrail').waitFor();
    await bedrock.getByRole('button', { name: 'Ask the notes' }).click();
    await bedrock.locator('.citations').waitFor();
    await page.evaluate(
      `for (const s of document.querySelectorAll('section.panel')) if (!${JSON.stringify(SHOWN)}.includes(s.id.slice(6))) s.remove()`,
    );
    await page.evaluate('window.scrollTo(0, 0)');
    const png = await page.screenshot({ fullPage: true });
    writeFileSync(out, shrink(png));
    process.stdout.write(`wrote ${path.relative(REPO, out)} (${statSync(out).size} bytes)\n`);
  } finally {
    await browser.close();
    await lab.playground.close();
    await api.close();
  }
}

void main(path.resolve(process.argv[2] ?? path.join(REPO, 'docs', 'playground.png'))).catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
  process.exitCode = 1;
});
