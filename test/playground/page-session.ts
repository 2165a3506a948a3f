/**
 * The playground page in a real browser, set up once per language for a browser suite: the sample
 * stand-in API, the playground against it, and Chromium whose own language is the suite's (so the
 * page's default language is tested too). `pageSession` registers the jest hooks (start, reset the
 * stand-in's answers before each test, no page error after any, close all) and hands the test what
 * it reaches for: the page, a panel, a screenshot of it, the requests the stand-in received. Used by
 * browser.test.ts (the demo panels) and browser-page.test.ts (the page as a whole).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { type Lang, type Messages, translator, type Vars } from '../../lib/i18n';
import type { Recorded, StandIn } from '../cli/stand-in';
import { ARTIFACTS, type Browser, type Lab, launchBrowser, startLab } from './harness';
import { SAMPLES, sampleAnswers, startSampleStandIn } from './stand-in';

/** A room's words in one language, as the page writes them. */
export const room =
  <K extends string>(messages: Messages<K>, lang: Lang) =>
  (key: K, vars?: Vars) =>
    translator(messages, lang)(key, vars);

export const reEscape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface PageSession {
  readonly api: StandIn;
  readonly lab: Lab;
  readonly page: Page;
  /** A demo's panel (`#panel-<id>`). */
  panel(id: string): Locator;
  /** A screenshot of a panel into test-artifacts/playground/ (`-ko` for the Korean page). */
  shot(id: string, name?: string): Promise<Buffer>;
  /** A committed sample, base64 (what the page sends). */
  sampleBase64(name: string): string;
  /** The requests the stand-in received on `METHOD /route`. */
  sent(route: string): Recorded[];
  /** Wait until a text control holds something (the samples load after the page). */
  filled(control: Locator, containing: string): Promise<void>;
}

/** One browser and one page for the suite, in `lang`; its hooks are registered where it is called. */
export function pageSession(lang: Lang): PageSession {
  let api: StandIn | undefined;
  let lab: Lab | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  const suffix = lang === 'en' ? '' : `-${lang}`;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use the session inside a test`);
    return value;
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startSampleStandIn();
    lab = await startLab(api);
    // The browser's own language decides the page's until the switch is used.
    browser = await launchBrowser({ locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
    browser.page.on('pageerror', (err) => pageErrors.push(err.message));
    await browser.page.goto(lab.playground.url);
    await browser.page.locator('#panel-bedrock').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await lab?.playground.close();
    await api?.close();
  });

  beforeEach(() => {
    session.api.reset();
    sampleAnswers(session.api);
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  const session: PageSession = {
    get api() {
      return started(api, 'the stand-in API');
    },
    get lab() {
      return started(lab, 'the playground');
    },
    get page() {
      return started(browser, 'the browser').page;
    },
    panel: (id) => session.page.locator(`#panel-${id}`),
    shot: (id, name = id) =>
      session.panel(id).screenshot({ path: path.join(ARTIFACTS, `${name}${suffix}.png`) }),
    sampleBase64: (name) => readFileSync(path.join(SAMPLES, name)).toString('base64'),
    sent: (route) => session.api.requests.filter((r) => `${r.method} ${r.route}` === route),
    async filled(control, containing) {
      for (let i = 0; i < 250; i++) {
        if ((await control.inputValue()).includes(containing)) return;
        await session.page.waitForTimeout(20);
      }
      throw new Error(`never filled with ${containing}: ${await control.inputValue()}`);
    },
  };
  return session;
}
