/**
 * `pipeline upload`, `pipeline run` and `pipeline status`: the CLI side of AiLab-Pipeline. `run`
 * uploads the files into one run (presigned POSTs), starts it, follows it with a progress bar
 * (cli-progress on a terminal, a line per change otherwise), and ends with a table of the
 * documents and the run's cost, batch beside on demand when it was a batch run.
 */
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { Presets, SingleBar } from 'cli-progress';
import { Option, type OptionValues } from 'commander';
import { DOCUMENT_TYPES, STEPS } from '../lambda/pipeline/schemas';
import { type Lang, translator } from '../lib/i18n';
import { table } from './bedrock-commands';
import { type Json, type LabClient, type PresignedUpload, uploadPresigned } from './client';
import { PIPELINE_MESSAGES } from './messages/pipeline';
import type { OptionKit } from './options';
import { type Io, pad } from './output';
import type { Session } from './session';
import { CliError } from './signer';

/** What these actions need from the CLI's per-action context (cli/commands.ts Ctx). */
export interface PipelineCtx {
  exitCode: number;
  readonly o: OptionValues;
  readonly args: string[];
  readonly session: Session;
  client(): Promise<LabClient>;
  file(name: string): Buffer;
}

export interface PipelineAction {
  readonly name: string;
  readonly args?: (k: OptionKit) => ReadonlyArray<readonly [string, string]>;
  readonly options: (k: OptionKit) => Option[];
  readonly run: (c: PipelineCtx) => Promise<Json | undefined>;
}

const EXTENSION_TYPES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(DOCUMENT_TYPES).map(([type, ext]) => [ext, type])),
  jpeg: 'image/jpeg',
  text: 'text/plain',
  md: 'text/plain',
};

/** The words of these actions in `lang` (cli/messages/pipeline.ts). */
const words = (lang: Lang) => translator(PIPELINE_MESSAGES, lang);

const toNumber = (lang: Lang) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(words(lang)('notWhole', { value: v }));
  return n;
};

/** A file name the API accepts (letters, digits, spaces, `._-`). */
const safeName = (file: string, copy: number) => {
  const base = path
    .basename(file)
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .slice(0, 90);
  if (copy === 0) return base;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? `${base.slice(0, dot)}-${copy + 1}${base.slice(dot)}` : `${base}-${copy + 1}`;
};

async function upload(c: PipelineCtx, file: string, runId: string | undefined, copy = 0) {
  const bytes = c.file(file);
  const type = EXTENSION_TYPES[path.extname(file).slice(1).toLowerCase()];
  if (!type) {
    const extensions = Object.keys(EXTENSION_TYPES)
      .map((e) => `.${e}`)
      .join(', ');
    throw new CliError(words(c.session.lang)('badType', { file, extensions }));
  }
  const client = await c.client();
  const res = await client.json({
    method: 'POST',
    path: '/pipeline/uploads',
    body: { contentType: type, name: safeName(file, copy), ...(runId && { runId }) },
  });
  const up = res.body.upload as PresignedUpload;
  const sent = { bytes, name: path.basename(file), contentType: type };
  await uploadPresigned(up, sent, c.session.fetch, c.session.lang);
  return { runId: String(res.body.runId), key: up.key };
}

const usd = (v: unknown, lang: Lang) =>
  typeof v === 'number' ? `$${v < 0.01 ? v.toPrecision(3) : v.toFixed(4)}` : words(lang)('na');
const excerpt = (s: unknown, n = 48) => {
  const flat = String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

/** One row per document: what each step found, or the step it failed at. */
export function documentsTable(results: readonly Json[], lang: Lang = 'en'): string {
  const rows = results.map((r) => {
    const err = r.error as Json | undefined;
    const redacted = (r.redacted as Array<{ type: string; count: number }> | undefined)
      ?.map((x) => `${x.type}×${x.count}`)
      .join(' ');
    return [
      String(r.name),
      String(r.status),
      String((r.language as Json | undefined)?.code ?? ''),
      String(r.sentiment ?? ''),
      redacted ?? '',
      err ? `${err.step}: ${err.error}` : excerpt(r.summary ?? r.translation ?? ''),
      usd(r.estimatedCostUsd, lang),
    ];
  });
  const w = words(lang);
  const head = (['document', 'status', 'lang', 'sentiment', 'pii', 'summary', 'cost'] as const).map((k) =>
    w(`col.${k}`),
  );
  return table(head, rows);
}

/** The run's cost per step, and batch beside on demand for a batch run. */
export function costLines(cost: Json | undefined, lang: Lang = 'en'): string {
  const w = words(lang);
  if (!cost) return `${w('cost.none')}\n`;
  const steps = (cost.steps ?? []) as Json[];
  const lines = steps.map(
    (s) =>
      `  ${pad(String(s.step), 13)} ${pad(String(s.quantity), 8, 'start')} ${pad(String(s.unit), 36)} ${usd(s.costUsd, lang)}`,
  );
  const batch = cost.batch as Json | undefined;
  const saving = batch && {
    batch: usd(batch.batchUsd, lang),
    onDemand: usd(batch.onDemandUsd, lang),
    saved: usd(batch.savedUsd, lang),
  };
  return (
    `${w('cost.title', { asOf: String(cost.pricesAsOf) })}\n${lines.join('\n')}\n` +
    `  ${w('cost.total', { usd: usd(cost.totalUsd, lang) })}\n` +
    (saving ? `${w('cost.batch', saving)}\n` : '')
  );
}

const DONE = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/** A progress display: a cli-progress bar on a terminal, one line per change otherwise. */
function progress(io: Io, label: string, lang: Lang) {
  const w = words(lang);
  if (!io.stderrIsTTY) {
    let last = '';
    return {
      update(total: number, done: number, failed: number, phase: string) {
        const line = w('line', { label, count: done + failed, total, done, failed, phase });
        if (line !== last) io.stderr(`${line}\n`);
        last = line;
      },
      stop() {},
    };
  }
  const stream = Object.assign(
    new Writable({
      write(chunk, _enc, cb) {
        io.stderr(String(chunk));
        cb();
      },
    }),
    { isTTY: true, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true },
  );
  const bar = new SingleBar(
    {
      stream,
      // cli-progress fills the other placeholders ({bar}, {value}, …) as it draws.
      format: w('bar', { label }),
      hideCursor: false,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(total: number, done: number, failed: number, phase: string) {
      if (!started) {
        bar.start(Math.max(total, 1), 0, { done: 0, failed: 0, phase });
        started = true;
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(done + failed, { done, failed, phase });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Poll GET /pipeline/runs/{runId} until the run ends, then read every page of results. */
async function follow(c: PipelineCtx, runId: string, o: { timeoutSeconds: number; intervalSeconds: number }) {
  const client = await c.client();
  const get = (query: Record<string, string | undefined> = {}) =>
    client
      .json({ method: 'GET', path: '/pipeline/runs/{runId}', params: { runId }, query })
      .then((r) => r.body);
  const bar = progress(c.session.io, words(c.session.lang)('label', { runId }), c.session.lang);
  const started = c.session.now();
  let body: Json;
  try {
    for (;;) {
      body = await get({ pageSize: '1' });
      const items = (body.items ?? {}) as Json;
      const done = Number(items.done ?? items.ok ?? 0);
      const failed = Number(items.failed ?? 0);
      bar.update(Number(items.total ?? 0), done, failed, String(items.phase ?? body.status));
      if (DONE.has(String(body.status))) break;
      if (c.session.now() - started >= o.timeoutSeconds * 1000) {
        const command = `npm run demo -- pipeline status ${runId} --wait`;
        throw new CliError(words(c.session.lang)('stopped', { seconds: o.timeoutSeconds, command }));
      }
      await c.session.sleep(o.intervalSeconds * 1000);
    }
  } finally {
    bar.stop();
  }
  const results: Json[] = [];
  let next: string | undefined;
  do {
    const page = await get({ pageSize: '50', nextToken: next });
    results.push(...((page.results ?? []) as Json[]));
    next = page.nextToken as string | undefined;
  } while (next);
  return { ...body, results };
}

function report(c: PipelineCtx, body: Json): Json | undefined {
  if (c.o.json) return body;
  const { stdout } = c.session.io;
  const { lang } = c.session;
  const w = words(lang);
  const head = {
    runId: String(body.runId),
    status: String(body.status),
    inference: String(body.inference ?? 'realtime'),
  };
  stdout(`${w('head', head)}\n\n`);
  stdout(`${documentsTable((body.results ?? []) as Json[], lang)}\n\n`);
  stdout(costLines(body.cost as Json | undefined, lang));
  const error = body.error as Json | undefined;
  if (error) stdout(`${w('error', { error: String(error.error), cause: String(error.cause) })}\n`);
  if (body.status !== 'SUCCEEDED' || ((body.items as Json | undefined)?.failed as number) > 0) c.exitCode = 1;
  return undefined;
}

const waitOptions = (k: OptionKit) => [
  new Option('--timeout <seconds>', words(k.lang)('opt.timeout')).argParser(toNumber(k.lang)).default(1800),
  new Option('--interval <seconds>', k.t('interval')).argParser(toNumber(k.lang)).default(3),
];

export const PIPELINE_ACTIONS: Record<string, PipelineAction> = {
  'POST /pipeline/uploads': {
    name: 'upload',
    args: (k) => [['<file>', words(k.lang)('opt.uploadFile')]],
    options: (k) => [new Option('--run <runId>', words(k.lang)('opt.uploadRun'))],
    run: async (c) => {
      const up = await upload(c, c.args[0]!, c.o.run);
      return { ...up, next: `npm run demo -- pipeline run --run ${up.runId} --steps language,sentiment` };
    },
  },
  'POST /pipeline/runs': {
    name: 'run',
    args: (k) => [['[files...]', words(k.lang)('opt.files')]],
    options: (k) => [
      new Option('--steps <list>', words(k.lang)('opt.steps', { steps: STEPS.join(', ') }))
        .argParser((v) =>
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        )
        .makeOptionMandatory(),
      new Option('--to <language>', words(k.lang)('opt.to')),
      new Option('--batch', words(k.lang)('opt.batch')),
      new Option('--repeat <n>', words(k.lang)('opt.repeat')).argParser(toNumber(k.lang)),
      new Option('--run <runId>', words(k.lang)('opt.run')),
      new Option('--no-wait', words(k.lang)('opt.noWait')),
      ...waitOptions(k),
    ],
    run: async (c) => {
      const w = words(c.session.lang);
      const files = c.args.flat() as string[];
      if (files.length === 0 && !c.o.run) throw new CliError(w('give'));
      let runId: string | undefined = c.o.run;
      const copies = c.o.repeat ?? 1;
      const { stderr } = c.session.io;
      for (let k = 0; k < copies; k++) {
        for (const file of files) runId = (await upload(c, file, runId, k)).runId;
      }
      const n = files.length * copies;
      if (n)
        stderr(`${w(n === 1 ? 'uploaded.one' : 'uploaded.other', { count: n, runId: String(runId) })}\n`);
      const client = await c.client();
      const started = await client.json({
        method: 'POST',
        path: '/pipeline/runs',
        body: {
          runId,
          steps: c.o.steps,
          ...(c.o.to && { targetLanguage: c.o.to }),
          inference: c.o.batch ? 'batch' : 'realtime',
        },
      });
      const id = String(started.body.runId);
      if (!c.o.wait) return { ...started.body, next: `npm run demo -- pipeline status ${id} --wait` };
      if (c.o.batch) {
        stderr(`${w('batch', { command: `npm run demo -- pipeline status ${id} --wait` })}\n`);
      }
      return report(c, await follow(c, id, { timeoutSeconds: c.o.timeout, intervalSeconds: c.o.interval }));
    },
  },
  'GET /pipeline/runs/{runId}': {
    name: 'status',
    args: (k) => [['<runId>', words(k.lang)('opt.runId')]],
    options: (k) => [new Option('--wait', words(k.lang)('opt.wait')), ...waitOptions(k)],
    run: async (c) => {
      const runId = c.args[0]!;
      if (c.o.wait)
        return report(
          c,
          await follow(c, runId, { timeoutSeconds: c.o.timeout, intervalSeconds: c.o.interval }),
        );
      const client = await c.client();
      return (await client.json({ method: 'GET', path: '/pipeline/runs/{runId}', params: { runId } })).body;
    },
  },
};
