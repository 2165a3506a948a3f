/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // swc only strips the types (type-checking is `npm run typecheck`, in CI too): a cold run
  // compiles every test and source file, and swc does it in a fraction of ts-jest's time.
  transform: {
    '^.+\\.tsx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.ts'],
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
  // One temp folder per run, removed as a whole; the run fails if anything is left beside it
  // (test/support/run-temp.ts). It also holds the lab's shared assembly (test/support/lab-assembly.ts).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['aws-sdk-client-mock-jest'],
  // jest-runtime, compiling modules through V8's compilation cache: a worker compiles the SDK, zod
  // and aws-cdk-lib once, not once per test file (test/support/jest-runtime.js says why and what).
  runtime: '<rootDir>/test/support/jest-runtime.js',
  cacheDirectory: '<rootDir>/.jest-cache',
  testTimeout: 60000,
  // One worker per core. Jest's default leaves one core to its parent process, which only waits:
  // on 2 cores that meant one worker, and the suite took 124-139 s against 77-100 s with two
  // (paired runs, same hour).
  maxWorkers: '100%',
};
