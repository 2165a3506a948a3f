/**
 * One word per concept in the Korean edition: docs/glossary.ko.md lists, for each concept, the
 * word the lab uses (AWS's own Korean console and documentation term where there is one) and the
 * words it replaces. Every Korean text file must be free of the replaced words, except inside a
 * chosen word (`주체` in `보안 주체`) and inside 「…」 quotations (an AWS page title, a console
 * menu, the notes' own words). The glossary table is the single source: the test reads it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const GLOSSARY = 'docs/glossary.ko.md';

interface Entry {
  readonly concept: string;
  readonly use: string;
  readonly replaces: readonly string[];
  readonly source: string;
}

/** The rows of the glossary's table (the one whose header starts with `개념`). */
function readGlossary(text: string): Entry[] {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /^\|\s*개념/.test(l));
  if (header < 0) throw new Error(`${GLOSSARY} has no table whose first column is 개념`);
  const entries: Entry[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .slice(1, line.endsWith('|') ? -1 : undefined)
      .split('|')
      .map((c) => c.trim());
    const [concept = '', use = '', replaced = '', source = ''] = cells;
    entries.push({
      concept,
      use,
      replaces: [...replaced.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ''),
      source,
    });
  }
  return entries;
}

const HANGUL = /[\uac00-\ud7a3]/;

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly found: string;
  readonly use: string;
}

/** Spans [start, end) of the text that are not checked: 「…」 quotations and the chosen words. */
function exempt(text: string, chosen: readonly string[]): Array<readonly [number, number]> {
  const spans: Array<readonly [number, number]> = [];
  for (const m of text.matchAll(/「[^」\n]*」/g)) spans.push([m.index, m.index + m[0].length]);
  for (const word of chosen) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      spans.push([at, at + word.length]);
    }
  }
  return spans;
}

/** Each replaced word in `text`, at the start of a word (no Hangul syllable just before it). */
function findReplaced(file: string, text: string, glossary: readonly Entry[]): Finding[] {
  const spans = exempt(
    text,
    glossary.map((e) => e.use),
  );
  const inside = (start: number, end: number) => spans.some(([s, e]) => start >= s && end <= e);
  const findings: Finding[] = [];
  for (const entry of glossary) {
    for (const word of entry.replaces) {
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        if (HANGUL.test(word[0] ?? '') && HANGUL.test(text[at - 1] ?? '')) continue;
        if (inside(at, at + word.length)) continue;
        const line = text.slice(0, at).split('\n').length;
        findings.push({ file, line, found: word, use: entry.use });
      }
    }
  }
  return findings;
}

/** The Korean text files: Korean pages and samples, and code that carries Korean sentences. */
function koreanFiles(): string[] {
  const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  return tracked.filter((f) => {
    if (f === GLOSSARY || f.startsWith('notes/') || f.startsWith('test/') || f.startsWith('node_modules/'))
      return false;
    if (/\.ko\.(md|json)$/.test(f)) return true;
    if (!/^(lib|lambda|cli|playground|review|scripts|eval|bench)\/.+\.ts$/.test(f)) return false;
    try {
      return HANGUL.test(readFileSync(path.join(ROOT, f), 'utf8'));
    } catch {
      return false; // listed by git but deleted in the work tree
    }
  });
}

const glossary = readGlossary(readFileSync(path.join(ROOT, GLOSSARY), 'utf8'));
const files = koreanFiles();

test('the glossary has one chosen word per concept, each with a source or a reason', () => {
  expect(glossary.length).toBeGreaterThanOrEqual(30);
  for (const e of glossary) {
    expect(`${e.concept}: ${e.use}`).toMatch(/^[^:]+: \S/);
    expect(`${e.concept}: ${e.source.length >= 4}`).toBe(`${e.concept}: true`);
  }
  // One word per concept: no word is both chosen and replaced, and no concept is listed twice.
  const chosen = glossary.map((e) => e.use);
  expect(new Set(chosen).size).toBe(chosen.length);
  for (const e of glossary) for (const r of e.replaces) expect(chosen).not.toContain(r);
  // The doublets the Korean edition had.
  const use = Object.fromEntries(glossary.flatMap((e) => e.replaces.map((r) => [r, e.use])));
  expect(use).toMatchObject({
    '추론 프로필': '추론 프로파일',
    컨스트럭트: '구문',
    '구성 요소': '구문',
    스냅숏: '스냅샷',
    랩: '실습실',
    매개변수: '파라미터',
  });
});

test('the Korean files checked include the pages, the samples and the code that speaks Korean', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'README.ko.md',
      'docs/bedrock.ko.md',
      'docs/playground.ko.md',
      'samples/README.ko.md',
      'samples/prompts/four-elements.ko.json',
      'scripts/catalogue-ko.ts',
      'review/i18n.ts',
    ]),
  );
});

test('no Korean file uses a word the glossary replaces', () => {
  const findings = files.flatMap((f) => findReplaced(f, readFileSync(path.join(ROOT, f), 'utf8'), glossary));
  expect(findings.map((f) => `${f.file}:${f.line}: ${f.found} → ${f.use}`)).toEqual([]);
});

describe('negative controls', () => {
  const check = (text: string) => findReplaced('x.ko.md', text, glossary).map((f) => `${f.found} → ${f.use}`);

  test('each doublet the issue named is caught, with the word to use', () => {
    expect(check('교차 리전 추론 프로필을 씁니다.')).toEqual(['추론 프로필 → 추론 프로파일']);
    expect(check('재사용 컨스트럭트 하나')).toEqual(['컨스트럭트 → 구문']);
    expect(check('스택마다 스냅숏 하나')).toEqual(['스냅숏 → 스냅샷']);
    expect(check('랩 전체에 synth')).toEqual(['랩 → 실습실']);
    expect(check('경로 매개변수가 잘못되면')).toEqual(['매개변수 → 파라미터']);
  });

  test('a chosen word that contains a replaced one passes; a bare replaced word does not', () => {
    expect(check('API를 호출할 수 있는 보안 주체')).toEqual([]);
    expect(check('API를 호출할 수 있는 주체')).toEqual(['주체 → 보안 주체']);
  });

  test('only at the start of a word: 드랩 is not 랩, but 랩의 is', () => {
    expect(check('드랩 앤 드롭')).toEqual([]);
    expect(check('랩의 nag 테스트')).toEqual(['랩 → 실습실']);
  });

  test('a 「quotation」 of an AWS title or the notes is left as written', () => {
    expect(check('Bedrock 콘솔의 「배치 추론」 메뉴')).toEqual([]);
    expect(check('Bedrock의 배치 추론')).toEqual(['배치 추론 → 일괄 추론']);
  });

  test('the line of each finding is reported', () => {
    expect(findReplaced('x.ko.md', '첫 줄\n둘째 줄의 에셋', glossary)).toEqual([
      { file: 'x.ko.md', line: 2, found: '에셋', use: '자산' },
    ]);
  });

  test('a glossary without its table is refused', () => {
    expect(() => readGlossary('# 용어집\n')).toThrow(/no table/);
  });
});
