/**
 * The CLI and the smoke run in Korean (`--lang ko`, or a Korean locale) against the stand-in: the
 * main flows, their progress and errors, and every command's help. Each flow also runs in English:
 * the same exit code, the same lines, the same JSON. In the Korean output, outside what the API
 * sent (printed as received) and command lines, there is no English prose, no mechanical particle
 * ("을(를)"), no unfilled placeholder and no value said twice. Negative controls: an English
 * sentence or "을(를)" slipped into a Korean table is caught in the output it reaches.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ACTIONS, buildProgram } from '../../cli/commands';
import { argvLang, commanderError, runLang } from '../../cli/localize';
import { BEDROCK_MESSAGES } from '../../cli/messages/bedrock';
import { COMMANDER_MESSAGES } from '../../cli/messages/commander';
import { OPTION_MESSAGES } from '../../cli/messages/options';
import { OUTPUT_MESSAGES } from '../../cli/messages/output';
import { PIPELINE_MESSAGES } from '../../cli/messages/pipeline';
import { PROGRAM_MESSAGES } from '../../cli/messages/program';
import { ROUTE_SUMMARIES_KO, routeKey } from '../../cli/messages/routes';
import { SESSION_MESSAGES } from '../../cli/messages/session';
import { SMOKE_MESSAGES } from '../../cli/messages/smoke';
import { fill, type Lang, type Messages } from '../../lib/i18n';
import { SERVICES } from '../../lib/services';
import { DOUBLED, englishProse, mechanicalParticles } from '../review/korean';
import { allStacks, type Run, runCli, runSmoke, sample, tempDir, writeOutputs } from './harness';
import { type StandIn, startStandIn, streamEvents, streamReply } from './stand-in';

const TABLES: Record<string, Messages<string>> = {
  program: PROGRAM_MESSAGES,
  options: OPTION_MESSAGES,
  bedrock: BEDROCK_MESSAGES,
  pipeline: PIPELINE_MESSAGES,
  output: OUTPUT_MESSAGES,
  session: SESSION_MESSAGES,
  smoke: SMOKE_MESSAGES,
  commander: COMMANDER_MESSAGES,
};

let api: StandIn;
let outputs: string;
const dir = tempDir();
const unreadable = path.join(dir, 'broken.json');
writeFileSync(unreadable, '{ not json');
/** An outputs file with only the Translate stack (written once the stand-in runs). */
let onlyTranslate = '';

beforeAll(async () => {
  api = await startStandIn();
  outputs = writeOutputs(dir, allStacks(api.url));
  onlyTranslate = writeOutputs(tempDir(), { 'AiLab-Translate': api.url });
});
afterAll(() => api.close());
beforeEach(() => api.reset());

/** Every string the API sent (JSON leaves and each of their lines, S3's XML texts), longest first. */
function apiText(sent: readonly string[]): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const s of [v, ...v.split('\n').map((l) => l.trim())]) out.add(s);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const body of sent) {
    try {
      walk(JSON.parse(body));
    } catch {
      for (const [, text] of body.matchAll(/>([^<]+)</g)) out.add(text!);
    }
  }
  return [...out].filter((s) => s.length > 1).sort((a, b) => b.length - a.length);
}

/** `s` as a regular expression that matches it literally. */
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The CLI's own words: the output without what the API sent (whole words only) and without code,
 * as backticks mark it in a Korean page: commands (`npm run …`, `ai-lab <demo> <action>`), routes
 * (`POST /x/{id}`), flags and their `<value>`, paths, ALL-CAPS codes and lists of values
 * (`en, es, fr`, `extract, language, pii`).
 */
function ownWords(text: string, sent: readonly string[]): string {
  let own = text;
  // What the API sent first: its messages may hold names the next steps would cut in two.
  for (const s of apiText(sent)) own = own.replace(new RegExp(`(?<![\\w-])${literal(s)}(?![\\w-])`, 'g'), '');
  return (
    own
      .replace(/\b(npm run|npx|aws) [^)\n`]*/g, '')
      // A route may be wrapped onto the next help line.
      .replace(/\b(GET|POST)\s+\/\S*/g, '')
      .replace(/\b(ai-lab|smoke)( [a-z][\w-]*)*/g, '')
      .replace(/--[\w-]+( <[^>]+>)?/g, '')
      .replace(/\b[\w.-]*\/[\w./*-]+/g, '')
      .replace(/\b[A-Z][A-Z0-9_]+\b/g, '')
      .replace(/\b(?:[\w.:-]+, )+[\w.:-]+\b/g, '')
  );
}

/** What a Korean run must not contain; each finding names the kind and the line. */
function seams(text: string): string[] {
  return [
    ...englishProse(text).map((l) => `English: ${l}`),
    ...mechanicalParticles(text).map((l) => `particle: ${l}`),
    ...[...text.matchAll(/\{\w+(\|[^}]*)?\}/g)].map(([m]) => `unfilled: ${m}`),
    ...[...text.matchAll(/(\b[\w.:/-]{6,})\1/g)].map(([m]) => `twice: ${m}`),
  ];
}

interface Flow {
  readonly name: string;
  readonly argv: string[] | (() => string[]);
  readonly smoke?: boolean;
  /** Set the stand-in up (overrides) before each language's run. */
  readonly before?: () => void;
  readonly deps?: Parameters<typeof runCli>[1];
}

const TEXT = '설치 안내가 조금 헷갈렸지만 데모는 아주 빨랐어요.';

function flows(): Flow[] {
  const out = path.join(dir, 'speech.mp3');
  let clock = 0;
  const ticking = {
    now: () => clock,
    sleep: async (ms: number) => {
      clock += ms;
    },
  };
  return [
    {
      name: 'comprehend sentiment',
      argv: ['comprehend', 'sentiment', '--text', TEXT, '--language-code', 'ko'],
    },
    { name: 'translate languages', argv: ['translate', 'languages', '--display-language-code', 'ko'] },
    { name: 'textract job --wait', argv: ['textract', 'job', '--file', sample('two-page.pdf'), '--wait'] },
    { name: 'textract job (running)', argv: ['textract', 'job', '--file', sample('two-page.pdf')] },
    {
      name: 'transcribe job --wait, timed out',
      argv: ['transcribe', 'job', '--audio', sample('hello-en.mp3'), '--wait', '--timeout', '30'],
      before: () =>
        api.override('GET /transcribe/jobs/{jobName}', (r) => ({
          status: 200,
          body: {
            jobName: r.params.jobName,
            status: 'IN_PROGRESS',
            usage: { unit: 'audio seconds', quantity: 0 },
          },
        })),
      deps: ticking,
    },
    {
      name: 'polly speech --out',
      argv: ['polly', 'speech', '--text', '안녕하세요', '--voice', 'Seoyeon', '--out', out],
    },
    {
      name: 'polly speech (base64)',
      argv: ['polly', 'speech', '--text', '안녕하세요', '--voice', 'Seoyeon'],
    },
    {
      name: 'bedrock converse',
      argv: ['bedrock', 'converse', '--file', sample('prompts/four-elements.ko.json')],
    },
    { name: 'bedrock stream', argv: ['bedrock', 'stream', '--text', '파운데이션 모델이란?'] },
    {
      name: 'bedrock stream, cut',
      argv: ['bedrock', 'stream', '--text', '파운데이션 모델이란?'],
      before: () =>
        api.override('POST /bedrock/converse-stream', () => {
          const e = streamEvents('r-cut');
          return streamReply([e.start, ...e.tokens]);
        }),
    },
    {
      name: 'bedrock stream, error event',
      argv: ['bedrock', 'stream', '--text', '파운데이션 모델이란?'],
      before: () =>
        api.override('POST /bedrock/converse-stream', () =>
          streamReply([
            {
              type: 'start',
              modelId: 'amazon.nova-micro-v1:0',
              guardrail: { applied: true, streamProcessingMode: 'sync' },
            },
            { type: 'token', text: '파운데이션 모델은 ' },
            { type: 'guardrail', afterTokenEvents: 1, reasons: [] },
            {
              type: 'error',
              status: 500,
              afterTokenEvents: 1,
              error: { code: 'MODEL_STREAM_ERROR', message: 'The model stream failed.', requestId: 'r-1' },
              usage: { partial: true, tokenEvents: 1, streamedCharacters: 9 },
            },
          ]),
        ),
    },
    { name: 'bedrock compare', argv: ['bedrock', 'compare', '--text', 'RAG란 무엇인가요?'] },
    {
      name: 'bedrock read-document',
      argv: [
        'bedrock',
        'read-document',
        '--file',
        sample('invoice-form.ko.png'),
        '--request',
        sample('prompts/read-invoice.ko.json'),
      ],
    },
    {
      name: 'pipeline run',
      argv: [
        'pipeline',
        'run',
        sample('pipeline/study-review.ko.txt'),
        '--steps',
        'language,sentiment,summarize',
      ],
    },
    {
      name: 'pipeline run, timed out',
      argv: [
        'pipeline',
        'run',
        sample('pipeline/study-review.ko.txt'),
        '--steps',
        'language',
        '--timeout',
        '1',
      ],
      before: () =>
        api.override('GET /pipeline/runs/{runId}', (r) => ({
          status: 200,
          body: { runId: r.params.runId, status: 'RUNNING', items: { total: 1, done: 0, failed: 0 } },
        })),
      deps: ticking,
    },
    { name: 'smoke, every stack', argv: [], smoke: true },
    { name: 'smoke, one stack', argv: () => ['--outputs-file', onlyTranslate], smoke: true },
    // Errors of the CLI's own, before or around the call.
    { name: 'missing option', argv: ['comprehend', 'sentiment'] },
    {
      name: 'not a choice',
      argv: ['translate', 'text', '--text', 'x', '--target', 'ko', '--formality', 'X'],
    },
    { name: 'not a number', argv: ['bedrock', 'converse', '--prompt', 'x', '--temperature', 'warm'] },
    { name: 'not a number (stream)', argv: ['bedrock', 'stream', '--text', 'x', '--top-p', 'warm'] },
    { name: 'unknown command', argv: ['comprehend', 'sentimen'] },
    { name: 'unknown option', argv: ['comprehend', 'sentiment', '--txt', 'x'] },
    { name: 'too many arguments', argv: ['transcribe', 'status', 'a', 'b'] },
    { name: 'option without its value', argv: ['comprehend', 'sentiment', '--text'] },
    { name: 'neither input', argv: ['transcribe', 'job'] },
    { name: 'no prompt', argv: ['bedrock', 'converse', '--temperature', '0'] },
    { name: 'no file', argv: ['rekognition', 'labels', '--image', 'no-such.jpg'] },
    { name: 'not JSON', argv: ['bedrock', 'converse', '--file', unreadable] },
    { name: 'unknown upload type', argv: ['textract', 'upload', '--file', sample('invoice-form.png')] },
    { name: 'pipeline without documents', argv: ['pipeline', 'run', '--steps', 'language'] },
    // Bad input the API refuses (400), before any AWS call.
    { name: 'bad input, the API says 400', argv: ['transcribe', 'status', 'nope'] },
    {
      name: 'an API error, --json',
      argv: ['transcribe', 'status', 'ai-lab-20261128-120000-deadbeef', '--json'],
    },
    { name: 'a CLI error, --json', argv: ['transcribe', 'job', '--json'] },
    { name: 'bad prefix', argv: ['translate', 'languages', '--prefix', 'bad!'] },
    {
      name: 'stack not in the outputs file',
      argv: () => ['comprehend', 'sentiment', '--text', 'x', '--outputs-file', onlyTranslate],
    },
    {
      name: 'no outputs file',
      argv: ['comprehend', 'sentiment', '--text', 'x', '--outputs-file', 'missing.json'],
    },
    {
      name: 'unreadable outputs file',
      argv: ['comprehend', 'sentiment', '--text', 'x', '--outputs-file', unreadable],
    },
  ];
}

interface Said extends Run {
  readonly sent: string[];
}

async function say(flow: Flow, lang: Lang, how: 'flag' | 'locale' = 'flag'): Promise<Said> {
  api.reset();
  flow.before?.();
  const args = typeof flow.argv === 'function' ? flow.argv() : flow.argv;
  const given = args.includes('--outputs-file') ? args : [...args, '--outputs-file', outputs];
  const argv = how === 'flag' ? [...given, '--lang', lang] : given;
  const env = {
    AWS_REGION: 'us-east-1',
    ...(how === 'locale' && { LANG: lang === 'ko' ? 'ko_KR.UTF-8' : 'C' }),
  };
  const run = flow.smoke
    ? await runSmoke(argv, { env, ...flow.deps })
    : await runCli(argv, { env, ...flow.deps });
  return { ...run, sent: [...api.sent] };
}

/** Hangul in an English run, but what the API sent back. */
const hangul = (run: Said) => ownWords(run.stdout + run.stderr, run.sent).match(/[가-힣]+/g) ?? [];

/** What differs between two runs of the same flow by nature: ids, upload keys, times. */
const normal = (text: string) =>
  text
    .replace(/"(latencyMs|totalMs|timeToFirstTokenMs)": \d+/g, '"$1": …')
    .replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|standin-\d{4}/g,
      '…',
    );
describe('the main flows in English and in Korean', () => {
  const all = flows();
  test.each(all.map((f) => [f.name, f] as const))('%s', async (_, flow) => {
    const en = await say(flow, 'en');
    const ko = await say(flow, 'ko');
    expect({ code: ko.code, lines: (ko.stdout + ko.stderr).split('\n').length }).toEqual({
      code: en.code,
      lines: (en.stdout + en.stderr).split('\n').length,
    });
    if ((typeof flow.argv === 'function' ? flow.argv() : flow.argv).includes('--json') || flow.smoke) {
      // JSON keeps its shape: the same keys and values, only the CLI's own sentences differ.
      const keys = (t: string) => (t.trim().startsWith('{') ? Object.keys(JSON.parse(t)).sort() : []);
      expect(keys(ko.stdout)).toEqual(keys(en.stdout));
    }
    expect(seams(ownWords(ko.stdout + ko.stderr, ko.sent))).toEqual([]);
    // English stays English: no Hangul but what the API sent back.
    expect(hangul(en)).toEqual([]);
  });

  test('the locale chooses Korean as --lang does, and --lang wins over it', async () => {
    const flow = all.find((f) => f.name === 'textract job (running)')!;
    const byLocale = await say(flow, 'ko', 'locale');
    const byFlag = await say(flow, 'ko');
    expect(normal(byLocale.stdout)).toEqual(normal(byFlag.stdout));
    expect(runLang(['--lang', 'en'], { LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(runLang(['--lang=ko'], {})).toBe('ko');
    expect(runLang([], { LC_ALL: 'ko_KR.UTF-8' })).toBe('ko');
    expect(argvLang(['bedrock', 'stream', '--', '--lang', 'ko'])).toBeUndefined();
  });

  test('--json prints the same document in both languages', async () => {
    for (const argv of [
      ['comprehend', 'sentiment', '--text', TEXT, '--json'],
      ['bedrock', 'compare', '--text', 'RAG?', '--json'],
    ]) {
      const [en, ko] = [await say({ name: '', argv }, 'en'), await say({ name: '', argv }, 'ko')];
      expect(normal(ko.stdout)).toEqual(normal(en.stdout));
    }
  });

  test("bad input: the API's 4xx is said in Korean, its own message quoted as English", async () => {
    const flow = all.find((f) => f.name === 'bad input, the API says 400')!;
    const [en, ko] = [await say(flow, 'en'), await say(flow, 'ko')];
    const message = 'Invalid request: path.jobName: is not a job name this lab created';
    expect(en.stderr).toMatch(new RegExp(`^400 INVALID_REQUEST: ${literal(message)} \\(standin-\\d+\\)\n$`));
    expect(ko.stderr).toMatch(
      new RegExp(
        `^400 INVALID_REQUEST: 실습실 API가 요청을 처리하지 않았습니다\\(API 메시지, 영어 원문: “${literal(message)}”\\)\\(요청 ID standin-\\d+\\)\n$`,
      ),
    );
  });

  test('an unknown --lang is refused, naming the two it knows', async () => {
    const run = await runCli(['translate', 'languages', '--lang', 'fr', '--outputs-file', outputs]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "error: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are en, ko.",
    );
  });
});

describe('help in Korean', () => {
  const help = async (argv: string[], smoke = false) => {
    const run = smoke
      ? await runSmoke([...argv, '--help', '--lang', 'ko'])
      : await runCli([...argv, '--help', '--lang', 'ko']);
    expect(run.code).toBe(0);
    return run.stdout;
  };

  /** The program's page, the smoke run's, every demo's and every action's. */
  const pages = async () => {
    const all = [await help([]), await help([], true)];
    for (const s of SERVICES) {
      all.push(await help([s.id]));
      for (const r of s.routes) all.push(await help([s.id, ACTIONS[routeKey(r)]!.name]));
    }
    return all;
  };

  test('the program, every demo and every action: no English prose, Korean titles', async () => {
    const all = await pages();
    expect(all[0]).toMatch(/^사용법: ai-lab \[옵션\] \[명령\]$/m);
    expect(all[0]).toContain('\n명령:\n');
    expect(all.at(-1)).toContain('\n전역 옵션:\n');
    const findings = all.flatMap((p) => seams(ownWords(p, [])));
    expect(findings).toEqual([]);
  });

  test('every page fits 80 terminal columns (Hangul counts two)', async () => {
    const stringWidth = require('string-width') as (s: string) => number;
    const wide = (await pages())
      .flatMap((page) => page.split('\n'))
      // A command to copy, and one word longer than the column (a list without spaces), cannot wrap.
      .filter((line) => !/^\s*npm run|^\s*\S+$/.test(line) && stringWidth(line) > 80);
    expect(wide).toEqual([]);
  });

  test('every catalogue route has a Korean summary, and every summary a route', () => {
    const routes = SERVICES.flatMap((s) => s.routes.map(routeKey)).sort();
    expect(Object.keys(ROUTE_SUMMARIES_KO).sort()).toEqual(routes);
  });

  test('a route without a Korean summary stops the CLI at start-up, in English too', () => {
    const key = 'POST /comprehend/sentiment';
    const summary = ROUTE_SUMMARIES_KO[key]!;
    const table = ROUTE_SUMMARIES_KO as Record<string, string>;
    delete table[key];
    try {
      expect(() => buildProgram({}, () => {}, 'en')).toThrow(`No Korean summary for ${key}`);
    } finally {
      table[key] = summary;
    }
  });
});

describe('every Korean message, filled', () => {
  /**
   * Each Korean message with its placeholders filled by a value like the CLI's, one per name: two
   * placeholders side by side (`{state}{others}`) are two values, one written twice is one.
   */
  const filled = (m: Messages<string>) =>
    Object.values(m.ko)
      .map((text) =>
        fill(
          text,
          Object.fromEntries([...text.matchAll(/\{(\w+)/g)].map(([, name]) => [name!, `AiLab-${name}`])),
        ),
      )
      .join('\n');

  test.each(Object.keys(TABLES))('%s: no English prose, no mechanical particle, nothing twice', (name) => {
    const text = ownWords(filled(TABLES[name]!), []);
    expect(seams(text).filter((s) => !s.startsWith('unfilled'))).toEqual([]);
    expect(Object.entries(TABLES[name]!.ko).filter(([, t]) => DOUBLED.test(t))).toEqual([]);
  });

  test('the English commander table says what commander says (its errors round-trip)', () => {
    for (const text of [
      "error: missing required argument 'jobId'",
      "error: option '--text <text>' argument missing",
      "error: required option '--text <text>' not specified",
      "error: unknown option '--txt'\n(Did you mean --text?)",
      "error: unknown command 'sentimen'\n(Did you mean sentiment?)",
      "error: unknown command 'x'\n(Did you mean one of a, b?)",
      "error: too many arguments for 'status'. Expected 1 argument but got 2.",
      'error: too many arguments. Expected 0 arguments but got 1.',
      "error: option '--formality <level>' argument 'X' is invalid. Allowed choices are FORMAL, INFORMAL.",
      "error: option '--temperature <0-1>' argument 'warm' is invalid. Not a number.",
    ]) {
      expect(commanderError(text, 'en')).toBe(text);
      expect(seams(commanderError(text, 'ko').replace('Not a number.', ''))).toEqual([]);
    }
  });
});

describe('negative controls: the checks catch a seam in the output it reaches', () => {
  async function withMessage<T>(
    table: Messages<string>,
    key: string,
    text: string,
    fn: () => Promise<T>,
    lang: Lang = 'ko',
  ) {
    const messages = table[lang] as Record<string, string>;
    const before = messages[key]!;
    messages[key] = text;
    try {
      return await fn();
    } finally {
      messages[key] = before;
    }
  }
  const flow = (name: string) => flows().find((f) => f.name === name)!;

  test('an English sentence in a Korean message', async () => {
    const run = await withMessage(
      OUTPUT_MESSAGES,
      'wait.done',
      '{label}: the job finished after {seconds} s',
      () => say(flow('textract job --wait'), 'ko'),
    );
    expect(seams(ownWords(run.stdout + run.stderr, run.sent))).toEqual([
      expect.stringMatching(/^English: Textract 작업 .*: the job finished after \d+ s$/),
    ]);
  });

  test('an English sentence in a Korean option help', async () => {
    const page = await withMessage(
      OPTION_MESSAGES,
      'wait',
      'poll until the job finishes',
      async () => (await runCli(['textract', 'job', '--help', '--lang', 'ko'])).stdout,
    );
    expect(seams(ownWords(page, []))).toEqual([expect.stringContaining('English:')]);
  });

  test('a mechanical particle, and a value said twice', async () => {
    const run = await withMessage(
      SMOKE_MESSAGES,
      'line.skipped',
      '{stack}{stack|을/를}(를) 건너뜀: {reason}',
      () => say(flow('smoke, one stack'), 'ko'),
    );
    const found = seams(ownWords(run.stdout, run.sent));
    expect(found.some((f) => f.startsWith('particle:'))).toBe(true);
    expect(found.some((f) => f.startsWith('twice:'))).toBe(true);
  });

  test('an unfilled placeholder in Korean, and Korean in an English message', async () => {
    const job = flow('textract job --wait');
    const ko = await withMessage(OUTPUT_MESSAGES, 'wait.done', '{label}: {secs}초 만에 {status}', () =>
      say(job, 'ko'),
    );
    expect(seams(ownWords(ko.stdout + ko.stderr, ko.sent))).toEqual(['unfilled: {secs}']);
    const en = await withMessage(
      OUTPUT_MESSAGES,
      'wait.done',
      '{label}: {seconds}초 만에 {status}',
      () => say(job, 'en'),
      'en',
    );
    expect(hangul(en)).toEqual(['초', '만에']);
  });

  test('a value written twice in a Korean table, before it is ever printed', () => {
    expect(DOUBLED.test(SMOKE_MESSAGES.ko['line.skipped'])).toBe(false);
    expect(DOUBLED.test('{stack}{stack|을/를} 건너뜀: {reason}')).toBe(true);
    expect(mechanicalParticles('스택이(가) 없습니다\n{stack|이/가} 없습니다')).toEqual([
      '스택이(가) 없습니다',
    ]);
  });

  test('text the API sent is set apart, and only that text', () => {
    const sent = [JSON.stringify({ notice: 'Estimates from list prices, not a bill.' })];
    expect(seams(ownWords('verified: false — Estimates from list prices, not a bill.', sent))).toEqual([]);
    expect(seams(ownWords('검증: Estimates from list prices, not yet billed.', sent))).toHaveLength(1);
  });
});
