/** The review's unit of judgement: a sentence (a catalogue key and its values) and how much it matters. */
import type { Key } from './i18n';

export type Params = Readonly<Record<string, string | number>>;

export interface Msg {
  readonly key: Key;
  readonly params?: Params;
}

/** `flag`: a reviewer must look (a widening, an open finding, a cost or a blocker). `ok`: checked and fine. */
export type Level = 'flag' | 'note' | 'ok';

export interface Finding extends Msg {
  readonly level: Level;
  /** Which part of the report raised it. */
  readonly section: 'permissions' | 'api' | 'compliance' | 'cost' | 'destroy' | 'resources' | 'governed';
  /** The construct path the finding is about, when there is one. */
  readonly where?: string;
  /** The template's logical id of that resource, when there is one. */
  readonly logicalId?: string;
}

export function msg(key: Key, params?: Params): Msg {
  return { key, params };
}

/** A finding a reviewer must look at. */
export function flag(
  section: Finding['section'],
  key: Key,
  params?: Params,
  where?: string,
  logicalId?: string,
): Finding {
  return { level: 'flag', section, key, params, where, logicalId };
}
