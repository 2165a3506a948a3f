/** Opens one HTML review in Chromium (the playground's harness), checks it loads nothing, and screenshots it. */
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../playground/harness';

export interface Shot {
  readonly png: Buffer;
  /** Every URL the page asked for besides its own file (expected: none). */
  readonly fetched: string[];
  readonly title: string;
  readonly svgWidth: number;
}

export async function screenshotReport(
  file: string,
  options: { fullPage?: boolean; height?: number; anchor?: string } = {},
): Promise<Shot> {
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await page.setViewportSize({ width: 1180, height: options.height ?? 1400 });
    const url = pathToFileURL(file).href;
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.url().split('#')[0] !== url) fetched.push(r.url());
    });
    await page.goto(options.anchor ? `${url}#${options.anchor}` : url);
    const title = (await page.locator('h1').textContent()) ?? '';
    const svgWidth = (await page.locator('figure.diagram svg').boundingBox())?.width ?? 0;
    const png = await page.screenshot({ fullPage: options.fullPage ?? false });
    return { png, fetched, title, svgWidth };
  } finally {
    await browser.close();
  }
}
