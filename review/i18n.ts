/**
 * Every sentence of the review, in English and Korean: one typed message table per part of the
 * report (review/messages/), each built with `defineMessages` from lib/i18n.ts, so a key missing
 * from the Korean table is a compile error. Korean particles are written `{name|을/를}` and chosen by
 * es-hangul (`fill`), never "을(를)". Service, action, resource-type and condition-key names stay in
 * English in both, as the AWS console and documentation keep them; text quoted from an English source
 * (an IAM action description, a cdk-nag reason) is shown in quotation marks and marked as English.
 */
import { fill, type Lang } from '../lib/i18n';
import { DIFF } from './messages/diff';
import { FINDINGS } from './messages/findings';
import { GOVERNED } from './messages/governed';
import { PERMISSIONS } from './messages/permissions';
import { PRICES } from './messages/prices';
import { REGIONS } from './messages/regions';
import { REPORT } from './messages/report';
import { RESOURCES } from './messages/resources';
import { SECURITY } from './messages/security';

export type { Lang } from '../lib/i18n';

const TABLES = [REPORT, PERMISSIONS, FINDINGS, RESOURCES, DIFF, SECURITY, GOVERNED, PRICES, REGIONS] as const;

type KeysOf<T> = T extends { readonly en: Readonly<Record<infer K, string>> } ? K : never;
export type Key = KeysOf<(typeof TABLES)[number]>;

function merge(lang: Lang): Readonly<Record<Key, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    for (const [k, v] of Object.entries(table[lang])) {
      if (k in out) throw new Error(`review/messages: key ${k} is defined twice`);
      out[k] = v;
    }
  }
  return out as Record<Key, string>;
}

export const CATALOGUES: Readonly<Record<Lang, Readonly<Record<Key, string>>>> = {
  en: merge('en'),
  ko: merge('ko'),
};

export function isKey(key: string): key is Key {
  return key in CATALOGUES.en;
}

/** The sentence for `key` in `lang`, placeholders filled and particles chosen; `fallback` when the key is not in the catalogue. */
export function t(
  lang: Lang,
  key: Key,
  params: Readonly<Record<string, string | number>> = {},
  fallback?: string,
): string {
  return fill(isKey(key) ? CATALOGUES[lang][key] : (fallback ?? key), params);
}
