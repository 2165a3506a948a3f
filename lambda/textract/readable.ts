/**
 * Turn Textract's flat Block graph into what a person reads: lines, form fields, tables and query
 * answers. Works for DetectDocumentText, AnalyzeDocument (TABLES, FORMS, QUERIES) and the async
 * GetDocumentTextDetection / GetDocumentAnalysis results (merge their NextToken pages first with
 * {@link mergePages}). Pure: no AWS calls.
 */
import type {
  Block,
  BlockType,
  DocumentMetadata,
  JobStatus,
  RelationshipType,
  Warning,
} from '@aws-sdk/client-textract';

export interface ReadableLine {
  readonly text: string;
  readonly confidence: number;
  readonly page: number;
}

export interface ReadableKeyValue {
  readonly key: string;
  /** Words of the value; selection elements as "[X]" / "[ ]"; "" when the field is empty. */
  readonly value: string;
  /** The lower of the KEY and VALUE block confidences. */
  readonly confidence: number;
  readonly page: number;
}

export interface ReadableTable {
  readonly page: number;
  /**
   * Row-major cell text, every row as wide as the table. A merged cell's text sits in its
   * top-left position; the other positions it covers are "".
   */
  readonly rows: string[][];
  readonly confidence: number;
  readonly title?: string;
  readonly footer?: string;
}

export interface ReadableQuery {
  readonly query: string;
  readonly alias?: string;
  /** The highest-confidence answer; absent when Textract found none. */
  readonly answer?: string;
  readonly confidence?: number;
  readonly page: number;
}

export interface ReadableDocument {
  readonly pages: number;
  readonly lines: ReadableLine[];
  readonly keyValues: ReadableKeyValue[];
  readonly tables: ReadableTable[];
  readonly queries: ReadableQuery[];
  /** How many blocks of each type the response held (types that did not occur are absent). */
  readonly blockCounts: Partial<Record<BlockType, number>>;
}

/** What every Textract text/analysis response has in common. */
export interface TextractBlocks {
  readonly Blocks?: Block[];
  readonly DocumentMetadata?: DocumentMetadata;
}

/** Confidence rounded to one decimal, as shown to people. */
export const round1 = (n: number | undefined): number => Math.round((n ?? 0) * 10) / 10;

type ById = ReadonlyMap<string, Block>;

function idsOf(block: Block, type: RelationshipType): string[] {
  return (block.Relationships ?? []).filter((r) => r.Type === type).flatMap((r) => r.Ids ?? []);
}

function related(block: Block, type: RelationshipType, byId: ById): Block[] {
  return idsOf(block, type)
    .map((id) => byId.get(id))
    .filter((b): b is Block => b !== undefined);
}

/** Text of a KEY, VALUE, CELL, title or footer: its WORD / SELECTION_ELEMENT / SIGNATURE children. */
function childText(block: Block, byId: ById): string {
  const parts: string[] = [];
  for (const child of related(block, 'CHILD', byId)) {
    if (child.BlockType === 'WORD' && child.Text) parts.push(child.Text);
    else if (child.BlockType === 'SELECTION_ELEMENT') {
      parts.push(child.SelectionStatus === 'SELECTED' ? '[X]' : '[ ]');
    } else if (child.BlockType === 'SIGNATURE') parts.push('[signature]');
  }
  return parts.join(' ');
}

const pageOf = (block: Block): number => block.Page ?? 1;
const span = (n: number | undefined): number => Math.max(1, n ?? 1);

function readTable(table: Block, byId: ById): ReadableTable {
  const cells = related(table, 'CHILD', byId).filter((b) => b.BlockType === 'CELL');
  const merged = related(table, 'MERGED_CELL', byId).filter((b) => b.BlockType === 'MERGED_CELL');
  const placed = [...cells, ...merged].filter((c) => (c.RowIndex ?? 0) >= 1 && (c.ColumnIndex ?? 0) >= 1);
  const rowCount = Math.max(0, ...placed.map((c) => c.RowIndex! + span(c.RowSpan) - 1));
  const colCount = Math.max(0, ...placed.map((c) => c.ColumnIndex! + span(c.ColumnSpan) - 1));
  const rows = Array.from({ length: rowCount }, () => Array.from({ length: colCount }, () => ''));
  const set = (r: number, c: number, text: string) => {
    const row = rows[r - 1];
    if (row && c >= 1 && c <= row.length) row[c - 1] = text;
  };

  // Each CELL holds only the words inside its own box; a MERGED_CELL lists the CELLs it joins.
  const coveredByMerge = new Set<string>();
  for (const m of merged) {
    const parts = related(m, 'CHILD', byId)
      .filter((c) => c.BlockType === 'CELL')
      .sort((a, b) => (a.RowIndex ?? 0) - (b.RowIndex ?? 0) || (a.ColumnIndex ?? 0) - (b.ColumnIndex ?? 0))
      .map((c) => childText(c, byId))
      .filter((t) => t !== '');
    const r0 = m.RowIndex ?? 0;
    const c0 = m.ColumnIndex ?? 0;
    if (r0 < 1 || c0 < 1) continue;
    for (let r = r0; r < r0 + span(m.RowSpan); r++) {
      for (let c = c0; c < c0 + span(m.ColumnSpan); c++) coveredByMerge.add(`${r},${c}`);
    }
    set(r0, c0, parts.join(' '));
  }
  // Older responses had no MERGED_CELL blocks and gave CELLs a RowSpan/ColumnSpan instead; such a
  // cell's text also lands in its top-left position.
  for (const cell of cells) {
    const r = cell.RowIndex ?? 0;
    const c = cell.ColumnIndex ?? 0;
    if (r >= 1 && c >= 1 && !coveredByMerge.has(`${r},${c}`)) set(r, c, childText(cell, byId));
  }

  const joined = (type: RelationshipType): string | undefined => {
    const text = related(table, type, byId)
      .map((b) => childText(b, byId))
      .filter((t) => t !== '')
      .join(' ');
    return text === '' ? undefined : text;
  };
  const title = joined('TABLE_TITLE');
  const footer = joined('TABLE_FOOTER');
  return {
    page: pageOf(table),
    rows,
    confidence: round1(table.Confidence),
    ...(title !== undefined && { title }),
    ...(footer !== undefined && { footer }),
  };
}

function readKeyValue(key: Block, byId: ById): ReadableKeyValue {
  const values = related(key, 'VALUE', byId);
  const confidences = [key, ...values].map((b) => b.Confidence ?? 0);
  return {
    key: childText(key, byId),
    value: values
      .map((v) => childText(v, byId))
      .filter((t) => t !== '')
      .join(' '),
    confidence: round1(Math.min(...confidences)),
    page: pageOf(key),
  };
}

function readQuery(query: Block, byId: ById): ReadableQuery {
  const answers = related(query, 'ANSWER', byId).filter((b) => b.BlockType === 'QUERY_RESULT');
  const best = answers.reduce<Block | undefined>(
    (top, a) => (top === undefined || (a.Confidence ?? 0) > (top.Confidence ?? 0) ? a : top),
    undefined,
  );
  return {
    query: query.Query?.Text ?? '',
    ...(query.Query?.Alias !== undefined && { alias: query.Query.Alias }),
    ...(best !== undefined && { answer: best.Text ?? '', confidence: round1(best.Confidence) }),
    page: pageOf(query),
  };
}

const byPage = <T extends { page: number }>(items: T[]): T[] => items.sort((a, b) => a.page - b.page);

/** Everything a person reads in a Textract result, with relationships resolved. */
export function readableDocument(result: TextractBlocks): ReadableDocument {
  const blocks = result.Blocks ?? [];
  const byId = new Map<string, Block>();
  const blockCounts: Partial<Record<BlockType, number>> = {};
  for (const b of blocks) {
    if (b.Id !== undefined) byId.set(b.Id, b);
    if (b.BlockType !== undefined) blockCounts[b.BlockType] = (blockCounts[b.BlockType] ?? 0) + 1;
  }
  const ofType = (type: BlockType) => blocks.filter((b) => b.BlockType === type);

  const lines = ofType('LINE').map((b) => ({
    text: b.Text ?? '',
    confidence: round1(b.Confidence),
    page: pageOf(b),
  }));
  const keyValues = ofType('KEY_VALUE_SET')
    .filter((b) => b.EntityTypes?.includes('KEY'))
    .map((b) => readKeyValue(b, byId));
  const tables = ofType('TABLE').map((b) => readTable(b, byId));
  const queries = ofType('QUERY').map((b) => readQuery(b, byId));

  // Async jobs can return hundreds of thousands of blocks: no spreading them into Math.max.
  const highestPage = blocks.reduce((max, b) => Math.max(max, pageOf(b)), 0);
  const pages = result.DocumentMetadata?.Pages ?? (blockCounts.PAGE || highestPage);
  return {
    pages,
    lines: byPage(lines),
    keyValues: byPage(keyValues),
    tables: byPage(tables),
    queries: byPage(queries),
    blockCounts,
  };
}

/** One page of GetDocumentTextDetection / GetDocumentAnalysis output. */
export interface AsyncResultPage extends TextractBlocks {
  readonly JobStatus?: JobStatus;
  readonly NextToken?: string;
  readonly Warnings?: Warning[];
  readonly StatusMessage?: string;
}

export interface MergedAsyncResult {
  /** The least successful status among the pages (FAILED > IN_PROGRESS > PARTIAL_SUCCESS > SUCCEEDED). */
  readonly JobStatus?: JobStatus;
  readonly DocumentMetadata: DocumentMetadata;
  /** All pages' blocks in order; a block Id seen twice (a page fetched twice) is kept once. */
  readonly Blocks: Block[];
  /** Warnings merged by ErrorCode, with their page numbers combined. */
  readonly Warnings: Warning[];
  readonly StatusMessage?: string;
  /** The last page's NextToken: set when the caller stopped before the final page. */
  readonly NextToken?: string;
  /** True when the job finished (SUCCEEDED or PARTIAL_SUCCESS) and no NextToken is left. */
  readonly complete: boolean;
}

const STATUS_RANK: Record<JobStatus, number> = {
  SUCCEEDED: 0,
  PARTIAL_SUCCESS: 1,
  IN_PROGRESS: 2,
  FAILED: 3,
};

/**
 * Join the pages of one async job's results, fetched in order by following NextToken. Block
 * relationships may point across page boundaries (a LINE in one page, its WORDs in the next), so
 * resolve them only on the merged result.
 */
export function mergePages(responses: readonly AsyncResultPage[]): MergedAsyncResult {
  const blocks: Block[] = [];
  const seen = new Set<string>();
  const warnings = new Map<string, Set<number>>();
  let status: JobStatus | undefined;
  let pages: number | undefined;
  let statusMessage: string | undefined;
  for (const r of responses) {
    for (const b of r.Blocks ?? []) {
      if (b.Id !== undefined) {
        if (seen.has(b.Id)) continue;
        seen.add(b.Id);
      }
      blocks.push(b);
    }
    for (const w of r.Warnings ?? []) {
      const code = w.ErrorCode ?? 'UNKNOWN';
      const set = warnings.get(code) ?? new Set<number>();
      for (const p of w.Pages ?? []) set.add(p);
      warnings.set(code, set);
    }
    if (r.JobStatus && (status === undefined || STATUS_RANK[r.JobStatus] > STATUS_RANK[status])) {
      status = r.JobStatus;
    }
    if (r.DocumentMetadata?.Pages !== undefined) pages = Math.max(pages ?? 0, r.DocumentMetadata.Pages);
    statusMessage ??= r.StatusMessage;
  }
  const nextToken = responses[responses.length - 1]?.NextToken;
  return {
    ...(status !== undefined && { JobStatus: status }),
    DocumentMetadata: pages === undefined ? {} : { Pages: pages },
    Blocks: blocks,
    Warnings: [...warnings].map(([ErrorCode, set]) => ({ ErrorCode, Pages: [...set].sort((a, b) => a - b) })),
    ...(statusMessage !== undefined && { StatusMessage: statusMessage }),
    ...(nextToken !== undefined && { NextToken: nextToken }),
    complete: (status === 'SUCCEEDED' || status === 'PARTIAL_SUCCESS') && nextToken === undefined,
  };
}
