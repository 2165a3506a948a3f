// Types for compile-module.js (plain CommonJS: jest loads its `runtime` with Node's own require).
import type * as vm from 'node:vm';

/** `vm.compileFunction(code, params, options)`, through V8's compilation cache where that is safe. */
export function compileModule(
  code: string,
  params?: string[],
  options?: vm.CompileFunctionOptions,
): ReturnType<typeof vm.compileFunction>;
/** Node's own `vm.compileFunction`. */
export const compileFunction: typeof vm.compileFunction;
/** A dynamic import, as source text. */
export const DYNAMIC_IMPORT: RegExp;
