/**
 * The lab's two languages, and the one way every room (review, playground, CLI, doctor, eval) writes
 * a sentence in both: a typed message table per room, English first, whose Korean twin must have
 * every key (the compiler says which one is missing), filled by `fill`.
 *
 * Placeholders are `{name}`. A Korean particle that depends on the value's last sound is written
 * after a bar, `{name|을/를}`, and chosen by es-hangul's `josa` — never the mechanical "을(를)". Values
 * that end in a digit or a Latin letter (`S3`, `IAM`, `logs:PutLogEvents`) are read the way Korean
 * readers say them ("쓰리", "엠", "츠") before the particle is chosen.
 */
import { josa } from 'es-hangul';

export const LANGS = ['en', 'ko'] as const;
export type Lang = (typeof LANGS)[number];

/** Particle pairs es-hangul chooses between (`을/를`, `이/가`, `은/는`, `으로/로`, `과/와`, …). */
export type Particle = Parameters<typeof josa.pick>[1];

/** A room's messages: the English table defines the keys; Korean must give every one of them. */
export interface Messages<K extends string> {
  readonly en: Readonly<Record<K, string>>;
  readonly ko: Readonly<Record<K, string>>;
}

/**
 * Declare a room's table. `ko` is typed against `en`'s keys, so a key missing from (or added only
 * to) the Korean table is a compile error.
 */
export function defineMessages<const E extends Record<string, string>>(
  en: E,
  ko: { readonly [K in keyof E]: string },
): Messages<Extract<keyof E, string>> {
  return { en, ko };
}

export type Vars = Readonly<Record<string, string | number>>;

/**
 * Fill `{name}` and `{name|을/를}` placeholders. A placeholder without a value stays as written, so a
 * test that looks for `{` finds it.
 */
export function fill(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)(?:\|([^}]+))?\}/g, (whole, name: string, pair?: string) => {
    if (!(name in vars)) return whole;
    const value = String(vars[name]);
    return pair ? value + particle(value, pair as Particle) : value;
  });
}

/** A translator for one room and language: `t('key', { vars })`. */
export function translator<K extends string>(messages: Messages<K>, lang: Lang) {
  const table = messages[lang];
  return (key: K, vars?: Vars): string => fill(table[key], vars);
}

/** How Korean readers say a final digit in a number (영, 일, 이, 삼 …): its last syllable decides the particle. */
const DIGITS = ['영', '일', '이', '삼', '사', '오', '육', '칠', '팔', '구'];
/** …and in a product name, where it is read in English (S3 에스쓰리, EC2 이씨투, Nova 2 …). */
const NAME_DIGITS = ['제로', '원', '투', '쓰리', '포', '파이브', '식스', '세븐', '에이트', '나인'];

/** How Korean readers say a final capital letter (에이, 비, 씨 …), as in "IAM" (아이에이엠). */
const LETTERS: Record<string, string> = {
  A: '에이',
  B: '비',
  C: '씨',
  D: '디',
  E: '이',
  F: '에프',
  G: '지',
  H: '에이치',
  I: '아이',
  J: '제이',
  K: '케이',
  L: '엘',
  M: '엠',
  N: '엔',
  O: '오',
  P: '피',
  Q: '큐',
  R: '알',
  S: '에스',
  T: '티',
  U: '유',
  V: '브이',
  W: '더블유',
  X: '엑스',
  Y: '와이',
  Z: '지',
};

/**
 * Word endings whose usual Korean loanword reading ends in a final consonant (받침): `…ing` (잉),
 * `…ck` (스택, 블록), a vowel then `t` or `p` (버킷, 풋, 그룹), `…le` (롤, 테이블), `…m`, `…n`, `…l`
 * (스트림, 리전, 모델). Anything else (`…s` 스, `…ct` 트, `…e`, `…d` 드, vowels) reads open.
 */
const CLOSED_ENDINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/ing$/i, '잉'],
  [/ck$/i, '억'],
  [/[aeiou]t$/i, '엇'],
  [/[aeiou][bp]$/i, '업'],
  [/le$/i, '얼'],
  [/m$/i, '엄'],
  [/n$/i, '언'],
  [/l$/i, '얼'],
];

/** The particle of `pair` that fits the end of `word` (Hangul, digits, capitals or a code name). */
export function particle(word: string, pair: Particle): string {
  const end = word.replace(/[\s`'")\]}.,:;*›]+$/u, '');
  const last = end.at(-1) ?? '';
  let reading = end;
  if (/\d/.test(last)) reading = (/[A-Za-z]\d+$/.test(end) ? NAME_DIGITS : DIGITS)[Number(last)] ?? last;
  else if (/[A-Z]/.test(last) && /[A-Z]{2,}$|[^a-z][A-Z]$|^[A-Z]$/.test(end)) reading = LETTERS[last] ?? last;
  else if (/[a-z]/i.test(last)) reading = CLOSED_ENDINGS.find(([re]) => re.test(end))?.[1] ?? '스';
  return josa.pick(reading, pair);
}

/**
 * The process's environment in Node; nothing in a browser, where the playground's page uses this
 * module too (its language comes from the page's switch or `navigator.languages`).
 */
function processEnv(): Readonly<Record<string, string | undefined>> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}

/**
 * The language a command should speak: `--lang` when given, else the environment's locale
 * (`LC_ALL`, `LC_MESSAGES`, `LANG`; `ko_KR.UTF-8` → ko), else English.
 */
export function pickLang(
  flag?: string,
  env: Readonly<Record<string, string | undefined>> = processEnv(),
): Lang {
  if (flag === 'en' || flag === 'ko') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ko\b|^ko[_-]/i.test(locale) ? 'ko' : 'en';
}
