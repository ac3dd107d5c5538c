const path = require('node:path');

/**
 * A test that is skipped because no PostgreSQL is configured names `DATABASE_URL` in its title
 * (or in a describe around it). That convention is all the reporter relies on, so a suite that
 * needs PostgreSQL is reported here without being listed anywhere.
 */
const POSTGRES_MARKER = 'DATABASE_URL';

/**
 * The closing lines of a run: the plain "N passed, N failed" form that CI reads in any language,
 * then, when PostgreSQL suites were skipped, one line saying so, because a green run that never
 * touched PostgreSQL must not pass for one that did (the README promises this line).
 */
function summaryLines(results, rootDir) {
  const skipped = results.numPendingTests + results.numTodoTests;
  const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  const lines = [`jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`];
  const postgresFiles = results.testResults
    .filter((file) => file.testResults.some((test) => test.status === 'pending' && test.fullName.includes(POSTGRES_MARKER)))
    .map((file) => path.relative(rootDir, file.testFilePath).split(path.sep).join('/'))
    .sort();
  if (postgresFiles.length > 0) {
    lines.push(`PostgreSQL suites skipped: DATABASE_URL is not set (see README): ${postgresFiles.join(', ')}`);
  }
  return lines;
}

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    process.stdout.write(`\n${summaryLines(results, this.rootDir).join('\n')}\n`);
  }
}

module.exports = SummaryReporter;
module.exports.summaryLines = summaryLines;
