/**
 * Retrieval for POST /bedrock/ask-notes (RAG, 검색 증강 생성): chunk a Markdown notes file by heading,
 * index the chunks with MiniSearch (BM25+), retrieve the top passages for a question, and build a
 * prompt that makes the model answer only from them, with citations. Pure: no AWS calls, no I/O.
 *
 * How the index gets into the Lambda bundle — the simplest robust approach, and the one the stack uses:
 *   1. At synth, `BedrockStack` reads the notes file and calls `buildNotesIndexJson(markdown)`.
 *   2. It hands the JSON string to esbuild as a compile-time constant:
 *      `define: { __NOTES_INDEX__: JSON.stringify(indexJson) }` (NodejsFunction `bundling.define`).
 *   3. The handler declares `declare const __NOTES_INDEX__: string;` and calls
 *      `loadNotesIndex(__NOTES_INDEX__)` once, at cold start.
 * Why this way: the Lambda reads no file at run time; no generated file lives in the source tree; the
 * bundle (so the asset hash) changes exactly when the notes change; build and load share this module
 * (tokenizer, fields, boosts), so they cannot drift; and a missing, empty or heading-only notes file
 * fails `cdk synth` with a clear message instead of failing the first request. The serialised index of
 * the ~25 KB default notes (45 chunks) is about 75 KB, far below Lambda's package limits. Tests build
 * the same JSON from `notes/study-notes.md` and load it the same way.
 */
import MiniSearch, { type Options, type SearchResult } from 'minisearch';

// ---------------------------------------------------------------------------------------------
// Chunking
// ---------------------------------------------------------------------------------------------

export interface NotesChunk {
  /** Stable, unique id derived from the heading path, e.g. `challenges-of-…/hallucination-할루시네이션`. */
  readonly id: string;
  /** The heading with its parents, e.g. "Challenges of generative AI (생성형 AI의 과제) › Hallucination (할루시네이션)". */
  readonly heading: string;
  /** The section's Markdown body (without the heading line). */
  readonly text: string;
}

export interface ChunkOptions {
  /** Split sections longer than this many characters at paragraph/bullet boundaries. @default 1500 */
  readonly maxChars?: number;
}

export const DEFAULT_MAX_CHUNK_CHARS = 1_500;
/** Joins a heading to its parents in `NotesChunk.heading`. */
export const HEADING_SEPARATOR = ' › ';
/** Heading label for text that comes before the first heading. */
export const PREAMBLE_HEADING = 'Preamble';

const HEADING = /^ {0,3}(#{1,3})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BULLET = /^ {0,1}(?:[-*+]|\d{1,9}[.)])[ \t]+/;

function cleanHeading(raw: string | undefined): string {
  const text = (raw ?? '')
    .replace(/`/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .trim();
  return text || '(untitled)';
}

function slugify(s: string): string {
  return (
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}

interface Block {
  readonly text: string;
  /** Blank line before this block in the source. */
  readonly paragraphBreak: boolean;
}

/** Paragraphs and top-level list items of a section body, in order. */
function blocksOf(body: string): Block[] {
  const blocks: Block[] = [];
  let current: string[] = [];
  let sawBlank = false;
  let pendingBreak = false;
  let inFence = false;
  const flush = () => {
    if (current.length > 0) blocks.push({ text: current.join('\n'), paragraphBreak: pendingBreak });
    current = [];
  };
  for (const line of body.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    if (!inFence && line.trim() === '') {
      if (current.length > 0) {
        flush();
        pendingBreak = true;
      }
      sawBlank = true;
      continue;
    }
    if (!inFence && BULLET.test(line) && current.length > 0) {
      flush();
      pendingBreak = sawBlank;
    } else if (current.length === 0) {
      pendingBreak = sawBlank && blocks.length > 0;
    }
    sawBlank = false;
    current.push(line);
  }
  flush();
  return blocks;
}

/** Split one over-long block at sentence ends, then at spaces, then (last resort) by characters. */
function splitLongBlock(text: string, maxChars: number): string[] {
  const pieces: string[] = [];
  const push = (piece: string) => {
    if (piece.length <= maxChars) {
      pieces.push(piece);
      return;
    }
    const chars = Array.from(piece);
    for (let i = 0; i < chars.length; i += maxChars) pieces.push(chars.slice(i, i + maxChars).join(''));
  };
  const pack = (units: string[], sep: string, overflow: (u: string) => void) => {
    let acc = '';
    for (const u of units) {
      if (u.length > maxChars) {
        if (acc) pieces.push(acc);
        acc = '';
        overflow(u);
      } else if (!acc) {
        acc = u;
      } else if (acc.length + sep.length + u.length <= maxChars) {
        acc += sep + u;
      } else {
        pieces.push(acc);
        acc = u;
      }
    }
    if (acc) pieces.push(acc);
  };
  const sentences = text.split(/(?<=[.!?。])\s+/u);
  pack(sentences, ' ', (sentence) => pack(sentence.split(/\s+/), ' ', push));
  return pieces;
}

/** Pack a section body into parts of at most `maxChars`, breaking only between blocks when possible. */
function splitBody(body: string, maxChars: number): string[] {
  if (body.length <= maxChars) return [body];
  const parts: string[] = [];
  let acc = '';
  for (const block of blocksOf(body)) {
    const pieces = block.text.length > maxChars ? splitLongBlock(block.text, maxChars) : [block.text];
    pieces.forEach((piece, i) => {
      const sep = i === 0 && block.paragraphBreak ? '\n\n' : '\n';
      if (!acc) acc = piece;
      else if (acc.length + sep.length + piece.length <= maxChars) acc += sep + piece;
      else {
        parts.push(acc);
        acc = piece;
      }
    });
  }
  if (acc) parts.push(acc);
  return parts;
}

/**
 * Split Markdown into one chunk per `#`, `##` or `###` section (deeper headings stay in the text).
 * Each chunk's heading carries its parent path; sections with no text are dropped; sections longer
 * than `maxChars` are split at paragraph/bullet boundaries into parts that share the heading.
 * Lines inside fenced code blocks are never headings.
 *
 * @throws Error when the Markdown is empty or has no text under any heading.
 */
export function chunkMarkdown(markdown: string, options: ChunkOptions = {}): NotesChunk[] {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHUNK_CHARS;
  if (!Number.isInteger(maxChars) || maxChars < 50) {
    throw new RangeError(`maxChars must be an integer ≥ 50 (got ${maxChars}).`);
  }
  const source = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (source.trim() === '') throw new Error('The notes Markdown is empty: there is nothing to index.');

  const sections: { path: string[]; lines: string[] }[] = [{ path: [], lines: [] }];
  const stack: { level: number; title: string }[] = [];
  let inFence = false;
  for (const line of source.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    const m = inFence ? null : HEADING.exec(line);
    if (!m) {
      sections[sections.length - 1]?.lines.push(line);
      continue;
    }
    const level = m[1]?.length ?? 1;
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= level) stack.pop();
    stack.push({ level, title: cleanHeading(m[2]) });
    sections.push({ path: stack.map((h) => h.title), lines: [] });
  }

  const chunks: NotesChunk[] = [];
  const seen = new Map<string, number>();
  for (const section of sections) {
    const body = section.lines.join('\n').trim();
    if (!body) continue;
    const heading = section.path.length > 0 ? section.path.join(HEADING_SEPARATOR) : PREAMBLE_HEADING;
    const base = section.path.length > 0 ? section.path.map(slugify).join('/') : 'preamble';
    for (const text of splitBody(body, maxChars)) {
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      chunks.push({ id: n === 1 ? base : `${base}#${n}`, heading, text });
    }
  }
  if (chunks.length === 0) {
    throw new Error('The notes Markdown has headings but no text under them: there is nothing to index.');
  }
  return chunks;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer (English and Korean)
// ---------------------------------------------------------------------------------------------

const WORD = /[\p{L}\p{N}]+/gu;
const SCRIPT_RUN = /\p{Script=Hangul}+|[^\p{Script=Hangul}]+/gu;
const HANGUL = /\p{Script=Hangul}/u;

/** English function words that carry no topic. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if of to in on at by for with from as into about than then so too very ' +
    'is are was were be been being am do does did doing has have had having it its this that these ' +
    'those there here what which who whom whose how why when where can could should would will shall ' +
    'may might must i me my we our us you your he she him her they them their not no nor just also ' +
    'any some such each both all more most other own same between up down out over under again only ' +
    'please tell explain give describe mean means'
  ).split(' '),
);

/** Korean one-syllable particles and fillers, dropped when they stand alone. */
export const KOREAN_STOP_SYLLABLES: ReadonlySet<string> = new Set(
  '은 는 이 가 을 를 의 에 와 과 도 로 만 요 다 고 및 등 것 수 더 또 왜 뭐'.split(' '),
);

/**
 * Very light English stemming: plural endings only ("models" → "model", "queries" → "query").
 * Words ending in -ss, -us, -is or -as ("process", "status", "analysis", "bias") are left alone.
 */
export function stemEnglish(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is|as)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Hangul run → character bigrams ("할루시" → 할루, 루시); a one-syllable run → itself. */
export function hangulBigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return KOREAN_STOP_SYLLABLES.has(run) ? [] : [run];
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(`${chars[i]}${chars[i + 1]}`);
  return grams;
}

/**
 * Split text into raw words: NFKC, lower case, runs of Unicode letters/digits (`\p{L}\p{N}`).
 * This is MiniSearch's `tokenize`; `processTerm` turns each word into index terms.
 */
export function splitWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/**
 * One raw word → index terms. Hangul runs become bigrams; other runs (Latin, digits) become the
 * lower-cased, plural-stripped word unless it is a stopword or a single letter. A mixed word such
 * as "ai의" is split by script first. Returns `null` when nothing is left (MiniSearch skips it).
 */
export function processTerm(word: string): string[] | null {
  const terms: string[] = [];
  for (const run of word.normalize('NFKC').toLowerCase().match(SCRIPT_RUN) ?? []) {
    if (HANGUL.test(run)) {
      terms.push(...hangulBigrams(run));
      continue;
    }
    for (const w of run.match(WORD) ?? []) {
      if (ENGLISH_STOPWORDS.has(w) || (w.length === 1 && !/\p{N}/u.test(w))) continue;
      terms.push(stemEnglish(w));
    }
  }
  return terms.length > 0 ? terms : null;
}

/** The whole pipeline (splitWords then processTerm), as the index sees text. */
export function tokenize(text: string): string[] {
  return splitWords(text).flatMap((w) => processTerm(w) ?? []);
}

// ---------------------------------------------------------------------------------------------
// Index and search
// ---------------------------------------------------------------------------------------------

/** What is indexed per chunk: its own heading, its parent headings and its text. */
export interface IndexedChunk {
  readonly id: string;
  readonly heading: string;
  readonly title: string;
  readonly parents: string;
  readonly text: string;
}

/**
 * Index options; building and loading must use the same ones. BM25+ is MiniSearch's scoring
 * (k = 1.2, b = 0.7, d = 0.5). A chunk's own heading counts 3× its text; the parent headings
 * count ½ so a broad parent ("Generative AI foundations") does not outrank the section itself.
 */
export const NOTES_INDEX_OPTIONS: Options<IndexedChunk> = {
  idField: 'id',
  fields: ['title', 'parents', 'text'],
  storeFields: ['heading', 'text'],
  tokenize: (text) => splitWords(text),
  processTerm: (term) => processTerm(term),
  searchOptions: {
    boost: { title: 3, parents: 0.5, text: 1 },
    combineWith: 'OR',
    prefix: false,
    fuzzy: false,
  },
};

export type NotesIndex = MiniSearch<IndexedChunk>;

export function buildIndex(chunks: readonly NotesChunk[]): NotesIndex {
  if (chunks.length === 0) throw new Error('Cannot build a notes index from zero chunks.');
  const index = new MiniSearch<IndexedChunk>(NOTES_INDEX_OPTIONS);
  index.addAll(
    chunks.map((c) => {
      const path = c.heading.split(HEADING_SEPARATOR);
      return {
        id: c.id,
        heading: c.heading,
        title: path[path.length - 1] ?? c.heading,
        parents: path.slice(0, -1).join(' '),
        text: c.text,
      };
    }),
  );
  return index;
}

/** Chunk and index Markdown, serialised for `loadNotesIndex` (what the stack ships in the bundle). */
export function buildNotesIndexJson(markdown: string, options: ChunkOptions = {}): string {
  return JSON.stringify(buildIndex(chunkMarkdown(markdown, options)));
}

/** Load an index serialised by `buildNotesIndexJson` (MiniSearch.loadJSON with the same options). */
export function loadNotesIndex(json: string): NotesIndex {
  try {
    return MiniSearch.loadJSON<IndexedChunk>(json, NOTES_INDEX_OPTIONS);
  } catch (err) {
    throw new Error(
      `The notes index could not be loaded (${(err as Error).message}); rebuild it with buildNotesIndexJson.`,
    );
  }
}

export interface NotesHit {
  readonly id: string;
  readonly heading: string;
  /** The first ~300 characters of the passage, whitespace collapsed. */
  readonly excerpt: string;
  /** BM25+ score (higher is better), rounded to 3 decimals. */
  readonly score: number;
  /** The whole passage, for the prompt. */
  readonly text: string;
}

export const EXCERPT_CHARS = 300;

/** The first ~`max` characters, cut at a word boundary when one is near, with "…" when cut. */
export function excerptOf(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.8 ? cut.slice(0, space) : cut}…`;
}

/** The `k` best passages for `question`, best first; none when no term matches. */
export function search(index: NotesIndex, question: string, k = 3): NotesHit[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer (got ${k}).`);
  return index
    .search(question)
    .slice(0, k)
    .map((r: SearchResult) => {
      const text = String(r.text ?? '');
      return {
        id: String(r.id),
        heading: String(r.heading ?? ''),
        excerpt: excerptOf(text),
        score: Math.round(r.score * 1000) / 1000,
        text,
      };
    });
}

// ---------------------------------------------------------------------------------------------
// Prompt
// ---------------------------------------------------------------------------------------------

/** What the model is told to say when the passages do not answer the question. */
export const RAG_NO_ANSWER = "I don't know: the notes do not cover this.";

export interface RagPassage {
  readonly heading: string;
  readonly text: string;
}

/**
 * The grounded prompt: rules, then the passages numbered [1]…[n] in retrieval order, then the
 * question. The model must use only the passages, cite them as [1], [2], and answer exactly
 * `RAG_NO_ANSWER` when they do not contain the answer.
 */
export function assembleRagPrompt(question: string, passages: readonly RagPassage[]): string {
  const q = question.replace(/\r\n?/g, '\n').trim();
  if (!q) throw new Error('The question is empty.');
  const numbered =
    passages.length > 0
      ? passages
          .map((p, i) => `[${i + 1}] ${p.heading}\n${p.text.replace(/\r\n?/g, '\n').trim()}`)
          .join('\n\n')
      : '(no passages were found)';
  return [
    'Answer the question using ONLY the numbered passages from the study notes below.',
    'Rules:',
    '- Use only facts stated in the passages. Do not add outside knowledge.',
    '- After each statement, cite the passage or passages it comes from by number, like [1] or [1][2].',
    `- If the passages do not contain the answer, reply exactly: "${RAG_NO_ANSWER}"`,
    '- Answer in the language of the question (English or Korean), briefly.',
    '',
    '<passages>',
    numbered,
    '</passages>',
    '',
    `Question: ${q}`,
  ].join('\n');
}
