#!/usr/bin/env -S npx tsx
/**
 * `npm run eval`: score models on a data set against the deployed lab, and write a report.
 *
 *   npm run eval -- --models nova-micro,nova-lite --samples 3
 *
 * Plans the calls, refuses when their estimated cost passes --max-cost, runs them a few at a time
 * with a progress bar, appends every answer to <out>/results.jsonl (run the same command again to
 * resume), then renders <out>/report.{md,html,json}; --publish sends the scores to CloudWatch.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type CliDeps, PREFIX_HELP, PREFIX_OPTION, Session } from '../cli/session';
import { CliError } from '../cli/signer';
import { PRICES_AS_OF } from '../lambda/shared/pricing';
import { EVAL_NAMESPACE } from '../lib/eval-metrics';
import { type Lang, pickLang } from '../lib/i18n';
import { SERVICES } from '../lib/services';
import { type Dataset, DatasetError, datasetNames, limited, loadDataset, resolveDataset } from './dataset';
import { JUDGE_PROMPT_FILE, judgePromptTemplate } from './judge';
import { evalTranslator } from './messages';
import { DEFAULT_MODELS, displayName, MAIN_MODEL, resolveModel } from './models';
import { estimate, planUnits } from './plan';
import { terminalProgress } from './progress';
import { publishScores, scoreData } from './publish';
import { ResultsFile, type RunSettings, sameRun } from './records';
import { buildReport } from './report';
import { renderHtml } from './report-html';
import { renderMarkdown } from './report-md';
import { type Progress, runJudge, runUnits } from './run';
import { summarise } from './summary';

export const FORMATS = ['md', 'html', 'json'] as const;
type Format = (typeof FORMATS)[number];

export interface EvalDeps extends CliDeps {
  readonly progress?: Progress;
  /** @default a CloudWatch client for the Region of the Bedrock API */
  readonly cloudWatch?: (region: string) => CloudWatchClient;
  /** Mark the results as stand-in data (tests, the committed example). */
  readonly standIn?: boolean;
  /** Retry pause base (ms) for 429/503. @default 1000 */
  readonly backoffMs?: number;
}

interface Options {
  models: string[];
  samples: number;
  dataset?: string[];
  limit?: number;
  concurrency: number;
  format: Format[];
  out: string;
  lang?: string;
  maxCost: number;
  publish?: boolean;
  judge?: string;
  stream?: boolean;
  target: number;
  fresh?: boolean;
  region?: string;
  profile?: string;
  outputsFile?: string;
  prefix?: string;
}

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const int = (min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
  return n;
};
const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('a number ≥ 0');
  return n;
};

function program(): Command {
  return new Command('eval')
    .description(
      'Score models on a data set against the deployed lab (quality, consistency, latency, cost per correct answer).',
    )
    .addOption(
      new Option(
        '--models <a,b,…>',
        `models: short names or Bedrock ids (default ${DEFAULT_MODELS.join(',')})`,
      ).argParser(list),
    )
    .addOption(
      new Option('--samples <n>', 'answers per item and model (non-determinism)')
        .argParser(int(1, 5))
        .default(1),
    )
    .addOption(
      new Option(
        '--dataset <names>',
        `data sets in samples/eval or JSON paths, comma separated, or all (default notes-qa.<lang>)`,
      ).argParser(list),
    )
    .addOption(new Option('--limit <n>', 'first n items of each data set').argParser(int(1, 1_000)))
    .addOption(
      new Option('--concurrency <n>', 'calls at once (the stage allows 5 a second)')
        .argParser(int(1, 8))
        .default(2),
    )
    .addOption(
      new Option('--format <md,html,json>', 'report formats')
        .argParser((v) => {
          const f = list(v);
          const bad = f.filter((x) => !(FORMATS as readonly string[]).includes(x));
          if (bad.length) throw new InvalidArgumentError(`one or more of ${FORMATS.join(', ')}`);
          return f;
        })
        .default(['md', 'html']),
    )
    .addOption(new Option('--out <dir>', 'where results.jsonl and the reports go').default('eval-results'))
    .addOption(
      new Option('--lang <en|ko>', 'report language (default: from the locale)').choices(['en', 'ko']),
    )
    .addOption(
      new Option('--max-cost <usd>', 'refuse to start above this estimated cost')
        .argParser(positive)
        .default(0.1),
    )
    .addOption(
      new Option(
        '--judge [model]',
        `also grade short answers with an LLM judge (prompt: ${path.relative(process.cwd(), JUDGE_PROMPT_FILE)}); default: the stack's main model`,
      ),
    )
    .addOption(
      new Option(
        '--stream',
        "stream the first model's answers (/bedrock/converse-stream) to measure time to first token",
      ),
    )
    .addOption(
      new Option('--target <percent>', 'share of correct answers that "meets the task"')
        .argParser(int(1, 100))
        .default(80),
    )
    .addOption(new Option('--publish', 'put the scores on the lab dashboard as CloudWatch custom metrics'))
    .addOption(new Option('--fresh', 'start over instead of resuming the results file'))
    .addOption(new Option('--region <region>', 'AWS Region of the lab (default: AWS_REGION or the profile)'))
    .addOption(new Option('--profile <name>', 'AWS profile'))
    .addOption(new Option('--outputs-file <file>', 'the file cdk deploy --outputs-file wrote'))
    .addOption(new Option(PREFIX_OPTION, PREFIX_HELP))
    .exitOverride();
}

function datasetsOf(o: Options, lang: Lang, cwd: string): Dataset[] {
  const specs = o.dataset?.includes('all') ? datasetNames() : (o.dataset ?? [`notes-qa.${lang}`]);
  return specs.map((s) => limited(loadDataset(resolveDataset(s, cwd)), o.limit));
}

/** The stack of this session's instance (--prefix) that serves a route. */
const stackOfRoute = (session: Session, route: string) => {
  const s = SERVICES.find((svc) => svc.routes.some((r) => r.path === route));
  if (!s) throw new Error(`No stack serves ${route}`);
  return session.stackOf(s);
};

export async function runEval(argv: string[], deps: EvalDeps = {}): Promise<number> {
  const stdout = deps.stdout ?? ((t: string) => process.stdout.write(t));
  const stderr = deps.stderr ?? ((t: string) => process.stderr.write(t));
  const cmd = program().configureOutput({ writeOut: stdout, writeErr: stderr });
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  const o = cmd.opts<Options>();
  const lang = pickLang(o.lang, deps.env);
  const t = evalTranslator(lang);
  const cwd = deps.cwd ?? process.cwd();
  try {
    const models = (o.models ?? DEFAULT_MODELS).map(resolveModel);
    const datasets = datasetsOf(o, lang, cwd);
    const session = new Session(deps, {
      region: o.region,
      profile: o.profile,
      outputsFile: o.outputsFile,
      prefix: o.prefix,
    });
    const judge =
      o.judge === undefined ? undefined : o.judge === (true as unknown) ? MAIN_MODEL : resolveModel(o.judge);
    const settings: RunSettings = {
      datasets: datasets.map((d) => ({ name: d.name, hash: d.hash, items: d.items.length })),
      models,
      samples: o.samples,
      stream: Boolean(o.stream),
      ...(judge ? { judge } : {}),
    };
    const outDir = path.resolve(cwd, o.out);
    const results = ResultsFile.in(outDir);
    const shown = path.relative(cwd, results.file) || results.file;
    let done = new Set<string>();
    if (results.exists() && !o.fresh) {
      const previous = results.read();
      if (!sameRun(previous.header.settings, settings))
        throw new CliError(t('cli.otherRun', { file: shown }));
      done = new Set(previous.records.filter((r) => r.kind === 'answer').map((r) => r.unit));
    }
    const units = planUnits(datasets, { models, samples: o.samples, stream: Boolean(o.stream) });
    const remaining = units.filter((u) => !done.has(u.key));
    const bound = estimate(remaining, datasets, {
      askNotesModels: models,
      judge,
      judgePromptChars: judgePromptTemplate().length,
    });
    if (bound.unpriced.length) {
      stderr(`${t('cli.unpriced', { models: bound.unpriced.map(displayName).join(', ') })}\n`);
      return 2;
    }
    const usd = `$${bound.usd.toFixed(4)}`;
    if (bound.usd > o.maxCost) {
      stderr(`${t('cli.refuse', { usd, max: `$${o.maxCost.toFixed(2)}` })}\n`);
      return 2;
    }
    stderr(
      `${t('cli.estimate', { usd, calls: bound.calls, modelCalls: bound.modelCalls, asOf: PRICES_AS_OF })}\n`,
    );
    if (done.size)
      stderr(
        `${t('cli.resume', { file: shown, done: units.length - remaining.length, total: units.length })}\n`,
      );
    else
      results.start({
        kind: 'run',
        version: 1,
        settings,
        startedAt: new Date((deps.now ?? Date.now)()).toISOString(),
        ...(deps.standIn ? { standIn: true } : {}),
      });

    const clients = new Map<string, ReturnType<Session['client']>>();
    const runDeps = {
      clientFor: (route: string) => {
        const stack = stackOfRoute(session, route);
        if (!clients.has(stack)) clients.set(stack, session.client(stack));
        return clients.get(stack)!;
      },
      results,
      concurrency: o.concurrency,
      progress: deps.progress ?? terminalProgress(process.stderr, t('cli.progress')),
      sleep: session.sleep,
      backoffMs: deps.backoffMs,
      say: {
        notDeployed: (model: string, allowed: string) => t('cli.notDeployed', { model, allowed }),
        otherModel: (route: string, asked: string, got: string) => t('cli.otherModel', { route, asked, got }),
      },
    };
    try {
      await runUnits(units, done, runDeps);
      if (judge) await runJudge(judge, datasets, results.read().records, runDeps);
    } catch (err) {
      const finished = new Set(results.read().records.map((r) => r.unit)).size;
      stderr(
        `${t('cli.stopped', { done: Math.min(finished, units.length), total: units.length, file: shown })}\n`,
      );
      throw err;
    }

    const final = results.read();
    const report = buildReport(final, datasets, { lang, target: o.target / 100 });
    mkdirSync(outDir, { recursive: true });
    const written: string[] = [];
    const write = (name: string, text: string) => {
      writeFileSync(path.join(outDir, name), text);
      written.push(path.relative(cwd, path.join(outDir, name)) || name);
    };
    if (o.format.includes('md')) write('report.md', renderMarkdown(report));
    if (o.format.includes('html')) write('report.html', renderHtml(report));
    if (o.format.includes('json')) write('report.json', `${JSON.stringify(jsonReport(report), null, 2)}\n`);
    stdout(
      `${t('cli.done', { calls: report.calls, usd: `$${report.totalUsd.toFixed(6)}`, files: written.join(', ') })}\n`,
    );

    if (o.publish) {
      const region = (await session.endpoint(stackOfRoute(session, '/bedrock/compare'))).region;
      const cw =
        deps.cloudWatch?.(region) ?? new CloudWatchClient({ region, credentials: session.credentials });
      const summaries = datasets.map((d) => summarise(d, final.records, o.samples, o.target / 100));
      const data = scoreData(summaries, new Date((deps.now ?? Date.now)()), session.prefix);
      const count = await publishScores(cw, data);
      stdout(
        `${t('cli.published', { count, instance: session.prefix, namespace: EVAL_NAMESPACE, region })}\n`,
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof CliError || err instanceof DatasetError) {
      stderr(`${err.message}\n`);
      return err instanceof DatasetError ? 2 : 1;
    }
    if (err instanceof Error && /is neither a short name/.test(err.message)) {
      stderr(`${t('cli.badOption', { option: '--models', problem: err.message })}\n`);
      return 2;
    }
    throw err;
  }
}

/** The JSON report: the numbers, without the chart geometry. */
function jsonReport(r: ReturnType<typeof buildReport>) {
  return {
    title: r.title,
    standIn: r.standIn,
    totalUsd: r.totalUsd,
    calls: r.calls,
    datasets: r.datasets.map((d) => ({
      name: d.dataset.name,
      task: d.dataset.task,
      lang: d.dataset.lang,
      items: d.dataset.items.length,
      samples: d.samples,
      pick: d.pick,
      verdict: d.verdict,
      models: d.models.map(({ latencies: _l, ...m }) => m),
    })),
  };
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  runEval(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`Unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
