/**
 * `npm run smoke`: call every route of every deployed demo once with the committed samples, print
 * a table (stack, route, status, latency, billable units) and exit non-zero on any failure. Stacks
 * that are not deployed are skipped, and said so. Batch routes start a job and read its status
 * once (or, with --wait, until it is done).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError } from 'commander';
import { type Lang, translator } from '../lib/i18n';
import { deployCommand } from '../lib/names';
import { SERVICES, service } from '../lib/services';
import {
  type ApiCall,
  ApiError,
  type Json,
  type LabClient,
  type PresignedUpload,
  uploadPresigned,
} from './client';
import { NotDeployedError } from './endpoints';
import { globalOptions, localize, runLang } from './localize';
import { OPTION_MESSAGES } from './messages/options';
import { OUTPUT_MESSAGES } from './messages/output';
import { SMOKE_MESSAGES } from './messages/smoke';
import { columns, formatUsage, pad, waitFor } from './output';
import { type CliDeps, type GlobalOptions, Session } from './session';
import { CliError } from './signer';

const SAMPLES = path.join(__dirname, '..', 'samples');

export interface SmokeRow {
  readonly stack: string;
  readonly route: string;
  readonly ok: boolean;
  /** HTTP status, or `not run` when an earlier step it needs failed. */
  readonly status: number | string;
  readonly latencyMs?: number;
  readonly units: string;
  readonly error?: string;
}

interface Outcome {
  readonly status: number;
  readonly usage?: unknown;
  /** Why a 2xx still counts as a failure (e.g. a FAILED job). */
  readonly failure?: string;
}

/** What a step can use: the demo's client, the samples, and values earlier steps left behind. */
class Step {
  /** The smoke run's words in the session's language (cli/messages/smoke.ts). */
  readonly t: ReturnType<typeof translator<keyof typeof SMOKE_MESSAGES.en>>;

  constructor(
    readonly client: LabClient,
    readonly session: Session,
    readonly state: Map<string, string>,
    readonly wait: { enabled: boolean; timeoutSeconds: number; intervalSeconds: number },
  ) {
    this.t = translator(SMOKE_MESSAGES, session.lang);
  }

  sample(name: string): Buffer {
    return readFileSync(path.join(SAMPLES, name));
  }

  body(name: string): Json {
    return JSON.parse(this.sample(name).toString('utf8')) as Json;
  }

  base64(name: string): string {
    return this.sample(name).toString('base64');
  }

  need(key: string, from: string): string {
    const value = this.state.get(key);
    if (!value) throw new NotRun(this.t('needs', { route: from }));
    return value;
  }

  async call(call: ApiCall): Promise<Outcome & { body: Json }> {
    const res = await this.client.json(call);
    return { status: res.status, usage: res.body.usage, body: res.body };
  }

  post(routePath: string, body: Json): Promise<Outcome> {
    return this.call({ method: 'POST', path: routePath, body });
  }

  /** A streamed route (NDJSON) read to its end: the usage event's block, or the error event as a failure. */
  async stream(routePath: string, body: Json): Promise<Outcome> {
    const res = await this.client.ndjson({ method: 'POST', path: routePath, body });
    let last: Json | undefined;
    let tokenEvents = 0;
    for await (const event of res.events) {
      last = event;
      if (event.type === 'token') tokenEvents += 1;
    }
    if (last?.type === 'usage') {
      return tokenEvents > 0
        ? { status: res.status, usage: last.usage }
        : { status: res.status, usage: last.usage, failure: this.t('noTokens') };
    }
    if (last?.type === 'error') {
      const e = (last.error ?? {}) as Json;
      return {
        status: res.status,
        failure: this.t('midStream', { code: String(e.code), message: String(e.message) }),
      };
    }
    return { status: res.status, failure: this.t('noUsage') };
  }

  /** The uploads route, then the presigned POST of the sample; remembers the key. */
  async upload(routePath: string, file: string, contentType: string, saveAs: string): Promise<Outcome> {
    const res = await this.call({ method: 'POST', path: routePath, body: { contentType } });
    const upload = res.body.upload as PresignedUpload;
    const sent = { bytes: this.sample(file), name: file, contentType };
    await uploadPresigned(upload, sent, this.session.fetch, this.session.lang);
    this.state.set(saveAs, upload.key);
    return res;
  }

  /** A job's status once, or until done with --wait; FAILED is a failure. */
  async status(call: ApiCall, job: 'job.textract' | 'job.transcribe', id: string): Promise<Outcome> {
    let last: Outcome & { body: Json } = { status: 0, body: {} };
    const poll = async () => {
      last = await this.call(call);
      return last.body;
    };
    if (this.wait.enabled) {
      await waitFor(poll, {
        io: this.session.io,
        lang: this.session.lang,
        label: translator(OUTPUT_MESSAGES, this.session.lang)(job, { id }),
        resume: 'npm run smoke -- --wait',
        timeoutSeconds: this.wait.timeoutSeconds,
        intervalSeconds: this.wait.intervalSeconds,
        sleep: this.session.sleep,
        now: this.session.now,
      });
    } else {
      await poll();
    }
    const status = String(last.body.status);
    return status === 'FAILED'
      ? {
          ...last,
          failure: this.t('jobFailed', {
            status,
            reason: String(last.body.failureReason ?? last.body.statusMessage ?? ''),
          }),
        }
      : last;
  }
}

class NotRun extends Error {}

const sentiment = (s: Step) => s.body('text/sentiment.json');

/** One step per catalogue route, in catalogue order (a route without one fails at start-up). */
export const STEPS: Record<string, (s: Step) => Promise<Outcome>> = {
  'POST /comprehend/sentiment': (s) => s.post('/comprehend/sentiment', sentiment(s)),
  'POST /comprehend/entities': (s) => s.post('/comprehend/entities', sentiment(s)),
  'POST /comprehend/key-phrases': (s) => s.post('/comprehend/key-phrases', sentiment(s)),
  'POST /comprehend/language': (s) => s.post('/comprehend/language', { text: sentiment(s).text }),
  'POST /comprehend/pii': (s) => s.post('/comprehend/pii', s.body('text/pii.json')),
  'POST /comprehend/toxicity': (s) => s.post('/comprehend/toxicity', s.body('text/toxicity.json')),

  'POST /translate': (s) => s.post('/translate', s.body('text/translate-ko.json')),
  'GET /translate/languages': (s) => s.call({ method: 'GET', path: '/translate/languages' }),

  'POST /textract/text': (s) => s.post('/textract/text', { document: s.base64('invoice-form.png') }),
  'POST /textract/analyze': (s) =>
    s.post('/textract/analyze', {
      document: s.base64('invoice-form.png'),
      features: ['TABLES', 'FORMS', 'QUERIES'],
      queries: [{ text: 'What is the total?', alias: 'TOTAL' }],
    }),
  'POST /textract/uploads': (s) =>
    s.upload('/textract/uploads', 'two-page.pdf', 'application/pdf', 'textractKey'),
  'POST /textract/jobs': async (s) => {
    const key = s.need('textractKey', 'POST /textract/uploads');
    const res = await s.call({ method: 'POST', path: '/textract/jobs', body: { key, mode: 'text' } });
    s.state.set('textractJob', String(res.body.jobId));
    return res;
  },
  'GET /textract/jobs/{jobId}': (s) => {
    const jobId = s.need('textractJob', 'POST /textract/jobs');
    const call: ApiCall = {
      method: 'GET',
      path: '/textract/jobs/{jobId}',
      params: { jobId },
      query: { mode: 'text' },
    };
    return s.status(call, 'job.textract', jobId);
  },

  'POST /rekognition/labels': (s) => s.post('/rekognition/labels', { image: s.base64('street-scene.jpg') }),
  'POST /rekognition/text': (s) => s.post('/rekognition/text', { image: s.base64('street-scene.jpg') }),
  'POST /rekognition/faces': (s) => s.post('/rekognition/faces', { image: s.base64('street-scene.jpg') }),
  'POST /rekognition/moderation': (s) =>
    s.post('/rekognition/moderation', { image: s.base64('street-scene.jpg') }),

  'POST /polly/speech': async (s) => {
    const res = await s.client.binary({
      method: 'POST',
      path: '/polly/speech',
      body: s.body('text/polly-speech.json'),
      accept: 'audio/mpeg',
    });
    // Audio bytes carry no usage block; an empty body is a failure.
    return res.bytes.length > 0 ? { status: res.status } : { status: res.status, failure: s.t('emptyAudio') };
  },
  'GET /polly/voices': (s) =>
    s.call({ method: 'GET', path: '/polly/voices', query: { languageCode: 'en-US' } }),

  'POST /transcribe/uploads': (s) =>
    s.upload('/transcribe/uploads', 'hello-en.mp3', 'audio/mpeg', 'transcribeKey'),
  'POST /transcribe/jobs': async (s) => {
    const key = s.need('transcribeKey', 'POST /transcribe/uploads');
    const res = await s.call({
      method: 'POST',
      path: '/transcribe/jobs',
      body: { key, languageCode: 'en-US' },
    });
    s.state.set('transcribeJob', String(res.body.jobName));
    return res;
  },
  'GET /transcribe/jobs/{jobName}': (s) => {
    const jobName = s.need('transcribeJob', 'POST /transcribe/jobs');
    return s.status(
      { method: 'GET', path: '/transcribe/jobs/{jobName}', params: { jobName } },
      'job.transcribe',
      jobName,
    );
  },

  'POST /bedrock/converse': (s) => s.post('/bedrock/converse', s.body('prompts/plain-prompt.json')),
  'POST /bedrock/ask-notes': (s) => s.post('/bedrock/ask-notes', s.body('prompts/ask-notes.json')),
  'POST /bedrock/converse-stream': (s) =>
    s.stream('/bedrock/converse-stream', s.body('prompts/plain-prompt.json')),
  'POST /bedrock/compare': async (s) => {
    const res = await s.call({
      method: 'POST',
      path: '/bedrock/compare',
      body: s.body('prompts/plain-prompt.json'),
    });
    const failed = ((res.body.models ?? []) as Json[]).filter((m) => !m.ok).map((m) => String(m.modelId));
    return failed.length ? { ...res, failure: s.t('noAnswer', { models: failed.join(', ') }) } : res;
  },
  'POST /bedrock/read-document': async (s) => {
    const res = await s.call({
      method: 'POST',
      path: '/bedrock/read-document',
      body: { ...s.body('prompts/read-invoice.ko.json'), document: s.base64('invoice-form.ko.png') },
    });
    const structured = (res.body.structured ?? {}) as Json;
    return structured.parsed === false
      ? { ...res, failure: s.t('noFields', { reason: String(structured.reason ?? s.t('noJson')) }) }
      : res;
  },

  // The pipeline in real time over two documents (a scan and a text) through every step; the
  // batch mode needs 100 documents and hours, so the smoke run leaves it to `pipeline run --batch`.
  'POST /pipeline/uploads': async (s) => {
    const res = await s.call({
      method: 'POST',
      path: '/pipeline/uploads',
      body: { contentType: 'image/png', name: 'invoice-form.png' },
    });
    const upload = res.body.upload as PresignedUpload;
    await uploadPresigned(
      upload,
      { bytes: s.sample('invoice-form.png'), name: 'invoice-form.png', contentType: 'image/png' },
      s.session.fetch,
    );
    s.state.set('pipelineRun', String(res.body.runId));
    return res;
  },
  'POST /pipeline/runs': async (s) => {
    const runId = s.need('pipelineRun', 'POST /pipeline/uploads');
    const text = s.sample('pipeline/customer-email.en.txt').toString('utf8');
    const res = await s.call({
      method: 'POST',
      path: '/pipeline/runs',
      body: {
        runId,
        documents: [{ name: 'customer-email.en.txt', text }],
        steps: ['extract', 'language', 'pii', 'sentiment', 'translate', 'summarize', 'speak'],
        targetLanguage: 'ko',
      },
    });
    s.state.set('pipelineStarted', runId);
    return res;
  },
  'GET /pipeline/runs/{runId}': async (s) => {
    const runId = s.need('pipelineStarted', 'POST /pipeline/runs');
    const call: ApiCall = { method: 'GET', path: '/pipeline/runs/{runId}', params: { runId } };
    let last = await s.call(call);
    const started = s.session.now();
    while (s.wait.enabled && last.body.status === 'RUNNING') {
      if (s.session.now() - started >= s.wait.timeoutSeconds * 1000) break;
      await s.session.sleep(s.wait.intervalSeconds * 1000);
      last = await s.call(call);
    }
    const items = (last.body.items ?? {}) as Json;
    if (['FAILED', 'TIMED_OUT', 'ABORTED'].includes(String(last.body.status))) {
      return { ...last, failure: s.t('runFailed', { status: String(last.body.status) }) };
    }
    return Number(items.failed ?? 0) > 0
      ? {
          ...last,
          failure: s.t('documentsFailed', { failed: String(items.failed), total: String(items.total) }),
        }
      : last;
  },
};

export interface SmokeOptions extends GlobalOptions {
  readonly wait?: boolean;
  readonly timeout: number;
  readonly interval: number;
  readonly only?: string[];
}

export interface SmokeReport {
  readonly rows: SmokeRow[];
  readonly skipped: Array<{ stack: string; reason: string }>;
}

export async function runSmoke(session: Session, o: SmokeOptions): Promise<SmokeReport> {
  const rows: SmokeRow[] = [];
  const skipped: SmokeReport['skipped'] = [];
  const wait = { enabled: Boolean(o.wait), timeoutSeconds: o.timeout, intervalSeconds: o.interval };
  for (const service of SERVICES.filter((s) => !o.only || o.only.includes(s.id))) {
    let client: LabClient;
    try {
      client = await session.clientOf(service);
    } catch (err) {
      if (!(err instanceof NotDeployedError)) throw err;
      skipped.push({ stack: session.stackOf(service), reason: err.message });
      continue;
    }
    const step = new Step(client, session, new Map(), wait);
    const t = step.t;
    for (const route of service.routes) {
      const key = `${route.method} ${route.path}`;
      const run = STEPS[key];
      if (!run) throw new Error(`No smoke step for ${key}: add one to STEPS in cli/smoke.ts.`);
      const started = session.now();
      const row = { stack: session.stackOf(service), route: key };
      try {
        const out = await run(step);
        rows.push({
          ...row,
          ok: !out.failure,
          status: out.status,
          latencyMs: Math.round(session.now() - started),
          units: formatUsage(out.usage, false),
          ...(out.failure && { error: out.failure }),
        });
      } catch (err) {
        if (err instanceof NotRun) {
          rows.push({ ...row, ok: false, status: t('notRun'), units: '—', error: err.message });
          continue;
        }
        if (!(err instanceof CliError)) throw err;
        const status = err instanceof ApiError ? err.status : t('error');
        rows.push({
          ...row,
          ok: false,
          status,
          latencyMs: Math.round(session.now() - started),
          units: '—',
          error: err.message,
        });
      }
    }
  }
  return { rows, skipped };
}

export function formatTable(rows: SmokeRow[], lang: Lang = 'en'): string {
  const t = translator(SMOKE_MESSAGES, lang);
  const header = (['stack', 'route', 'status', 'latency', 'units'] as const).map((k) => t(`col.${k}`));
  const cells = rows.map((r) => [
    r.stack,
    r.route,
    `${r.status}${r.ok ? '' : ` ${t('fail')}`}`,
    r.latencyMs === undefined ? '—' : String(r.latencyMs),
    r.units,
  ]);
  const widths = header.map((h, i) => Math.max(columns(h), ...cells.map((c) => columns(c[i]!))));
  const line = (c: string[]) =>
    c
      .map((v, i) => pad(v, widths[i]!, i === 3 ? 'start' : 'end'))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Run the smoke test; resolves to the exit code. */
export async function smokeMain(argv: string[], deps: CliDeps = {}): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const lang = runLang(argv, deps.env ?? process.env);
  const t = translator(SMOKE_MESSAGES, lang);
  const program = localize(new Command('smoke'), lang, {
    writeOut: deps.stdout ?? ((text) => process.stdout.write(text)),
    writeErr: deps.stderr ?? ((text) => process.stderr.write(text)),
  })
    .description(t('description'))
    .option('--json', t('opt.json'));
  for (const option of globalOptions(lang)) program.addOption(option);
  program
    .option('--only <ids>', t('opt.only', { ids: SERVICES.map((s) => s.id).join(',') }), (v) => v.split(','))
    .option('--wait', t('opt.wait'))
    .option('--timeout <seconds>', t('opt.timeout'), Number, 600)
    .option('--interval <seconds>', translator(OPTION_MESSAGES, lang)('interval'), Number, 5)
    .exitOverride();
  let o: SmokeOptions;
  try {
    o = program.parse(argv, { from: 'user' }).opts<SmokeOptions>();
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
  let session: Session;
  try {
    session = new Session(deps, { ...o, lang });
  } catch (err) {
    (deps.stderr ?? ((text: string) => process.stderr.write(text)))(`${(err as Error).message}\n`);
    return 2;
  }
  const { stdout, stderr } = session.io;
  let report: SmokeReport;
  try {
    // Fail once, clearly, rather than once per route.
    const creds = session.credentials;
    if (typeof creds === 'function') await creds();
    report = await runSmoke(session, o);
  } catch (err) {
    stderr(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const { rows, skipped } = report;
  const failed = rows.filter((r) => !r.ok);
  if (o.json) {
    stdout(
      `${JSON.stringify({ rows, skipped, passed: rows.length - failed.length, failed: failed.length }, null, 2)}\n`,
    );
  } else {
    if (rows.length) stdout(`${formatTable(rows, lang)}\n\n`);
    for (const f of failed)
      stdout(`${t('line.fail', { stack: f.stack, route: f.route, error: String(f.error) })}\n`);
    for (const s of skipped) stdout(`${t('line.skipped', { stack: s.stack, reason: s.reason })}\n`);
    const counts = { passed: rows.length - failed.length, failed: failed.length, skipped: skipped.length };
    stdout(`${t('summary', counts)}\n`);
  }
  if (rows.length === 0) {
    const deploy = deployCommand(session.stackOf(service('comprehend')));
    stderr(`${t('nothing', { prefix: session.prefix, deploy })}\n`);
    return 1;
  }
  return failed.length ? 1 : 0;
}

if (require.main === module) {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  smokeMain(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
