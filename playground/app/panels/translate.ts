/** Amazon Translate: one text into another language, and the languages it knows. */
import { api, sampleJson } from '../api';
import {
  actions,
  badge,
  button,
  checkbox,
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

const LANGUAGES: ReadonlyArray<readonly [string, string]> = [
  ['en', 'English'],
  ['ko', 'Korean'],
  ['ja', 'Japanese'],
  ['zh', 'Chinese (simplified)'],
  ['es', 'Spanish'],
  ['fr', 'French'],
  ['de', 'German'],
];

export const mountTranslate: MountPanel = (body) => {
  const text = textarea('', 3);
  const source = select([['auto', 'Detect it (Amazon Comprehend)'], ...LANGUAGES], 'auto');
  const target = select(LANGUAGES, 'ko');
  const formality = select(
    [
      ['', 'Default'],
      ['FORMAL', 'Formal'],
      ['INFORMAL', 'Informal'],
    ],
    '',
  );
  const mask = checkbox('Mask profanity');
  const out = new Output('Translate results');

  void sampleJson<{ text: string; targetLanguage: string }>('text/translate-ko.json')
    .then((s) => {
      text.value = s.text;
      target.value = s.targetLanguage;
    })
    .catch((e) => out.error(e));

  const run = (action: string) => {
    if (action === 'languages') {
      void out.run('Listing languages…', async () => {
        const reply = await api('GET', '/translate/languages');
        const langs = reply.body.languages as { code: string; name: string }[];
        return [
          table(
            ['Code', 'Name'],
            langs.map((l) => [h('code', {}, l.code), l.name]),
            `${reply.body.count} languages`,
          ),
          usageLine(reply.body, reply.latencyMs),
        ];
      });
      return;
    }
    void out.run('Calling Amazon Translate…', async () => {
      const reply = await api('POST', '/translate', {
        body: {
          text: text.value,
          sourceLanguage: source.value,
          targetLanguage: target.value,
          formality: formality.value || undefined,
          maskProfanity: mask.input.checked || undefined,
        },
      });
      const b = reply.body;
      return [
        h(
          'p',
          { class: 'meta' },
          `${b.sourceLanguage} → ${b.targetLanguage} `,
          b.sourceLanguageDetected ? badge('source detected', 'info') : null,
        ),
        h('blockquote', { class: 'translation', lang: String(b.targetLanguage) }, String(b.translatedText)),
        usageLine(b, reply.latencyMs),
      ];
    });
  };

  body.append(
    form(
      run,
      field('Text', text),
      row(field('From', source), field('To', target), field('Formality', formality)),
      mask.el,
      actions(
        button('Translate', { value: 'translate' }),
        button('List languages', { value: 'languages', kind: 'secondary' }),
      ),
    ),
    out.el,
  );
};
