import { parseArgs } from 'node:util';
import { formatClassifierBench, runClassifierBench } from './classifier.bench';
import { formatLambdaTable, runLambdaBench } from './lambda.bench';
import { formatSafetyBench, runSafetyBench } from './safety.bench';
import { runStoreBench, toMarkdown } from './store.bench';

/**
 * `npm run bench`: every benchmark, each printing its table. Each measures its own floor in the
 * same run (a bare ask-sdk-core skill for cold start; both store adapters side by side).
 *   --only classifier|safety|store|lambda   run one
 *   --answers N                      store size for the query latencies (default 1,000,000)
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, answers: { type: 'string' } } });
  const only = values.only;
  if (only !== undefined && !['classifier', 'safety', 'store', 'lambda'].includes(only)) throw new Error('--only takes classifier, safety, store or lambda');
  // Only the database address matters here (as in store.bench.ts); the server's other settings do not.
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const out = (title: string, table: string) => process.stdout.write(`\n## ${title}\n\n${table}\n`);

  if (!only || only === 'classifier') out('Theme classifier: accuracy and throughput', formatClassifierBench(runClassifierBench()));
  if (!only || only === 'safety') out('Distress detection: speed', formatSafetyBench(runSafetyBench()));
  if (!only || only === 'lambda') out('Alexa Lambda: cold start and bundle size', formatLambdaTable(await runLambdaBench({ databaseUrl })));
  if (!only || only === 'store') {
    if (!databaseUrl) process.stderr.write('PostgreSQL not measured: set DATABASE_URL\n');
    const answers = values.answers === undefined ? undefined : Number(values.answers);
    out('Insight store: ingest and review-query latency', toMarkdown(await runStoreBench({ answers, databaseUrl, log: (l) => process.stderr.write(`${l}\n`) })));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
