import type { Assembly } from './assembly';
import type { Block } from './document';
import type { Lang } from './i18n';
import type { StackReview } from './review';
export interface AssemblyDiff {
  x: number;
}
export function diffAssemblies(
  _o: Assembly,
  _or: StackReview[],
  _n: Assembly,
  _nr: StackReview[],
): AssemblyDiff {
  return { x: 0 };
}
export function diffBlocks(_d: AssemblyDiff, _l: Lang, _o: string, _n: string): Block[] {
  return [];
}
