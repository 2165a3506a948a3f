import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  AnalyzeDocumentResponse,
  Block,
  DetectDocumentTextResponse,
  GetDocumentAnalysisResponse,
} from '@aws-sdk/client-textract';
import { mergePages, readableDocument, round1 } from '../../../lambda/textract/readable';

const fixture = <T>(name: string): T =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/textract', name), 'utf8')) as T;

const invoice = fixture<DetectDocumentTextResponse>('detect-document-text-invoice.json');
const form = fixture<AnalyzeDocumentResponse>('analyze-document-form.json');
const asyncPage1 = fixture<GetDocumentAnalysisResponse>('get-document-analysis-page1.json');
const asyncPage2 = fixture<GetDocumentAnalysisResponse>('get-document-analysis-page2.json');

const oneDecimal = (n: number) => Math.round(n * 10) / 10 === n;
const byId = (blocks: Block[]) => new Map(blocks.map((b) => [b.Id!, b]));

describe('fixtures are shaped like the real API output', () => {
  test.each([
    ['detect-document-text-invoice.json', invoice.Blocks!],
    ['analyze-document-form.json', form.Blocks!],
    ['async pages 1+2', [...asyncPage1.Blocks!, ...asyncPage2.Blocks!]],
  ])(
    '%s: every block has Id, BlockType, Page, Geometry (box + polygon); relationships resolve',
    (_n, blocks) => {
      const ids = byId(blocks);
      for (const b of blocks) {
        expect(b.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(b.BlockType).toBeDefined();
        expect(b.Page).toBeGreaterThanOrEqual(1);
        if (b.BlockType !== 'QUERY') {
          expect(Object.keys(b.Geometry!.BoundingBox!).sort()).toEqual(['Height', 'Left', 'Top', 'Width']);
          expect(b.Geometry!.Polygon).toHaveLength(4);
        }
        for (const r of b.Relationships ?? []) for (const id of r.Ids!) expect(ids.has(id)).toBe(true);
        if (b.BlockType === 'LINE') {
          const words = b.Relationships![0]!.Ids!.map((id) => ids.get(id)!.Text);
          expect(words.join(' ')).toBe(b.Text);
        }
      }
    },
  );

  test('the async pair: NextToken on the first page only, both SUCCEEDED, a LINE split from its WORDs', () => {
    expect(asyncPage1.NextToken).toBeDefined();
    expect(asyncPage2.NextToken).toBeUndefined();
    expect([asyncPage1.JobStatus, asyncPage2.JobStatus]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(asyncPage1.DocumentMetadata).toEqual({ Pages: 2 });
    const firstIds = new Set(asyncPage1.Blocks!.map((b) => b.Id));
    const crossing = asyncPage1.Blocks!.filter((b) =>
      (b.Relationships ?? []).some((r) => r.Ids!.some((id) => !firstIds.has(id))),
    );
    expect(crossing.map((b) => b.BlockType)).toEqual(expect.arrayContaining(['LINE']));
  });
});

describe('readableDocument: DetectDocumentText (invoice image)', () => {
  const doc = readableDocument(invoice);

  test('lines in order, with page and one-decimal confidence', () => {
    expect(doc.pages).toBe(1);
    expect(doc.lines).toHaveLength(16);
    expect(doc.lines[0]).toEqual({
      text: 'ACME Office Supplies Ltd.',
      confidence: expect.any(Number),
      page: 1,
    });
    expect(doc.lines.map((l) => l.text)).toEqual(
      expect.arrayContaining(['Invoice No: INV-2026-0147', 'Total Due: 68.75 EUR']),
    );
    expect(doc.lines.every((l) => oneDecimal(l.confidence) && l.confidence > 90 && l.page === 1)).toBe(true);
    const first = invoice.Blocks!.find((b) => b.BlockType === 'LINE')!;
    expect(doc.lines[0]!.confidence).toBe(Math.round(first.Confidence! * 10) / 10);
  });

  test('no forms, tables or queries; block counts', () => {
    expect(doc.keyValues).toEqual([]);
    expect(doc.tables).toEqual([]);
    expect(doc.queries).toEqual([]);
    const words = invoice.Blocks!.filter((b) => b.BlockType === 'WORD').length;
    expect(doc.blockCounts).toEqual({ PAGE: 1, LINE: 16, WORD: words });
  });
});

describe('readableDocument: AnalyzeDocument with TABLES, FORMS and QUERIES', () => {
  const doc = readableDocument(form);

  test('key-values follow KEY → VALUE → CHILD, with check boxes and empty values', () => {
    expect(doc.keyValues.map(({ key, value, page }) => ({ key, value, page }))).toEqual([
      { key: 'Full Name:', value: 'Jane Doe', page: 1 },
      { key: 'Phone:', value: '555-0123', page: 1 },
      { key: 'Date of Birth:', value: '1990-04-12', page: 1 },
      { key: 'Middle Name:', value: '', page: 1 },
      { key: 'Full-time', value: '[X]', page: 1 },
      { key: 'Part-time', value: '[ ]', page: 1 },
    ]);
  });

  test('a key-value confidence is the lower of KEY and VALUE, rounded', () => {
    const ids = byId(form.Blocks!);
    const key = form.Blocks!.find(
      (b) => b.EntityTypes?.includes('KEY') && b.Relationships!.some((r) => r.Type === 'CHILD'),
    )!;
    const value = ids.get(key.Relationships!.find((r) => r.Type === 'VALUE')!.Ids![0]!)!;
    expect(doc.keyValues[0]!.confidence).toBe(round1(Math.min(key.Confidence!, value.Confidence!)));
  });

  test('the 3x3 table by RowIndex / ColumnIndex', () => {
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]).toEqual({
      page: 1,
      confidence: expect.any(Number),
      rows: [
        ['Employer', 'From', 'To'],
        ['Example Corp', '2019', '2023'],
        ['AnyCompany', '2023', 'Present'],
      ],
    });
  });

  test('queries follow ANSWER to their QUERY_RESULT', () => {
    expect(doc.queries).toEqual([
      {
        query: "What is the applicant's name?",
        alias: 'APPLICANT_NAME',
        answer: 'Jane Doe',
        confidence: expect.any(Number),
        page: 1,
      },
      {
        query: 'When did the applicant start at AnyCompany?',
        alias: 'START_ANYCOMPANY',
        answer: '2023',
        confidence: expect.any(Number),
        page: 1,
      },
    ]);
    expect(doc.queries.every((q) => oneDecimal(q.confidence!))).toBe(true);
  });

  test('lines include the form and table text; block counts cover every type', () => {
    expect(doc.lines[0]!.text).toBe('Employment Application');
    expect(doc.blockCounts).toEqual({
      PAGE: 1,
      LINE: 20,
      WORD: 28,
      TABLE: 1,
      CELL: 9,
      KEY_VALUE_SET: 12,
      SELECTION_ELEMENT: 2,
      QUERY: 2,
      QUERY_RESULT: 2,
    });
  });
});

describe('async results: mergePages + readableDocument', () => {
  test('merges the NextToken pages in order', () => {
    const merged = mergePages([asyncPage1, asyncPage2]);
    expect(merged.complete).toBe(true);
    expect(merged.JobStatus).toBe('SUCCEEDED');
    expect(merged.NextToken).toBeUndefined();
    expect(merged.DocumentMetadata).toEqual({ Pages: 2 });
    expect(merged.Blocks).toEqual([...asyncPage1.Blocks!, ...asyncPage2.Blocks!]);
    expect(merged.Warnings).toEqual([]);
  });

  test('reads a two-page document, resolving relationships across response pages', () => {
    const doc = readableDocument(mergePages([asyncPage1, asyncPage2]));
    expect(doc.pages).toBe(2);
    expect(doc.lines.filter((l) => l.page === 1).map((l) => l.text)).toEqual([
      'Northwind Insurance',
      'Policy Schedule',
      'Policy Number:',
      'PN-48213',
      'Insured:',
      'Northwind Traders',
    ]);
    expect(doc.lines.find((l) => l.page === 2)!.text).toBe('Schedule of Cover');
    expect(doc.keyValues.map(({ key, value, page }) => [key, value, page])).toEqual([
      ['Policy Number:', 'PN-48213', 1],
      ['Insured:', 'Northwind Traders', 1],
    ]);
    // Row 1 is one MERGED_CELL over three CELLs whose words were split between them.
    expect(doc.tables).toEqual([
      {
        page: 2,
        confidence: expect.any(Number),
        footer: 'Premiums in USD per year',
        rows: [
          ['Coverage Summary', '', ''],
          ['Item', 'Limit', 'Premium'],
          ['Property', '500,000', '1,200'],
          ['Liability', '1,000,000', '800'],
        ],
      },
    ]);
    expect(doc.blockCounts.MERGED_CELL).toBe(1);
    expect(doc.blockCounts.PAGE).toBe(2);
  });

  test('stopping before the last page is visible: NextToken kept, complete false', () => {
    const merged = mergePages([asyncPage1]);
    expect(merged.complete).toBe(false);
    expect(merged.NextToken).toBe(asyncPage1.NextToken);
    // The page-2 heading LINE is there, but its WORDs and the table are not yet.
    const doc = readableDocument(merged);
    expect(doc.tables).toEqual([]);
    expect(doc.lines.at(-1)).toMatchObject({ text: 'Schedule of Cover', page: 2 });
  });

  test('a page fetched twice does not duplicate blocks', () => {
    const merged = mergePages([asyncPage1, asyncPage1, asyncPage2]);
    expect(merged.Blocks).toHaveLength(asyncPage1.Blocks!.length + asyncPage2.Blocks!.length);
  });

  test('status is the least successful one; warnings merge by code', () => {
    const merged = mergePages([
      { JobStatus: 'SUCCEEDED', Blocks: [], Warnings: [{ ErrorCode: 'UNSUPPORTED_ELEMENT', Pages: [3] }] },
      {
        JobStatus: 'PARTIAL_SUCCESS',
        StatusMessage: 'Some pages could not be processed',
        Warnings: [
          { ErrorCode: 'UNSUPPORTED_ELEMENT', Pages: [1, 3] },
          { ErrorCode: 'PAGE_TOO_LARGE', Pages: [7] },
        ],
      },
    ]);
    expect(merged.JobStatus).toBe('PARTIAL_SUCCESS');
    expect(merged.complete).toBe(true);
    expect(merged.StatusMessage).toBe('Some pages could not be processed');
    expect(merged.Warnings).toEqual([
      { ErrorCode: 'UNSUPPORTED_ELEMENT', Pages: [1, 3] },
      { ErrorCode: 'PAGE_TOO_LARGE', Pages: [7] },
    ]);
    expect(mergePages([{ JobStatus: 'SUCCEEDED' }, { JobStatus: 'IN_PROGRESS' }]).JobStatus).toBe(
      'IN_PROGRESS',
    );
    expect(mergePages([{ JobStatus: 'FAILED' }, { JobStatus: 'SUCCEEDED' }])).toMatchObject({
      JobStatus: 'FAILED',
      complete: false,
    });
  });

  test('no responses: an empty, incomplete result', () => {
    expect(mergePages([])).toEqual({ DocumentMetadata: {}, Blocks: [], Warnings: [], complete: false });
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-built blocks for the edge cases

const word = (id: string, text: string): Block => ({ BlockType: 'WORD', Id: id, Text: text, Confidence: 99 });
const child = (...ids: string[]) => [{ Type: 'CHILD' as const, Ids: ids }];
const cell = (
  id: string,
  row: number,
  col: number,
  words: string[] = [],
  extra: Partial<Block> = {},
): Block => ({
  BlockType: 'CELL',
  Id: id,
  RowIndex: row,
  ColumnIndex: col,
  RowSpan: 1,
  ColumnSpan: 1,
  Confidence: 90,
  ...(words.length > 0 && { Relationships: child(...words) }),
  ...extra,
});

describe('readableDocument edge cases', () => {
  test('a merged cell spanning rows: text in its top-left position, the covered cells empty', () => {
    const blocks: Block[] = [
      word('w1', 'Fruit'),
      word('w2', 'Apple'),
      word('w3', 'Pear'),
      word('w4', 'Kg'),
      {
        BlockType: 'TABLE',
        Id: 't',
        Page: 3,
        Confidence: 98.76,
        Relationships: [
          { Type: 'CHILD', Ids: ['c11', 'c12', 'c21', 'c22'] },
          { Type: 'MERGED_CELL', Ids: ['m'] },
        ],
      },
      cell('c11', 1, 1, ['w1']),
      cell('c12', 1, 2, ['w2']),
      cell('c21', 2, 1),
      cell('c22', 2, 2, ['w3', 'w4']),
      {
        BlockType: 'MERGED_CELL',
        Id: 'm',
        RowIndex: 1,
        ColumnIndex: 1,
        RowSpan: 2,
        ColumnSpan: 1,
        Relationships: child('c11', 'c21'),
      },
    ];
    expect(readableDocument({ Blocks: blocks }).tables).toEqual([
      {
        page: 3,
        confidence: 98.8,
        rows: [
          ['Fruit', 'Apple'],
          ['', 'Pear Kg'],
        ],
      },
    ]);
  });

  test('older responses: a CELL with RowSpan/ColumnSpan and no MERGED_CELL block', () => {
    const blocks: Block[] = [
      word('w1', 'Total'),
      word('w2', '42'),
      { BlockType: 'TABLE', Id: 't', Relationships: child('a', 'b') },
      cell('a', 1, 1, ['w1'], { ColumnSpan: 2 }),
      cell('b', 1, 3, ['w2']),
    ];
    expect(readableDocument({ Blocks: blocks }).tables[0]!.rows).toEqual([['Total', '', '42']]);
  });

  test('selection elements and signatures inside cells; a table title', () => {
    const blocks: Block[] = [
      { BlockType: 'SELECTION_ELEMENT', Id: 's1', SelectionStatus: 'SELECTED' },
      { BlockType: 'SELECTION_ELEMENT', Id: 's2', SelectionStatus: 'NOT_SELECTED' },
      { BlockType: 'SIGNATURE', Id: 'sig', Confidence: 80 },
      word('w1', 'Agreed'),
      word('w2', 'Terms'),
      { BlockType: 'TABLE_TITLE', Id: 'title', Relationships: child('w2') },
      {
        BlockType: 'TABLE',
        Id: 't',
        Relationships: [
          { Type: 'CHILD', Ids: ['a', 'b', 'c'] },
          { Type: 'TABLE_TITLE', Ids: ['title'] },
        ],
      },
      cell('a', 1, 1, ['w1', 's1']),
      cell('b', 1, 2, ['s2']),
      cell('c', 1, 3, ['sig']),
    ];
    expect(readableDocument({ Blocks: blocks }).tables[0]).toMatchObject({
      title: 'Terms',
      rows: [['Agreed [X]', '[ ]', '[signature]']],
    });
  });

  test('dangling relationship ids and blocks without Id are skipped, not fatal', () => {
    const blocks: Block[] = [
      word('w1', 'Name:'),
      {
        BlockType: 'KEY_VALUE_SET',
        Id: 'k',
        EntityTypes: ['KEY'],
        Confidence: 80,
        Relationships: [
          { Type: 'VALUE', Ids: ['missing-value'] },
          { Type: 'CHILD', Ids: ['w1', 'missing-word'] },
        ],
      },
      { BlockType: 'LINE', Text: 'no id', Confidence: 50 },
    ];
    const doc = readableDocument({ Blocks: blocks });
    expect(doc.keyValues).toEqual([{ key: 'Name:', value: '', confidence: 80, page: 1 }]);
    expect(doc.lines).toEqual([{ text: 'no id', confidence: 50, page: 1 }]);
  });

  test('a KEY with several VALUE blocks joins them; the lowest confidence wins', () => {
    const blocks: Block[] = [
      word('w1', 'Address:'),
      word('w2', '1 Main St'),
      word('w3', 'Springfield'),
      {
        BlockType: 'KEY_VALUE_SET',
        Id: 'k',
        EntityTypes: ['KEY'],
        Confidence: 91.26,
        Relationships: [
          { Type: 'VALUE', Ids: ['v1', 'v2'] },
          { Type: 'CHILD', Ids: ['w1'] },
        ],
      },
      {
        BlockType: 'KEY_VALUE_SET',
        Id: 'v1',
        EntityTypes: ['VALUE'],
        Confidence: 88.04,
        Relationships: child('w2'),
      },
      {
        BlockType: 'KEY_VALUE_SET',
        Id: 'v2',
        EntityTypes: ['VALUE'],
        Confidence: 95,
        Relationships: child('w3'),
      },
    ];
    expect(readableDocument({ Blocks: blocks }).keyValues).toEqual([
      { key: 'Address:', value: '1 Main St Springfield', confidence: 88, page: 1 },
    ]);
  });

  test('queries: no answer, several answers (the most confident wins), no alias', () => {
    const blocks: Block[] = [
      { BlockType: 'QUERY', Id: 'q1', Query: { Text: 'What is the due date?', Alias: 'DUE' } },
      {
        BlockType: 'QUERY',
        Id: 'q2',
        Query: { Text: 'Who signed?' },
        Page: 2,
        Relationships: [{ Type: 'ANSWER', Ids: ['r1', 'r2'] }],
      },
      { BlockType: 'QUERY_RESULT', Id: 'r1', Text: 'J. Doe', Confidence: 41.26 },
      { BlockType: 'QUERY_RESULT', Id: 'r2', Text: 'Jane Doe', Confidence: 77.75 },
    ];
    expect(readableDocument({ Blocks: blocks }).queries).toEqual([
      { query: 'What is the due date?', alias: 'DUE', page: 1 },
      { query: 'Who signed?', answer: 'Jane Doe', confidence: 77.8, page: 2 },
    ]);
  });

  test('results are ordered by page, stable within a page', () => {
    const blocks: Block[] = [
      { BlockType: 'LINE', Id: 'a', Text: 'second page', Page: 2, Confidence: 99 },
      { BlockType: 'LINE', Id: 'b', Text: 'first', Page: 1, Confidence: 99 },
      { BlockType: 'LINE', Id: 'c', Text: 'also first', Page: 1, Confidence: 99 },
    ];
    expect(readableDocument({ Blocks: blocks }).lines.map((l) => l.text)).toEqual([
      'first',
      'also first',
      'second page',
    ]);
  });

  test('page count: DocumentMetadata, else PAGE blocks, else the highest Page, else 0', () => {
    expect(readableDocument({ DocumentMetadata: { Pages: 3 }, Blocks: [] }).pages).toBe(3);
    expect(
      readableDocument({
        Blocks: [
          { BlockType: 'PAGE', Id: 'p' },
          { BlockType: 'PAGE', Id: 'q' },
        ],
      }).pages,
    ).toBe(2);
    expect(readableDocument({ Blocks: [{ BlockType: 'LINE', Id: 'l', Page: 4 }] }).pages).toBe(4);
    expect(readableDocument({}).pages).toBe(0);
  });

  test('an empty response', () => {
    expect(readableDocument({ Blocks: [] })).toEqual({
      pages: 0,
      lines: [],
      keyValues: [],
      tables: [],
      queries: [],
      blockCounts: {},
    });
  });

  test('a large async result (200,000 blocks) is handled without stack overflow', () => {
    const blocks: Block[] = Array.from({ length: 200_000 }, (_, i) => ({
      BlockType: 'WORD',
      Id: `w${i}`,
      Text: 'x',
      Page: 1 + Math.floor(i / 1000),
    }));
    const doc = readableDocument({ Blocks: blocks });
    expect(doc.pages).toBe(200);
    expect(doc.blockCounts.WORD).toBe(200_000);
  });

  test('round1', () => {
    expect(round1(99.94999)).toBe(99.9);
    expect(round1(99.95)).toBe(100);
    expect(round1(undefined)).toBe(0);
  });
});
