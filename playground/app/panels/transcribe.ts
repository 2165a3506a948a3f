/** Amazon Transcribe: a batch job (일괄 추론) on a short clip, polled until the transcript is ready. */
import { api, type Json, toBase64, uploadFile } from '../api';
import {
  actions,
  badge,
  button,
  field,
  fileChoice,
  form,
  h,
  type MountPanel,
  Output,
  row,
  select,
  usageLine,
} from '../ui';
import { jobOutcome, waitForJob } from './jobs';

export const mountTranscribe: MountPanel = (body, ctx) => {
  const audio = fileChoice({
    legend: 'Audio',
    samples: [
      ['hello-en.mp3', 'hello-en.mp3 (English, 4 s)'],
      ['hello-en.wav', 'hello-en.wav (the same, WAV)'],
    ],
    accept: 'audio/*',
    ownHint: 'MP3, WAV, FLAC, OGG, WebM, M4A or AMR.',
  });
  const player = h('audio', {
    controls: true,
    src: audio.previewUrl(),
    'aria-label': 'The audio to transcribe',
  });
  audio.onChange(() => {
    player.src = audio.previewUrl();
  });
  const language = select([
    ['en-US', 'English, US (en-US)'],
    ['ko-KR', 'Korean (ko-KR)'],
    ['identify', 'Identify it (en-US or ko-KR)'],
  ]);
  const how = select([
    ['inline', 'Inline in the request (up to 3 MB)'],
    ['upload', 'Upload to S3 first (presigned POST)'],
  ]);
  const out = new Output('Transcribe results');

  const start = () => {
    void out.run('Starting the job…', async () => {
      const file = await audio.get();
      const source: Json =
        how.value === 'upload'
          ? { key: (await uploadFile('transcribe', file)).key }
          : { audioBase64: await toBase64(file) };
      const lang: Json =
        language.value === 'identify'
          ? { languageOptions: ['en-US', 'ko-KR'] }
          : { languageCode: language.value };
      const started = await api('POST', '/transcribe/jobs', { body: { ...source, ...lang } });
      const jobName = String(started.body.jobName);
      out.show(h('p', { class: 'meta' }, `Job ${jobName} started.`));
      const done = await waitForJob(
        out,
        'Transcription job',
        () => api('GET', `/transcribe/jobs/${encodeURIComponent(jobName)}`),
        ctx.pollIntervalMs,
      );
      const b = done.body;
      const outcome = jobOutcome(b);
      return [
        h('p', { class: 'verdict' }, 'Job ', badge(outcome.text, outcome.ok ? 'ok' : 'bad')),
        done.progress,
        b.transcript !== undefined
          ? h(
              'blockquote',
              { class: 'transcript', lang: String(b.languageCode ?? 'en') },
              String(b.transcript),
            )
          : null,
        b.failureReason ? h('p', { class: 'error-message' }, String(b.failureReason)) : null,
        h(
          'p',
          { class: 'meta' },
          [
            b.languageCode && `Language ${b.languageCode}`,
            typeof b.durationSeconds === 'number' && `${b.durationSeconds.toFixed(1)} s of speech`,
            `job ${jobName}`,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
        usageLine(b, done.latencyMs),
      ];
    });
  };

  body.append(
    form(
      start,
      audio.el,
      h('div', { class: 'player' }, player),
      row(field('Language', language), field('Send the audio', how)),
      actions(button('Start transcription job', { value: 'start' })),
    ),
    out.el,
  );
};
