/**
 * The parent workflow's three code steps around the batch job and the run's end, each reading
 * what JSONPath cannot (many S3 objects, JSONL): the batch input file (one Converse record per
 * item that reached the summarize step), the batch output mapped back to its items, and the run's
 * report with its cost.
 */
import { type CostOptions, runCost } from './cost';
import { failureOf, type ItemRecord, keys, toJsonl } from './run';
import type { RunStore } from './store';
import { ItemError } from './text';

export interface BatchSettings {
  readonly minRecords: number;
  readonly maxTokens: number;
}

/** One line of the batch input: the Converse request body, as the summarize step would send it. */
export function batchRecord(record: ItemRecord, maxTokens: number) {
  return {
    recordId: record.item.itemId,
    modelInput: {
      messages: [{ role: 'user', content: [{ text: record.prompt?.text ?? '' }] }],
      inferenceConfig: { maxTokens, temperature: 0 },
    },
  };
}

const readItems = async (store: RunStore, runId: string) =>
  store.jsonAll<ItemRecord>(await store.keys(keys.itemPrefix(runId)));

/** Write batch/<runId>/input/records.jsonl from the items waiting for their summary. */
export async function writeBatchInput(store: RunStore, runId: string, s: BatchSettings) {
  const waiting = (await readItems(store, runId)).filter((r) => r.status === 'pending-batch' && r.prompt);
  if (waiting.length < s.minRecords) {
    throw new ItemError(
      'BatchTooSmall',
      `${waiting.length} documents reached the summarize step; a Bedrock batch inference job needs at least ${s.minRecords} records (the model's "Minimum number of records per batch inference job" quota). No job was submitted.`,
    );
  }
  await store.put(
    keys.batchInput(runId),
    toJsonl(waiting.map((r) => batchRecord(r, s.maxTokens))),
    'application/jsonl',
  );
  return {
    records: waiting.length,
    inputUri: `s3://${store.bucket}/${keys.batchInput(runId)}`,
    outputUri: `s3://${store.bucket}/${keys.batchOutputPrefix(runId)}`,
  };
}

/** A line of the job's output (Converse invocation type): the model's answer, or an error instead. */
interface OutputLine {
  readonly recordId?: string;
  readonly modelOutput?: {
    readonly output?: { readonly message?: { readonly content?: ReadonlyArray<{ text?: string }> } };
    readonly stopReason?: string;
    readonly usage?: { readonly inputTokens?: number; readonly outputTokens?: number };
  };
  readonly error?: { readonly errorCode?: number | string; readonly errorMessage?: string };
}

/**
 * Map the job's output back to its items: each answered record gets its summary and goes to the
 * finishing map (batch/<runId>/finish.jsonl: guardrail check, speech, result); a record the job
 * answered with an error, or not at all, fails its item here.
 */
export async function readBatchOutput(store: RunStore, runId: string, jobArn: string) {
  const jobId = jobArn.slice(jobArn.lastIndexOf('/') + 1);
  const outKeys = (await store.keys(`${keys.batchOutputPrefix(runId)}${jobId}/`)).filter((k) =>
    k.endsWith('.jsonl.out'),
  );
  const answers = new Map<string, OutputLine>();
  for (const k of outKeys) {
    for (const line of (await store.text(k)).split('\n')) {
      if (!line.trim()) continue;
      const parsed = JSON.parse(line) as OutputLine;
      if (parsed.recordId) answers.set(parsed.recordId, parsed);
    }
  }
  const waiting = (await readItems(store, runId)).filter((r) => r.status === 'pending-batch');
  const finish: ItemRecord[] = [];
  let failed = 0;
  for (const r of waiting) {
    const a = answers.get(r.item.itemId);
    const text = a?.modelOutput?.output?.message?.content?.find((c) => c.text !== undefined)?.text;
    if (!a || a.error || text === undefined) {
      failed += 1;
      const cause = a?.error
        ? `The batch job answered this record with error ${a.error.errorCode}: ${a.error.errorMessage ?? ''}`
        : 'The batch job returned no answer for this record.';
      const record: ItemRecord = {
        ...r,
        status: 'failed',
        failed: { summarize: { Error: 'BatchRecordFailed', Cause: cause } },
      };
      await store.put(keys.item(runId, r.item.itemId), JSON.stringify(record));
      continue;
    }
    finish.push({
      ...r,
      summary: {
        text,
        stopReason: a.modelOutput?.stopReason,
        inputTokens: a.modelOutput?.usage?.inputTokens ?? 0,
        outputTokens: a.modelOutput?.usage?.outputTokens ?? 0,
        inference: 'batch',
      },
    });
  }
  if (finish.length > 0) await store.put(keys.finishManifest(runId), toJsonl(finish), 'application/jsonl');
  return { answered: finish.length, failed, finishKey: keys.finishManifest(runId) };
}

export interface RunReport {
  readonly runId: string;
  readonly outcome: string;
  readonly items: { total: number; ok: number; failed: number; pending: number };
  readonly failures: ReadonlyArray<{
    itemId: string;
    name: string;
    step: string;
    error: string;
    cause: string;
  }>;
  readonly cost: ReturnType<typeof runCost>;
  readonly error?: { Error?: string; Cause?: string };
}

/** The run's report: counts, each failure in a line, and the cost of what ran. */
export async function writeReport(
  store: RunStore,
  runId: string,
  itemCount: number,
  o: CostOptions,
  outcome: string,
  error?: { Error?: string; Cause?: string },
): Promise<RunReport> {
  const records = await readItems(store, runId);
  const failures = records.flatMap((r) => {
    const f = r.status === 'failed' ? failureOf(r) : undefined;
    return f ? [{ itemId: r.item.itemId, name: r.item.name, ...f }] : [];
  });
  const ok = records.filter((r) => r.status === 'ok').length;
  const report: RunReport = {
    runId,
    outcome,
    // Items with no record failed in a way their own workflow could not catch (see the Map's results).
    items: {
      total: itemCount,
      ok,
      failed: failures.length,
      pending: Math.max(0, itemCount - ok - failures.length),
    },
    failures,
    cost: runCost(records, o),
    ...(error && { error }),
  };
  await store.put(keys.report(runId), JSON.stringify(report));
  return report;
}
