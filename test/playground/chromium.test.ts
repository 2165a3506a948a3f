/**
 * The promise behind `npm ci && npm test`: the browser comes from an npm package, an explicit
 * override wins, and when neither can start the tests fail saying what to do — never by
 * fetching a browser.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CHROMIUM_OVERRIDE,
  CHROMIUM_PACKAGE,
  fontConfig,
  KOREAN_FONT_PACKAGE,
  koreanFontDir,
  NoBrowserError,
  resolveChromium,
} from '../support/chromium';
import { launchBrowser } from './harness';

const scratch = () => mkdtempSync(path.join(tmpdir(), 'ai-lab-chromium-test-'));
/** What every failure must say: the package, the override, and that nothing is downloaded. */
const SAYS_WHAT_TO_DO = new RegExp(
  `${CHROMIUM_PACKAGE.replace('/', '\\/')}.*\`npm ci\` installs it; nothing is downloaded.*${CHROMIUM_OVERRIDE}=`,
);

/** A package with the real one's shape whose executablePath does what `body` says. */
function fakePackage(body: string): string {
  const dir = scratch();
  mkdirSync(path.join(dir, 'bin'));
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: CHROMIUM_PACKAGE, version: '0.0.0-test', type: 'module', exports: './index.js' }),
  );
  writeFileSync(path.join(dir, 'index.js'), `export default { async executablePath() { ${body} } };\n`);
  return dir;
}

test('the package that npm ci installs gives a browser that starts and renders a page', async () => {
  const browser = await launchBrowser({ env: {} });
  try {
    await browser.page.setContent('<main><h1>ai-services-lab</h1></main>');
    expect(await browser.page.locator('h1').textContent()).toBe('ai-services-lab');
    expect((await browser.page.screenshot()).length).toBeGreaterThan(1000);
  } finally {
    await browser.close();
  }
});

/**
 * Whether two characters draw differently in the page's sans-serif: a font has a glyph for each,
 * rather than the one missing-glyph box for both.
 */
const drawnApart = (a: string, b: string) =>
  `(() => { const draw = (ch) => { const c = document.createElement('canvas'); c.width = 48; c.height = 48;
    const g = c.getContext('2d'); g.font = '32px sans-serif'; g.fillText(ch, 4, 38);
    return g.getImageData(0, 0, 48, 48).data.join(','); };
    return draw(${JSON.stringify(a)}) !== draw(${JSON.stringify(b)}); })()`;

test('Hangul renders as glyphs with the Korean font package, and as boxes without it', async () => {
  expect(koreanFontDir()).toMatch(new RegExp(`${KOREAN_FONT_PACKAGE.replace('/', '\\/')}\\/fonts$`));
  expect(fontConfig('/b', { koreanFonts: '/k', systemFonts: true }, '/c')).toContain('<dir>/k</dir>');
  expect(fontConfig('/b', { koreanFonts: undefined, systemFonts: false }, '/c')).not.toMatch(
    /\/k|\/etc\/fonts/,
  );
  // Without the machine's fonts, so what draws Hangul can only be the package's font.
  const withFont = await launchBrowser({ env: {}, systemFonts: false });
  try {
    await withFont.page.setContent('<p>한국어</p>');
    expect(await withFont.page.evaluate(drawnApart('가', '나'))).toBe(true);
    // The method's own control: two characters no font has draw as the same box.
    expect(await withFont.page.evaluate(drawnApart('\uE000', '\uE001'))).toBe(false);
  } finally {
    await withFont.close();
  }
  // Negative control: the same browser without the Korean font draws boxes for Hangul.
  const without = await launchBrowser({ env: {}, systemFonts: false, koreanFonts: null });
  try {
    await without.page.setContent('<p>한국어</p>');
    expect(await without.page.evaluate(drawnApart('가', '나'))).toBe(false);
  } finally {
    await without.close();
  }
});

test('it is unpacked once: later calls reuse the unpacked copy', async () => {
  const first = await resolveChromium({ env: {} });
  const again = await resolveChromium({ env: {} });
  expect(again.executablePath).toBe(first.executablePath);
  expect(first.source).toMatch(/^@sparticuz\/chromium@\d+\.\d+\.\d+$/);
});

test('without the package the tests fail naming the package and the override', async () => {
  const missing = path.join(scratch(), 'not-installed');
  const failure = launchBrowser({ env: {}, packageDir: missing, cacheDir: scratch() });
  await expect(failure).rejects.toBeInstanceOf(NoBrowserError);
  await expect(failure).rejects.toThrow(SAYS_WHAT_TO_DO);
  await expect(failure).rejects.toThrow(/@sparticuz\/chromium is not installed/);
});

test('an override that is not an executable file is refused, naming it', async () => {
  const failure = launchBrowser({ env: { [CHROMIUM_OVERRIDE]: '/nonexistent/chromium' } });
  await expect(failure).rejects.toThrow(/AI_LAB_CHROMIUM=\/nonexistent\/chromium is not an executable file/);
  await expect(failure).rejects.toThrow(SAYS_WHAT_TO_DO);
});

test('an override that is not a browser fails to start, with the same advice', async () => {
  const notABrowser = path.join(scratch(), 'chromium');
  writeFileSync(notABrowser, '#!/bin/sh\necho "not a browser" >&2\nexit 3\n');
  chmodSync(notABrowser, 0o755);
  const failure = launchBrowser({ env: { [CHROMIUM_OVERRIDE]: notABrowser } });
  await expect(failure).rejects.toThrow(
    new RegExp(`${notABrowser} \\(from AI_LAB_CHROMIUM=.*\\) did not start`),
  );
  await expect(failure).rejects.toThrow(SAYS_WHAT_TO_DO);
});

test('a package that tries to download a browser is stopped: the download is refused, not made', async () => {
  const downloading = fakePackage("await fetch('https://example.invalid/chromium.tar'); return '/never';");
  const failure = resolveChromium({ env: {}, packageDir: downloading, cacheDir: scratch() });
  await expect(failure).rejects.toThrow(/refused to download https:\/\/example\.invalid\/chromium\.tar/);
  await expect(failure).rejects.toThrow(SAYS_WHAT_TO_DO);
});

test('negative control: the same fake package without a download resolves, so the refusal above is real', async () => {
  const local = fakePackage(
    "const { mkdirSync, writeFileSync } = await import('node:fs'); const p = process.env.TMPDIR + '/chromium'; writeFileSync(p, ''); return p;",
  );
  const binary = await resolveChromium({ env: {}, packageDir: local, cacheDir: scratch() });
  expect(binary.executablePath).toMatch(/chromium-0\.0\.0-test\/chromium$/);
  expect(binary.source).toBe('@sparticuz/chromium@0.0.0-test');
});
