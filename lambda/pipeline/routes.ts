/**
 * The pipeline's API: upload documents into a run, start the run (a Step Functions execution
 * whose Distributed Map takes each document through the chosen steps), and follow it. Every
 * ceiling is checked before anything is stored or started.
 */
import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  type DescribeMapRunCommandOutput,
  ListMapRunsCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { assertOfferedHere, type RegionGaps, readRegionGaps } from '../shared/availability';
import { assertMaxBytes, validate } from '../shared/body';
import { type AwsErrorOverride, badRequest, HttpError } from '../shared/errors';
import { type Route, route } from '../shared/http';
import { presignUpload } from '../shared/uploads';
import type { RunReport } from './batch';
import { batchModel } from './batch-models';
import { type CostOptions, runCost } from './cost';
import { keyOf, stepNeeds } from './needs';
import {
  assertRunnable,
  executionInput,
  failureOf,
  type ItemRecord,
  keys,
  manifestItems,
  newRunId,
  plannedSteps,
  toJsonl,
} from './run';
import {
  DOCUMENT_TYPES,
  type DocumentType,
  MAX_RUN_BODY_BYTES,
  MAX_TEXT_BYTES,
  RUN_ID,
  runRequest,
  statusQuery,
  uploadRequest,
} from './schemas';
import { RunStore } from './store';

export interface PipelineLimits {
  /** Documents in a real-time run (pipelineMaxItems). */
  readonly maxItems: number;
  /** Documents in a batch run (pipelineMaxBatchItems). */
  readonly maxBatchItems: number;
  /** The batch job's minimum records (pipelineBatchMinRecords). */
  readonly batchMinRecords: number;
  /** Largest image or PDF upload (pipelineMaxItemBytes). */
  readonly maxItemBytes: number;
}

export interface PipelineDeps {
  readonly s3: S3Client;
  readonly sfn: SFNClient;
  readonly bucket: string;
  readonly stateMachineArn: string;
  readonly modelId: string;
  readonly guardrail: boolean;
  readonly limits: PipelineLimits;
  /** What the deployment's Region lacks (the stack sets AI_LAB_REGION_GAPS). @default read from the environment */
  readonly gaps?: RegionGaps;
}

export const PIPELINE_ERRORS: Record<string, AwsErrorOverride> = {
  ExecutionDoesNotExist: { status: 404, code: 'NOT_FOUND', message: 'No run with that id.' },
  ExecutionAlreadyExists: {
    status: 409,
    code: 'CONFLICT',
    message: 'That run has already been started; upload into a new run to start another.',
  },
  StateMachineDoesNotExist: {
    status: 503,
    code: 'UPSTREAM_UNAVAILABLE',
    message: "The pipeline's state machine is missing: redeploy AiLab-Pipeline.",
  },
};

const EXTENSION_TYPES = Object.fromEntries(Object.entries(DOCUMENT_TYPES).map(([t, e]) => [e, t])) as Record<
  string,
  DocumentType
>;
const UUID = /^[0-9a-f-]{36}_/;

/** `input/<runId>/<uuid>_<name>.<ext>`: the caller's file name travels in the key. */
export const inputKey = (runId: string, name: string, extension: string) =>
  `${keys.inputPrefix(runId)}${randomUUID()}_${name.replace(/\.[^.]*$/, '') || 'document'}.${extension}`;

/** The uploaded documents of a run, from their keys (the manifest itself is skipped). */
export function documentsOf(runId: string, objectKeys: readonly string[]) {
  return objectKeys.flatMap((key) => {
    const file = key.slice(keys.inputPrefix(runId).length);
    const ext = file.slice(file.lastIndexOf('.') + 1);
    const type = EXTENSION_TYPES[ext];
    if (!type || !UUID.test(file)) return [];
    return [{ key, type, name: `${file.slice(37, file.lastIndexOf('.'))}.${ext}` }];
  });
}

const runPath = z.strictObject({ runId: z.string().regex(RUN_ID, 'is not a run id this API returned') });

type Counts = { total: number; succeeded: number; failed: number; running: number; pending: number };
const mapCounts = (m: DescribeMapRunCommandOutput): Counts => {
  const c = m.itemCounts;
  return {
    total: c?.total ?? 0,
    succeeded: c?.succeeded ?? 0,
    failed: (c?.failed ?? 0) + (c?.timedOut ?? 0) + (c?.aborted ?? 0),
    running: c?.running ?? 0,
    pending: c?.pending ?? 0,
  };
};

/** What GET shows of one item: its results, never more text than the item produced. */
export function itemView(r: ItemRecord, o: CostOptions) {
  const cost = runCost([r], o).steps.filter((s) => s.step !== 'orchestration');
  const failure = r.status === 'failed' ? failureOf(r) : undefined;
  return {
    itemId: r.item.itemId,
    name: r.item.name,
    status: r.status ?? 'running',
    ...(r.doc && { characters: r.doc.chars, pages: r.doc.pages, redacted: r.doc.redacted }),
    ...(r.language && { language: r.language }),
    ...(r.sentiment && { sentiment: r.sentiment.label }),
    ...(r.translation && { translation: r.translation.text }),
    ...(r.summary?.text !== undefined && {
      summary: r.summary.text,
      summaryTokens: { input: r.summary.inputTokens, output: r.summary.outputTokens },
      guardrail:
        r.summary.guardrail?.action ??
        (r.summary.stopReason === 'guardrail_intervened' ? 'GUARDRAIL_INTERVENED' : 'NONE'),
    }),
    ...(r.speech?.uri && { speech: r.speech.uri }),
    ...(failure && { error: failure }),
    estimatedCostUsd: cost.reduce((n, s) => n + s.costUsd, 0),
  };
}

export function pipelineRoutes(d: PipelineDeps): Route[] {
  const executionArn = (runId: string) =>
    `${d.stateMachineArn.replace(':stateMachine:', ':execution:')}:${runId}`;
  const costOptions: CostOptions = { modelId: d.modelId, guardrail: d.guardrail };

  return [
    route({
      method: 'POST',
      path: '/pipeline/uploads',
      schema: uploadRequest,
      handle: async ({ runId: given, contentType, name }) => {
        const runId = given ?? newRunId();
        const extension = DOCUMENT_TYPES[contentType];
        const maxBytes = contentType === 'text/plain' ? MAX_TEXT_BYTES : d.limits.maxItemBytes;
        const upload = await presignUpload(
          d.s3,
          d.bucket,
          { types: DOCUMENT_TYPES, prefix: keys.inputPrefix(runId), maxBytes },
          contentType,
          (ext) => inputKey(runId, name ?? `document.${extension}`, ext),
        );
        return {
          body: {
            runId,
            upload,
            next: `POST the file as multipart/form-data with these fields; upload the run's other files with {"runId": "${runId}"}, then POST /pipeline/runs with {"runId": "${runId}", "steps": [...]}.`,
          },
          usage: {
            unit: 'documents',
            quantity: 0,
            estimatedCostUsd: 0,
            note: 'uploads are not billed; S3 storage is',
          },
        };
      },
    }),
    route({
      method: 'POST',
      path: '/pipeline/runs',
      schema: runRequest,
      maxBodyBytes: MAX_RUN_BODY_BYTES,
      handle: async (req, ctx) => {
        const { steps, added } = plannedSteps(req.steps);
        // A step whose service, feature or model this Region lacks: 501, naming where it is offered.
        const gaps = d.gaps ?? readRegionGaps();
        for (const need of stepNeeds(steps, d.modelId)) assertOfferedHere(keyOf(need), gaps);
        for (const [i, doc] of (req.documents ?? []).entries()) {
          assertMaxBytes(`documents[${i}].text`, doc.text, MAX_TEXT_BYTES);
        }
        const batch = req.inference === 'batch';
        const ceiling = batch ? d.limits.maxBatchItems : d.limits.maxItems;
        const checkCount = (n: number) => {
          if (n > ceiling) {
            throw badRequest(
              `This run has ${n} documents; a ${batch ? 'batch' : 'real-time'} run takes at most ${ceiling} (the stack's ${batch ? 'pipelineMaxBatchItems' : 'pipelineMaxItems'} ceiling).`,
            );
          }
          if (batch && n < d.limits.batchMinRecords) {
            throw badRequest(
              `This run has ${n} documents; a Bedrock batch inference job needs at least ${d.limits.batchMinRecords} records (the model's minimum-records quota). Add documents, or use "inference": "realtime".`,
            );
          }
        };
        if (batch && !batchModel(d.modelId)) {
          throw badRequest(
            `The stack's model ${d.modelId} is not one the lab runs batch inference on (Amazon Nova Micro, Lite, Pro); use "inference": "realtime".`,
          );
        }
        if (!req.runId) checkCount(req.documents?.length ?? 0);

        // --- From here on, AWS calls: list what was uploaded, store the rest, start. -----------------
        const store = new RunStore(d.s3, d.bucket, ctx.signal);
        const runId = req.runId ?? newRunId();
        const existing = req.runId ? await store.keys(keys.inputPrefix(runId)) : [];
        if (existing.includes(keys.manifest(runId)))
          throw new HttpError(409, 'CONFLICT', PIPELINE_ERRORS.ExecutionAlreadyExists!.message);
        const uploaded = documentsOf(runId, existing);
        const total = uploaded.length + (req.documents?.length ?? 0);
        if (total === 0) {
          throw badRequest(
            `Run ${runId} has no documents: upload them with POST /pipeline/uploads first, or send documents.`,
          );
        }
        checkCount(total);
        const inline = (req.documents ?? []).map((doc) => ({
          key: inputKey(runId, doc.name, 'txt'),
          name: doc.name,
          type: 'text/plain' as const,
          text: doc.text,
        }));
        const items = manifestItems([...uploaded, ...inline]);
        assertRunnable(steps, items);
        for (const doc of inline) await store.put(doc.key, doc.text, 'text/plain; charset=utf-8');
        await store.put(keys.manifest(runId), toJsonl(items), 'application/jsonl');
        const input = executionInput(runId, req, steps, items.length);
        const started = await d.sfn.send(
          new StartExecutionCommand({
            stateMachineArn: d.stateMachineArn,
            name: runId,
            input: JSON.stringify(input),
          }),
          { abortSignal: ctx.signal },
        );
        ctx.logger.info('pipeline run started', {
          runId,
          items: items.length,
          steps,
          inference: req.inference,
        });
        return {
          status: 202,
          body: {
            runId,
            executionArn: started.executionArn,
            items: items.length,
            steps,
            ...(added.length > 0 && { added: added.map((s) => `${s} (needed by the steps asked for)`) }),
            inference: req.inference,
            poll: `GET /pipeline/runs/${runId}`,
          },
          usage: {
            unit: 'documents',
            quantity: items.length,
            note: 'each step is billed as it runs; the run report has the cost',
          },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/pipeline/runs/{runId}',
      schema: statusQuery,
      handle: async ({ pageSize, nextToken }, ctx) => {
        const { runId } = validate(runPath, ctx.pathParameters, 'path');
        const arn = executionArn(runId);
        const store = new RunStore(d.s3, d.bucket, ctx.signal);
        const signal = { abortSignal: ctx.signal };
        const ex = await d.sfn.send(new DescribeExecutionCommand({ executionArn: arn }), signal);
        const input = JSON.parse(ex.input ?? '{}') as { itemCount?: number; run?: { inference?: string } };
        const total = input.itemCount ?? 0;
        const running = ex.status === 'RUNNING';
        const report = running
          ? undefined
          : await store.json<RunReport>(keys.report(runId)).catch(() => undefined);
        let items: Record<string, unknown>;
        if (report) {
          items = { ...report.items, done: report.items.ok };
        } else {
          const arns =
            (await d.sfn.send(new ListMapRunsCommand({ executionArn: arn }), signal)).mapRuns ?? [];
          const runs = await Promise.all(
            arns
              .slice()
              .sort((a, b) => (a.startDate?.getTime() ?? 0) - (b.startDate?.getTime() ?? 0))
              .map(async (m) =>
                mapCounts(await d.sfn.send(new DescribeMapRunCommand({ mapRunArn: m.mapRunArn }), signal)),
              ),
          );
          const [process, finish] = runs;
          const batch = input.run?.inference === 'batch';
          const failed = runs.reduce((n, r) => n + r.failed, 0);
          const done = batch ? (finish?.succeeded ?? 0) : (process?.succeeded ?? 0);
          const phase = !process
            ? 'starting'
            : batch
              ? finish
                ? 'finishing'
                : process.running + process.pending > 0
                  ? 'processing'
                  : 'batch job'
              : 'processing';
          items = { total, done, failed, phase };
        }
        const page = await store.page(keys.itemPrefix(runId), pageSize, nextToken);
        const records = await store.jsonAll<ItemRecord>(page.keys);
        return {
          body: {
            runId,
            status: ex.status,
            startedAt: ex.startDate?.toISOString(),
            stoppedAt: ex.stopDate?.toISOString(),
            inference: input.run?.inference,
            items,
            results: records.map((r) => itemView(r, costOptions)),
            ...(page.nextToken && { nextToken: page.nextToken }),
            ...(report && { cost: report.cost, failures: report.failures }),
            ...(ex.status !== 'RUNNING' &&
              ex.status !== 'SUCCEEDED' && { error: { error: ex.error, cause: ex.cause } }),
          },
          usage: {
            unit: 'documents',
            quantity: total,
            ...(report && { estimatedCostUsd: report.cost.totalUsd }),
            note: report
              ? 'the whole run, from its report'
              : 'the cost is in the report written when the run ends',
          },
        };
      },
    }),
  ];
}
