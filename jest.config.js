const os = require('node:os');

/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  // tsconfig.json sets isolatedModules, so ts-jest transpiles each file without type-checking it
  // (fast); `npm run typecheck` is what type-checks tests.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // PGlite loads its WebAssembly through dynamic import(), which Jest's sandbox refuses; this loads
  // the package through Node's own loader for every test file.
  setupFiles: ['<rootDir>/test/support/pglite-outside-sandbox.setup.ts'],
  testMatch: ['**/*.test.ts'],
};

/**
 * Two projects: `unit` mirrors src/ and runs in seconds (the inner loop: `npm run test:unit`);
 * `integration` spawns processes, opens real stores and builds bundles (`npm run test:integration`).
 */
module.exports = {
  // A summary line in the plain "N passed, N failed" form, so CI can read the outcome, and a line
  // when the PostgreSQL suites were skipped.
  reporters: ['default', '<rootDir>/test/support/summary.reporter.js'],
  // Jest 30 honours testTimeout only here (a project's own value is ignored); the integration
  // project raises it in its setup file.
  testTimeout: 30000,
  // Jest's default (one worker fewer than cores) runs everything in one process on a 2-core
  // machine, where most of a unit run is loading modules afresh for each file; two workers use
  // both cores while the main process waits. Larger machines keep Jest's default.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/test/unit'],
      setupFilesAfterEnv: ['<rootDir>/test/support/console-guard.setup.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      setupFilesAfterEnv: ['<rootDir>/test/support/console-guard.setup.ts', '<rootDir>/test/support/integration.setup.ts'],
    },
  ],
};
