/**
 * Theme classifier: accuracy per set and domain, classification latency and model load time.
 * Latency is the fastest of five rounds per utterance (the machine may be shared), p50 and p95 over utterances.
 *   npx tsx bench/classifier.bench.ts                  the corpus (trained on), the old held-out set and the dev set
 *   npx tsx bench/classifier.bench.ts <dir> [<dir> …]  any folders of <domain>.jsonl labelled sets instead
 * A set folder may lack a domain; that row is left out. `runClassifierBench()` returns the figures
 * so `npm run bench` can print them with the others.
 */
import fs from 'node:fs';
import path from 'node:path';
import { evaluate, loadLabelledSet } from '../src/classifier/classifier.evaluation';
import { loadModel } from '../src/classifier/model.loader';
import { CONTRACT_THEMES, modelClasses } from '../src/classifier/theme.contract';
import { createThemeClassifier, DEFAULT_THEMES_DIR } from '../src/classifier/theme.classifier';

export interface ClassifierAccuracyRow {
  /** The set's folder name (`corpus`, `heldout`, `dev`, or whatever folder was given). */
  set: string;
  /** A domain name, or `overall`. */
  domain: string;
  n: number;
  top1: number;
  top2: number;
}

export interface ClassifierBenchResult {
  accuracy: ClassifierAccuracyRow[];
  /** Warm latency of one classify call over every utterance of the sets, in microseconds. */
  p50Micros: number;
  p95Micros: number;
  /** Reading, validating and decoding every domain's model file, first time in this process. */
  modelLoadMillis: number;
  /** Building the whole classifier (taxonomy, lexicon, sentiment, models) once the process is warm. */
  classifierBuildMillis: number;
  modelBytes: number;
}

export interface ClassifierBenchOptions {
  /** Folders of `<domain>.jsonl` sets; defaults to the corpus, the old held-out set and the dev set. */
  sets?: string[];
  /** Timed rounds over all utterances. */
  rounds?: number;
}

const FIXTURES = path.resolve(__dirname, '..', 'test', 'fixtures', 'classifier');
const DEFAULT_SETS = ['corpus', 'heldout', 'dev'].map((name) => path.join(FIXTURES, name));
const MODELS_DIR = path.join(DEFAULT_THEMES_DIR, '..', 'models');

function millisSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

export function runClassifierBench(options: ClassifierBenchOptions = {}): ClassifierBenchResult {
  const domains = Object.keys(CONTRACT_THEMES);
  // A classifier without models first, as the Lambda has read its content (and warmed zod) before
  // the classifier is built: what remains is the share of the cold start the trained models add.
  createThemeClassifier({ modelsDir: path.join(MODELS_DIR, 'none') });
  const loadStart = process.hrtime.bigint();
  for (const domain of domains) loadModel(MODELS_DIR, domain, modelClasses(CONTRACT_THEMES[domain] ?? []));
  const modelLoadMillis = millisSince(loadStart);
  const modelBytes = domains.reduce((sum, d) => sum + fs.statSync(path.join(MODELS_DIR, `${d}.model.json`)).size, 0);
  const buildStart = process.hrtime.bigint();
  const classifier = createThemeClassifier();
  const classifierBuildMillis = millisSince(buildStart);

  const accuracy: ClassifierAccuracyRow[] = [];
  const utterances: Array<{ domain: string; text: string; lens?: 'dream' | 'fear' | 'frustration' }> = [];
  for (const dir of options.sets ?? DEFAULT_SETS) {
    const set = path.basename(dir);
    const rows: ClassifierAccuracyRow[] = [];
    for (const domain of classifier.domains()) {
      const file = path.join(dir, `${domain}.jsonl`);
      if (!fs.existsSync(file)) continue;
      const examples = loadLabelledSet(file);
      const result = evaluate(classifier, domain, examples);
      rows.push({ set, domain, n: result.n, top1: result.top1, top2: result.top2 });
      for (const e of examples) utterances.push({ domain, text: e.text, lens: e.lens });
    }
    const n = rows.reduce((sum, r) => sum + r.n, 0);
    if (n === 0) continue;
    const weighted = (pick: (r: ClassifierAccuracyRow) => number): number => rows.reduce((sum, r) => sum + pick(r) * r.n, 0) / n;
    accuracy.push(...rows, { set, domain: 'overall', n, top1: weighted((r) => r.top1), top2: weighted((r) => r.top2) });
  }

  // Each call timed on its own. On a shared machine another process can take the core mid-call,
  // so each utterance keeps its fastest of the rounds.
  // Warm-up of at least 5,000 calls, so a small set is measured with the JIT as warm as a large one.
  for (let pass = 0; pass < Math.ceil(5000 / Math.max(1, utterances.length)); pass += 1) {
    for (const u of utterances) classifier.classify(u.domain, u.text, u.lens ? { lens: u.lens } : undefined);
  }
  const fastest = new Array<number>(utterances.length).fill(Infinity);
  for (let round = 0; round < (options.rounds ?? 5); round += 1) {
    utterances.forEach((u, i) => {
      const start = process.hrtime.bigint();
      classifier.classify(u.domain, u.text, u.lens ? { lens: u.lens } : undefined);
      fastest[i] = Math.min(fastest[i] as number, Number(process.hrtime.bigint() - start) / 1e3);
    });
  }
  const times = fastest.sort((a, b) => a - b);
  return { accuracy, p50Micros: percentile(times, 0.5), p95Micros: percentile(times, 0.95), modelLoadMillis, classifierBuildMillis, modelBytes };
}

export function formatClassifierBench(result: ClassifierBenchResult): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const header = ['set', 'domain', 'n', 'top-1', 'top-2'];
  const body = result.accuracy.map((r) => [r.set, r.domain, String(r.n), pct(r.top1), pct(r.top2)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
    '',
    `classify, warm: p50 ${result.p50Micros.toFixed(0)} µs, p95 ${result.p95Micros.toFixed(0)} µs per utterance`,
    `model files: ${(result.modelBytes / 1024).toFixed(0)} KiB, read, validated and decoded in ${result.modelLoadMillis.toFixed(1)} ms (first time in this process)`,
    `whole classifier built in ${result.classifierBuildMillis.toFixed(1)} ms once warm (taxonomy, lexicon, sentiment and models)`,
  ].join('\n');
}

if (require.main === module) {
  const sets = process.argv.slice(2).map((dir) => path.resolve(dir));
  for (const dir of sets) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      process.stderr.write(`${dir} is not a folder of <domain>.jsonl sets\n`);
      process.exit(2);
    }
  }
  process.stdout.write(`${formatClassifierBench(runClassifierBench(sets.length > 0 ? { sets } : {}))}\n`);
}
