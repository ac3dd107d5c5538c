/** Types for summary.reporter.js, which Jest loads as plain JavaScript (reporters are not transformed). */
declare class SummaryReporter {
  constructor(globalConfig: { rootDir: string });
  onRunComplete(contexts: unknown, results: SummaryReporter.RunResults): void;
}

declare namespace SummaryReporter {
  /** The part of Jest's aggregated result the summary reads. */
  interface RunResults {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numRuntimeErrorTestSuites: number;
    testResults: Array<{ testFilePath: string; testResults: Array<{ status: string; fullName: string }> }>;
  }
  function summaryLines(results: RunResults, rootDir: string): string[];
}

export = SummaryReporter;
