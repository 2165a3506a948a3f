/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking runs separately (`npm run typecheck`); ts-jest only transpiles.
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }],
  },
  snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.ts'],
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
  setupFilesAfterEnv: ['aws-sdk-client-mock-jest'],
  cacheDirectory: '<rootDir>/.jest-cache',
  testTimeout: 60000,
  // One worker per core. Jest's default leaves one core to its parent process, which only waits:
  // on 2 cores that meant one worker, and the suite took 124-139 s against 77-100 s with two
  // (paired runs, same hour).
  maxWorkers: '100%',
};
