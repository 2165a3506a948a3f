/**
 * The language of the demo CLI and the smoke run, and commander's own words in it: `--lang en|ko`,
 * else the locale (lib/i18n.ts `pickLang`), decided before the program is built so that its help
 * is already in that language. Commander's help titles, its help option and its parse errors are
 * rewritten from the table in cli/messages/commander.ts; the English table is commander's own text,
 * so English output is what commander writes.
 */
import { type Argument, type Command, Help, Option } from 'commander';
import { LANGS, type Lang, pickLang, translator, type Vars } from '../lib/i18n';
import { DEFAULT_PREFIX, PREFIX_ENV } from '../lib/names';
import { COMMANDER_MESSAGES } from './messages/commander';
import { SESSION_MESSAGES } from './messages/session';
import { columns } from './output';

type CommanderKey = keyof typeof COMMANDER_MESSAGES.en;

/** The value of `--lang X` or `--lang=X` before any `--`, as given (commander checks it later). */
export function argvLang(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (arg === '--lang') return argv[i + 1];
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}

/** The language a run speaks: `--lang` in argv, else the environment's locale, else English. */
export function runLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  return pickLang(argvLang(argv), env);
}

/** How commander words each parse error, and the message key and values it becomes. */
const ERRORS: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => [CommanderKey, Vars]]> = [
  [/^error: missing required argument '(.+)'$/, (m) => ['missingArgument', { name: m[1]! }]],
  [/^error: option '(.+)' argument missing$/, (m) => ['optionMissingArgument', { flags: m[1]! }]],
  [/^error: required option '(.+)' not specified$/, (m) => ['missingMandatoryOption', { flags: m[1]! }]],
  [/^error: unknown option '(.+)'$/, (m) => ['unknownOption', { flag: m[1]! }]],
  [/^error: unknown command '(.+)'$/, (m) => ['unknownCommand', { name: m[1]! }]],
  [/^\(Did you mean one of (.+)\?\)$/, (m) => ['didYouMeanOneOf', { candidates: m[1]! }]],
  [/^\(Did you mean (.+)\?\)$/, (m) => ['didYouMean', { candidate: m[1]! }]],
];

/**
 * A commander error in `lang`: each line commander wrote is matched against its English wording and
 * said again from the table; a line it does not know (or a reason the lab already wrote in `lang`)
 * is kept as it is.
 */
export function commanderError(text: string, lang: Lang): string {
  const t = translator(COMMANDER_MESSAGES, lang);
  const line = (l: string): string => {
    const excess =
      /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(l);
    if (excess) {
      const [, name, expected, got] = excess;
      const command = name ? t('excessArguments.command', { name }) : '';
      return t('excessArguments', {
        command,
        expected: expected!,
        got: got!,
        s: expected === '1' ? '' : 's',
      });
    }
    const invalid = /^error: option '(.+)' argument '(.*)' is invalid\.(?: (.*))?$/.exec(l);
    if (invalid) {
      const [, flags, value, reason = ''] = invalid;
      const choices = /^Allowed choices are (.+)\.$/.exec(reason);
      const why = choices ? t('allowedChoices', { choices: choices[1]! }) : reason;
      return [t('invalidArgument', { flags: flags!, value: value! }), why].filter(Boolean).join(' ');
    }
    for (const [re, to] of ERRORS) {
      const m = re.exec(l);
      if (m) return t(...to(m));
    }
    return l;
  };
  return text.split('\n').map(line).join('\n');
}

/** Commander's words in `lang` (cli/messages/commander.ts). */
export const commanderWords = (lang: Lang) => translator(COMMANDER_MESSAGES, lang);

/**
 * Commander's words in `lang` for `program` and every command added to it afterwards (commander
 * copies these settings to subcommands when they are created, so call this first). A program with
 * subcommands also names its `help` command with `commanderWords(lang)('help')`.
 */
export function localize(
  program: Command,
  lang: Lang,
  out: { writeOut: (text: string) => void; writeErr: (text: string) => void },
): Command {
  const t = commanderWords(lang);
  const titles: Record<string, string> = {
    'Usage:': t('title.usage'),
    'Arguments:': t('title.arguments'),
    'Options:': t('title.options'),
    'Global Options:': t('title.globalOptions'),
    'Commands:': t('title.commands'),
  };
  /** Commander's `[options]` and `[command]` in a usage line or a command's name. */
  const placeholders = (text: string) =>
    text.replace('[options]', t('usage.options')).replace('[command]', t('usage.command'));
  /** Commander's `(choices: …, default: …)` after a description. */
  const extra = (text: string) =>
    text.replace(
      /(\(|, )(choices|default): /g,
      (_, before: string, word: 'choices' | 'default') => `${before}${t(`extra.${word}`)}`,
    );
  return program
    .helpOption('-h, --help', t('help'))
    .configureHelp({
      showGlobalOptions: true,
      styleTitle: (title: string) => titles[title] ?? title,
      // Hangul takes two terminal columns: Korean help wraps and pads by what the terminal shows.
      // English help keeps commander's own count, so its pages stay as they were.
      ...(lang === 'ko' && { displayWidth: columns }),
      commandUsage(this: Help, cmd: Command) {
        return placeholders(Help.prototype.commandUsage.call(this, cmd));
      },
      subcommandTerm(this: Help, cmd: Command) {
        return placeholders(Help.prototype.subcommandTerm.call(this, cmd));
      },
      optionDescription(this: Help, option: Option) {
        return extra(Help.prototype.optionDescription.call(this, option));
      },
      argumentDescription(this: Help, argument: Argument) {
        return extra(Help.prototype.argumentDescription.call(this, argument));
      },
    })
    .configureOutput({
      ...out,
      outputError: (text, write) => write(commanderError(text, lang)),
    });
}

/** The `--prefix` option's help in `lang` (its English one is also eval's). */
export const prefixHelp = (lang: Lang): string =>
  translator(SESSION_MESSAGES, lang)('opt.prefix', { env: PREFIX_ENV, default: DEFAULT_PREFIX });

/** The options the demo CLI and the smoke run both take after `--json`. */
export function globalOptions(lang: Lang): Option[] {
  const t = translator(SESSION_MESSAGES, lang);
  return [
    new Option('--region <region>', t('opt.region')),
    new Option('--profile <name>', t('opt.profile')),
    new Option('--outputs-file <file>', t('opt.outputsFile')),
    new Option('--prefix <name>', prefixHelp(lang)),
    new Option('--lang <lang>', t('opt.lang')).choices(LANGS),
  ];
}
