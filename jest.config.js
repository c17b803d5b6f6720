// One jest run for the whole monorepo: `npm test` is what CI runs.
// Tests talk to real PostgreSQL and Redis when they answer on 127.0.0.1, and to
// embedded PGlite and in-process events otherwise (see packages/testkit).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/data/'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest'] },
  // jose ships ESM only; let swc turn it into CommonJS for jest's module system.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  // Eight subgraphs start per supergraph test, with their migrations; on two shared cores that can take a minute.
  testTimeout: 120_000,
  maxWorkers: 2,
  setupFiles: ['reflect-metadata'],
  // The network guard: a run fails when any process of it reaches beyond loopback (test/network-guard.cjs).
  globalSetup: '<rootDir>/test/network-guard-setup.ts',
  globalTeardown: '<rootDir>/test/network-guard-teardown.ts',
};
