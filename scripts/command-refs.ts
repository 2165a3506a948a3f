/**
 * What a page tells a reader to run, and whether it is there. Every command of a page (its shell code
 * blocks and inline `npm …`/`npx …` code, as scripts/docs-sync.ts reads them) is checked:
 * - `npm run NAME` is a script of package.json;
 * - `npm run demo -- SERVICE ACTION --flag …` is a command of the demo CLI (cli/commands.ts) that takes
 *   each flag; `npm run doctor -- …` and `npm run review -- …` take each flag their programs define;
 * - every `-c key=value` (and `--context key=value`) is a setting of lib/config.ts;
 * - every `samples/…` argument is a file.
 * With the prose's links, anchors, routes, samples and settings (scripts/markdown-refs.ts), a
 * walk-through such as docs/seoul.md cannot send a learner to a script, command, flag or setting that
 * was renamed or removed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command, Option } from 'commander';
import { buildProgram as demoProgram } from '../cli/commands';
import { buildProgram as doctorProgram } from '../cli/doctor/main';
import { CONFIG_KEYS } from '../lib/config';
import { program as reviewProgram } from '../review/bin';
import { pageFacts } from './docs-sync';
import { brokenReferences, type RefContext, ROOT } from './markdown-refs';

/** A command line's words, quotes removed, with `|`, `&&`, `||` and `;` as words of their own. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === '#' && word === undefined) {
      break;
    } else if (/[|;&]/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      const two = line.slice(i, i + 2);
      const op = two === '&&' || two === '||' ? two : ch;
      words.push(op);
      i += op.length - 1;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

const SEPARATORS = new Set(['|', '||', '&&', ';', '&']);

/** The simple commands of a line: its words split at pipes and lists, leading `VAR=value` words dropped. */
export function simpleCommands(line: string): string[][] {
  const out: string[][] = [[]];
  for (const w of shellWords(line)) {
    if (SEPARATORS.has(w)) out.push([]);
    else out.at(-1)?.push(w);
  }
  return out
    .map((words) => {
      let i = 0;
      while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? '')) i++;
      return words.slice(i);
    })
    .filter((words) => words.length > 0);
}

const takesValue = (o: Option) => o.required || o.optional;

/** The option a word names on `cmd` or its parents (`--flag`, `--flag=value`, `-f`), if any. */
function optionOf(cmd: Command, word: string): Option | undefined {
  const name = word.split('=')[0];
  for (let c: Command | null = cmd; c; c = c.parent) {
    const found = c.options.find((o) => o.long === name || o.short === name);
    if (found) return found;
  }
  return undefined;
}

/** The flags in `args` that `cmd` (or a parent) does not define; `--help` always exists. */
function unknownFlags(cmd: Command, args: readonly string[]): string[] {
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i] ?? '';
    if (!w.startsWith('-') || w === '-' || w === '--help' || w === '-h') continue;
    const o = optionOf(cmd, w);
    if (!o) unknown.push(w.split('=')[0] ?? w);
    else if (takesValue(o) && !w.includes('=')) i++;
  }
  return unknown;
}

/** Walk `args` down `program`'s subcommands (skipping global flags); the command reached and the rest. */
function descend(
  program: Command,
  args: readonly string[],
): { cmd: Command; rest: string[]; path: string[] } {
  let cmd = program;
  const rest = [...args];
  const path: string[] = [];
  for (let i = 0; i < rest.length && cmd.commands.length > 0; ) {
    const w = rest[i] ?? '';
    if (w.startsWith('-')) {
      const o = optionOf(cmd, w);
      i += o && takesValue(o) && !w.includes('=') ? 2 : 1;
      continue;
    }
    const sub = cmd.commands.find((c) => c.name() === w);
    if (!sub) break;
    path.push(w);
    rest.splice(i, 1);
    cmd = sub;
  }
  return { cmd, rest, path };
}

const noop = () => undefined;
const quiet = { stdout: noop, stderr: noop };
/** The programs behind the npm scripts whose arguments are checked. */
const PROGRAMS: Readonly<Record<string, () => Command>> = {
  demo: () => demoProgram(quiet, noop),
  doctor: () => doctorProgram(quiet, noop),
  review: () => reviewProgram(),
};

/** What is wrong with one `npm run NAME -- args` command, one sentence each. */
function brokenNpmRun(words: readonly string[], page: string, scripts: Record<string, string>): string[] {
  const name = words[2] ?? '';
  const shown = words.join(' ');
  if (!Object.hasOwn(scripts, name))
    return [`${page} runs npm run ${name}, which package.json does not have`];
  const make = PROGRAMS[name];
  if (!make) return [];
  const dashes = words.indexOf('--');
  const args = dashes < 0 ? [] : words.slice(dashes + 1);
  const program = make();
  const { cmd, rest, path } = descend(program, args);
  // A command still to choose: the next word names it, unless the page shows the usage (`<service>`).
  const next = rest.find((w) => !w.startsWith('-'));
  if (cmd.commands.length > 0 && args.length > 0 && !rest.includes('--help') && !/^[<[]/.test(next ?? '')) {
    return [
      `${page} runs \`${shown}\`: ${[name, ...path].join(' ')} has no command ${next ?? '(none given)'}`,
    ];
  }
  return unknownFlags(cmd, rest).map(
    (flag) => `${page} runs \`${shown}\`: ${[name, ...path].join(' ')} has no option ${flag}`,
  );
}

/** The setting keys of `-c key=value`, `--context key=value` and `--context=key=value` in a command. */
function settingKeys(words: readonly string[]): string[] {
  const keys: string[] = [];
  words.forEach((w, i) => {
    const value = w === '-c' || w === '--context' ? words[i + 1] : /^--context=(.*)$/.exec(w)?.[1];
    const key = value !== undefined ? /^([^=]+)=/.exec(value)?.[1] : undefined;
    if (key) keys.push(key);
  });
  return keys;
}

/** What in the page's commands does not exist, one sentence each. */
export function brokenCommands(markdown: string, ctx: RefContext): string[] {
  const root = ctx.root ?? ROOT;
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const problems: string[] = [];
  for (const line of pageFacts(markdown).commands) {
    for (const words of simpleCommands(line)) {
      if (words[0] === 'npm' && words[1] === 'run') problems.push(...brokenNpmRun(words, ctx.page, scripts));
      for (const key of settingKeys(words)) {
        if (!(CONFIG_KEYS as readonly string[]).includes(key))
          problems.push(`${ctx.page} runs \`${words.join(' ')}\`: lib/config.ts has no setting ${key}`);
      }
      for (const w of words) {
        const file = /^@?(samples\/[^\s*?<>{}$]+)$/.exec(w)?.[1]?.replace(/[.,;:)]+$/, '');
        if (file && !fs.existsSync(path.join(root, file)))
          problems.push(`${ctx.page} runs \`${words.join(' ')}\`: ${file} does not exist`);
      }
    }
  }
  return problems;
}

/** Everything a page points at or runs that does not exist: its links, anchors, routes, and commands. */
export function brokenPage(markdown: string, ctx: RefContext): string[] {
  return [...brokenReferences(markdown, ctx), ...brokenCommands(markdown, ctx)];
}

if (require.main === module) {
  const pages = process.argv.slice(2);
  const problems = pages.flatMap((page) =>
    brokenPage(fs.readFileSync(path.join(ROOT, page), 'utf8'), { page }),
  );
  for (const p of problems) console.log(p);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
