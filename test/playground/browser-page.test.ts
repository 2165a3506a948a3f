/**
 * The playground page as a whole in a real browser, against the stand-in API: one panel per demo
 * with the samples preloaded, a panel driven by the keyboard alone, a demo that is not deployed,
 * the language switch, and (in Korean) no English seams. Runs in English and in Korean with a
 * browser whose language is Korean (so the page's default is tested too). The demo panels' own
 * tests are browser.test.ts; both share page-session.ts.
 */
import { LANGS, type Lang } from '../../lib/i18n';
import { SERVICES } from '../../lib/services';
import { BEDROCK } from '../../playground/app/messages/bedrock';
import { COMPREHEND } from '../../playground/app/messages/comprehend';
import { PAGE } from '../../playground/app/messages/page';
import { POLLY } from '../../playground/app/messages/polly';
import { TRANSLATE } from '../../playground/app/messages/translate';
import { KOREAN_CATALOGUE } from '../../scripts/catalogue-ko';
import { labStack } from '../cli/harness';
import { startLab } from './harness';
import { pageSession, room } from './page-session';

describe.each(LANGS)('the playground page in %s', (lang) => {
  const P = room(PAGE, lang);
  const C = room(COMPREHEND, lang);
  const T = room(TRANSLATE, lang);
  const Y = room(POLLY, lang);
  const B = room(BEDROCK, lang);
  const ctx = pageSession(lang);
  const { panel, shot, filled } = ctx;

  test('one panel per demo, each deployed, with the samples preloaded, in the browser’s language', async () => {
    const status = `${P('deployedCount', { deployed: 8, total: 8 })}${P('region', { regions: 'us-east-1' })}`;
    await ctx.page.getByRole('status').getByText(status).waitFor();
    expect(await ctx.page.evaluate('document.documentElement.lang')).toBe(lang);
    expect(await ctx.page.locator('h1').textContent()).toBe(`${P('heading')} ${P('headingThin')}`);
    expect(await ctx.page.title()).toBe(P('title'));
    expect(await ctx.page.locator('section.panel').evaluateAll((els) => els.map((e) => e.id))).toEqual(
      SERVICES.map((s) => `panel-${s.id}`),
    );
    for (const s of SERVICES) {
      expect(await panel(s.id).locator('.panel-header .badge').textContent()).toBe(
        P('badgeDeployed', { region: 'us-east-1' }),
      );
      expect(await panel(s.id).getByRole('heading', { level: 2 }).textContent()).toBe(s.awsService);
      // The demo's concept comes from the server, in the language the page asked for.
      expect(await panel(s.id).locator('.concept').textContent()).toBe(
        lang === 'ko' ? KOREAN_CATALOGUE[s.id].concept : s.concept,
      );
    }
    await filled(panel('comprehend').getByLabel(C('text'), { exact: true }), 'I love how quickly');
    await filled(panel('translate').getByLabel(T('text'), { exact: true }), 'Generative AI can adapt');
    await filled(panel('polly').getByLabel(Y('text'), { exact: true }), 'Hello from the AI services lab');
    await filled(panel('bedrock').getByLabel(B('inputData')), 'The laptop arrived');
    await filled(
      panel('bedrock').getByLabel(B('question'), { exact: true }),
      'What are the four elements of a prompt?',
    );
    // The page needs nothing from outside: every request went to the playground.
    const requested = await ctx.page.evaluate('performance.getEntriesByType("resource").map((e) => e.name)');
    for (const url of requested as string[]) expect(url.startsWith(ctx.lab.playground.url)).toBe(true);
  });

  test('keyboard only: Tab to a demo, Tab to its button, Enter runs it; Space works too', async () => {
    await ctx.page.goto(ctx.lab.playground.url);
    await panel('translate').locator('textarea').waitFor();
    await filled(panel('translate').getByLabel(T('text'), { exact: true }), 'Generative AI');
    const focused = () =>
      ctx.page.evaluate(
        '(() => { const e = document.activeElement; return e ? e.tagName + " " + e.textContent.trim() : "" })()',
      ) as Promise<string>;
    async function tabTo(target: string, limit = 40): Promise<void> {
      const seen: string[] = [];
      for (let i = 0; i < limit; i++) {
        await ctx.page.keyboard.press('Tab');
        const now = await focused();
        if (now === target) return;
        seen.push(now);
      }
      throw new Error(`Tab never reached ${target}; went through: ${seen.join(' | ')}`);
    }

    await tabTo('A Translate');
    await ctx.page.keyboard.press('Enter');
    expect(await focused()).toBe('H2 Amazon Translate');
    await tabTo(`BUTTON ${T('translate')}`);
    // Keyboard focus is visible.
    expect(await ctx.page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await ctx.page.keyboard.press('Enter');
    await panel('translate').locator('blockquote.translation').waitFor();

    await tabTo(`BUTTON ${T('listLanguages')}`, 3);
    await ctx.page.keyboard.press('Space');
    await panel('translate')
      .getByText(T('languageCount', { count: 3 }))
      .waitFor();
  });

  test('a demo that is not deployed: its panel says so, with the command that deploys it', async () => {
    const stacks = Object.fromEntries(
      SERVICES.filter((s) => s.id !== 'bedrock').map((s) => [labStack(s), ctx.api.url]),
    );
    const partial = await startLab(ctx.api, { stacks });
    try {
      await ctx.page.goto(partial.playground.url);
      const p = panel('bedrock');
      await p.locator('.undeployed').waitFor();
      expect(await p.locator('.panel-header .badge').textContent()).toBe(P('badgeNotDeployed'));
      expect(await p.locator('code.command').textContent()).toBe('npx cdk deploy AiLab-Bedrock');
      expect(await p.locator('.undeployed').textContent()).toContain(
        P('notDeployed', { stack: 'AiLab-Bedrock' }),
      );
      expect(await p.locator('button').count()).toBe(0);
      expect(await ctx.page.getByRole('status').textContent()).toBe(
        `${P('deployedCount', { deployed: 7, total: 8 })}${P('region', { regions: 'us-east-1' })}`,
      );
      expect(await ctx.page.getByRole('link', { name: `Bedrock${P('navNotDeployed')}` }).count()).toBe(1);
      await shot('bedrock', 'bedrock-not-deployed');
    } finally {
      await partial.playground.close();
    }
  });
  test('the language switch: the other language at once, still there after a reload, and back', async () => {
    const other: Lang = lang === 'en' ? 'ko' : 'en';
    const O = room(PAGE, other);
    const status = (t: typeof P) => `${t('deployedCount', { deployed: 8, total: 8 })}`;
    await ctx.page.goto(ctx.lab.playground.url);
    await ctx.page.getByRole('status').getByText(status(P)).waitFor();
    expect(await ctx.page.locator(`[data-lang="${lang}"]`).getAttribute('aria-pressed')).toBe('true');

    await ctx.page.locator(`[data-lang="${other}"]`).click();
    await ctx.page.getByRole('status').getByText(status(O)).waitFor();
    expect(await ctx.page.evaluate('document.documentElement.lang')).toBe(other);
    expect(await ctx.page.locator(`[data-lang="${other}"]`).getAttribute('aria-pressed')).toBe('true');
    expect(await ctx.page.locator('h1').textContent()).toBe(`${O('heading')} ${O('headingThin')}`);
    // The panels are drawn again in the other language.
    const sentiment = room(COMPREHEND, other)('sentiment');
    await panel('comprehend').getByRole('button', { name: sentiment, exact: true }).waitFor();

    // Remembered: a reload keeps the choice over the browser's language.
    await ctx.page.reload();
    await ctx.page.getByRole('status').getByText(status(O)).waitFor();
    expect(await ctx.page.evaluate('localStorage.getItem("ai-lab-lang")')).toBe(other);

    await ctx.page.locator(`[data-lang="${lang}"]`).click();
    await ctx.page.getByRole('status').getByText(status(P)).waitFor();
    await ctx.page.evaluate('localStorage.removeItem("ai-lab-lang")');
  });

  if (lang === 'ko') {
    /**
     * The page's own words (labels, legends, buttons, headings, table heads, options, badges,
     * hints, accessible names and placeholders) that have no Hangul and are not a name or a
     * code: what a missed string looks like.
     */
    const ALLOWED =
      /^(\d+|[\w.-]+\.(json|png|jpg|pdf|mp3|wav|txt)|Amazon \w+|AWS Step Functions|Converse|PII|MP3|Ogg Vorbis|English|verified: false\.)$/;
    async function untranslated(): Promise<string[]> {
      const texts = (await ctx.page.evaluate(`(() => {
        const chrome = 'label, legend, button, h1, h2, h3, h4, summary, caption, thead th, .badge, .hint, option, .skip-link, [data-i18n]';
        const out = [];
        for (const el of document.querySelectorAll(chrome)) {
          if (el.closest('.output') && !el.closest('.output > figure')) continue;
          out.push(el.textContent.trim());
        }
        for (const el of document.querySelectorAll('[aria-label], [placeholder], img[alt]')) {
          for (const a of ['aria-label', 'placeholder', 'alt']) if (el.getAttribute(a)) out.push(el.getAttribute(a).trim());
        }
        return out;
      })()`)) as string[];
      return [...new Set(texts)].filter((t) => t && !/[\uac00-\ud7a3]/.test(t) && !ALLOWED.test(t));
    }

    test('no seams: every word of the page itself is Korean (names and codes aside)', async () => {
      await ctx.page.goto(ctx.lab.playground.url);
      await ctx.page
        .getByRole('status')
        .getByText(P('deployedCount', { deployed: 8, total: 8 }))
        .waitFor();
      await filled(panel('bedrock').getByLabel(B('inputData')), 'The laptop arrived');
      expect(await untranslated()).toEqual([]);
      // Negative control: one English label slipped into a panel is found.
      await ctx.page.evaluate(
        `document.querySelector('#panel-polly form').prepend(Object.assign(document.createElement('label'), { textContent: 'Sample text' }))`,
      );
      expect(await untranslated()).toEqual(['Sample text']);
      await shot('comprehend', 'comprehend-no-seams');
    });
  }
});
