/** Amazon Polly: text to speech, played in the page; and the voices for a language. */
import { api, apiAudio, sampleJson } from '../api';
import { messages } from '../i18n';
import { POLLY } from '../messages/polly';
import {
  actions,
  button,
  field,
  form,
  h,
  type MountPanel,
  Output,
  row,
  select,
  table,
  textarea,
  usageLine,
} from '../ui';

const t = messages(POLLY);

/** Voice id → its label's key and language (for listing the voices of the same language). */
const VOICES = [
  ['Joanna', 'joanna', 'en-US'],
  ['Matthew', 'matthew', 'en-US'],
  ['Amy', 'amy', 'en-GB'],
  ['Seoyeon', 'seoyeon', 'ko-KR'],
  ['Takumi', 'takumi', 'ja-JP'],
  ['Lucia', 'lucia', 'es-ES'],
] as const;
const FORMATS: Record<string, string> = { mp3: 'audio/mpeg', ogg_vorbis: 'audio/ogg' };

export const mountPolly: MountPanel = (body) => {
  const samples = select([
    ['text/polly-speech.json', t('sampleEnglish')],
    ['text/polly-speech.ko.json', t('sampleKorean')],
  ]);
  const text = textarea('', 3);
  const voice = select(VOICES.map(([id, label]) => [id, t(label)]));
  const engine = select(
    [
      ['neural', t('neural')],
      ['standard', t('standard')],
      ['generative', t('generative')],
      ['long-form', t('longForm')],
    ],
    'neural',
  );
  const format = select(
    [
      ['mp3', 'MP3'],
      ['ogg_vorbis', 'Ogg Vorbis'],
    ],
    'mp3',
  );
  const out = new Output(t('output'));
  let audioUrl: string | undefined;

  const load = async () => {
    const s = await sampleJson<{ text: string; voiceId?: string }>(samples.value);
    text.value = s.text;
    if (s.voiceId) voice.value = s.voiceId;
  };
  samples.addEventListener('change', () => void load().catch((e) => out.error(e)));
  void load().catch((e) => out.error(e));

  const run = (action: string) => {
    if (action === 'voices') {
      const languageCode = VOICES.find(([id]) => id === voice.value)?.[2];
      void out.run(t('listing'), async () => {
        const reply = await api('GET', '/polly/voices', { query: { languageCode } });
        const voices = reply.body.voices as {
          id: string;
          gender: string;
          languageName: string;
          engines: string[];
        }[];
        return [
          table(
            [t('voice'), t('language'), t('gender'), t('engines')],
            voices.map((v) => [v.id, v.languageName, v.gender, v.engines.join(', ')]),
            t('voiceCount', { count: voices.length, language: languageCode ?? '' }),
          ),
          usageLine(reply.body, reply.latencyMs),
        ];
      });
      return;
    }
    const characters = text.value.length;
    void out.run(t('calling'), async () => {
      const accept = FORMATS[format.value] ?? 'audio/mpeg';
      const reply = await apiAudio(
        '/polly/speech',
        { text: text.value, voiceId: voice.value, engine: engine.value, format: format.value },
        accept,
      );
      if (audioUrl) URL.revokeObjectURL(audioUrl);
      audioUrl = URL.createObjectURL(reply.blob);
      const ext = format.value === 'mp3' ? 'mp3' : 'ogg';
      return [
        h('audio', { controls: true, src: audioUrl, 'aria-label': t('speechBy', { voice: voice.value }) }),
        h(
          'p',
          { class: 'meta' },
          t('audioFacts', { bytes: reply.blob.size.toLocaleString('en'), type: reply.blob.type, characters }),
          reply.latencyMs !== undefined ? ` · ${reply.latencyMs} ms` : '',
          reply.requestId ? t('request', { id: reply.requestId }) : '',
          ' · ',
          h('a', { href: audioUrl, download: `speech-${voice.value}.${ext}` }, t('download')),
        ),
      ];
    });
  };

  body.append(
    form(
      run,
      field(t('sampleText'), samples),
      field(t('text'), text, t('textHint')),
      row(field(t('voice'), voice), field(t('engine'), engine), field(t('format'), format)),
      actions(
        button(t('speak'), { value: 'speak' }),
        button(t('listVoices'), { value: 'voices', kind: 'secondary' }),
      ),
    ),
    out.el,
  );
};
