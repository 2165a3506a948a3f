/**
 * The whole notes in the concept map (scripts/concept-map.ts): one row per `##`/`###` heading of
 * notes/study-notes.md in both READMEs, in order, and no row for a heading that is gone. Negative
 * controls: a row removed, a heading added to the notes, a stale row, rows out of order.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  brokenRowReferences,
  checkConceptMap,
  compareMap,
  MAP_SECTIONS,
  mapRows,
  mapTable,
  NOTES,
  notesHeadings,
  ROOT,
} from '../../scripts/concept-map';
import { anchors, brokenReferences, slug } from '../../scripts/markdown-refs';

const notes = fs.readFileSync(path.join(ROOT, NOTES), 'utf8');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const readmeKo = fs.readFileSync(path.join(ROOT, 'README.ko.md'), 'utf8');
const headings = notesHeadings(notes);
const en = headings.map((h) => h.text);
const ko = headings.map((h) => h.korean);
const rowsEn = mapRows(readme, MAP_SECTIONS['README.md']);
const rowsKo = mapRows(readmeKo, MAP_SECTIONS['README.ko.md']);

test('the notes have their sections, each with a Korean term', () => {
  expect(headings.length).toBeGreaterThanOrEqual(40);
  expect(headings).toContainEqual({ text: 'Hallucination (할루시네이션)', korean: '할루시네이션' });
  expect(headings).toContainEqual({ text: 'Interpretability (해석 가능성)', korean: '해석 가능성' });
  expect(new Set(ko).size).toBe(ko.length);
});

test('both READMEs have one row per heading of the notes, in the notes order', () => {
  expect(checkConceptMap()).toEqual([]);
  expect(rowsEn).toEqual(en);
  expect(rowsKo).toEqual(ko);
});

test('the sections the issue found missing have rows, and the Polly/Transcribe correction is sourced', () => {
  for (const k of ['해석 가능성', '규정 준수', '모델 유형', '제약 조건', '기능', '비즈니스 지표']) {
    expect(rowsKo).toContain(k);
  }
  for (const text of [readme, readmeKo]) {
    expect(text).toContain('https://docs.aws.amazon.com/polly/latest/dg/limits.html');
    expect(text).toContain('https://docs.aws.amazon.com/transcribe/latest/dg/limits-guidelines.html');
  }
});

/** The second cell of the row for `heading` in one README. */
const row = (text: string, file: keyof typeof MAP_SECTIONS, heading: string) =>
  mapTable(text, MAP_SECTIONS[file]).find(([h]) => h === heading)?.[1] ?? '';

test('every row points only at pages, sections, routes, scripts, samples and settings that exist', () => {
  expect(brokenRowReferences(readme, 'README.md')).toEqual([]);
  expect(brokenRowReferences(readmeKo, 'README.ko.md')).toEqual([]);
  // The rows do point at things: the check has something to check.
  const cells = mapTable(readme, MAP_SECTIONS['README.md']).map(([, where]) => where);
  expect(cells.filter((c) => /\]\((?!https?:)[^)]+\)/.test(c)).length).toBeGreaterThanOrEqual(10);
});

describe('the rows this round repointed say where the lab shows them now', () => {
  const both = (en: string, ko: string, expected: { en: RegExp[]; ko: RegExp[] }) => {
    for (const re of expected.en) expect(row(readme, 'README.md', en)).toMatch(re);
    for (const re of expected.ko) expect(row(readmeKo, 'README.ko.md', ko)).toMatch(re);
  };

  test('batch vs real-time inference and scalability: the pipeline and its page', () => {
    both('Inference: batch vs real-time (일괄 추론과 실시간 추론)', '일괄 추론과 실시간 추론', {
      en: [/pipeline run … --batch/, /\(docs\/pipeline\.md#batch-inference/],
      ko: [/pipeline run … --batch/, /\(docs\/pipeline\.ko\.md#일괄-추론\)/],
    });
    both('Scalability (확장성)', '확장성', {
      en: [/`POST \/pipeline\/runs`/, /\(docs\/pipeline\.md#scale-in-numbers\)/],
      ko: [/`POST \/pipeline\/runs`/, /\(docs\/pipeline\.ko\.md#규모를-숫자로\)/],
    });
  });

  test('multimodal models and training data: read-document and the Textract comparison', () => {
    for (const [en, ko] of [
      ['Multimodal models (멀티모달 모델)', '멀티모달 모델'],
      ['Training data (훈련 데이터)', '훈련 데이터'],
    ] as const) {
      both(en, ko, {
        en: [/`POST \/bedrock\/read-document`/, /\(docs\/textract\.md#the-english-invoice-two-ways/],
        ko: [/`POST \/bedrock\/read-document`/, /\(docs\/textract\.ko\.md#영어-청구서를-두-가지-방법으로/],
      });
    }
  });

  test('constraints: the Region table, the 501 rule and the doctor', () => {
    both('Constraints (제약 조건)', '제약 조건', {
      en: [/\(docs\/regions\.md#the-table\)/, /501 NOT_AVAILABLE_IN_REGION/, /`npm run doctor`/],
      ko: [/\(docs\/regions\.ko\.md#표\)/, /501 NOT_AVAILABLE_IN_REGION/, /`npm run doctor`/],
    });
  });

  test('toxicity and PII: the guardrail’s Korean coverage', () => {
    both('Toxicity (유해성)', '유해성', {
      en: [/Standard tier/, /guardrail-harmful\.ko\.json/, /\(docs\/regions\.md#korean-in-the-guardrail\)/],
      ko: [/Standard 티어/, /guardrail-harmful\.ko\.json/, /\(docs\/regions\.ko\.md#가드레일의-한국어\)/],
    });
    both('Regulatory violations and PII (규정 위반)', '규정 위반', {
      en: [/`POST \/comprehend\/pii`/, /\(docs\/regions\.md#korean-in-the-guardrail\)/],
      ko: [/`POST \/comprehend\/pii`/, /\(docs\/regions\.ko\.md#가드레일의-한국어\)/],
    });
  });
});

test('anchors are made the way GitHub makes them, Korean and code spans included', () => {
  expect(slug('The English invoice two ways: Textract and a model')).toBe(
    'the-english-invoice-two-ways-textract-and-a-model',
  );
  expect(
    slug(
      'Documents, read by a multimodal model: `POST /bedrock/read-document` (멀티모달 모델, 비정형 → 정형)',
    ),
  ).toBe('documents-read-by-a-multimodal-model-post-bedrockread-document-멀티모달-모델-비정형--정형');
  expect(slug('배포 전에: `npm run doctor`')).toBe('배포-전에-npm-run-doctor');
  expect([...anchors('# A\n## B\n```\n## not a heading\n```\n## B\n')]).toEqual(['a', 'b', 'b-1']);
});

describe('negative controls', () => {
  test('a row that points at a missing page, section, route, script, sample or setting is named', () => {
    const broken = readme
      .replace('(docs/pipeline.md#scale-in-numbers)', '(docs/scaling.md)')
      .replace('(docs/regions.md#the-table)', '(docs/regions.md#the-tabel)')
      .replace('`POST /bedrock/read-document` sends', '`POST /bedrock/read-documents` sends')
      .replace('`npm run doctor` checks', '`npm run preflight` checks')
      .replace('`samples/prompts/guardrail-harmful.ko.json`', '`samples/prompts/guardrail-harm.ko.json`')
      .replace('(`-c pipelineMaxConcurrency` at a time)', '(`-c pipelineConcurrency` at a time)');
    expect(broken).not.toEqual(readme);
    expect(brokenRowReferences(broken, 'README.md')).toEqual([
      'concept-map row "Scalability (확장성)": README.md links to docs/scaling.md: docs/scaling.md does not exist',
      'concept-map row "Scalability (확장성)": README.md names the setting -c pipelineConcurrency, which lib/config.ts does not have',
      'concept-map row "Toxicity (유해성)": README.md names samples/prompts/guardrail-harm.ko.json, which does not exist',
      'concept-map row "Constraints (제약 조건)": README.md links to docs/regions.md#the-tabel: docs/regions.md has no heading with the anchor #the-tabel',
      'concept-map row "Constraints (제약 조건)": README.md runs npm run preflight, which package.json does not have',
      'concept-map row "Multimodal models (멀티모달 모델)": README.md names the route POST /bedrock/read-documents, which lib/services.ts does not have',
    ]);
  });

  test('an anchor into the page itself is checked against its own headings', () => {
    expect(
      brokenReferences('[up](#cost-considerations) [gone](#no-such-section)', { page: 'README.md' }),
    ).toEqual([
      'README.md links to #no-such-section: README.md has no heading with the anchor #no-such-section',
    ]);
  });

  test('a row removed from README.ko.md is named', () => {
    const without = readmeKo.replace(/^\| 해석 가능성 \|.*\n/m, '');
    expect(without).not.toEqual(readmeKo);
    expect(compareMap(ko, mapRows(without, MAP_SECTIONS['README.ko.md']), 'README.ko.md')).toEqual([
      `README.ko.md has no concept-map row for the notes' heading "해석 가능성"`,
    ]);
  });

  test('a heading added to the notes fails both READMEs until each has a row', () => {
    const more = notesHeadings(`${notes}\n## Agents (에이전트)\n- …\n`);
    expect(
      compareMap(
        more.map((h) => h.text),
        rowsEn,
        'README.md',
      ),
    ).toEqual([`README.md has no concept-map row for the notes' heading "Agents (에이전트)"`]);
    expect(
      compareMap(
        more.map((h) => h.korean),
        rowsKo,
        'README.ko.md',
      ),
    ).toEqual([`README.ko.md has no concept-map row for the notes' heading "에이전트"`]);
  });

  test('a ### heading counts; a # chapter and a heading inside a code fence do not', () => {
    const parsed = notesHeadings('# Chapter (장)\n## A (가)\n### B (나)\n```\n## not (아님)\n```\n');
    expect(parsed.map((h) => h.korean)).toEqual(['가', '나']);
  });

  test('a stale row, and rows out of order, are named', () => {
    expect(compareMap(['가', '나'], ['가', '나', '다'], 'R')).toEqual([
      `R has a concept-map row "다" that is not a heading of the notes`,
    ]);
    expect(compareMap(['가', '나'], ['나', '가'], 'R')).toEqual([
      `R's concept map is not in the notes' order`,
    ]);
  });

  test('a README without the section is refused', () => {
    expect(() => mapRows('# README\n', MAP_SECTIONS['README.md'])).toThrow(/no section/);
  });
});
