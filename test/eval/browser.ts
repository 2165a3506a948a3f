/** Opens an eval HTML report in the project's Chromium: what it fetched, what it shows, a screenshot. */
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../playground/harness';

export interface ReportView {
  readonly png: Buffer;
  /** Every URL the page asked for besides its own file (expected: none). */
  readonly fetched: string[];
  readonly title: string;
  readonly banner: string;
  /** Rendered width and height of every chart. */
  readonly charts: Array<{ width: number; height: number; label: string }>;
  /** Scatter points drawn in the first chart. */
  readonly points: number;
}

export async function viewReport(file: string, options: { height?: number } = {}): Promise<ReportView> {
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await page.setViewportSize({ width: 1180, height: options.height ?? 1300 });
    const url = pathToFileURL(file).href;
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.url().split('#')[0] !== url) fetched.push(r.url());
    });
    await page.goto(url);
    const title = (await page.locator('h1').textContent()) ?? '';
    const banner = (await page.locator('.standin').count())
      ? ((await page.locator('.standin').textContent()) ?? '')
      : '';
    const charts = await page.locator('figure svg').evaluateAll((svgs) =>
      svgs.map((s) => {
        const r = s.getBoundingClientRect();
        return { width: r.width, height: r.height, label: s.getAttribute('aria-label') ?? '' };
      }),
    );
    const points = await page.locator('figure svg').first().locator('g.point').count();
    const png = await page.screenshot({ fullPage: false });
    return { png, fetched, title, banner, charts, points };
  } finally {
    await browser.close();
  }
}
