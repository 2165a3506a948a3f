/**
 * Writes docs/playground.png (or, with `--lang ko`, docs/playground.ko.png, the page in Korean):
 * the playground in Chromium against the stand-in API, with a few panels run on the samples.
 * `npx tsx test/playground/docs-screenshot.ts [--lang ko] [output.png]`
 */
import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type Lang, translator } from '../../lib/i18n';
import { SERVICES } from '../../lib/services';
import { BEDROCK } from '../../playground/app/messages/bedrock';
import { REKOGNITION } from '../../playground/app/messages/rekognition';
import { TEXTRACT } from '../../playground/app/messages/textract';
import { labStack } from '../cli/harness';
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

async function main(out: string, lang: Lang): Promise<void> {
  const R = translator(REKOGNITION, lang);
  const X = translator(TEXTRACT, lang);
  const B = translator(BEDROCK, lang);
  const api = await startSampleStandIn();
  // Transcribe left undeployed, to show how such a panel looks.
  const stacks = Object.fromEntries(
    SERVICES.filter((s) => s.id !== 'transcribe').map((s) => [labStack(s), api.url]),
  );
  const lab = await startLab(api, { stacks });
  // The browser's language decides the page's.
  const browser = await launchBrowser({ locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
  try {
    const { page } = browser;
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(lab.playground.url);
    await page
      .locator('#panel-rekognition')
      .getByRole('button', { name: R('labels'), exact: true })
      .click();
    await page.locator('#panel-rekognition .box').first().waitFor();
    const textract = page.locator('#panel-textract');
    await textract.getByRole('button', { name: X('analyze'), exact: true }).click();
    await textract.locator('.doc-table').waitFor();
    await textract.getByRole('button', { name: X('uploadAndStart') }).click();
    await textract.locator('.verdict', { hasText: 'SUCCEEDED' }).waitFor();
    const bedrock = page.locator('#panel-bedrock');
    await bedrock.getByRole('button', { name: B('converse'), exact: true }).click();
    await bedrock.locator('.guardrail').waitFor();
    await bedrock.getByRole('button', { name: B('ask'), exact: true }).click();
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

const args = process.argv.slice(2);
const langAt = args.indexOf('--lang');
const lang: Lang = langAt >= 0 && args[langAt + 1] === 'ko' ? 'ko' : 'en';
const rest = args.filter((_, i) => langAt < 0 || (i !== langAt && i !== langAt + 1));
const fallback = path.join(REPO, 'docs', lang === 'ko' ? 'playground.ko.png' : 'playground.png');
void main(path.resolve(rest[0] ?? fallback), lang).catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
  process.exitCode = 1;
});
