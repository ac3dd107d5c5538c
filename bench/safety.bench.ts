/**
 * Distress detector: time to load its data, and assess() latency warm on one core, with its
 * recall and false-positive rate on the labelled crisis set alongside.
 *   npx tsx bench/safety.bench.ts
 * `runSafetyBench()` returns the figures so a bench runner can collect them.
 */
import path from 'node:path';
import { createThemeClassifier } from '../src/classifier/theme.classifier';
import { evaluateCrisis, loadCrisisSet } from '../src/safety/crisis.evaluation';
import { createDistressDetector } from '../src/safety/distress.detector';

export interface SafetyBenchResult {
  /** Creating the detector (read, validate and compile the lexicon, load the model), p50 over runs. */
  loadMsP50: number;
  loadMsMax: number;
  /** assess() on answers of 15–25 words, warm. */
  assessUsP50: number;
  assessUsP95: number;
  /** CPU time per assess() call on 15–25-word answers (robust when other processes share the cores). */
  assessCpuUs: number;
  /** CPU time of one load. */
  loadCpuMs: number;
  /** assess() on every answer of the set (2–60 words), warm. */
  assessAllUsP50: number;
  assessAllUsP95: number;
  /**
   * The floor measured in the same run: the theme classifier's load and classify() on the same
   * 15–25-word answers (its README figure is 15,000–30,000 answers a second on a quiet core), so
   * a loaded machine shows up in both.
   */
  classifierLoadMs: number;
  classifierUsP50: number;
  answers: number;
  recall: number;
  falsePositiveRate: number;
}

export interface SafetyBenchOptions {
  labelledFile?: string;
  /** Timed assess() calls per measurement. */
  calls?: number;
  loads?: number;
}

const DEFAULT_SET = path.resolve(__dirname, '..', 'test', 'fixtures', 'safety', 'crisis.labelled.jsonl');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function timeCalls(texts: readonly string[], calls: number, assess: (text: string) => unknown): number[] {
  const out: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const text = texts[i % texts.length] as string;
    const start = process.hrtime.bigint();
    assess(text);
    out.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return out;
}

export function runSafetyBench(options: SafetyBenchOptions = {}): SafetyBenchResult {
  const examples = loadCrisisSet(options.labelledFile ?? DEFAULT_SET);
  const loads = options.loads ?? 10;
  const calls = options.calls ?? 20000;
  const loadMs: number[] = [];
  let detector = createDistressDetector();
  const loadCpu = process.cpuUsage();
  for (let i = 0; i < loads; i += 1) {
    const start = process.hrtime.bigint();
    detector = createDistressDetector();
    loadMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const loadCpuUsed = process.cpuUsage(loadCpu);
  const assess = (text: string) => detector.assess(text, 'en-GB');
  const all = examples.map((e) => e.text);
  const twenty = all.filter((t) => {
    const n = t.split(/\s+/).length;
    return n >= 15 && n <= 25;
  });
  timeCalls(all, calls, assess); // warm-up: let the JIT settle before timing
  const midCpu = process.cpuUsage();
  const mid = timeCalls(twenty, calls, assess);
  const midCpuUsed = process.cpuUsage(midCpu);
  const every = timeCalls(all, calls, assess);
  const evaluation = evaluateCrisis(examples, (e) => detector.assess(e.text, e.locale));
  const classifierStart = process.hrtime.bigint();
  const classifier = createThemeClassifier();
  const classifierLoadMs = Number(process.hrtime.bigint() - classifierStart) / 1e6;
  const classify = (text: string) => classifier.classify('money', text);
  timeCalls(all, calls, classify);
  const classified = timeCalls(twenty, calls, classify);
  const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;
  return {
    loadMsP50: round(percentile(loadMs, 50)),
    loadMsMax: round(Math.max(...loadMs)),
    assessUsP50: round(percentile(mid, 50)),
    assessUsP95: round(percentile(mid, 95)),
    assessCpuUs: round((midCpuUsed.user + midCpuUsed.system) / calls),
    loadCpuMs: round((loadCpuUsed.user + loadCpuUsed.system) / 1000 / loads),
    assessAllUsP50: round(percentile(every, 50)),
    assessAllUsP95: round(percentile(every, 95)),
    classifierLoadMs: round(classifierLoadMs),
    classifierUsP50: round(percentile(classified, 50)),
    answers: examples.length,
    recall: evaluation.recall,
    falsePositiveRate: evaluation.falsePositiveRate,
  };
}

export function formatSafetyBench(r: SafetyBenchResult): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const rows: Array<[string, string]> = [
    ['load (lexicon + model), p50 / max', `${r.loadMsP50} / ${r.loadMsMax} ms`],
    ['load, CPU time', `${r.loadCpuMs} ms`],
    ['assess(), 15–25-word answers, p50 / p95', `${r.assessUsP50} / ${r.assessUsP95} µs`],
    ['assess(), 15–25-word answers, CPU time per call', `${r.assessCpuUs} µs`],
    ['assess(), all answers (2–60 words), p50 / p95', `${r.assessAllUsP50} / ${r.assessAllUsP95} µs`],
    ['floor: theme classifier load (first, cold)', `${r.classifierLoadMs} ms`],
    ['floor: theme classifier classify(), same answers, p50', `${r.classifierUsP50} µs`],
    [`labelled set (${r.answers} answers): recall / false positives`, `${pct(r.recall)} / ${pct(r.falsePositiveRate)}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return ['measure'.padEnd(width) + '  value', `${'-'.repeat(width)}  -----`, ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`)].join('\n');
}

if (require.main === module) {
  console.log(formatSafetyBench(runSafetyBench()));
}
