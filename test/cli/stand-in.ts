/**
 * A local stand-in for the lab's deployed APIs, on 127.0.0.1 and a random port, for the CLI tests.
 *
 * Like API Gateway with AWS_IAM auth it recomputes every request's SigV4 signature (service
 * execute-api) with the test credentials and answers 403 in the lab's error shape when the
 * signature is missing or wrong, or the route is unknown. Like the functions it validates bodies
 * and query strings with the demos' own zod schemas (lambda/<service>/schemas.ts) and answers
 * with realistic bodies: a usage block, a requestId, MP3 bytes for Polly when asked for audio, and
 * batch jobs that are IN_PROGRESS for two polls before they finish. It also plays the S3 endpoint
 * of the presigned POST uploads.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type * as z from 'zod';
import { requestSchemas as bedrockSchemas } from '../../lambda/bedrock/schemas';
import { comprehendUsage } from '../../lambda/comprehend/logic';
import { requestSchemas as comprehendSchemas } from '../../lambda/comprehend/schemas';
import {
  requestSchemas as pipelineSchemas,
  statusQuery as pipelineStatusQuery,
} from '../../lambda/pipeline/schemas';
import { audioDelivery } from '../../lambda/polly/logic';
import {
  FORMATS,
  type Format,
  requestSchemas as pollySchemas,
  voicesQuery,
} from '../../lambda/polly/schemas';
import { requestSchemas as rekognitionSchemas } from '../../lambda/rekognition/schemas';
import { validate } from '../../lambda/shared/body';
import { HttpError, notFound } from '../../lambda/shared/errors';
import { decodeBase64, requireMediaType } from '../../lambda/shared/media';
import {
  pollyCost,
  rekognitionCost,
  textractCost,
  transcribeCost,
  translateCost,
} from '../../lambda/shared/pricing';
import { assertOwnKey } from '../../lambda/shared/uploads';
import {
  DOCUMENT_UPLOAD,
  jobPath,
  jobQuery,
  requestSchemas as textractSchemas,
} from '../../lambda/textract/schemas';
import { newJobName } from '../../lambda/transcribe/logic';
import { AUDIO_UPLOAD, JOB_NAME, requestSchemas as transcribeSchemas } from '../../lambda/transcribe/schemas';
import { languagesQuery, requestSchemas as translateSchemas } from '../../lambda/translate/schemas';
import { SERVICES } from '../../lib/services';
import { pipelineStandIn } from './pipeline-stand-in';

export const TEST_REGION = 'us-east-1';
/** Static test credentials: the CLI signs with these, the stand-in verifies with them. */
export const TEST_CREDENTIALS = {
  accessKeyId: 'AKIASTANDIN000000001',
  secretAccessKey: 'stand-in-secret-access-key-0000000000001',
  sessionToken: 'stand-in-session-token',
};
export const STAGE = 'v1';
/** The bytes Polly "synthesizes": an ID3 header and MPEG frame sync, then filler. */
export const FAKE_MP3 = Buffer.concat([
  Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'),
  Buffer.from([0xff, 0xf3, 0x44, 0xc4]),
  Buffer.alloc(400, 0x55),
]);

export interface Recorded {
  readonly method: string;
  /** The catalogue route, e.g. `/textract/jobs/{jobId}`. */
  readonly route: string;
  readonly params: Record<string, string>;
  readonly query: Record<string, string>;
  readonly headers: http.IncomingHttpHeaders;
  readonly body?: any;
}

export interface RecordedUpload {
  readonly bucket: string;
  readonly fields: Record<string, string>;
  /** Form field names in the order sent (S3 wants `file` last). */
  readonly order: string[];
  readonly file: { name: string; type: string; bytes: Buffer };
}

/** A reply, sent after `delayMs` when given (a slow route). */
type Reply = (
  | { status: number; body: unknown; headers?: Record<string, string> }
  | {
      status: number;
      stream: (write: (event: unknown) => void) => Promise<void>;
      headers?: Record<string, string>;
    }
  | { status: number; binary: Buffer; contentType: string; headers?: Record<string, string> }
) & { delayMs?: number };

/** Returns a reply to replace the normal one, or undefined to let the route answer. */
export type Override = (req: Recorded) => Reply | undefined;

/** The comparison list the stand-in plays (the stack's COMPARE_MODEL_IDS). */
export const COMPARE_MODELS = ['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0', 'amazon.nova-pro-v1:0'];
export const STREAM_TOKENS = ['A foundation model ', 'is trained ', 'on broad data.'];
const NOTICE =
  'Unverified model output (할루시네이션 주의): check it against independent sources before you rely on it.';

/** The NDJSON events of POST /bedrock/converse-stream, as lambda/bedrock/stream.ts writes them. */
export function streamEvents(requestId: string, tokens = STREAM_TOKENS) {
  return {
    start: {
      type: 'start',
      modelId: 'amazon.nova-micro-v1:0',
      requestId,
      guardrail: { applied: true, version: '1', streamProcessingMode: 'sync' },
    },
    tokens: tokens.map((text) => ({ type: 'token', text })),
    usage: {
      type: 'usage',
      modelId: 'amazon.nova-micro-v1:0',
      stopReason: 'end_turn',
      usage: { unit: 'tokens', quantity: 30, inputTokens: 12, outputTokens: 18, estimatedCostUsd: 0.000003 },
      guardrail: { applied: true, version: '1', intervened: false, reasons: [] },
      timing: { timeToFirstTokenMs: 5, totalMs: 15, tokenEvents: tokens.length },
      verified: false,
      notice: NOTICE,
      pricesAsOf: '2025-06-01',
      requestId,
    },
  };
}

/**
 * A gate that holds a streamed reply open until the client shows it got the first token
 * (`release`), or until `ms` pass; `heldOpen()` is false once the timeout has opened it instead.
 */
export function holdGate(ms = 3000) {
  let release!: () => void;
  let open = true;
  let timer: NodeJS.Timeout | undefined;
  const released = new Promise<void>((r) => {
    release = r;
  });
  const timeout = new Promise<void>((r) => {
    timer = setTimeout(r, ms);
  }).then(() => {
    open = false;
  });
  return {
    gate: Promise.race([released, timeout]),
    release,
    heldOpen: () => open,
    /** Stop the timer (call when the test is done). */
    dispose: () => clearTimeout(timer),
  };
}

/**
 * A streamed reply: the start event and the first token, then (after `gate`, if given) the rest
 * with a short pause per token, then the last event (usage by default).
 */
export function streamReply(
  events: unknown[],
  options: { gate?: Promise<unknown>; pauseMs?: number; afterFirst?: number } = {},
): Reply {
  const afterFirst = options.afterFirst ?? 2;
  return {
    status: 200,
    stream: async (write) => {
      for (const [i, e] of events.entries()) {
        if (i === afterFirst && options.gate) await options.gate;
        else if (i > 0) await new Promise((r) => setTimeout(r, options.pauseMs ?? 5));
        write(e);
      }
    },
  };
}

export interface StandIn {
  /** Base URL like the stacks' ApiUrl output: http://127.0.0.1:PORT/v1/ */
  readonly url: string;
  /** Every signed, routed API request, in order. */
  readonly requests: Recorded[];
  /** Requests refused before routing (bad or missing signature, unknown route). */
  readonly refused: Array<{ path: string; code: string }>;
  readonly uploads: RecordedUpload[];
  /**
   * Every body and stream line sent back, as sent: what the lab's API (and S3) said, which the
   * CLI prints as received in either language (test/cli/korean.test.ts sets it apart).
   */
  readonly sent: string[];
  /** Replace the answer of one route, e.g. `POST /comprehend/toxicity`. */
  override(routeKey: string, fn: Override): void;
  /** Forget requests, uploads and overrides. */
  reset(): void;
  close(): Promise<void>;
}

const POST_SCHEMAS: Record<string, z.ZodType> = {
  ...comprehendSchemas,
  ...translateSchemas,
  ...textractSchemas,
  ...rekognitionSchemas,
  ...pollySchemas,
  ...transcribeSchemas,
  ...bedrockSchemas,
  ...pipelineSchemas,
};
const GET_SCHEMAS: Record<string, z.ZodType> = {
  '/translate/languages': languagesQuery,
  '/polly/voices': voicesQuery,
  '/textract/jobs/{jobId}': jobQuery,
  '/pipeline/runs/{runId}': pipelineStatusQuery,
};

const ROUTES = SERVICES.flatMap((s) => s.routes).map((r) => ({
  ...r,
  pattern: new RegExp(`^${r.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
}));

const gatewayError = (status: number, code: string, message: string, requestId: string): Reply => ({
  status,
  body: { error: { code, message, requestId } },
});

const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** 20240102T030405Z → Date */
const amzDate = (s: string) =>
  new Date(
    `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`,
  );

export async function startStandIn(): Promise<StandIn> {
  const requests: Recorded[] = [];
  const sent: string[] = [];
  const refused: StandIn['refused'] = [];
  const uploads: RecordedUpload[] = [];
  const overrides = new Map<string, Override>();
  /** Polls seen per job: IN_PROGRESS twice, then done. */
  const jobs = new Map<string, { polls: number; kind: 'textract' | 'transcribe'; mode?: string }>();
  const uploadedKeys = new Set<string>();
  let counter = 0;
  const verifier = new SignatureV4({
    service: 'execute-api',
    region: TEST_REGION,
    credentials: TEST_CREDENTIALS,
    sha256: Sha256,
    applyChecksum: false,
  });

  /** Null when the signature is right; otherwise why not, as API Gateway would say. */
  async function checkSignature(req: http.IncomingMessage, url: URL, raw: Buffer): Promise<string | null> {
    const auth = req.headers.authorization;
    const m =
      auth &&
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return 'MISSING';
    const [, keyId, , region, service, signedHeaders] = m;
    if (keyId !== TEST_CREDENTIALS.accessKeyId)
      return 'The security token included in the request is invalid.';
    if (region !== TEST_REGION || service !== 'execute-api') {
      return `Credential should be scoped to a valid region and service (got ${region}/${service}).`;
    }
    const date = String(req.headers['x-amz-date'] ?? '');
    if (!/^\d{8}T\d{6}Z$/.test(date) || Math.abs(Date.now() - amzDate(date).getTime()) > 5 * 60_000) {
      return 'Signature expired or X-Amz-Date missing.';
    }
    if (req.headers['x-amz-security-token'] !== TEST_CREDENTIALS.sessionToken) {
      return 'The security token included in the request is invalid.';
    }
    const claimed = req.headers['x-amz-content-sha256'];
    if (claimed !== undefined && claimed !== sha256Hex(raw))
      return 'The payload hash does not match the body.';
    const names = signedHeaders!.split(';');
    if (!names.includes('host') || !names.includes('x-amz-date'))
      return 'host and x-amz-date must be signed.';
    const headers: Record<string, string> = {};
    for (const n of names) {
      const v = req.headers[n];
      if (v === undefined) return `Signed header ${n} is missing.`;
      headers[n] = Array.isArray(v) ? v.join(',') : v;
    }
    const expected = await verifier.sign(
      {
        method: req.method ?? 'GET',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body: raw.length ? raw : undefined,
      },
      { signingDate: amzDate(date), signableHeaders: new Set(names) },
    );
    return expected.headers.authorization === auth
      ? null
      : 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';
  }

  function usage(unit: string, quantity: number, extra: Record<string, unknown> = {}) {
    return { unit, quantity, ...extra };
  }
  const pipeline = pipelineStandIn(() => uploads.map((u) => u.fields.key ?? ''));
  function answer(key: string, input: any, req: Recorded, base: string): Reply {
    const ok = (body: Record<string, unknown>, status = 200): Reply => ({ status, body });
    const piped = pipeline(key, input, req.params, base);
    if (piped) return piped;
    const text: string = input.text ?? '';
    switch (key) {
      case 'POST /comprehend/sentiment':
        return ok({
          sentiment: 'MIXED',
          scores: { positive: 0.412, negative: 0.103, neutral: 0.021, mixed: 0.464 },
          languageCode: input.languageCode ?? 'en',
          detectedLanguage: input.languageCode ? undefined : { languageCode: 'en', score: 0.99 },
          usage: comprehendUsage(input.languageCode ? [text.length] : [text.length, text.length]),
        });
      case 'POST /comprehend/entities':
        return ok({
          entities: [
            { text: 'AI services lab', type: 'ORGANIZATION', score: 0.91, beginOffset: 10, endOffset: 25 },
          ],
          languageCode: input.languageCode ?? 'en',
          usage: comprehendUsage([text.length]),
        });
      case 'POST /comprehend/key-phrases':
        return ok({
          keyPhrases: [{ text: 'the translation demo', score: 0.99, beginOffset: 20, endOffset: 40 }],
          languageCode: input.languageCode ?? 'en',
          usage: comprehendUsage([text.length]),
        });
      case 'POST /comprehend/language':
        return ok({
          languages: [{ languageCode: 'en', score: 0.994 }],
          usage: comprehendUsage([text.length]),
        });
      case 'POST /comprehend/pii':
        return ok({
          entities: [{ type: 'NAME', score: 0.999, beginOffset: 18, endOffset: 26 }],
          redactedText: text.replace('Jane Doe', '[NAME]'),
          containsPii: true,
          languageCode: input.languageCode ?? 'en',
          usage: comprehendUsage([text.length]),
        });
      case 'POST /comprehend/toxicity': {
        const segments: string[] = input.segments ?? [input.text];
        return ok({
          results: segments.map((_, i) => ({
            segment: i,
            toxicity: i === 0 ? 0.02 : 0.91,
            labels: [{ name: 'INSULT', score: i === 0 ? 0.01 : 0.88 }],
          })),
          languageCode: 'en',
          usage: comprehendUsage([segments.join('').length]),
        });
      }
      case 'POST /translate':
        return ok({
          translatedText: '생성형 AI는 다양한 작업에 적응할 수 있습니다.',
          sourceLanguage: input.sourceLanguage === 'auto' ? 'en' : input.sourceLanguage,
          sourceLanguageDetected: input.sourceLanguage === 'auto',
          targetLanguage: input.targetLanguage,
          usage: usage('characters', text.length, { estimatedCostUsd: translateCost(text.length) }),
        });
      case 'GET /translate/languages':
        return ok({
          displayLanguageCode: input.displayLanguageCode,
          count: 3,
          languages: [
            { code: 'en', name: 'English' },
            { code: 'ko', name: 'Korean' },
            { code: 'ja', name: 'Japanese' },
          ],
          usage: usage('characters', 0, { estimatedCostUsd: 0, note: 'ListLanguages is not billed' }),
        });
      case 'POST /textract/text':
      case 'POST /textract/analyze': {
        const bytes = decodeBase64('document', input.document, 4_620_288);
        const mediaType = requireMediaType('document', bytes, [
          'image/png',
          'image/jpeg',
          'image/tiff',
          'application/pdf',
        ]);
        const features: string[] = input.features ?? [];
        return ok({
          operation: key.endsWith('text') ? 'DetectDocumentText' : 'AnalyzeDocument',
          mediaType,
          ...(features.length && { features }),
          pages: 1,
          lines: [
            { text: 'INVOICE', confidence: 99.8, page: 1 },
            { text: 'Total: $1,234.50', confidence: 99.1, page: 1 },
          ],
          keyValues: features.includes('FORMS')
            ? [{ key: 'Invoice number', value: 'INV-0042', confidence: 95.2, page: 1 }]
            : [],
          tables: features.includes('TABLES')
            ? [
                {
                  page: 1,
                  rows: [
                    ['Item', 'Qty', 'Price'],
                    ['Widget', '2', '$10.00'],
                  ],
                  confidence: 97.5,
                },
              ]
            : [],
          queries: (input.queries ?? []).map((q: { text: string; alias?: string }) => ({
            query: q.text,
            alias: q.alias,
            answer: '$1,234.50',
            confidence: 92.3,
            page: 1,
          })),
          usage: usage('pages', 1, { estimatedCostUsd: textractCost(1, features as never) }),
        });
      }
      case 'POST /textract/uploads':
      case 'POST /transcribe/uploads': {
        const kind = key.startsWith('POST /textract') ? DOCUMENT_UPLOAD : AUDIO_UPLOAD;
        const k = `uploads/${randomUUID()}.${kind.types[input.contentType]}`;
        const bucket = key.startsWith('POST /textract')
          ? 'ai-lab-textract-uploads'
          : 'ai-lab-transcribe-uploads';
        return ok({
          upload: {
            method: 'POST',
            url: `${base}s3/${bucket}`,
            fields: {
              bucket,
              'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
              'X-Amz-Credential': `ASIAFUNCTIONROLE/20261128/${TEST_REGION}/s3/aws4_request`,
              'X-Amz-Date': '20261128T120000Z',
              'X-Amz-Security-Token': 'function-role-token',
              key: k,
              'Content-Type': input.contentType,
              Policy: Buffer.from(
                JSON.stringify({ conditions: [['content-length-range', 1, kind.maxBytes]] }),
              ).toString('base64'),
              'X-Amz-Signature': 'f'.repeat(64),
            },
            key: k,
            contentType: input.contentType,
            maxBytes: kind.maxBytes,
            expiresInSeconds: 300,
          },
          next: 'POST the file as multipart/form-data with these fields (the file last), then start the job.',
          usage: usage(kind === DOCUMENT_UPLOAD ? 'pages' : 'audio seconds', 0, { estimatedCostUsd: 0 }),
        });
      }
      case 'POST /textract/jobs': {
        assertOwnKey(input.key, DOCUMENT_UPLOAD);
        if (!uploadedKeys.has(input.key)) {
          throw new HttpError(
            400,
            'INVALID_REQUEST',
            'Textract could not read the uploaded object (InvalidS3ObjectException).',
          );
        }
        const jobId = createHash('sha256').update(randomUUID()).digest('hex');
        jobs.set(jobId, { polls: 0, kind: 'textract', mode: input.mode });
        return ok(
          {
            jobId,
            mode: input.mode,
            ...(input.features && { features: input.features }),
            key: input.key,
            status: 'IN_PROGRESS',
            poll: `GET /textract/jobs/${jobId}?mode=${input.mode}`,
            usage: usage('pages', 0, { note: 'billed per page when the job runs' }),
          },
          202,
        );
      }
      case 'GET /textract/jobs/{jobId}': {
        const { jobId } = validate(jobPath, req.params, 'path');
        const job = jobs.get(jobId);
        if (job?.kind !== 'textract' || job.mode !== input.mode) {
          throw notFound(`No Textract job ${jobId} for mode=${input.mode}.`);
        }
        job.polls += 1;
        if (job.polls <= 2) {
          return ok({
            jobId,
            mode: input.mode,
            status: 'IN_PROGRESS',
            next: 'Poll again in a few seconds.',
            usage: usage('pages', 0),
          });
        }
        return ok({
          jobId,
          mode: input.mode,
          status: 'SUCCEEDED',
          truncated: false,
          pages: 2,
          lines: [
            { text: 'Page one of the sample', confidence: 99.5, page: 1 },
            { text: 'Page two of the sample', confidence: 99.4, page: 2 },
          ],
          keyValues: [],
          tables: [],
          queries: [],
          usage: usage('pages', 2, { estimatedCostUsd: textractCost(2, []) }),
        });
      }
      case 'POST /rekognition/labels':
      case 'POST /rekognition/text':
      case 'POST /rekognition/faces':
      case 'POST /rekognition/moderation': {
        requireMediaType('image', decodeBase64('image', input.image, 4_620_288), ['image/png', 'image/jpeg']);
        const operation = {
          labels: 'DetectLabels',
          text: 'DetectText',
          faces: 'DetectFaces',
          moderation: 'DetectModerationLabels',
        }[key.split('/')[2]!]!;
        const results: Record<string, Record<string, unknown>> = {
          DetectLabels: {
            labels: [
              {
                name: 'Car',
                confidence: 97.1,
                parents: ['Vehicle'],
                categories: ['Vehicles'],
                aliases: [],
                instances: [],
              },
              {
                name: 'House',
                confidence: 93.4,
                parents: ['Building'],
                categories: ['Buildings'],
                aliases: [],
                instances: [],
              },
            ],
            maxLabels: input.maxLabels,
            minConfidence: input.minConfidence,
          },
          DetectText: {
            lines: [{ text: 'STOP', confidence: 99.2, polygon: [], words: ['STOP'] }],
            wordCount: 1,
            maxWords: 100,
          },
          DetectFaces: { faceCount: 0, faces: [], notes: ['No faces found.'] },
          DetectModerationLabels: {
            verdict: 'clear',
            flagged: false,
            labels: [],
            categories: [],
            contentTypes: [],
            minConfidence: input.minConfidence,
            note: 'Nothing at or above the threshold.',
          },
        };
        return ok({
          ...results[operation],
          usage: usage('images', 1, { operation, estimatedCostUsd: rekognitionCost(1) }),
        });
      }
      case 'POST /polly/speech': {
        const u = usage('characters', text.length, {
          engine: input.engine,
          estimatedCostUsd: pollyCost(text.length, input.engine),
        });
        // The lab's rule: audio only for an Accept API Gateway can deliver as bytes, else 406.
        const contentType = FORMATS[(input.format ?? 'mp3') as Format];
        const delivery = audioDelivery(req.headers.accept as string | undefined, contentType);
        if (delivery.kind === 'refuse') throw new HttpError(406, 'NOT_ACCEPTABLE', delivery.reason);
        if (delivery.kind === 'audio') return { status: 200, binary: FAKE_MP3, contentType };
        return ok({
          voiceId: input.voiceId,
          engine: input.engine,
          contentType,
          audioBytes: FAKE_MP3.length,
          audioBase64: FAKE_MP3.toString('base64'),
          hint: "Send 'Accept: audio/mpeg' to receive the audio itself.",
          usage: u,
        });
      }
      case 'GET /polly/voices':
        return ok({
          count: 1,
          voices: [
            {
              id: 'Seoyeon',
              name: 'Seoyeon',
              gender: 'Female',
              languageCode: 'ko-KR',
              languageName: 'Korean',
              engines: ['neural', 'standard'],
            },
          ],
          usage: usage('characters', 0, { estimatedCostUsd: 0, note: 'DescribeVoices is not billed' }),
        });
      case 'POST /transcribe/jobs': {
        if (input.key) {
          assertOwnKey(input.key, AUDIO_UPLOAD);
          if (!uploadedKeys.has(input.key))
            throw new HttpError(400, 'INVALID_REQUEST', 'The uploaded object was not found.');
        } else {
          requireMediaType(
            'audioBase64',
            decodeBase64('audioBase64', input.audioBase64, 3 * 1024 * 1024),
            Object.keys(AUDIO_UPLOAD.types),
          );
        }
        const jobName = newJobName();
        jobs.set(jobName, { polls: 0, kind: 'transcribe' });
        return ok(
          {
            jobName,
            status: 'IN_PROGRESS',
            key: input.key ?? `uploads/inline-${randomUUID()}.wav`,
            poll: `GET /transcribe/jobs/${jobName}`,
            usage: usage('audio seconds', 0, {
              note: 'billed per second of audio when the job completes (15 s minimum)',
            }),
          },
          202,
        );
      }
      case 'GET /transcribe/jobs/{jobName}': {
        const jobName = req.params.jobName!;
        if (!JOB_NAME.test(jobName))
          throw new HttpError(
            400,
            'INVALID_REQUEST',
            'Invalid request: path.jobName: is not a job name this lab created',
          );
        const job = jobs.get(jobName);
        if (job?.kind !== 'transcribe') throw notFound(`No transcription job named ${jobName}.`);
        job.polls += 1;
        const base = { jobName, languageCode: 'en-US', createdAt: '2026-11-28T12:00:00.000Z' };
        if (job.polls <= 2)
          return ok({
            ...base,
            status: 'IN_PROGRESS',
            next: 'Poll again in a few seconds.',
            usage: usage('audio seconds', 0),
          });
        return ok({
          ...base,
          status: 'COMPLETED',
          completedAt: '2026-11-28T12:00:21.000Z',
          transcript: 'Hello! Amazon Transcribe turns speech into text.',
          durationSeconds: 3.4,
          usage: usage('audio seconds', 15, { estimatedCostUsd: transcribeCost(3.4) }),
        });
      }
      case 'POST /bedrock/converse': {
        const samples: number = input.samples;
        const outputs = Array.from(
          { length: samples },
          (_, i) => `Answer ${i + 1}: a foundation model is a large model trained on broad data.`,
        );
        const elements = input.prompt
          ? undefined
          : ['instruction', 'context', 'inputData', 'outputIndicator'].filter((k) => input[k]);
        return ok({
          modelId: 'amazon.nova-micro-v1:0',
          text: outputs[0],
          stopReason: 'end_turn',
          ...(samples > 1 && {
            samples,
            outputs: outputs.map((t) => ({ text: t, stopReason: 'end_turn' })),
            identical: false,
            distinctOutputs: samples,
          }),
          ...(elements && {
            elementsUsed: elements,
            assembledPrompt: `## Instruction\n${input.instruction ?? ''}`,
          }),
          inferenceConfig: {
            temperature: input.temperature,
            topP: input.topP,
            maxTokens: {
              requested: input.maxTokens,
              applied: Math.min(input.maxTokens ?? 512, 512),
              cap: 512,
              clamped: (input.maxTokens ?? 0) > 512,
            },
          },
          guardrail: { applied: true, version: '1', intervened: false, reasons: [] },
          verified: false,
          notice:
            'Unverified model output (할루시네이션 주의): check it against independent sources before you rely on it.',
          usage: usage('tokens', 60 * samples, {
            inputTokens: 20 * samples,
            outputTokens: 40 * samples,
            modelCalls: samples,
            estimatedCostUsd: 0.00001,
          }),
        });
      }
      case 'POST /bedrock/converse-stream': {
        const e = streamEvents('standin-stream');
        return streamReply([e.start, ...e.tokens, e.usage]);
      }
      case 'POST /bedrock/compare': {
        const models: string[] = input.models ?? COMPARE_MODELS;
        const unknown = models.filter((m) => !COMPARE_MODELS.includes(m));
        if (unknown.length) {
          throw new HttpError(
            400,
            'INVALID_REQUEST',
            `Model ${unknown.join(', ')} is not in the lab's comparison list.`,
          );
        }
        const perK = [0.000175, 0.0003, 0.004];
        const rows = models.map((modelId) => {
          const i = COMPARE_MODELS.indexOf(modelId);
          return {
            modelId,
            ok: true,
            text: `${modelId} says: retrieval-augmented generation grounds answers in retrieved passages.`,
            stopReason: 'end_turn',
            latencyMs: 300 * (i + 1),
            modelLatencyMs: 280 * (i + 1),
            inputTokens: 12,
            outputTokens: 20 * (i + 1),
            estimatedCostUsd: 0.000002 * (i + 1),
            guardrail: { applied: true, version: '1', intervened: false, reasons: [] },
            price: {
              modelId,
              usdPer1kInAnd1kOutTokens: perK[i],
              timesCheapest: Math.round((perK[i]! / perK[COMPARE_MODELS.indexOf(models[0]!)]!) * 100) / 100,
            },
          };
        });
        const times = rows.map((r) => r.price.timesCheapest);
        return ok({
          models: rows,
          priceRatio: {
            basis: 'list price of 1000 input + 1000 output tokens',
            dearestOverCheapest: Math.max(...times) / Math.min(...times),
          },
          note: 'Model choice (모델 선택 시 고려 사항): the same prompt, several models.',
          verified: false,
          notice: NOTICE,
          pricesAsOf: '2025-06-01',
          usage: usage('tokens', 100, { modelCalls: models.length, estimatedCostUsd: 0.000012 }),
        });
      }
      case 'POST /bedrock/read-document': {
        // As the route checks it: the file's real type from its bytes, then a model's answer as fields.
        const bytes = decodeBase64('document', input.document, 4_500_000);
        const mediaType = requireMediaType('document', bytes, ['image/png', 'image/jpeg', 'application/pdf']);
        const korean = input.context?.includes('한국어') ?? false;
        const fields = korean
          ? { invoiceNumber: 'KO-2024-0042', customer: '홍길동', totalKrw: 172700 }
          : { invoiceNumber: 'INV-2024-0042', customer: 'Jane Doe', totalUsd: 130.5 };
        return ok({
          modelId: 'amazon.nova-lite-v1:0',
          mediaType,
          bytes: bytes.length,
          fields,
          structured: input.outputSchema ? { parsed: true, valid: true } : { parsed: true },
          text: JSON.stringify(fields),
          stopReason: 'end_turn',
          guardrail: { applied: true, version: '1', intervened: false, reasons: [] },
          verified: false,
          notice: NOTICE,
          pricesAsOf: '2025-06-01',
          usage: usage('tokens', 1300, {
            inputTokens: 1200,
            outputTokens: 100,
            modelCalls: 1,
            estimatedCostUsd: 0.000096,
          }),
        });
      }
      case 'POST /bedrock/ask-notes':
        return ok({
          modelId: 'amazon.nova-micro-v1:0',
          answer: 'The four elements are instruction, context, input data and output indicator [1].',
          modelCalled: true,
          citations: [
            {
              n: 1,
              heading: '프롬프트 엔지니어링',
              excerpt: '지침, 컨텍스트, 입력 데이터, 출력 지표',
              score: 7.2,
              citedInAnswer: true,
            },
          ],
          retrieval: {
            method: 'BM25+ keyword search over the notes (MiniSearch)',
            topK: input.topK,
            found: 1,
          },
          verified: false,
          usage: usage('tokens', 420, {
            inputTokens: 380,
            outputTokens: 40,
            modelCalls: 1,
            estimatedCostUsd: 0.00002,
          }),
        });
      default:
        throw new Error(`stand-in has no answer for ${key}`);
    }
  }

  async function s3Upload(bucket: string, req: http.IncomingMessage, raw: Buffer): Promise<Reply> {
    const xml = (code: string, message: string): Reply => ({
      status: 400,
      body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>S3STANDIN</RequestId></Error>`,
      headers: { 'content-type': 'application/xml' },
    });
    const form = await new Response(raw, {
      headers: { 'content-type': String(req.headers['content-type']) },
    }).formData();
    const order = [...form.keys()];
    const fields: Record<string, string> = {};
    let file: RecordedUpload['file'] | undefined;
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else
        file = {
          name: (value as File).name,
          type: value.type,
          bytes: Buffer.from(await value.arrayBuffer()),
        };
    }
    if (order.at(-1) !== 'file' || !file)
      return xml(
        'InvalidArgument',
        'Bucket POST must contain a field named file, and it must be the last field.',
      );
    if (!fields.key || !fields.Policy || !fields['X-Amz-Signature'])
      return xml('AccessDenied', 'Invalid according to Policy: missing fields');
    if (!file.bytes.length)
      return xml('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
    uploads.push({ bucket, fields, order, file });
    uploadedKeys.add(fields.key);
    return { status: 204, body: '' };
  }

  async function handle(req: http.IncomingMessage, raw: Buffer, base: string): Promise<Reply> {
    const url = new URL(req.url ?? '/', base);
    const requestId = `standin-${String(++counter).padStart(4, '0')}`;
    const s3 = /^\/s3\/([^/]+)$/.exec(url.pathname);
    if (s3 && req.method === 'POST') return s3Upload(s3[1]!, req, raw);

    const routePath = url.pathname.startsWith(`/${STAGE}/`) ? url.pathname.slice(STAGE.length + 1) : '';
    const route = ROUTES.find((r) => r.method === req.method && r.pattern.test(routePath));
    const bad = await checkSignature(req, url, raw);
    if (!route || bad === 'MISSING') {
      refused.push({ path: url.pathname, code: 'UNSIGNED_OR_UNKNOWN_ROUTE' });
      return gatewayError(
        403,
        'UNSIGNED_OR_UNKNOWN_ROUTE',
        'Sign the request with SigV4 (service execute-api), and check the method and path.',
        requestId,
      );
    }
    if (bad) {
      refused.push({ path: url.pathname, code: 'INVALID_SIGNATURE' });
      return gatewayError(403, 'INVALID_SIGNATURE', bad, requestId);
    }
    const key = `${route.method} ${route.path}`;
    const text = raw.toString('utf8');
    const recorded: Recorded = {
      method: route.method,
      route: route.path,
      params: { ...(route.pattern.exec(routePath)?.groups ?? {}) },
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(recorded);
    const override = overrides.get(key)?.(recorded);
    const reply = (() => {
      if (override) return override;
      try {
        const input =
          route.method === 'GET'
            ? GET_SCHEMAS[route.path]
              ? validate(GET_SCHEMAS[route.path]!, recorded.query, 'query')
              : Object.keys(recorded.query).length
                ? (() => {
                    throw new HttpError(
                      400,
                      'INVALID_REQUEST',
                      'Invalid request: query: no parameters expected',
                    );
                  })()
                : {}
            : validate(POST_SCHEMAS[route.path]!, recorded.body);
        return answer(key, input, recorded, base);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        return { status: err.status, body: { error: { code: err.code, message: err.message, requestId } } };
      }
    })();
    if ('body' in reply && reply.body && typeof reply.body === 'object' && !('error' in reply.body)) {
      (reply.body as Record<string, unknown>).requestId ??= requestId;
    }
    const headers = {
      'x-amzn-RequestId': requestId,
      ...('binary' in reply && { 'X-Request-Id': requestId }),
    };
    return { ...reply, headers: { ...headers, ...('headers' in reply ? reply.headers : {}) } };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const base = `http://${req.headers.host}/`;
      handle(req, Buffer.concat(chunks), base)
        .then(async (reply) => {
          if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
          const headers = 'headers' in reply ? (reply.headers ?? {}) : {};
          if ('stream' in reply) {
            res.writeHead(reply.status, { ...headers, 'content-type': 'application/x-ndjson' });
            res.flushHeaders();
            // A stream function that throws plays a connection that breaks after the 200.
            return reply
              .stream((e) => {
                sent.push(JSON.stringify(e));
                res.write(`${JSON.stringify(e)}\n`);
              })
              .then(
                () => {
                  res.end();
                },
                () => {
                  res.destroy();
                },
              );
          }
          if ('binary' in reply) {
            res.writeHead(reply.status, { ...headers, 'content-type': reply.contentType });
            res.end(reply.binary);
          } else if (typeof reply.body === 'string') {
            sent.push(reply.body);
            res.writeHead(reply.status, headers);
            res.end(reply.body);
          } else {
            sent.push(JSON.stringify(reply.body));
            res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
            res.end(JSON.stringify(reply.body));
          }
          return undefined;
        })
        .catch((err: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`stand-in failure: ${err.stack}`);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/${STAGE}/`,
    requests,
    refused,
    uploads,
    sent,
    override: (routeKey, fn) => overrides.set(routeKey, fn),
    reset: () => {
      requests.length = 0;
      sent.length = 0;
      refused.length = 0;
      uploads.length = 0;
      overrides.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
