/**
 * Runs the planned units against the deployed lab: a few at a time (`--concurrency`), retrying
 * throttled (429) and unavailable (503) answers with a growing pause, and appending every answer to
 * the results file as its call finishes. Errors become records (never hidden, never fatal), except
 * the ones that make the whole run meaningless: a model the stack cannot call, or a route answering
 * with another model than the one asked for.
 */
import { ApiError, type Json, type LabClient } from '../cli/client';
import { CliError } from '../cli/signer';
import { baseModelId } from '../lambda/shared/pricing';
import type { Dataset } from './dataset';
import { judgePrompt, parseVerdict } from './judge';
import { MAIN_MODEL, matchDeployed } from './models';
import { JUDGE_MAX_TOKENS, type Unit } from './plan';
import type { AnswerRecord, CallError, EvalRecord, JudgeRecord, ResultsFile } from './records';

export interface Progress {
  start(total: number, done: number): void;
  tick(failed: boolean): void;
  stop(): void;
}

export interface RunDeps {
  /** The client of a stack's API, by route. */
  readonly clientFor: (route: string) => Promise<LabClient>;
  readonly results: ResultsFile;
  readonly concurrency: number;
  readonly progress: Progress;
  readonly sleep: (ms: number) => Promise<void>;
  /** Messages for the fatal cases, in the run's language. */
  readonly say: {
    readonly notDeployed: (model: string, allowed: string) => string;
    readonly otherModel: (route: string, asked: string, got: string) => string;
  };
  /** @default 4 */
  readonly maxRetries?: number;
  /** @default 1000 ms, doubled each retry */
  readonly backoffMs?: number;
}

/** A run that cannot go on (wrong model deployed): stops every worker. */
export class EvalStop extends CliError {
  override name = 'EvalStop';
}

const RETRIED = new Set([429, 503]);

/** The streamed answers of a model are a row of their own. */
export const STREAM_SUFFIX = ' (stream)';

/** Run `units` (those not in `done`), `concurrency` at a time; resolves when all have a record. */
export async function runUnits(
  units: readonly Unit[],
  done: ReadonlySet<string>,
  deps: RunDeps,
): Promise<void> {
  const todo = units.filter((u) => !done.has(u.key));
  deps.progress.start(units.length, units.length - todo.length);
  const deployed = new Map<string, string>();
  let next = 0;
  let stop: unknown;
  const worker = async () => {
    while (next < todo.length && stop === undefined) {
      const unit = todo[next++]!;
      try {
        const records = await runUnit(unit, deps, deployed);
        deps.results.append(records);
        deps.progress.tick(records.some((r) => !r.ok));
      } catch (err) {
        stop ??= err;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.concurrency, todo.length)) }, worker));
  } finally {
    deps.progress.stop();
  }
  if (stop !== undefined) throw stop;
}

interface Sent<T> {
  readonly value: T;
  readonly retries: number;
}

/** Call with retries on 429/503; an ApiError after the last retry is returned as the error. */
async function withRetries<T>(
  deps: RunDeps,
  call: () => Promise<T>,
): Promise<Sent<T> | { error: CallError; retries: number }> {
  const max = deps.maxRetries ?? 4;
  for (let attempt = 0; ; attempt++) {
    try {
      return { value: await call(), retries: attempt };
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (RETRIED.has(err.status) && attempt < max) {
        await deps.sleep((deps.backoffMs ?? 1_000) * 2 ** attempt);
        continue;
      }
      return { error: { status: err.status, code: err.code }, retries: attempt, ...{ apiError: err } };
    }
  }
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const usageOf = (body: Json) => (body.usage ?? {}) as Json;

async function runUnit(unit: Unit, deps: RunDeps, deployed: Map<string, string>): Promise<EvalRecord[]> {
  const client = await deps.clientFor(unit.route);
  const base = {
    kind: 'answer' as const,
    unit: unit.key,
    dataset: unit.dataset,
    itemId: unit.itemId,
    sample: unit.sample,
    route: unit.route,
  };
  const failed = (models: readonly string[], e: { error: CallError; retries: number }): AnswerRecord[] =>
    models.map((model) => ({ ...base, model, ok: false, retries: e.retries, error: e.error }));

  if (unit.route === '/bedrock/compare') return compare(unit, deps, deployed, client, base, failed);

  if (unit.route === '/bedrock/converse-stream') {
    const sent = await withRetries(deps, () => streamOnce(client, unit.body));
    if ('error' in sent) return failed([`${unit.models[0]!}${STREAM_SUFFIX}`], sent);
    const s = sent.value;
    checkModel(deps, unit.route, unit.models[0]!, s.modelId);
    const model = `${s.modelId || unit.models[0]!}${STREAM_SUFFIX}`;
    if (s.error)
      return [
        {
          ...base,
          model,
          ok: false,
          retries: sent.retries,
          error: s.error,
          ttftMs: s.ttftMs,
        },
      ];
    const usage = s.usage ?? {};
    return [
      {
        ...base,
        model,
        ok: true,
        retries: sent.retries,
        text: s.text,
        latencyMs: s.totalMs,
        ttftMs: s.ttftMs,
        inputTokens: num(usage.inputTokens),
        outputTokens: num(usage.outputTokens),
        costUsd: num(usage.estimatedCostUsd),
        intervened: s.intervened,
      },
    ];
  }

  const sent = await withRetries(deps, () =>
    client.json({ method: 'POST', path: unit.route, body: unit.body }),
  );
  if ('error' in sent) return failed(unit.models.length ? unit.models : ['ask-notes'], sent);
  const { body, latencyMs } = sent.value;
  const usage = usageOf(body);
  const measured = {
    ...base,
    ok: true,
    retries: sent.retries,
    latencyMs,
    inputTokens: num(usage.inputTokens),
    outputTokens: num(usage.outputTokens),
    costUsd: num(usage.estimatedCostUsd),
  };
  if (unit.route === '/comprehend/sentiment')
    return [{ ...measured, model: unit.models[0]!, text: String(body.sentiment ?? '') }];
  const guardrail = (body.guardrail ?? {}) as Json;
  const intervened = body.stopReason === 'guardrail_intervened' || guardrail.intervened === true;
  if (unit.route === '/bedrock/ask-notes') {
    return [
      {
        ...measured,
        model: String(body.modelId ?? 'ask-notes'),
        text: String(body.answer ?? ''),
        intervened,
        modelCalled: body.modelCalled === true,
        citations: ((body.citations ?? []) as Json[]).map((c) => String(c.heading ?? '')),
      },
    ];
  }
  const asked = unit.models[0]!;
  if (asked !== MAIN_MODEL) checkModel(deps, unit.route, asked, String(body.modelId ?? ''));
  const model = asked === MAIN_MODEL ? String(body.modelId ?? MAIN_MODEL) : asked;
  return [{ ...measured, model, text: String(body.text ?? ''), intervened }];
}

function checkModel(deps: RunDeps, route: string, asked: string, got: string): void {
  if (baseModelId(asked) !== baseModelId(got)) throw new EvalStop(deps.say.otherModel(route, asked, got));
}

async function compare(
  unit: Unit,
  deps: RunDeps,
  deployed: Map<string, string>,
  client: LabClient,
  base: Omit<AnswerRecord, 'model' | 'ok' | 'retries'>,
  failed: (models: readonly string[], e: { error: CallError; retries: number }) => AnswerRecord[],
): Promise<AnswerRecord[]> {
  const send = () =>
    client.json({
      method: 'POST',
      path: unit.route,
      body: { ...unit.body, models: unit.models.map((m) => deployed.get(m) ?? m) },
    });
  let sent = await withRetries(deps, send);
  // The stack may list inference profiles (us.amazon.nova-lite-v1:0) for the ids asked (amazon.nova-lite-v1:0):
  // its 400 names the list; map each model to its listed id once, and ask again.
  const allowed = 'error' in sent ? allowedOf(sent) : undefined;
  if (allowed) {
    for (const m of unit.models) {
      const match = matchDeployed(m, allowed);
      if (!match) throw new EvalStop(deps.say.notDeployed(m, allowed.join(', ')));
      deployed.set(m, match);
    }
    sent = await withRetries(deps, send);
  }
  if ('error' in sent) return failed(unit.models, sent);
  const rows = (sent.value.body.models ?? []) as Json[];
  return unit.models.map((m, i) => {
    const row = rows[i] ?? {};
    const model = String(row.modelId ?? deployed.get(m) ?? m);
    if (row.ok !== true) {
      const e = (row.error ?? {}) as Json;
      return {
        ...base,
        model,
        ok: false,
        retries: sent.retries,
        error: { status: 0, code: String(e.code ?? 'NO_ANSWER') },
      };
    }
    const guardrail = (row.guardrail ?? {}) as Json;
    return {
      ...base,
      model,
      ok: true,
      retries: sent.retries,
      text: String(row.text ?? ''),
      latencyMs: num(row.latencyMs),
      inputTokens: num(row.inputTokens),
      outputTokens: num(row.outputTokens),
      costUsd: num(row.estimatedCostUsd),
      intervened: row.stopReason === 'guardrail_intervened' || guardrail.intervened === true,
    };
  });
}

function allowedOf(sent: { error: CallError } & Record<string, unknown>): string[] | undefined {
  const err = sent.apiError as ApiError | undefined;
  const details = ((err?.body as Json | undefined)?.error as Json | undefined)?.details as Json | undefined;
  const allowed = details?.allowed;
  return sent.error.status === 400 && Array.isArray(allowed) ? allowed.map(String) : undefined;
}

interface Streamed {
  readonly modelId: string;
  readonly text: string;
  readonly ttftMs?: number;
  readonly totalMs: number;
  readonly usage?: Json;
  readonly intervened: boolean;
  readonly error?: CallError;
}

/** POST /bedrock/converse-stream read to its end: first-token time measured here, as the learner sees it. */
async function streamOnce(client: LabClient, body: Record<string, unknown>): Promise<Streamed> {
  const res = await client.ndjson({ method: 'POST', path: '/bedrock/converse-stream', body });
  let modelId = '';
  let text = '';
  let ttftMs: number | undefined;
  let last: Json | undefined;
  for await (const event of res.events) {
    last = event;
    if (event.type === 'start') modelId = String(event.modelId ?? '');
    if (event.type === 'token') {
      ttftMs ??= Math.round(performance.now() - res.started);
      text += String(event.text ?? '');
    }
  }
  const totalMs = Math.round(performance.now() - res.started);
  if (last?.type === 'usage') {
    const guardrail = (last.guardrail ?? {}) as Json;
    modelId ||= String(last.modelId ?? '');
    return {
      modelId,
      text,
      ttftMs,
      totalMs,
      usage: last.usage as Json,
      intervened: last.stopReason === 'guardrail_intervened' || guardrail.intervened === true,
    };
  }
  const code =
    last?.type === 'error'
      ? String(((last.error ?? {}) as Json).code ?? 'STREAM_ERROR')
      : 'STREAM_INCOMPLETE';
  return { modelId, text, ttftMs, totalMs, intervened: false, error: { status: res.status, code } };
}

/**
 * The judge: one /bedrock/converse call per answer of a short-answer data set that has none yet, with
 * the prompt in eval/judge-prompt.md, at temperature 0. Its cost is recorded like any other call.
 */
export async function runJudge(
  judge: string,
  datasets: readonly Dataset[],
  records: readonly EvalRecord[],
  deps: RunDeps,
): Promise<void> {
  const judged = new Set(
    records.filter((r): r is JudgeRecord => r.kind === 'judge').map((r) => `${r.forUnit}|${r.model}`),
  );
  const byName = new Map(datasets.map((d) => [d.name, d]));
  const todo = records.filter(
    (r): r is AnswerRecord =>
      r.kind === 'answer' &&
      r.ok &&
      byName.get(r.dataset)?.task === 'short-answer' &&
      !judged.has(`${r.unit}|${r.model}`),
  );
  const units: Unit[] = todo.map((r) => {
    const d = byName.get(r.dataset)!;
    const item = d.items.find((i) => i.id === r.itemId)!;
    return {
      key: `judge:${r.unit}|${r.model}`,
      dataset: r.dataset,
      itemId: r.itemId,
      sample: r.sample,
      route: '/bedrock/converse',
      models: [judge],
      body: {
        prompt: judgePrompt({ question: item.input, reference: item.reference ?? '', answer: r.text ?? '' }),
        temperature: 0,
        maxTokens: JUDGE_MAX_TOKENS,
      },
    };
  });
  if (units.length === 0) return;
  const answers = new Map(todo.map((r) => [`judge:${r.unit}|${r.model}`, r]));
  const judgeDeps: RunDeps = {
    ...deps,
    results: {
      append: (recs: readonly EvalRecord[]) =>
        deps.results.append(
          recs.map((rec): JudgeRecord => {
            const a = rec as AnswerRecord;
            const answer = answers.get(a.unit)!;
            return {
              kind: 'judge',
              unit: a.unit,
              forUnit: answer.unit,
              model: answer.model,
              judge: a.model,
              dataset: a.dataset,
              itemId: a.itemId,
              sample: a.sample,
              ok: a.ok,
              retries: a.retries,
              latencyMs: a.latencyMs,
              inputTokens: a.inputTokens,
              outputTokens: a.outputTokens,
              costUsd: a.costUsd,
              error: a.error,
              verdict: a.ok ? parseVerdict(a.text ?? '') : undefined,
            };
          }),
        ),
    } as unknown as ResultsFile,
  };
  await runUnits(units, new Set(), judgeDeps);
}
