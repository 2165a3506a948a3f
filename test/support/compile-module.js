// @ts-check
/**
 * How the suite's jest runtime (jest-runtime.js) compiles a module: with `new vm.Script` rather than
 * `vm.compileFunction`, so that V8's in-isolate compilation cache serves a module a worker has
 * compiled before (https://github.com/nodejs/node/issues/35375: `compileFunction` never uses it).
 *
 * The function it returns is the one `compileFunction` would give: the same parameters (jest's
 * module wrapper), the same file name, the same line numbers (the wrapper opens on the code's first
 * line), compiled for the test file's context. Three cases keep Node's own `compileFunction`: code
 * that may call `import()`, which needs jest's `importModuleDynamically` callback; a file that starts
 * with a hashbang line, which V8 accepts only at the very start of a script; and any call that is
 * not jest compiling a module (no `parsingContext`). test/suite/jest-runtime.test.ts checks each.
 */
const vm = require('node:vm');

/**
 * Node's own `vm.compileFunction`. In a process whose `vm` module jest-runtime.js has already
 * changed (a test that loads this file again), the one the change keeps as `nodeCompileFunction`.
 * @type {typeof vm.compileFunction}
 */
const compileFunction = /** @type {any} */ (vm.compileFunction).nodeCompileFunction ?? vm.compileFunction;

/** A dynamic import, as source text (`import(` or `import (`); `.import(` and `_import(` are not. */
const DYNAMIC_IMPORT = /(?<![\w$.])import\s*\(/;

/**
 * `vm.compileFunction(code, params, options)`, through V8's compilation cache where that is safe.
 * @param {string} code
 * @param {string[] | undefined} params
 * @param {vm.CompileFunctionOptions | undefined} options
 * @returns {Function}
 */
function compileModule(code, params = [], options = {}) {
  const { parsingContext, filename } = options;
  if (!parsingContext || code.startsWith('#!') || DYNAMIC_IMPORT.test(code)) {
    return compileFunction(code, params, options);
  }
  const script = new vm.Script(`(function (${params.join(', ')}) {${code}\n})`, { filename });
  return script.runInContext(parsingContext);
}

Object.defineProperty(compileModule, 'nodeCompileFunction', { value: compileFunction });

module.exports = { compileModule, compileFunction, DYNAMIC_IMPORT };
