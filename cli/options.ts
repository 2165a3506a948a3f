/**
 * How the actions declare their options: each helper takes the flags and the key of the option's
 * help in cli/messages/options.ts, so the help is in the run's language. The kit is made once per
 * program (cli/commands.ts) and handed to every action's `options`.
 */
import { InvalidArgumentError, Option } from 'commander';
import { type Lang, translator, type Vars } from '../lib/i18n';
import { OPTION_MESSAGES } from './messages/options';

export type OptionKey = keyof typeof OPTION_MESSAGES.en;
export type OptionWords = (key: OptionKey, vars?: Vars) => string;

const splitList = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function optionKit(lang: Lang) {
  const t: OptionWords = translator(OPTION_MESSAGES, lang);
  const opt = (flags: string, key: OptionKey, vars?: Vars) => new Option(flags, t(key, vars));
  const required = (flags: string, key: OptionKey, vars?: Vars) =>
    opt(flags, key, vars).makeOptionMandatory();
  const parseNumber = (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(t('nan'));
    return n;
  };
  const number = (flags: string, key: OptionKey, vars?: Vars) => opt(flags, key, vars).argParser(parseNumber);
  const list = (flags: string, key: OptionKey) => opt(flags, key).argParser(splitList);
  const repeatable = (flags: string, key: OptionKey) =>
    new Option(flags, t('repeat', { description: t(key) })).argParser((v, prev: string[] = []) => [
      ...prev,
      v,
    ]);
  return {
    lang,
    t,
    opt,
    required,
    number,
    list,
    repeatable,
    wait: () => [
      opt('--wait', 'wait'),
      number('--timeout <seconds>', 'timeout').default(600),
      number('--interval <seconds>', 'interval').default(5),
    ],
    text: () => required('--text <text>', 'text'),
    languageCode: (codes: string) => opt('--language-code <code>', 'languageCode', { codes }),
    image: () => required('--image <file>', 'image'),
    document: () => required('--document <file>', 'document'),
    features: (key: 'features' | 'features.default' | 'features.analyze' = 'features') =>
      list('--features <list>', key),
    query: () => repeatable('--query <question>', 'query'),
    inference: () => [
      number('--temperature <0-1>', 'temperature'),
      number('--top-p <0-1>', 'topP'),
      number('--max-tokens <n>', 'maxTokens'),
    ],
  };
}

export type OptionKit = ReturnType<typeof optionKit>;
