/**
 * AiLab-Pipeline as the CLI tests' stand-in plays it (test/cli/stand-in.ts routes /pipeline/* here):
 * presigned uploads into a run's input/, a run started over the uploaded and inline documents, and
 * GET answers that show it RUNNING for two polls, then SUCCEEDED with one result per document and
 * the run's cost. The answers have the shape lambda/pipeline/routes.ts gives.
 */
import { randomUUID } from 'node:crypto';
import { project } from '../../lambda/pipeline/projection';
import { newRunId, plannedSteps } from '../../lambda/pipeline/run';
import {
  DOCUMENT_TYPES,
  type DocumentType,
  MAX_TEXT_BYTES,
  type RunRequest,
  type Step,
} from '../../lambda/pipeline/schemas';
import { badRequest, notFound } from '../../lambda/shared/errors';
import { TEST_REGION } from './stand-in/reply';

export const PIPELINE_BUCKET = 'ai-lab-pipeline-documents';

interface Run {
  readonly names: string[];
  readonly steps: Step[];
  readonly inference: 'realtime' | 'batch';
  polls: number;
}

/** The pipeline's answers, over the uploads the stand-in's S3 recorded (their keys). */
export function pipelineStandIn(uploadedKeys: () => string[]) {
  const runs = new Map<string, Run>();
  const ok = (body: Record<string, unknown>, status = 200) => ({ status, body });

  return (key: string, input: any, params: Record<string, string>, base: string) => {
    switch (key) {
      case 'POST /pipeline/uploads': {
        const runId = input.runId ?? newRunId();
        const type = input.contentType as DocumentType;
        const k = `input/${runId}/${randomUUID()}_${input.name ?? `document.${DOCUMENT_TYPES[type]}`}`;
        const maxBytes = type === 'text/plain' ? MAX_TEXT_BYTES : 5 * 1024 * 1024;
        return ok({
          runId,
          upload: {
            method: 'POST',
            url: `${base}s3/${PIPELINE_BUCKET}`,
            fields: {
              bucket: PIPELINE_BUCKET,
              'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
              'X-Amz-Credential': `ASIAFUNCTIONROLE/20261205/${TEST_REGION}/s3/aws4_request`,
              'X-Amz-Date': '20261205T120000Z',
              key: k,
              'Content-Type': type,
              Policy: Buffer.from(
                JSON.stringify({ conditions: [['content-length-range', 1, maxBytes]] }),
              ).toString('base64'),
              'X-Amz-Signature': 'f'.repeat(64),
            },
            key: k,
            contentType: type,
            maxBytes,
            expiresInSeconds: 300,
          },
          usage: { unit: 'documents', quantity: 0, estimatedCostUsd: 0 },
        });
      }
      case 'POST /pipeline/runs': {
        const req = input as RunRequest;
        const runId = req.runId ?? newRunId();
        const names = [
          ...uploadedKeys()
            .filter((k) => k.startsWith(`input/${runId}/`))
            .map((k) => k.slice(k.indexOf('_') + 1)),
          ...(req.documents ?? []).map((d) => d.name),
        ];
        if (names.length === 0)
          throw badRequest(
            `Run ${runId} has no documents: upload them with POST /pipeline/uploads first, or send documents.`,
          );
        if (req.inference === 'batch' && names.length < 100) {
          throw badRequest(
            `This run has ${names.length} documents; a Bedrock batch inference job needs at least 100 records (the model's minimum-records quota). Add documents, or use "inference": "realtime".`,
          );
        }
        const { steps, added } = plannedSteps(req.steps);
        runs.set(runId, { names, steps, inference: req.inference, polls: 0 });
        return ok(
          {
            runId,
            executionArn: `arn:aws:states:${TEST_REGION}:123456789012:execution:Pipeline:${runId}`,
            items: names.length,
            steps,
            ...(added.length && { added }),
            inference: req.inference,
            poll: `GET /pipeline/runs/${runId}`,
            usage: { unit: 'documents', quantity: names.length },
          },
          202,
        );
      }
      case 'GET /pipeline/runs/{runId}': {
        const run = runs.get(params.runId!);
        if (!run) throw notFound('No run with that id.');
        run.polls += 1;
        const total = run.names.length;
        const finished = run.polls > 2;
        // A Korean document fails the pii step, as the pipeline does (fail closed); the rest pass.
        const fails = (name: string) => /\.ko\./.test(name) && run.steps.includes('pii');
        const failing = run.names.filter(fails).length;
        const failed = finished ? failing : 0;
        const done = finished ? total - failing : Math.min(total - failing, run.polls - 1);
        const results = run.names.map((name, i) =>
          fails(name) && finished
            ? {
                itemId: `d${String(i + 1).padStart(5, '0')}`,
                name,
                status: 'failed',
                error: {
                  step: 'pii',
                  error: 'PiiLanguageNotSupported',
                  cause: 'DetectPiiEntities reads en and es; this document is ko.',
                },
                estimatedCostUsd: 0.0003,
              }
            : {
                itemId: `d${String(i + 1).padStart(5, '0')}`,
                name,
                status: 'ok',
                language: { code: 'en', score: 0.99 },
                sentiment: 'POSITIVE',
                redacted: [{ type: 'NAME', count: 1 }],
                summary: 'A customer praises the translation feature.',
                estimatedCostUsd: 0.0291,
              },
        );
        const size = Number(input.pageSize ?? 10);
        const start = Number(input.nextToken ?? 0);
        const page = results.slice(start, start + size);
        const cost = finished
          ? project(total, run.inference, {
              modelId: 'amazon.nova-micro-v1:0',
              guardrail: true,
              concurrency: 5,
            }).cost
          : undefined;
        return ok({
          runId: params.runId,
          status: finished ? 'SUCCEEDED' : 'RUNNING',
          inference: run.inference,
          items: finished
            ? { total, ok: done, failed, pending: 0, done }
            : { total, done, failed, phase: 'processing' },
          results: page,
          ...(start + size < total && { nextToken: String(start + size) }),
          ...(cost && { cost }),
          usage: { unit: 'documents', quantity: total, ...(cost && { estimatedCostUsd: cost.totalUsd }) },
        });
      }
      default:
        return undefined;
    }
  };
}
