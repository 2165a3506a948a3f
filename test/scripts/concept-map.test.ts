/**
 * The whole notes in the concept map (scripts/concept-map.ts): one row per `##`/`###` heading of
 * notes/study-notes.md in both READMEs, in order, and no row for a heading that is gone. Negative
 * controls: a row removed, a heading added to the notes, a stale row, rows out of order.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  checkConceptMap,
  compareMap,
  MAP_SECTIONS,
  mapRows,
  NOTES,
  notesHeadings,
  ROOT,
} from '../../scripts/concept-map';

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

describe('negative controls', () => {
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
