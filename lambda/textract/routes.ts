/**
 * The Textract demo's routes: unstructured documents to structured data. Single-page documents
 * are read in real time (실시간 추론) from base64 in the body; multi-page ones go through S3 as a
 * batch (일괄 추론) job that the caller starts and then polls.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import {
  AnalyzeDocumentCommand,
  DetectDocumentTextCommand,
  type DocumentLocation,
  type FeatureType,
  GetDocumentAnalysisCommand,
  GetDocumentTextDetectionCommand,
  type QueriesConfig,
  StartDocumentAnalysisCommand,
  StartDocumentTextDetectionCommand,
  type TextractClient,
} from '@aws-sdk/client-textract';
import { validate } from '../shared/body';
import { type AwsErrorOverride, HttpError, notFound } from '../shared/errors';
import { type Route, type RouteContext, route } from '../shared/http';
import { countPdfPages, decodeBase64, formatBytes, requireMediaType } from '../shared/media';
import { type TextractFeature, textractCost } from '../shared/pricing';
import { assertOwnKey, presignUpload } from '../shared/uploads';
import type { Usage } from '../shared/usage';
import { isReadByTextract, languageNotice, readabilityOf, unsupportedLanguageMessage } from './languages';
import { type AsyncResultPage, mergePages, type ReadableDocument, readableDocument } from './readable';
import {
  analyzeRequest,
  DOCUMENT_UPLOAD,
  jobPath,
  jobQuery,
  MAX_SYNC_BODY_BYTES,
  MAX_SYNC_DOCUMENT_BYTES,
  type Mode,
  type Query,
  SYNC_MEDIA_TYPES,
  startJobRequest,
  textRequest,
  uploadRequest,
} from './schemas';

const UNIT = 'pages';
const REAL_TIME = 'real-time (실시간 추론): the answer comes back in this response.';
const BATCH =
  'batch (일괄 추론): Textract reads the document from S3 in the background; poll until SUCCEEDED or FAILED.';
const ASYNC_FLOW =
  'POST /textract/uploads {"contentType":"application/pdf"}, upload the file with the presigned POST, ' +
  'then POST /textract/jobs {"key": ..., "mode": "text" or "analyze"} and poll GET /textract/jobs/{jobId}';

/** GetDocument* calls per poll: 20 × 1,000 blocks is plenty for a demo and keeps the response small. */
export const MAX_RESULT_CALLS = 20;
/** Blocks per GetDocument* call (the API's maximum). */
export const BLOCKS_PER_CALL = 1_000;
/**
 * No further GetDocument* call starts after this long, and one in flight is aborted at it, so the
 * caller gets the pages fetched so far (truncated) instead of a timeout.
 */
export const RESULT_TIME_BUDGET_MS = 18_000;
/**
 * Time kept between the last result call and the request's deadline, for merging the pages and
 * building the answer; the budget above shrinks to fit it when the first call was slow.
 */
export const RESULT_RESERVE_MS = 3_000;

/** Friendlier messages for the Textract errors a learner is likely to meet. */
export const TEXTRACT_ERROR_OVERRIDES: Record<string, AwsErrorOverride> = {
  UnsupportedDocumentException: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message:
      'Textract cannot read this document (UnsupportedDocumentException). The synchronous routes take PNG, ' +
      `JPEG, or a single-page PDF or TIFF; for a multi-page file use the batch flow: ${ASYNC_FLOW}.`,
  },
  InvalidS3ObjectException: {
    status: 400,
    code: 'INVALID_REQUEST',
    message:
      'Textract could not read the uploaded object (InvalidS3ObjectException). Upload the file with the ' +
      'presigned POST from POST /textract/uploads first, then start the job with the key it returned.',
  },
};

export interface TextractDeps {
  readonly textract: TextractClient;
  readonly s3: S3Client;
  readonly bucket: string;
  /** Clock for the result time budget. @default Date.now */
  readonly now?: () => number;
}

/** Decode the base64 document of a sync route: size, media type and page count checked before AWS. */
export function readSyncDocument(value: string): { bytes: Buffer; mediaType: string } {
  const bytes = decodeBase64('document', value, MAX_SYNC_DOCUMENT_BYTES);
  const mediaType = requireMediaType('document', bytes, SYNC_MEDIA_TYPES);
  if (mediaType === 'application/pdf') {
    const pages = countPdfPages(bytes);
    if (pages !== undefined && pages > 1) {
      throw new HttpError(
        400,
        'MULTI_PAGE_DOCUMENT',
        `'document' is a PDF of ${pages} pages; the synchronous routes read a single page. ` +
          `For a multi-page document use the batch flow: ${ASYNC_FLOW}.`,
      );
    }
  }
  return { bytes, mediaType };
}

/** Textract's QueriesConfig; `allPages` for async jobs, where a query otherwise reads page 1 only. */
function queriesConfig(queries: readonly Query[] | undefined, allPages: boolean): QueriesConfig | undefined {
  if (!queries) return undefined;
  return {
    Queries: queries.map((q) => ({
      Text: q.text,
      ...(q.alias !== undefined && { Alias: q.alias }),
      ...(allPages && { Pages: ['*'] }),
    })),
  };
}

/** The features an analysis result shows it was run with (for a cost estimate when none were given). */
export function featuresSeen(doc: ReadableDocument): TextractFeature[] {
  const seen: TextractFeature[] = [];
  if (doc.blockCounts.TABLE) seen.push('TABLES');
  if (doc.blockCounts.KEY_VALUE_SET) seen.push('FORMS');
  if (doc.blockCounts.QUERY) seen.push('QUERIES');
  return seen;
}

function pagesUsage(pages: number, features: readonly TextractFeature[], extra: Partial<Usage> = {}): Usage {
  return {
    unit: UNIT,
    quantity: pages,
    estimatedCostUsd: textractCost(pages, features),
    ...(features.length > 0 && { features: features.join(',') }),
    ...extra,
  };
}

/**
 * Refuse, before any AWS call, a document the caller says is in a language Textract does not read (Korean),
 * pointing at POST /bedrock/read-document. A 400 like Comprehend's for the same case: the request asks a
 * service for something it does not do, and the lab answers that with one status and code everywhere.
 */
export function assertLanguageRead(languageHint: string | undefined): void {
  if (languageHint !== undefined && !isReadByTextract(languageHint)) {
    throw new HttpError(400, 'UNSUPPORTED_LANGUAGE', unsupportedLanguageMessage(languageHint));
  }
}

/** The readable document with its readability and, when it looks unread (Korean), a notice pointing elsewhere. */
function withLanguageNotice(doc: ReadableDocument) {
  const readability = readabilityOf(doc.lines);
  const notice = languageNotice(readability);
  return { ...doc, readability, ...(notice && { notice }) };
}

const isAbort = (err: unknown): boolean =>
  ['AbortError', 'TimeoutError'].includes((err as { name?: string })?.name ?? '');

export function textractRoutes({ textract, s3, bucket, now = Date.now }: TextractDeps): Route[] {
  /** One page of a job's results. */
  function getPage(
    mode: Mode,
    jobId: string,
    nextToken: string | undefined,
    abortSignal?: AbortSignal,
  ): Promise<AsyncResultPage> {
    const input = { JobId: jobId, MaxResults: BLOCKS_PER_CALL, NextToken: nextToken };
    return mode === 'text'
      ? textract.send(new GetDocumentTextDetectionCommand(input), { abortSignal })
      : textract.send(new GetDocumentAnalysisCommand(input), { abortSignal });
  }

  /**
   * Follow NextToken, within MAX_RESULT_CALLS calls and RESULT_TIME_BUDGET_MS, and never closer to
   * the request's deadline than RESULT_RESERVE_MS. The first call has only the deadline: without
   * it there is nothing to answer.
   */
  async function fetchResults(mode: Mode, jobId: string, ctx: RouteContext): Promise<AsyncResultPage[]> {
    const started = now();
    const pages: AsyncResultPage[] = [];
    let token: string | undefined;
    do {
      let page: AsyncResultPage;
      if (pages.length === 0) {
        try {
          page = await getPage(mode, jobId, undefined, ctx.signal);
        } catch (err) {
          if ((err as { name?: string })?.name === 'InvalidJobIdException') {
            throw notFound(
              `No Textract job ${jobId} for mode=${mode}. Job ids are valid for 7 days, and a job must be ` +
                `polled with the mode it was started with (the 'poll' link of POST /textract/jobs).`,
            );
          }
          throw err;
        }
      } else {
        const remaining = Math.min(
          started + RESULT_TIME_BUDGET_MS - now(),
          ctx.deadline.remainingMs() - RESULT_RESERVE_MS,
        );
        if (remaining <= 0) break;
        try {
          page = await getPage(
            mode,
            jobId,
            token,
            AbortSignal.any([ctx.signal, AbortSignal.timeout(remaining)]),
          );
        } catch (err) {
          if (isAbort(err)) break;
          throw err;
        }
      }
      pages.push(page);
      if (page.JobStatus !== 'SUCCEEDED' && page.JobStatus !== 'PARTIAL_SUCCESS') break;
      token = page.NextToken;
    } while (token && pages.length < MAX_RESULT_CALLS);
    return pages;
  }

  return [
    route({
      method: 'POST',
      path: '/textract/text',
      schema: textRequest,
      maxBodyBytes: MAX_SYNC_BODY_BYTES,
      handle: async ({ document, languageHint }, ctx) => {
        assertLanguageRead(languageHint);
        const { bytes, mediaType } = readSyncDocument(document);
        ctx.logger.info('document decoded', { mediaType, bytes: bytes.length });
        const out = await textract.send(new DetectDocumentTextCommand({ Document: { Bytes: bytes } }), {
          abortSignal: ctx.signal,
        });
        const doc = readableDocument(out);
        return {
          body: {
            operation: 'DetectDocumentText',
            mediaType,
            inference: REAL_TIME,
            ...withLanguageNotice(doc),
          },
          usage: pagesUsage(doc.pages, []),
        };
      },
    }),
    route({
      method: 'POST',
      path: '/textract/analyze',
      schema: analyzeRequest,
      maxBodyBytes: MAX_SYNC_BODY_BYTES,
      handle: async ({ document, features, queries, languageHint }, ctx) => {
        assertLanguageRead(languageHint);
        const { bytes, mediaType } = readSyncDocument(document);
        ctx.logger.info('document decoded', { mediaType, bytes: bytes.length, features: features.join(',') });
        const out = await textract.send(
          new AnalyzeDocumentCommand({
            Document: { Bytes: bytes },
            FeatureTypes: features as FeatureType[],
            QueriesConfig: queriesConfig(queries, false),
          }),
          { abortSignal: ctx.signal },
        );
        const doc = readableDocument(out);
        return {
          body: {
            operation: 'AnalyzeDocument',
            mediaType,
            features,
            inference: REAL_TIME,
            ...withLanguageNotice(doc),
          },
          usage: pagesUsage(doc.pages, features),
        };
      },
    }),
    route({
      method: 'POST',
      path: '/textract/uploads',
      schema: uploadRequest,
      handle: async ({ contentType }) => ({
        body: {
          upload: await presignUpload(s3, bucket, DOCUMENT_UPLOAD, contentType),
          next: 'POST the file as multipart/form-data with these fields (the file last), then POST /textract/jobs with {"key": ..., "mode": "text" or "analyze"}.',
          syncLimit: `Single-page documents up to ${formatBytes(MAX_SYNC_DOCUMENT_BYTES)} can skip the upload: POST /textract/text or /textract/analyze.`,
        },
        usage: { unit: UNIT, quantity: 0, estimatedCostUsd: 0, note: 'uploads are not billed by Textract' },
      }),
    }),
    route({
      method: 'POST',
      path: '/textract/jobs',
      schema: startJobRequest,
      handle: async (input, ctx) => {
        assertLanguageRead(input.languageHint);
        const key = assertOwnKey(input.key, DOCUMENT_UPLOAD);
        const location: DocumentLocation = { S3Object: { Bucket: bucket, Name: key } };
        const out =
          input.mode === 'text'
            ? await textract.send(new StartDocumentTextDetectionCommand({ DocumentLocation: location }), {
                abortSignal: ctx.signal,
              })
            : await textract.send(
                new StartDocumentAnalysisCommand({
                  DocumentLocation: location,
                  FeatureTypes: input.features as FeatureType[],
                  QueriesConfig: queriesConfig(input.queries, true),
                }),
                { abortSignal: ctx.signal },
              );
        if (!out.JobId) throw new HttpError(502, 'UPSTREAM_ERROR', 'Textract returned no JobId.');
        const features = input.features ?? [];
        ctx.logger.info('textract job started', { jobId: out.JobId, mode: input.mode });
        const query = `mode=${input.mode}${features.length ? `&features=${features.join(',')}` : ''}`;
        return {
          status: 202,
          body: {
            jobId: out.JobId,
            mode: input.mode,
            ...(features.length > 0 && { features }),
            key,
            status: 'IN_PROGRESS',
            poll: `GET /textract/jobs/${out.JobId}?${query}`,
            inference: BATCH,
          },
          usage: {
            unit: UNIT,
            quantity: 0,
            note: `billed per page when the job runs: ${textractCost(1, features)} USD per page at list price`,
          },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/textract/jobs/{jobId}',
      schema: jobQuery,
      handle: async ({ mode, features }, ctx) => {
        const { jobId } = validate(jobPath, ctx.pathParameters, 'path');
        const responses = await fetchResults(mode, jobId, ctx);
        const merged = mergePages(responses);
        const status = merged.JobStatus ?? 'IN_PROGRESS';
        const base = { jobId, mode, status };
        if (status === 'FAILED') {
          return {
            body: { ...base, statusMessage: merged.StatusMessage },
            usage: { unit: UNIT, quantity: 0, estimatedCostUsd: 0 },
          };
        }
        if (status === 'IN_PROGRESS') {
          return {
            body: { ...base, next: 'Poll again in a few seconds.', inference: BATCH },
            usage: { unit: UNIT, quantity: 0 },
          };
        }
        const doc = readableDocument(merged);
        const truncated = merged.NextToken !== undefined;
        const billed: TextractFeature[] = mode === 'text' ? [] : (features ?? featuresSeen(doc));
        ctx.logger.info('textract results read', { jobId, resultCalls: responses.length, truncated });
        return {
          body: {
            ...base,
            ...(merged.StatusMessage !== undefined && { statusMessage: merged.StatusMessage }),
            warnings: merged.Warnings,
            truncated,
            ...(truncated && {
              truncatedNote: `Stopped after ${responses.length} result calls (at most ${MAX_RESULT_CALLS} of ${BLOCKS_PER_CALL} blocks each, within ${RESULT_TIME_BUDGET_MS / 1000} s); lines, fields and tables past that point are missing.`,
            }),
            ...withLanguageNotice(doc),
          },
          usage: pagesUsage(
            doc.pages,
            billed,
            mode === 'analyze' && !features
              ? {
                  note: 'features inferred from the result; pass features=... (the poll link has it) for an exact estimate',
                }
              : {},
          ),
        };
      },
    }),
  ];
}
