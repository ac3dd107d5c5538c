import path from 'node:path';
import SummaryReporter, { summaryLines, type RunResults } from '../../support/summary.reporter';

const ROOT = path.join(path.sep, 'repo');

type FileResult = RunResults['testResults'][number];

function file(relative: string, tests: Array<[status: string, fullName: string]>): FileResult {
  return { testFilePath: path.join(ROOT, ...relative.split('/')), testResults: tests.map(([status, fullName]) => ({ status, fullName })) };
}

function run(files: FileResult[], counts: Partial<RunResults> = {}): RunResults {
  const all = files.flatMap((f) => f.testResults);
  return {
    numPassedTests: all.filter((t) => t.status === 'passed').length,
    numFailedTests: all.filter((t) => t.status === 'failed').length,
    numPendingTests: all.filter((t) => t.status === 'pending').length,
    numTodoTests: all.filter((t) => t.status === 'todo').length,
    numRuntimeErrorTestSuites: 0,
    testResults: files,
    ...counts,
  };
}

// Titles as the PostgreSQL suites write them when DATABASE_URL is missing.
const POSTGRES_SKIPPED = file('test/integration/persistence/insight-store.postgres.test.ts', [['pending', 'PostgreSQL suite skipped: set DATABASE_URL']]);
const CRASH_PARTLY_SKIPPED = file('test/integration/persistence/insight-store.crash.test.ts', [
  ['passed', 'crash safety embedded: every acknowledged turn survives SIGKILL, and the stale lock is taken over'],
  ['pending', 'crash safety PostgreSQL: every acknowledged turn survives SIGKILL of the writer (needs DATABASE_URL)'],
]);

describe('summary reporter', () => {
  it('counts runtime-error suites as failed and todo tests as skipped', () => {
    const lines = summaryLines(
      run([file('test/unit/a.test.ts', [['passed', 'a'], ['passed', 'b'], ['failed', 'c'], ['pending', 'd'], ['todo', 'e']])], { numRuntimeErrorTestSuites: 2 }),
      ROOT,
    );
    expect(lines).toEqual(['jest: 2 passed, 3 failed, 2 skipped']);
  });

  it('says which PostgreSQL suites were skipped, once per file, with paths from the project root', () => {
    const twice = file('test/integration/x.test.ts', [
      ['pending', 'store (needs DATABASE_URL) reads'],
      ['pending', 'store (needs DATABASE_URL) writes'],
    ]);
    const lines = summaryLines(run([POSTGRES_SKIPPED, twice, CRASH_PARTLY_SKIPPED]), ROOT);
    expect(lines).toEqual([
      'jest: 1 passed, 0 failed, 4 skipped',
      'PostgreSQL suites skipped: DATABASE_URL is not set (see README): test/integration/persistence/insight-store.crash.test.ts, ' +
        'test/integration/persistence/insight-store.postgres.test.ts, test/integration/x.test.ts',
    ]);
  });

  it('stays silent about PostgreSQL when its suites ran, or when only unrelated tests were skipped', () => {
    const ranAgainstPostgres = file('test/integration/persistence/insight-store.crash.test.ts', [
      ['passed', 'crash safety PostgreSQL: every acknowledged turn survives SIGKILL of the writer (needs DATABASE_URL)'],
    ]);
    const unrelatedSkip = file('test/unit/config/config.test.ts', [['pending', 'reads PORT'], ['passed', 'rejects a DATABASE_URL that is not postgres']]);
    expect(summaryLines(run([ranAgainstPostgres, unrelatedSkip]), ROOT)).toEqual(['jest: 2 passed, 0 failed, 1 skipped']);
  });

  it('prints the lines on stdout when the run completes', () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      new SummaryReporter({ rootDir: ROOT }).onRunComplete(undefined, run([POSTGRES_SKIPPED]));
      expect(write.mock.calls.map(([chunk]) => String(chunk)).join('')).toBe(
        '\njest: 0 passed, 0 failed, 1 skipped\nPostgreSQL suites skipped: DATABASE_URL is not set (see README): test/integration/persistence/insight-store.postgres.test.ts\n',
      );
    } finally {
      write.mockRestore();
    }
  });
});
