/**
 * Every JSON request body in samples/ is listed in samples/README.md with the route it is for,
 * and is valid against that route's schema (the one the function and API Gateway use), so a
 * schema change cannot leave a sample behind. The Korean samples cover every Korean path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as z from 'zod';
import * as bedrock from '../../lambda/bedrock/schemas';
import * as comprehend from '../../lambda/comprehend/schemas';
import * as polly from '../../lambda/polly/schemas';
import * as rekognition from '../../lambda/rekognition/schemas';
import * as textract from '../../lambda/textract/schemas';
import * as transcribe from '../../lambda/transcribe/schemas';
import * as translate from '../../lambda/translate/schemas';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');

const SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  ...bedrock.requestSchemas,
  ...comprehend.requestSchemas,
  ...polly.requestSchemas,
  ...rekognition.requestSchemas,
  ...textract.requestSchemas,
  ...transcribe.requestSchemas,
  ...translate.requestSchemas,
};

/** Seoyeon's SupportedEngines, as Polly's DescribeVoices lists them. */
const SEOYEON_ENGINES = ['neural', 'standard'];

interface Listed {
  readonly file: string;
  readonly routes: readonly string[];
}

/** The JSON rows of the samples/README.md table: file and the routes named in its "for" cell. */
function listedSamples(readme: string): Listed[] {
  const rows: Listed[] = [];
  for (const line of readme.split('\n')) {
    const m = /^\|\s*`([^`]+\.json)`\s*\|([^|]*)\|/.exec(line);
    if (!m?.[1]) continue;
    const routes = [...(m[2] ?? '').matchAll(/\b(?:POST|GET) (\/[\w/{}-]+)/g)].map((r) => r[1] ?? '');
    rows.push({ file: m[1], routes });
  }
  return rows;
}

function jsonFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return jsonFiles(path.join(dir, e.name), rel);
    return e.name.endsWith('.json') ? [rel] : [];
  });
}

/**
 * A Transcribe body that names only the language is sent with the clip, and a read-document body with its
 * invoice (`--file`), as the READMEs show.
 */
function asSent(route: string, body: Record<string, unknown>): Record<string, unknown> {
  if (route === '/bedrock/read-document' && !('document' in body)) {
    const invoice = /[\uac00-\ud7af]/.test(JSON.stringify(body)) ? 'invoice-form.ko.png' : 'invoice-form.png';
    return { ...body, document: fs.readFileSync(path.join(SAMPLES, invoice)).toString('base64') };
  }
  if (route !== '/transcribe/jobs' || 'key' in body || 'audioBase64' in body) return body;
  return { ...body, audioBase64: fs.readFileSync(path.join(SAMPLES, 'hello-en.mp3')).toString('base64') };
}

/** Why a sample does not fit a route ('' when it does). */
function sampleProblem(route: string, body: unknown): string {
  const schema = SCHEMAS[route];
  if (!schema) return `no request schema for ${route}`;
  const parsed = schema.safeParse(asSent(route, body as Record<string, unknown>));
  return parsed.success ? '' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

const readme = fs.readFileSync(path.join(SAMPLES, 'README.md'), 'utf8');
const readmeKo = fs.readFileSync(path.join(SAMPLES, 'README.ko.md'), 'utf8');
const listed = listedSamples(readme);

/** Every file row of a samples README table (JSON, images, audio, the script), in order. */
const tableFiles = (text: string) => [...text.matchAll(/^\| `([A-Za-z0-9._/-]+)` \|/gm)].map((m) => m[1]);
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(SAMPLES, file), 'utf8'));
const isKorean = (file: string) =>
  /\.ko\./.test(file) || /[\uac00-\ud7af]|ko-KR|"ko"/.test(fs.readFileSync(path.join(SAMPLES, file), 'utf8'));

test('every JSON sample is listed in samples/README.md with a route', () => {
  const names = listed.map((l) => l.file);
  // samples/eval/ holds the eval's data sets, not request bodies: their own README and schema
  // (test/eval/features.test.ts).
  expect(
    jsonFiles(SAMPLES)
      .filter((f) => !f.startsWith('eval/'))
      .sort(),
  ).toEqual([...names].sort());
  for (const l of listed) expect(`${l.file}: ${l.routes.length}`).not.toBe(`${l.file}: 0`);
});

test('samples/README.ko.md lists the same files, in the same order, for the same routes', () => {
  expect(tableFiles(readmeKo)).toEqual(tableFiles(readme));
  expect(listedSamples(readmeKo)).toEqual(listed);
});

test.each(listed.map((l) => [l.file, l] as const))('%s is valid for its routes', (_file, l) => {
  for (const route of l.routes) {
    expect(`${route}: ${sampleProblem(route, read(l.file))}`).toBe(`${route}: `);
  }
});

test('the Korean samples cover every Korean path', () => {
  const covered = new Set(listed.filter((l) => isKorean(l.file)).flatMap((l) => l.routes));
  expect([...covered].sort()).toEqual(
    expect.arrayContaining([
      '/bedrock/ask-notes',
      '/bedrock/converse',
      '/bedrock/read-document',
      '/comprehend/entities',
      '/comprehend/key-phrases',
      '/comprehend/language',
      '/comprehend/pii',
      '/comprehend/sentiment',
      '/comprehend/toxicity',
      '/polly/speech',
      '/transcribe/jobs',
      '/translate',
    ]),
  );
  const translations = listed.filter((l) => l.routes.includes('/translate')).map((l) => read(l.file));
  expect(translations.map((t) => `${t.sourceLanguage ?? 'auto'}→${t.targetLanguage}`)).toEqual(
    expect.arrayContaining(['auto→ko', 'ko→en']),
  );
});

test("Polly's Korean sample uses Seoyeon on an engine Seoyeon has", () => {
  const body = polly.speechRequest.parse(read('text/polly-speech.ko.json'));
  expect(body.voiceId).toBe('Seoyeon');
  expect(SEOYEON_ENGINES).toContain(body.engine);
});

test('the Transcribe Korean samples ask for ko-KR', () => {
  expect(read('text/transcribe-ko.json').languageCode).toBe('ko-KR');
  expect(read('text/transcribe-identify.json').languageOptions).toContain('ko-KR');
});

describe('negative controls', () => {
  test('a sample that no longer fits its schema is reported', () => {
    const pii = read('text/pii.ko.json');
    expect(sampleProblem('/comprehend/pii', { ...pii, language: 'ko' })).toMatch(/Unrecognized key/);
    expect(sampleProblem('/comprehend/pii', { ...pii, languageCode: 'kr' })).toMatch(/^languageCode:/);
    expect(sampleProblem('/polly/speech', { ...read('text/polly-speech.ko.json'), engine: 'turbo' })).toMatch(
      /^engine:/,
    );
    expect(sampleProblem('/transcribe/jobs', { languageCode: 'korean' })).toMatch(/languageCode/);
    expect(sampleProblem('/nope', {})).toBe('no request schema for /nope');
  });

  test('a sample missing from the README table is noticed', () => {
    const without = readme
      .split('\n')
      .filter((l) => !l.includes('`text/pii.ko.json`'))
      .join('\n');
    expect(listedSamples(without).map((l) => l.file)).not.toContain('text/pii.ko.json');
    expect(jsonFiles(SAMPLES)).toContain('text/pii.ko.json');
  });

  test('a file or a route missing from the Korean table is noticed', () => {
    const dropped = readmeKo.replace(/^\| `hello-en\.mp3` \|.*\n/m, '');
    expect(tableFiles(dropped)).not.toEqual(tableFiles(readme));
    const rerouted = readmeKo.replace(
      '| `text/pii.json` | `POST /comprehend/pii`',
      '| `text/pii.json` | `POST /comprehend/entities`',
    );
    expect(rerouted).not.toEqual(readmeKo);
    expect(listedSamples(rerouted)).not.toEqual(listed);
  });
});
