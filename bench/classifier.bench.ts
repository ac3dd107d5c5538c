/**
 * Theme classifier accuracy and throughput on the labelled sets.
 *   npx tsx bench/classifier.bench.ts
 * `runClassifierBench()` returns the rows so a bench runner can collect them.
 */
import path from 'node:path';
import { evaluate, loadLabelledSet, type LabelledExample } from '../src/classifier/classifier.evaluation';
import { createThemeClassifier } from '../src/classifier/theme.classifier';

export interface ClassifierBenchRow {
  /** `labelled` is the set the lexicon was tuned on; `held-out` was never tuned on. */
  set: 'labelled' | 'held-out';
  /** A domain name, or `overall`. */
  domain: string;
  n: number;
  top1: number;
  top2: number;
  utterancesPerSecond: number;
}

export interface ClassifierBenchOptions {
  fixturesDir?: string;
  /** How long to keep classifying per domain when measuring throughput. */
  minMillis?: number;
}

const DEFAULT_FIXTURES = path.resolve(__dirname, '..', 'test', 'fixtures', 'classifier');

function throughput(classify: () => number, minMillis: number): number {
  classify();
  let count = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMillis) {
    count += classify();
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (count / elapsed) * 1000;
}

export function runClassifierBench(options: ClassifierBenchOptions = {}): ClassifierBenchRow[] {
  const fixtures = options.fixturesDir ?? DEFAULT_FIXTURES;
  const minMillis = options.minMillis ?? 300;
  const classifier = createThemeClassifier();
  const rows: ClassifierBenchRow[] = [];
  const sets: Array<[ClassifierBenchRow['set'], string]> = [
    ['labelled', fixtures],
    ['held-out', path.join(fixtures, 'heldout')],
  ];
  for (const [set, dir] of sets) {
    const domainRows: ClassifierBenchRow[] = [];
    for (const domain of classifier.domains()) {
      const examples: LabelledExample[] = loadLabelledSet(path.join(dir, `${domain}.jsonl`));
      const result = evaluate(classifier, domain, examples);
      const perSecond = throughput(() => {
        for (const example of examples) classifier.classify(domain, example.text);
        return examples.length;
      }, minMillis);
      domainRows.push({ set, domain, n: result.n, top1: result.top1, top2: result.top2, utterancesPerSecond: perSecond });
    }
    const n = domainRows.reduce((sum, r) => sum + r.n, 0);
    const weighted = (pick: (r: ClassifierBenchRow) => number): number => domainRows.reduce((sum, r) => sum + pick(r) * r.n, 0) / n;
    // Overall throughput is total utterances over total time, i.e. the harmonic blend of the domains.
    const seconds = domainRows.reduce((sum, r) => sum + r.n / r.utterancesPerSecond, 0);
    rows.push(...domainRows, {
      set,
      domain: 'overall',
      n,
      top1: weighted((r) => r.top1),
      top2: weighted((r) => r.top2),
      utterancesPerSecond: n / seconds,
    });
  }
  return rows;
}

export function formatClassifierBench(rows: readonly ClassifierBenchRow[]): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const header = ['set', 'domain', 'n', 'top-1', 'top-2', 'utterances/s'];
  const body = rows.map((r) => [r.set, r.domain, String(r.n), pct(r.top1), pct(r.top2), Math.round(r.utterancesPerSecond).toLocaleString('en-GB')]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

if (require.main === module) {
  console.log(formatClassifierBench(runClassifierBench()));
}
