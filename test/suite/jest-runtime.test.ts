/**
 * The suite's jest runtime (test/support/jest-runtime.js) compiles modules with `vm.Script`, for
 * V8's compilation cache (test/support/compile-module.js), and gives back what `vm.compileFunction`
 * would: the same parameters, `this`, strict mode, globals, file name and line numbers. Code that may
 * call `import()` and a hashbang file keep Node's own `compileFunction`: a Script would refuse the
 * one and break the other (each has its negative control).
 */
import * as vm from 'node:vm';
import { compileFunction, compileModule, DYNAMIC_IMPORT } from '../support/compile-module';

const PARAMS = ['module', 'exports', 'require', '__dirname', '__filename', 'jest'];
const context = vm.createContext({});
const options = { filename: '/lab/example.js', parsingContext: context };
const compilers = [compileModule, compileFunction];

/** Compile `code` both ways and call each with `self` as `this`. */
const both = (code: string, self?: unknown) =>
  compilers.map((compile) => compile(code, PARAMS, options).call(self));

/** The error `run` throws or rejects with, across realms (instanceof would not hold). */
async function failure(run: () => unknown): Promise<{ name?: string; code?: string; message?: string }> {
  try {
    await run();
  } catch (error) {
    return error as { name?: string };
  }
  throw new Error('expected a failure');
}

test('this run compiles through the runtime that jest.config.js names', () => {
  // A test gets the process's own `vm` module: replaced, so every module of this run went through it
  // (this test file has its own copy of compile-module.js, hence the comparison by source).
  expect(vm.compileFunction).not.toBe(compileFunction);
  expect(vm.compileFunction.name).toBe('compileModule');
  expect(String(vm.compileFunction)).toBe(String(compileModule));
  expect(require('../../jest.config.js').runtime).toBe('<rootDir>/test/support/jest-runtime.js');
});

test('the function is the one compileFunction gives: parameters, this, arguments, return value', () => {
  const code = 'exports.seen = [typeof module, __filename, jest, arguments.length]; return this;';
  const self = { caller: true };
  const seen = compilers.map((compile) => {
    const exports: Record<string, unknown> = {};
    const returned = compile(code, PARAMS, options).call(self, {}, exports, null, '/lab', '/lab/x.js', 'j');
    return { returned, seen: exports.seen };
  });
  expect(seen).toEqual([
    { returned: self, seen: ['object', '/lab/x.js', 'j', 6] },
    { returned: self, seen: ['object', '/lab/x.js', 'j', 6] },
  ]);
});

test('strict mode from the directive, and globals from the test file context', () => {
  expect(both("'use strict'; return this;")).toEqual([undefined, undefined]);
  expect(both('return typeof this;')).toEqual(['object', 'object']);
  vm.runInContext('globalThis.marker = 41', context);
  expect(both('return marker + 1;')).toEqual([42, 42]);
  expect(both('return typeof marker;', undefined)).not.toContain('undefined');
});

test('an error names the same file and line, so stack traces and source maps still point right', async () => {
  const code = "'use strict';\nconst x = 1;\nthrow new Error('line ' + (x + 2));\n";
  const lines = await Promise.all(
    compilers.map(async (compile) => {
      const error = await failure(() => compile(code, PARAMS, options)());
      return /\/lab\/example\.js:(\d+)/.exec((error as Error).stack ?? '')?.[1];
    }),
  );
  expect(lines).toEqual(['3', '3']);
  // A syntax error is reported as compileFunction reports it, not hidden by the wrapper.
  expect((await failure(() => compileModule('return (', PARAMS, options))).name).toBe('SyntaxError');
});

test('code that may import() keeps compileFunction, with its importModuleDynamically callback', async () => {
  const importModuleDynamically = (() => {
    throw new Error('never reached: jest runs without --experimental-vm-modules');
  }) as unknown as vm.CompileFunctionOptions['importModuleDynamically'];
  const withCallback = { ...options, importModuleDynamically };
  const importing = "return import('anything');";
  // Both ways reach the callback, and Node stops there for want of the flag (as jest's own would).
  const codes = await Promise.all(
    compilers.map(async (compile) => (await failure(() => compile(importing, PARAMS, withCallback)())).code),
  );
  expect(codes).toEqual([codes[1], expect.stringMatching(/^ERR_VM_DYNAMIC_IMPORT_CALLBACK/)]);
  // Negative control: a Script (no callback) cannot import at all, which is why the fallback exists.
  // (The import is spelled out at run time, so the source text shows none and a Script compiles it.)
  const viaEval = "return eval('imp' + \"ort('anything')\");";
  const missing = await failure(() => compileModule(viaEval, PARAMS, withCallback)());
  expect(missing.code).toMatch(/^ERR_VM_DYNAMIC_IMPORT_CALLBACK/);
  expect(missing.code).not.toBe(codes[1]);
});

test('a hashbang file compiles as compileFunction compiles it', async () => {
  const code = '#!/usr/bin/env node\nreturn 1;';
  expect(both(code)).toEqual([1, 1]);
  // Negative control: wrapped in a Script, the hashbang is a syntax error.
  expect((await failure(() => new vm.Script(`(function () {${code}\n})`))).name).toBe('SyntaxError');
});

test('what counts as a dynamic import', () => {
  for (const source of ["import('x')", 'await import (x)', 'f(import("y"))', '\nimport(z)']) {
    expect([source, DYNAMIC_IMPORT.test(source)]).toEqual([source, true]);
  }
  for (const source of ['x.import(y)', '_import(y)', 'reimport(y)', '$import(y)', 'import x from "y"']) {
    expect([source, DYNAMIC_IMPORT.test(source)]).toEqual([source, false]);
  }
});
