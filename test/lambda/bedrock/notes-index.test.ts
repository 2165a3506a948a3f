import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  assembleRagPrompt,
  buildIndex,
  buildNotesIndexJson,
  chunkMarkdown,
  EXCERPT_CHARS,
  excerptOf,
  HEADING_SEPARATOR,
  hangulBigrams,
  loadNotesIndex,
  PREAMBLE_HEADING,
  processTerm,
  RAG_NO_ANSWER,
  search,
  splitWords,
  stemEnglish,
  tokenize,
} from '../../../lambda/bedrock/notes-index';

const NOTES_FILE = path.join(__dirname, '../../../notes/study-notes.md');

describe('chunkMarkdown', () => {
  const md = [
    '# Generative AI',
    'Intro paragraph.',
    '',
    '## Hallucination (할루시네이션)',
    '- Risk: wrong answers.',
    '- Mitigation: verify.',
    '',
    '### Grounding',
    'Use RAG.',
    '',
    '## Empty section',
    '',
    '# Machine learning',
    '## Inference',
    'Batch and real-time.',
  ].join('\n');

  test('one chunk per section, headings carry their parent path', () => {
    const chunks = chunkMarkdown(md);
    expect(chunks.map((c) => c.heading)).toEqual([
      'Generative AI',
      `Generative AI${HEADING_SEPARATOR}Hallucination (할루시네이션)`,
      `Generative AI${HEADING_SEPARATOR}Hallucination (할루시네이션)${HEADING_SEPARATOR}Grounding`,
      `Machine learning${HEADING_SEPARATOR}Inference`,
    ]);
    expect(chunks[1]?.text).toBe('- Risk: wrong answers.\n- Mitigation: verify.');
    expect(chunks[2]?.text).toBe('Use RAG.');
  });

  test('the separator is " › "', () => {
    expect(HEADING_SEPARATOR).toBe(' › ');
  });

  test('sections without text (and parents that only hold subsections) are dropped', () => {
    const headings = chunkMarkdown(md).map((c) => c.heading);
    expect(headings.some((h) => h.includes('Empty section'))).toBe(false);
    expect(headings).not.toContain('Machine learning');
  });

  test('ids are unique, stable and readable', () => {
    const chunks = chunkMarkdown(md);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
    expect(chunks[1]?.id).toBe('generative-ai/hallucination-할루시네이션');
    expect(chunkMarkdown(md)).toEqual(chunks);
  });

  test('a sibling or shallower heading resets the path; skipped levels still nest', () => {
    const chunks = chunkMarkdown('# A\n### A3\nx\n## B\ny\n# C\nz');
    expect(chunks.map((c) => c.heading)).toEqual(['A › A3', 'A › B', 'C']);
  });

  test('repeated headings get distinct ids', () => {
    const chunks = chunkMarkdown('# Notes\n## Example\none\n## Example\ntwo');
    expect(chunks.map((c) => c.id)).toEqual(['notes/example', 'notes/example#2']);
  });

  test('text before the first heading is a preamble chunk', () => {
    const chunks = chunkMarkdown('Some intro.\n\n# Topic\nBody.');
    expect(chunks[0]).toEqual({ id: 'preamble', heading: PREAMBLE_HEADING, text: 'Some intro.' });
  });

  test('#### and deeper stay in the text; # inside code fences is not a heading; #tag is not a heading', () => {
    const chunks = chunkMarkdown(
      ['# Topic', '#### Detail', 'text', '```bash', '# a shell comment', '```', '#hashtag line'].join('\n'),
    );
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.text).toContain('#### Detail');
    expect(chunks[0]?.text).toContain('# a shell comment');
    expect(chunks[0]?.text).toContain('#hashtag line');
  });

  test('closing hashes and inline code are stripped from headings; CRLF is handled', () => {
    const chunks = chunkMarkdown('## The `Converse` API ##\r\nBody\r\n');
    expect(chunks[0]?.heading).toBe('The Converse API');
    expect(chunks[0]?.text).toBe('Body');
  });

  test('over-long sections split at bullet boundaries, every part under maxChars, nothing lost', () => {
    const bullets = Array.from({ length: 12 }, (_, i) => `- Bullet ${i} ${'word '.repeat(15).trim()}.`);
    const chunks = chunkMarkdown(`# Long\n## Section\n${bullets.join('\n')}`, { maxChars: 250 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.heading).toBe('Long › Section');
      expect(c.text.length).toBeLessThanOrEqual(250);
      for (const line of c.text.split('\n')) expect(line).toMatch(/^- Bullet \d+ /);
    }
    expect(chunks.map((c) => c.text).join('\n')).toBe(bullets.join('\n'));
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
  });

  test('over-long paragraphs split between paragraphs, then at sentence ends', () => {
    const para = (n: number) => `Paragraph ${n}. ${'This sentence has some words. '.repeat(4).trim()}`;
    const longSentences = 'One sentence here. '.repeat(30).trim();
    const body = [para(1), para(2), para(3), longSentences].join('\n\n');
    const chunks = chunkMarkdown(`# P\n${body}`, { maxChars: 200 });
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(200);
    expect(chunks[0]?.text.startsWith('Paragraph 1.')).toBe(true);
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(words(chunks.map((c) => c.text).join(' '))).toEqual(words(body));
  });

  test('a short section is never split', () => {
    expect(chunkMarkdown('# A\n- one\n- two', { maxChars: 50 })).toHaveLength(1);
  });

  test('empty or whitespace-only Markdown is a clear error', () => {
    expect(() => chunkMarkdown('')).toThrow(/empty/);
    expect(() => chunkMarkdown(' \n\t\n')).toThrow(/empty/);
  });

  test('headings with no text anywhere is a clear error', () => {
    expect(() => chunkMarkdown('# A\n## B\n\n### C\n')).toThrow(/no text/);
  });

  test('maxChars must be a sensible integer', () => {
    expect(() => chunkMarkdown('# A\nx', { maxChars: 10 })).toThrow(RangeError);
    expect(() => chunkMarkdown('# A\nx', { maxChars: 100.5 })).toThrow(RangeError);
  });
});

describe('tokenizer', () => {
  test('Hangul runs become character bigrams', () => {
    expect(hangulBigrams('할루시네이션')).toEqual(['할루', '루시', '시네', '네이', '이션']);
    expect(tokenize('할루시네이션')).toEqual(['할루', '루시', '시네', '네이', '이션']);
    expect(tokenize('일괄 추론')).toEqual(['일괄', '추론']);
  });

  test('a one-syllable Hangul run is kept, unless it is a lone particle', () => {
    expect(hangulBigrams('네')).toEqual(['네']);
    expect(tokenize('네 가지')).toEqual(['네', '가지']);
    expect(tokenize('및')).toEqual([]);
  });

  test('mixed-script words split by script (AI의 → ai)', () => {
    expect(tokenize('AI의 기능')).toEqual(['ai', '기능']);
    expect(tokenize('RAG는')).toEqual(['rag']);
    expect(processTerm('llm을')).toEqual(['llm']);
  });

  test('English: lower case, split on punctuation, stopwords dropped, plurals stripped', () => {
    expect(tokenize('What are the four elements of a prompt?')).toEqual(['four', 'element', 'prompt']);
    expect(tokenize('How does RAG differ from fine-tuning?')).toEqual(['rag', 'differ', 'fine', 'tuning']);
    expect(tokenize('Queries, models & filters')).toEqual(['query', 'model', 'filter']);
  });

  test('light stemming leaves -ss, -us, -is, -as and short words alone', () => {
    expect(['process', 'status', 'analysis', 'bias', 'aws'].map(stemEnglish)).toEqual([
      'process',
      'status',
      'analysis',
      'bias',
      'aws',
    ]);
    expect(stemEnglish('policies')).toBe('policy');
  });

  test('Unicode-aware splitting; digits kept; full-width folded by NFKC', () => {
    expect(splitWords('Nova-Micro v1:0, ＲＡＧ — 검색·증강')).toEqual([
      'nova',
      'micro',
      'v1',
      '0',
      'rag',
      '검색',
      '증강',
    ]);
    expect(tokenize('2–3 sentences')).toEqual(['2', '3', 'sentence']);
  });

  test('single Latin letters and punctuation-only input produce nothing', () => {
    expect(tokenize('a b c ?!')).toEqual([]);
    expect(processTerm('x')).toBeNull();
  });
});

describe('index, search and serialisation', () => {
  const chunks = chunkMarkdown(
    [
      '# Risks',
      '## Hallucination (할루시네이션)',
      'The model answers confidently but wrongly. Verify with independent sources.',
      '## Toxicity (유해성)',
      'Offensive content; filter it with a guardrail.',
      '# Inference',
      '## Batch vs real-time (일괄 추론과 실시간 추론)',
      'Batch processes many inputs together; real-time answers each request at once.',
    ].join('\n'),
  );
  const index = buildIndex(chunks);

  test('returns at most k hits, best first, with heading, excerpt and score', () => {
    const hits = search(index, 'how do I avoid hallucination', 2);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(2);
    expect(hits[0]).toMatchObject({
      id: 'risks/hallucination-할루시네이션',
      heading: 'Risks › Hallucination (할루시네이션)',
    });
    expect(hits[0]?.excerpt).toContain('answers confidently');
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  test('Korean questions find Korean-headed sections', () => {
    expect(search(index, '유해성이 뭐예요?', 1)[0]?.heading).toContain('Toxicity');
    expect(search(index, '실시간 추론', 1)[0]?.heading).toContain('Batch vs real-time');
  });

  test('no matching term → no hits', () => {
    expect(search(index, 'quantum chromodynamics of neutron stars')).toEqual([]);
    expect(search(index, '?!')).toEqual([]);
  });

  test('k must be a positive integer', () => {
    expect(() => search(index, 'batch', 0)).toThrow(RangeError);
    expect(() => search(index, 'batch', 1.5)).toThrow(RangeError);
  });

  test('the JSON round trip (as shipped through esbuild define) gives the same results', () => {
    const markdown = '# Risks\n## Hallucination\nWrong answers.\n## Toxicity\nOffensive content.';
    const json = buildNotesIndexJson(markdown);
    const shipped: string = JSON.parse(JSON.stringify(json));
    const loaded = loadNotesIndex(shipped);
    const fresh = buildIndex(chunkMarkdown(markdown));
    for (const q of ['wrong answers', 'offensive', '할루시네이션']) {
      expect(search(loaded, q)).toEqual(search(fresh, q));
    }
    expect(search(loaded, 'offensive')[0]?.text).toBe('Offensive content.');
  });

  test('building from empty Markdown or zero chunks fails clearly', () => {
    expect(() => buildNotesIndexJson('')).toThrow(/empty/);
    expect(() => buildIndex([])).toThrow(/zero chunks/);
  });

  test('a corrupt index JSON fails with a clear message', () => {
    expect(() => loadNotesIndex('{not json')).toThrow(/notes index could not be loaded/);
  });
});

describe('excerptOf', () => {
  test('short text is returned with whitespace collapsed', () => {
    expect(excerptOf('- one\n- two')).toBe('- one - two');
  });

  test(`long text is cut near ${EXCERPT_CHARS} characters at a word boundary`, () => {
    const text = 'word '.repeat(200);
    const ex = excerptOf(text);
    expect(ex.endsWith('…')).toBe(true);
    expect(Array.from(ex).length).toBeLessThanOrEqual(EXCERPT_CHARS + 1);
    expect(ex).toMatch(/word…$/);
  });

  test('never splits a Korean syllable or emoji in half', () => {
    const ex = excerptOf('가'.repeat(400));
    expect(Array.from(ex)).toHaveLength(EXCERPT_CHARS + 1);
  });
});

describe('assembleRagPrompt', () => {
  const passages = [
    { heading: 'Risks › Hallucination', text: 'Verify with independent sources.' },
    { heading: 'Optimising › RAG', text: 'RAG grounds answers in retrieved documents.' },
  ];
  const prompt = assembleRagPrompt('How do I reduce hallucination?', passages);

  test('numbers the passages [1], [2] in retrieval order, with their headings', () => {
    expect(prompt).toContain('[1] Risks › Hallucination\nVerify with independent sources.');
    expect(prompt).toContain('[2] Optimising › RAG\nRAG grounds answers in retrieved documents.');
    expect(prompt.indexOf('[1] Risks')).toBeLessThan(prompt.indexOf('[2] Optimising'));
  });

  test('tells the model to use only the passages, cite them, and admit when it does not know', () => {
    expect(prompt).toMatch(/ONLY the numbered passages/);
    expect(prompt).toMatch(/cite .* like \[1\] or \[1\]\[2\]/);
    expect(prompt).toContain(`reply exactly: "${RAG_NO_ANSWER}"`);
    expect(RAG_NO_ANSWER).toMatch(/don't know/);
  });

  test('ends with the question', () => {
    expect(prompt.endsWith('Question: How do I reduce hallucination?')).toBe(true);
  });

  test('with no passages the model is told there are none', () => {
    expect(assembleRagPrompt('Anything?', [])).toContain('(no passages were found)');
  });

  test('an empty question is an error', () => {
    expect(() => assembleRagPrompt('  ', passages)).toThrow(/empty/);
  });
});

describe('retrieval quality on notes/study-notes.md', () => {
  const markdown = fs.readFileSync(NOTES_FILE, 'utf8');
  const index = loadNotesIndex(buildNotesIndexJson(markdown));

  test('the notes chunk into many sections, each within the default size', () => {
    const chunks = chunkMarkdown(markdown);
    expect(chunks.length).toBeGreaterThanOrEqual(30);
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(1_500);
  });

  test('the shipped index stays small', () => {
    expect(Buffer.byteLength(buildNotesIndexJson(markdown))).toBeLessThan(500_000);
  });

  // [question, a fragment of the heading that must be in the top 3]
  test.each([
    // English
    ['What are the four elements of a prompt?', 'Prompt engineering'],
    ['How does RAG differ from fine-tuning?', 'Retrieval-augmented generation (RAG'],
    ['What does Amazon Textract do?', 'AI services'],
    ['How can I reduce hallucinations?', 'Hallucination (할루시네이션)'],
    ['What is the difference between batch and real-time inference?', 'Inference: batch vs real-time'],
    ['What do the generator and discriminator do in a GAN?', 'Generative adversarial networks'],
    ['How is token-based pricing charged?', 'Cost considerations'],
    // Korean
    ['일괄 추론과 실시간 추론의 차이', '일괄 추론과 실시간 추론'],
    ['할루시네이션을 어떻게 완화하나요?', 'Hallucination (할루시네이션)'],
    ['토큰 기반 요금', 'Cost considerations'],
    ['프롬프트의 네 가지 요소는 무엇인가요?', 'Prompt engineering'],
    ['디퓨전 모델은 어떻게 이미지를 만드나요?', 'Diffusion models'],
    ['비결정성을 줄이려면?', 'Non-determinism'],
  ])('%s → %s', (question, expected) => {
    const headings = search(index, question, 3).map((h) => h.heading);
    expect(headings.some((h) => h.includes(expected))).toBe(true);
  });

  test('the best hit for a clear question is the right section, and its excerpt is the passage start', () => {
    const best = search(index, '할루시네이션을 어떻게 완화하나요?', 3)[0]!;
    expect(best.heading).toMatch(/› Hallucination \(할루시네이션\)$/);
    expect(Array.from(best.excerpt).length).toBeLessThanOrEqual(EXCERPT_CHARS + 1);
    expect(best.text.startsWith(best.excerpt.slice(0, 40))).toBe(true);
  });

  test('retrieved passages make a grounded prompt', () => {
    const hits = search(index, 'What are the four elements of a prompt?', 3);
    const prompt = assembleRagPrompt('What are the four elements of a prompt?', hits);
    expect(prompt).toContain('[1] Optimising model output');
    expect(prompt).toContain('Output indicator (출력 지표)');
  });
});
