/** Amazon Translate: one text into another language, and the languages it knows. */
import { api, sampleJson } from '../api';
import { messages } from '../i18n';
import { TRANSLATE } from '../messages/translate';
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

const t = messages(TRANSLATE);

const LANGUAGES = ['en', 'ko', 'ja', 'zh', 'es', 'fr', 'de'] as const;
const languages = () => LANGUAGES.map((code) => [code, t(code)] as const);

export const mountTranslate: MountPanel = (body) => {
  const text = textarea('', 3);
  const source = select([['auto', t('detect')], ...languages()], 'auto');
  const target = select(languages(), 'ko');
  const formality = select(
    [
      ['', t('formalityDefault')],
      ['FORMAL', t('formal')],
      ['INFORMAL', t('informal')],
    ],
    '',
  );
  const mask = checkbox(t('mask'));
  const out = new Output(t('output'));

  void sampleJson<{ text: string; targetLanguage: string }>('text/translate-ko.json')
    .then((s) => {
      text.value = s.text;
      target.value = s.targetLanguage;
    })
    .catch((e) => out.error(e));

  const run = (action: string) => {
    if (action === 'languages') {
      void out.run(t('listing'), async () => {
        const reply = await api('GET', '/translate/languages');
        const langs = reply.body.languages as { code: string; name: string }[];
        return [
          table(
            [t('code'), t('name')],
            langs.map((l) => [h('code', {}, l.code), l.name]),
            t('languageCount', { count: Number(reply.body.count) }),
          ),
          usageLine(reply.body, reply.latencyMs),
        ];
      });
      return;
    }
    void out.run(t('calling'), async () => {
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
          b.sourceLanguageDetected ? badge(t('sourceDetected'), 'info') : null,
        ),
        h('blockquote', { class: 'translation', lang: String(b.targetLanguage) }, String(b.translatedText)),
        usageLine(b, reply.latencyMs),
      ];
    });
  };

  body.append(
    form(
      run,
      field(t('text'), text),
      row(field(t('from'), source), field(t('to'), target), field(t('formality'), formality)),
      mask.el,
      actions(
        button(t('translate'), { value: 'translate' }),
        button(t('listLanguages'), { value: 'languages', kind: 'secondary' }),
      ),
    ),
    out.el,
  );
};
