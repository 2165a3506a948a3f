/** Amazon Polly: text to speech, played in the page; and the voices for a language. */
import { api, apiAudio, sampleJson } from '../api';
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

/** Voice id → its language (for listing the voices of the same language). */
const VOICES: ReadonlyArray<readonly [string, string, string]> = [
  ['Joanna', 'Joanna (English, US)', 'en-US'],
  ['Matthew', 'Matthew (English, US)', 'en-US'],
  ['Amy', 'Amy (English, British)', 'en-GB'],
  ['Seoyeon', 'Seoyeon (Korean)', 'ko-KR'],
  ['Takumi', 'Takumi (Japanese)', 'ja-JP'],
  ['Lucia', 'Lucia (Spanish)', 'es-ES'],
];
const FORMATS: Record<string, string> = { mp3: 'audio/mpeg', ogg_vorbis: 'audio/ogg' };

export const mountPolly: MountPanel = (body) => {
  const samples = select([
    ['text/polly-speech.json', 'English (Joanna)'],
    ['text/polly-speech.ko.json', 'Korean (Seoyeon)'],
  ]);
  const text = textarea('', 3);
  const voice = select(VOICES.map(([id, label]) => [id, label]));
  const engine = select(
    [
      ['neural', 'Neural'],
      ['standard', 'Standard'],
      ['generative', 'Generative'],
      ['long-form', 'Long-form'],
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
  const out = new Output('Polly results');
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
      void out.run('Listing voices…', async () => {
        const reply = await api('GET', '/polly/voices', { query: { languageCode } });
        const voices = reply.body.voices as {
          id: string;
          gender: string;
          languageName: string;
          engines: string[];
        }[];
        return [
          table(
            ['Voice', 'Language', 'Gender', 'Engines'],
            voices.map((v) => [v.id, v.languageName, v.gender, v.engines.join(', ')]),
            `${voices.length} voices for ${languageCode}`,
          ),
          usageLine(reply.body, reply.latencyMs),
        ];
      });
      return;
    }
    const characters = text.value.length;
    void out.run('Calling Amazon Polly…', async () => {
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
        h('audio', { controls: true, src: audioUrl, 'aria-label': `Speech by ${voice.value}` }),
        h(
          'p',
          { class: 'meta' },
          `${reply.blob.size.toLocaleString('en')} bytes of ${reply.blob.type} · ${characters} characters billed`,
          reply.latencyMs !== undefined ? ` · ${reply.latencyMs} ms` : '',
          reply.requestId ? ` · request ${reply.requestId}` : '',
          ' · ',
          h('a', { href: audioUrl, download: `speech-${voice.value}.${ext}` }, 'Download'),
        ),
      ];
    });
  };

  body.append(
    form(
      run,
      field('Sample text', samples),
      field('Text', text, 'Plain text; Polly bills per character.'),
      row(field('Voice', voice), field('Engine', engine), field('Format', format)),
      actions(
        button('Speak', { value: 'speak' }),
        button('List voices', { value: 'voices', kind: 'secondary' }),
      ),
    ),
    out.el,
  );
};
