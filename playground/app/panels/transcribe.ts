/** Amazon Transcribe: a batch job (일괄 추론) on a short clip, polled until the transcript is ready. */
import { api, type Json, toBase64, uploadFile } from '../api';
import { messages } from '../i18n';
import { TRANSCRIBE } from '../messages/transcribe';
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

const t = messages(TRANSCRIBE);

export const mountTranscribe: MountPanel = (body, ctx) => {
  const audio = fileChoice({
    legend: t('audio'),
    samples: [
      ['hello-en.mp3', t('sampleMp3')],
      ['hello-en.wav', t('sampleWav')],
    ],
    accept: 'audio/*',
    ownHint: t('ownHint'),
  });
  const player = h('audio', {
    controls: true,
    src: audio.previewUrl(),
    'aria-label': t('player'),
  });
  audio.onChange(() => {
    player.src = audio.previewUrl();
  });
  const language = select([
    ['en-US', t('enUS')],
    ['ko-KR', t('koKR')],
    ['identify', t('identify')],
  ]);
  const how = select([
    ['inline', t('inline')],
    ['upload', t('upload')],
  ]);
  const out = new Output(t('output'));

  const start = () => {
    void out.run(t('starting'), async () => {
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
      out.show(h('p', { class: 'meta' }, t('started', { job: jobName })));
      const done = await waitForJob(
        out,
        t('jobName'),
        () => api('GET', `/transcribe/jobs/${encodeURIComponent(jobName)}`),
        ctx.pollIntervalMs,
      );
      const b = done.body;
      const outcome = jobOutcome(b);
      return [
        h('p', { class: 'verdict' }, t('job'), badge(outcome.text, outcome.ok ? 'ok' : 'bad')),
        done.progress,
        b.transcript !== undefined
          ? h(
              'blockquote',
              { class: 'transcript', lang: String(b.languageCode ?? 'en') },
              String(b.transcript),
            )
          : null,
        b.failureReason ? h('p', { class: 'error-message', lang: 'en' }, String(b.failureReason)) : null,
        h(
          'p',
          { class: 'meta' },
          [
            b.languageCode && t('languageFact', { code: String(b.languageCode) }),
            typeof b.durationSeconds === 'number' && t('speech', { seconds: b.durationSeconds.toFixed(1) }),
            t('jobFact', { job: jobName }),
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
      row(field(t('language'), language), field(t('sendAudio'), how)),
      actions(button(t('start'), { value: 'start' })),
    ),
    out.el,
  );
};
