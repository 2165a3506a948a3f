/**
 * The Transcribe demo's routes: a batch (일괄) job you start and then poll, in contrast with the
 * real-time calls of the other demos.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  GetTranscriptionJobCommand,
  type LanguageCode,
  type MediaFormat,
  StartTranscriptionJobCommand,
  type TranscribeClient,
  type TranscriptionJob,
} from '@aws-sdk/client-transcribe';
import * as z from 'zod';
import { validate } from '../shared/body';
import { HttpError, notFound, toHttpError } from '../shared/errors';
import { type Route, route } from '../shared/http';
import { decodeBase64, requireMediaType } from '../shared/media';
import { roundUsd, transcribeCost } from '../shared/pricing';
import { assertOwnKey, newKey, presignUpload } from '../shared/uploads';
import { newJobName, readTranscript, type TranscriptDocument, transcriptKey } from './logic';
import {
  AUDIO_TYPES,
  AUDIO_UPLOAD,
  DEFAULT_JOB_STEM,
  jobNamePattern,
  MAX_INLINE_AUDIO_BYTES,
  MAX_INLINE_BODY_BYTES,
  MEDIA_FORMAT,
  startJobRequest,
  uploadRequest,
} from './schemas';

const UNIT = 'audio seconds';

export interface TranscribeDeps {
  readonly transcribe: TranscribeClient;
  readonly s3: S3Client;
  readonly bucket: string;
  /** What this instance's job names start with (JOB_NAME_STEM). @default DEFAULT_JOB_STEM */
  readonly jobStem?: string;
}

export function transcribeRoutes({
  transcribe,
  s3,
  bucket,
  jobStem = DEFAULT_JOB_STEM,
}: TranscribeDeps): Route[] {
  const jobPath = z.strictObject({
    jobName: z.string().regex(jobNamePattern(jobStem), 'is not a job name this lab created'),
  });
  return [
    route({
      method: 'POST',
      path: '/transcribe/uploads',
      schema: uploadRequest,
      handle: async ({ contentType }) => ({
        body: {
          upload: await presignUpload(s3, bucket, AUDIO_UPLOAD, contentType),
          next: 'POST the file as multipart/form-data with these fields, then POST /transcribe/jobs with {"key": ...}.',
        },
        usage: { unit: UNIT, quantity: 0, estimatedCostUsd: 0, note: 'uploads are not billed by Transcribe' },
      }),
    }),
    route({
      method: 'POST',
      path: '/transcribe/jobs',
      schema: startJobRequest,
      maxBodyBytes: MAX_INLINE_BODY_BYTES,
      handle: async (input, ctx) => {
        let key: string;
        if (input.audioBase64) {
          const bytes = decodeBase64('audioBase64', input.audioBase64, MAX_INLINE_AUDIO_BYTES);
          const type = requireMediaType('audioBase64', bytes, Object.keys(AUDIO_TYPES));
          const ext = AUDIO_TYPES[type as keyof typeof AUDIO_TYPES];
          key = newKey(`${AUDIO_UPLOAD.prefix}inline-`, ext);
          // The upload and the job share the request's deadline: the pair ends in time, not each call.
          await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: type }), {
            abortSignal: ctx.signal,
          });
        } else {
          key = assertOwnKey(input.key!, AUDIO_UPLOAD);
        }
        const ext = key.slice(key.lastIndexOf('.') + 1);
        const jobName = newJobName(new Date(), jobStem);
        const out = await transcribe.send(
          new StartTranscriptionJobCommand({
            TranscriptionJobName: jobName,
            Media: { MediaFileUri: `s3://${bucket}/${key}` },
            MediaFormat: MEDIA_FORMAT[ext] as MediaFormat,
            LanguageCode: input.languageCode as LanguageCode | undefined,
            IdentifyLanguage: input.languageCode ? undefined : true,
            LanguageOptions: input.languageOptions as LanguageCode[] | undefined,
            OutputBucketName: bucket,
            OutputKey: transcriptKey(jobName),
          }),
          { abortSignal: ctx.signal },
        );
        ctx.logger.info('transcription job started', { jobName });
        return {
          status: 202,
          body: {
            jobName,
            status: out.TranscriptionJob?.TranscriptionJobStatus ?? 'IN_PROGRESS',
            key,
            poll: `GET /transcribe/jobs/${jobName}`,
            inference: 'batch (일괄): the job runs in the background; poll until COMPLETED.',
          },
          usage: {
            unit: UNIT,
            quantity: 0,
            note: 'billed per second of audio when the job completes (15 s minimum)',
          },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/transcribe/jobs/{jobName}',
      schema: z.strictObject({}),
      handle: async (_query, ctx) => {
        const { jobName } = validate(jobPath, ctx.pathParameters, 'path');
        let job: TranscriptionJob | undefined;
        try {
          job = (
            await transcribe.send(new GetTranscriptionJobCommand({ TranscriptionJobName: jobName }), {
              abortSignal: ctx.signal,
            })
          ).TranscriptionJob;
        } catch (err) {
          const mapped = toHttpError(err);
          // Transcribe answers an unknown name with BadRequestException ("The requested job couldn't be found").
          if (mapped.status === 404 || /couldn.t be found|not found/i.test(String((err as Error).message))) {
            throw notFound(`No transcription job named ${jobName}.`);
          }
          throw mapped;
        }
        if (!job) throw notFound(`No transcription job named ${jobName}.`);
        const base = {
          jobName,
          status: job.TranscriptionJobStatus,
          languageCode: job.LanguageCode,
          identifiedLanguageScore: job.IdentifiedLanguageScore,
          createdAt: job.CreationTime?.toISOString(),
          completedAt: job.CompletionTime?.toISOString(),
        };
        if (job.TranscriptionJobStatus === 'FAILED') {
          return {
            body: { ...base, failureReason: job.FailureReason },
            usage: { unit: UNIT, quantity: 0, estimatedCostUsd: 0 },
          };
        }
        if (job.TranscriptionJobStatus !== 'COMPLETED') {
          return {
            body: { ...base, next: 'Poll again in a few seconds.' },
            usage: { unit: UNIT, quantity: 0 },
          };
        }
        const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: transcriptKey(jobName) }), {
          abortSignal: ctx.signal,
        });
        const raw = (await obj.Body?.transformToString()) ?? '';
        let doc: TranscriptDocument;
        try {
          doc = JSON.parse(raw) as TranscriptDocument;
        } catch {
          throw new HttpError(502, 'UPSTREAM_ERROR', 'The transcript file is not valid JSON.');
        }
        const { text, durationSeconds } = readTranscript(doc);
        const seconds = durationSeconds ?? 0;
        return {
          body: { ...base, transcript: text, durationSeconds },
          usage: {
            unit: UNIT,
            quantity: Math.max(15, Math.ceil(seconds)),
            note: 'duration approximated by the last word’s end time; billing uses the whole file, 15 s minimum',
            estimatedCostUsd: roundUsd(transcribeCost(seconds)),
          },
        };
      },
    }),
  ];
}
