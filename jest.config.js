/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // A summary line in the plain "N passed, N failed" form, so CI can read the outcome.
  reporters: ['default', '<rootDir>/test/support/summary.reporter.js'],
  // PGlite loads its WebAssembly through dynamic import(), which Jest's sandbox refuses; this loads
  // the package through Node's own loader for every test file.
  setupFiles: ['<rootDir>/test/support/pglite-outside-sandbox.setup.ts'],
  testTimeout: 30000,
};
