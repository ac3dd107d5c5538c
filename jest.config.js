/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // PGlite loads its WebAssembly through dynamic import(), which Jest's sandbox refuses; this loads
  // the package through Node's own loader for every test file.
  setupFiles: ['<rootDir>/test/support/pglite-outside-sandbox.setup.ts'],
};

/**
 * Two projects: `unit` mirrors src/ and runs in seconds (the inner loop: `npx jest --selectProjects unit`);
 * `integration` spawns processes, opens real stores and builds bundles.
 */
module.exports = {
  // A summary line in the plain "N passed, N failed" form, so CI can read the outcome.
  reporters: ['default', '<rootDir>/test/support/summary.reporter.js'],
  testTimeout: 30000,
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/test/unit'], testMatch: ['**/*.test.ts'] },
    { ...shared, displayName: 'integration', roots: ['<rootDir>/test/integration'], testMatch: ['**/*.test.ts'], testTimeout: 60000 },
  ],
};
