/** Amazon Transcribe's routes as the stand-in answers them, with jobs IN_PROGRESS for two polls. */
import { randomUUID } from 'node:crypto';
import { HttpError, notFound } from '../../../lambda/shared/errors';
import { decodeBase64, requireMediaType } from '../../../lambda/shared/media';
import { transcribeCost } from '../../../lambda/shared/pricing';
import { assertOwnKey } from '../../../lambda/shared/uploads';
import { newJobName } from '../../../lambda/transcribe/logic';
import { AUDIO_UPLOAD, JOB_NAME } from '../../../lambda/transcribe/schemas';
import { type Answers, type LabState, ok, usage } from './reply';
import { uploadAnswer } from './uploads';

export function transcribeAnswers({ jobs, uploadedKeys }: LabState): Answers {
  return {
    'POST /transcribe/uploads': uploadAnswer(AUDIO_UPLOAD, 'ai-lab-transcribe-uploads', 'audio seconds'),
    'POST /transcribe/jobs': (input) => {
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
    },
    'GET /transcribe/jobs/{jobName}': (_input, req) => {
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
    },
  };
}
