/**
 * The page's language: the one chosen with the switch (remembered in localStorage), else the
 * first of the browser's languages (`navigator.languages`, what it sends as Accept-Language) that
 * the lab speaks, else English. Every panel writes its words through a room's message table
 * (`defineMessages` from lib/i18n.ts, one table per panel under messages/), read at the moment a
 * word is shown, so switching the language and drawing the panels again is all it takes.
 */
import { fill, LANGS, type Lang, type Messages, type Particle, particle, type Vars } from '../../lib/i18n';

export const STORAGE_KEY = 'ai-lab-lang';

const isLang = (v: unknown): v is Lang => (LANGS as readonly unknown[]).includes(v);

/** The first of the browser's preferred languages that the lab speaks (`ko-KR` → ko). */
export function browserLang(languages: readonly string[]): Lang | undefined {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLang(primary)) return primary;
  }
  return undefined;
}

function stored(): Lang | undefined {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLang(v) ? v : undefined;
  } catch {
    return undefined; // storage blocked: the browser's languages still decide
  }
}

let current: Lang = stored() ?? browserLang(navigator.languages ?? [navigator.language]) ?? 'en';

export const lang = (): Lang => current;

/** Switch the page's language and remember the choice. */
export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered; still switched for this page
  }
  document.documentElement.lang = next;
}

/** A room's translator that reads the page's language at each call: `t('key', { vars })`. */
export function messages<K extends string>(table: Messages<K>) {
  return (key: K, vars?: Vars): string => fill(table[current][key], vars);
}

/** A value for `messagesWithNodes`: an element (a command, a badge) and the text its particle follows. */
export interface NodeVar {
  readonly node: Node;
  readonly text: string;
}

/**
 * Like `messages`, for a sentence with elements inside (`Deploy it with {command}.`): the template
 * split into text and the given nodes, each node followed by its particle when the placeholder
 * asks for one (`{command|으로/로}`).
 */
export function messagesWithNodes<K extends string>(table: Messages<K>) {
  return (key: K, vars: Readonly<Record<string, string | number | NodeVar>>): Array<Node | string> => {
    const parts: Array<Node | string> = [];
    let at = 0;
    const template = table[current][key];
    for (const m of template.matchAll(/\{(\w+)(?:\|([^}]+))?\}/g)) {
      const value = vars[m[1] ?? ''];
      if (value === undefined || typeof value !== 'object') continue;
      parts.push(fill(template.slice(at, m.index), vars as Vars), value.node);
      if (m[2]) parts.push(particle(value.text, m[2] as Particle));
      at = m.index + m[0].length;
    }
    parts.push(fill(template.slice(at), vars as Vars));
    return parts.filter((p) => p !== '');
  };
}
