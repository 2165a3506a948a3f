/**
 * The Korean pages stay in step with the English ones (scripts/docs-sync.ts): the same commands,
 * routes and links in README.md ↔ README.ko.md and each docs/X.md ↔ docs/X.ko.md, and the
 * Korean catalogue as generated. Negative controls show each check fails, and names what is missing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  checkRepository,
  comparePages,
  ENGLISH_ONLY,
  englishPages,
  koreanOf,
  normalizeCommand,
  type Page,
  pageFacts,
  ROOT,
  readPage,
} from '../../scripts/docs-sync';
import { catalogueMarkdown, updateReadme } from '../../scripts/readme-catalogue';

const pairs = englishPages()
  .filter((f) => !(ENGLISH_ONLY as readonly string[]).includes(f))
  .map((f) => [f, koreanOf(f)] as const);

/** A copy of the page without every line that holds the command (in a code block or inline). */
function withoutCommand(page: Page, command: string): Page {
  const lines = page.text.split('\n');
  const kept = lines.filter((l) => normalizeCommand(l) !== command && !l.includes(`\`${command}\``));
  expect(kept.length).toBeLessThan(lines.length);
  return { ...page, text: kept.join('\n') };
}

/** A command that sits on one line of the page, so removing that line removes just it. */
function oneLineCommand(page: Page): string {
  const facts = pageFacts(page.text);
  const found = [...facts.commands].find((c) =>
    page.text.split('\n').some((l) => normalizeCommand(l) === c || l.includes(`\`${c}\``)),
  );
  if (!found) throw new Error(`${page.file} has no one-line command`);
  return found;
}

test('README.ko.md carries the Korean catalogue as generated (run npm run docs)', () => {
  const ko = fs.readFileSync(path.join(ROOT, 'README.ko.md'), 'utf8');
  expect(ko).toContain(catalogueMarkdown('ko'));
  expect(catalogueMarkdown('ko')).not.toEqual(catalogueMarkdown('en'));
});

test('negative control: a stale Korean catalogue (a route missing) is caught, and npm run docs mends it', () => {
  const ko = fs.readFileSync(path.join(ROOT, 'README.ko.md'), 'utf8');
  const stale = ko.replace('<br>`POST /bedrock/ask-notes`', '');
  expect(stale).not.toEqual(ko);
  expect(stale).not.toContain(catalogueMarkdown('ko'));
  expect(updateReadme(stale, 'ko')).toEqual(ko);
});

test('every English page has a Korean edition, except the ones listed as English-only', () => {
  expect(pairs.map(([en]) => en)).toEqual(
    expect.arrayContaining(['README.md', 'docs/textract.md', 'docs/bedrock.md']),
  );
  expect(checkRepository().filter((p) => / no Korean edition | English-only /.test(p))).toEqual([]);
});

test('README.ko.md says which pages stay in English and links them', () => {
  const ko = readPage('README.ko.md');
  for (const file of ENGLISH_ONLY) {
    expect(pageFacts(ko.text).links).toContain(file);
  }
  expect(ko.text).toMatch(/docs\/performance\.md\)[^\n]*영어/);
});

describe.each(pairs)('%s ↔ %s', (en, ko) => {
  const english = readPage(en);
  const korean = readPage(ko);

  test('the same commands, routes and links, and each links the other at the top', () => {
    expect(comparePages(english, korean)).toEqual([]);
  });

  test('negative control: a command removed from the Korean page fails and is named', () => {
    const command = oneLineCommand(korean);
    const problems = comparePages(english, withoutCommand(korean, command));
    expect(problems).toContain(`${ko} lacks the command \`${command}\` that ${en} has`);
  });

  test('negative control: a command removed from the English page fails too', () => {
    const command = oneLineCommand(english);
    const problems = comparePages(withoutCommand(english, command), korean);
    expect(problems).toContain(`${en} lacks the command \`${command}\` that ${ko} has`);
  });
});

describe('negative controls on README.md ↔ README.ko.md', () => {
  const en = readPage('README.md');
  const ko = readPage('README.ko.md');

  test('removing `npx cdk destroy --all` from README.ko.md fails and names it', () => {
    expect(comparePages(en, withoutCommand(ko, 'npx cdk destroy --all'))).toEqual([
      'README.ko.md lacks the command `npx cdk destroy --all` that README.md has',
    ]);
  });

  test('a route added to one README only fails and names it', () => {
    const added = { ...en, text: `${en.text}\n\`POST /bedrock/not-a-route\` is not in the Korean page.\n` };
    expect(comparePages(added, ko)).toEqual([
      'README.ko.md lacks the route `/bedrock/not-a-route` that README.md has',
    ]);
  });

  test('a command changed in one README (a flag) fails both ways', () => {
    const changed = { ...ko, text: ko.text.replace('npm run smoke', 'npm run smoke -- --json') };
    const problems = comparePages(en, changed);
    expect(problems).toContain('README.ko.md lacks the command `npm run smoke` that README.md has');
    expect(problems).toContain('README.md lacks the command `npm run smoke -- --json` that README.ko.md has');
  });

  test('a link added to one README only, or to the English guide from the Korean one, fails', () => {
    const extra = { ...en, text: `${en.text}\nSee [the review](docs/audit.md).\n` };
    expect(comparePages(extra, ko)).toEqual(
      expect.arrayContaining([
        'README.ko.md lacks a link to `docs/audit.md` (or its .ko.md) that README.md has',
        'README.md links to `docs/audit.md`, which does not exist',
      ]),
    );
    const english = { ...ko, text: ko.text.replace('(docs/textract.ko.md)', '(docs/textract.md)') };
    expect(comparePages(en, english)).toContain(
      'README.ko.md links to `docs/textract.md`; link its Korean edition `docs/textract.ko.md`',
    );
  });

  test('the language links at the top are required', () => {
    const noSwitch = { ...en, text: en.text.replace('[한국어](README.ko.md)', '') };
    expect(comparePages(noSwitch, ko)).toContain(
      'README.md lacks the language link to `README.ko.md` in its first lines',
    );
  });

  test('a Korean-only section is left out of the comparison in the Korean page, and only there', () => {
    const koOnly = (body: string) =>
      `\n<!-- ko-only:begin -->\n\`\`\`bash\n${body}\n\`\`\`\n<!-- ko-only:end -->\n`;
    const koExtra = { ...ko, text: ko.text + koOnly('npm run demo -- comprehend sentiment --text "좋아요"') };
    expect(comparePages(en, koExtra)).toEqual([]);
    const enExtra = { ...en, text: en.text + koOnly('npm run demo -- comprehend sentiment --text "good"') };
    expect(comparePages(enExtra, ko)).toEqual([
      'README.ko.md lacks the command `npm run demo -- comprehend sentiment --text "good"` that README.md has',
    ]);
    const moved = withoutCommand(ko, 'npm run smoke');
    const hidden = { ...moved, text: moved.text + koOnly('npm run smoke') };
    expect(comparePages(en, hidden)).toContain(
      'README.ko.md lacks the command `npm run smoke` that README.md has',
    );
  });

  test('an English page without a Korean edition is reported', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-sync-'));
    try {
      fs.mkdirSync(path.join(root, 'docs'));
      fs.writeFileSync(path.join(root, 'README.md'), en.text);
      fs.writeFileSync(path.join(root, 'README.ko.md'), ko.text);
      fs.writeFileSync(path.join(root, 'docs', 'audit.md'), '# Review\n');
      expect(checkRepository(root)).toContain('docs/audit.md has no Korean edition docs/audit.ko.md');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
