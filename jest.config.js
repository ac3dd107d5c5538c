/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // A summary line in the plain "N passed, N failed" form, so CI can read the outcome.
  reporters: ['default', '<rootDir>/test/support/summary.reporter.js'],
  testTimeout: 30000,
};
