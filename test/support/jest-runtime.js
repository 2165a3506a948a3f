// @ts-check
/**
 * Jest's own module runtime (jest-runtime), with one change: modules are compiled by
 * `compileModule` (compile-module.js), through V8's compilation cache. jest.config.js names this
 * file as its `runtime`; jest loads it in each worker before any test file.
 *
 * Why: jest gives every test file a fresh module registry, so a worker compiled zod, the AWS SDK,
 * Powertools and aws-cdk-lib again for each of the sixty-odd files it runs. jest-runtime compiles
 * with `vm.compileFunction`, which never finds V8's cache (https://github.com/nodejs/node/issues/35375,
 * filed by jest's maintainer: one large file compiled 100 times took 3.9 s that way, 0.09 s as a
 * Script). In a profile of the whole suite that compiling was 20 s of CPU (7.4 s with this runtime);
 * in six paired runs the suite's median went from 235 to 207 s of CPU and from 122 to 108 s wall
 * (docs/test-suite.md, "Third round").
 *
 * jest-runtime calls `compileFunction` on Node's `vm` module, so the module's function is replaced,
 * once per process (a test that loads compile-module.js again gets its own copy and patches nothing).
 */
const vm = require('node:vm');
const { compileModule } = require('./compile-module');

vm.compileFunction = /** @type {typeof vm.compileFunction} */ (/** @type {unknown} */ (compileModule));

module.exports = require('jest-runtime');
