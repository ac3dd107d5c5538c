/**
 * Grouped k-fold cross-validation of the model settings on the corpus, plus the old held-out set
 * as a development set (trained on the whole corpus). Lines built from one hand-written source
 * share a group and stay in one fold, so a padded copy of a test sentence is never trained on.
 *   npx tsx scripts/classifier/cross-validate.ts [--folds 5] [--domain money] [--set key=value ...] [--misses]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate, loadLabelledSet, type EvaluationResult, type LabelledExample } from '../../src/classifier/classifier.evaluation';
import { createThemeClassifier } from '../../src/classifier/theme.classifier';
import type { ModelFile } from '../../src/classifier/linear.model';
import { DEV_DIR, HELD_OUT_DIR } from './corpus.paths';
import { DOMAINS, loadCorpus, MODEL_SETTINGS, trainDomain, type ModelSettings } from './model.builder';

export interface FoldFigures {
  domain: string;
  n: number;
  top1: number;
  top2: number;
  nonAnswerRecall: number;
  nonAnswerPrecision: number;
}

function groupOf(example: LabelledExample & { group?: string }): string {
  return example.group ?? example.text;
}

function foldOf(group: string, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < group.length; i += 1) h = Math.imul(h ^ group.charCodeAt(i), 16777619) >>> 0;
  return h % folds;
}

function classifierWith(domain: string, model: ModelFile): ReturnType<typeof createThemeClassifier> {
  return createThemeClassifier({ models: { [domain]: model } });
}

function nonAnswerFigures(result: EvaluationResult, examples: readonly LabelledExample[]): { recall: number; precision: number } {
  const missed = new Map(result.misses.map((m) => [m.text, m]));
  let truePositive = 0;
  let actual = 0;
  let predicted = 0;
  for (const example of examples) {
    const miss = missed.get(example.text);
    const got = miss ? miss.got[0] : example.theme;
    if (example.theme === 'non-answer') actual += 1;
    if (got === 'non-answer') predicted += 1;
    if (example.theme === 'non-answer' && got === 'non-answer') truePositive += 1;
  }
  return { recall: actual ? truePositive / actual : 1, precision: predicted ? truePositive / predicted : 1 };
}

export function crossValidate(domain: string, settings: ModelSettings, folds: number): { figures: FoldFigures; misses: EvaluationResult['misses'] } {
  const corpus = loadCorpus(domain) as Array<LabelledExample & { group?: string }>;
  let n = 0;
  let top1 = 0;
  let top2 = 0;
  let tp = 0;
  let actual = 0;
  let predicted = 0;
  const misses: EvaluationResult['misses'] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const train = corpus.filter((e) => foldOf(groupOf(e), folds) !== fold);
    const test = corpus.filter((e) => foldOf(groupOf(e), folds) === fold);
    const model = trainDomain(domain, { examples: train, settings });
    const result = evaluate(classifierWith(domain, model), domain, test);
    n += result.n;
    top1 += result.top1 * result.n;
    top2 += result.top2 * result.n;
    misses.push(...result.misses);
    const na = nonAnswerFigures(result, test);
    const foldActual = test.filter((e) => e.theme === 'non-answer').length;
    actual += foldActual;
    tp += na.recall * foldActual;
    const foldPredicted = na.precision > 0 ? (na.recall * foldActual) / na.precision : 0;
    predicted += foldPredicted;
  }
  return {
    figures: { domain, n, top1: top1 / n, top2: top2 / n, nonAnswerRecall: actual ? tp / actual : 1, nonAnswerPrecision: predicted ? tp / predicted : 1 },
    misses,
  };
}

/** Trained on the whole corpus, measured on the two development sets (old held-out, then dev). */
export function developmentFigures(domain: string, settings: ModelSettings): [EvaluationResult, EvaluationResult] {
  const corpus = loadCorpus(domain);
  const classifier = classifierWith(domain, trainDomain(domain, { examples: corpus, settings }));
  // A development line that the corpus also has would measure memory, not generalisation.
  const trained = new Set(corpus.map((e) => e.text));
  const unseen = (dir: string): LabelledExample[] => loadLabelledSet(path.join(dir, `${domain}.jsonl`)).filter((e) => !trained.has(e.text));
  return [evaluate(classifier, domain, unseen(HELD_OUT_DIR)), evaluate(classifier, domain, unseen(DEV_DIR))];
}

function applyOverrides(settings: ModelSettings, overrides: readonly string[]): ModelSettings {
  const next: ModelSettings = { ...settings, features: { ...settings.features }, training: { ...settings.training }, inference: { ...settings.inference } };
  for (const override of overrides) {
    const [key, raw] = override.split('=');
    if (!key || raw === undefined) throw new Error(`--set takes key=value (got ${override})`);
    const value: number | boolean = raw === 'true' ? true : raw === 'false' ? false : Number(raw);
    if (key in next.features) (next.features as unknown as Record<string, unknown>)[key] = value;
    else if (key in next.training) (next.training as unknown as Record<string, unknown>)[key] = value;
    else if (key in next.inference) (next.inference as unknown as Record<string, unknown>)[key] = value;
    else if (key === 'lexiconTermMinWeight') next.lexiconTermMinWeight = Number(value);
    else throw new Error(`unknown setting ${key}`);
  }
  return next;
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      folds: { type: 'string', default: '5' },
      domain: { type: 'string', multiple: true },
      set: { type: 'string', multiple: true },
      misses: { type: 'boolean', default: false },
    },
  });
  const settings = applyOverrides(MODEL_SETTINGS, values.set ?? []);
  const domains = values.domain ?? [...DOMAINS];
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const cell = (x: number, w = 7): string => pct(x).padStart(w);
  const rows: string[] = ['domain        n  cv top-1 top-2  na-rec na-prec |  held n top-1 top-2 |  dev n top-1 top-2'];
  const total = { n: 0, t1: 0, t2: 0, hn: 0, h1: 0, h2: 0, dn: 0, d1: 0, d2: 0 };
  for (const domain of domains) {
    const { figures, misses } = crossValidate(domain, settings, Number(values.folds));
    const [held, dev] = developmentFigures(domain, settings);
    total.n += figures.n;
    total.t1 += figures.top1 * figures.n;
    total.t2 += figures.top2 * figures.n;
    total.hn += held.n;
    total.h1 += held.top1 * held.n;
    total.h2 += held.top2 * held.n;
    total.dn += dev.n;
    total.d1 += dev.top1 * dev.n;
    total.d2 += dev.top2 * dev.n;
    rows.push(
      `${domain.padEnd(9)} ${String(figures.n).padStart(5)} ${cell(figures.top1, 9)} ${cell(figures.top2, 5)} ${cell(figures.nonAnswerRecall)} ${cell(figures.nonAnswerPrecision)} | ${String(held.n).padStart(7)} ${cell(held.top1, 5)} ${cell(held.top2, 5)} | ${String(dev.n).padStart(6)} ${cell(dev.top1, 5)} ${cell(dev.top2, 5)}`,
    );
    if (values.misses) {
      for (const miss of [...held.misses, ...dev.misses]) process.stdout.write(`dev  ${domain} ${miss.expected.padEnd(15)} got ${miss.got.slice(0, 2).join(',').padEnd(28)} ${miss.text}\n`);
      for (const miss of misses) process.stdout.write(`cv   ${domain} ${miss.expected.padEnd(15)} got ${miss.got.slice(0, 2).join(',').padEnd(28)} ${miss.text}\n`);
    }
  }
  const dn = total.hn + total.dn;
  rows.push(
    `${'overall'.padEnd(9)} ${String(total.n).padStart(5)} ${cell(total.t1 / total.n, 9)} ${cell(total.t2 / total.n, 5)}                 | ${String(total.hn).padStart(7)} ${cell(total.h1 / total.hn, 5)} ${cell(total.h2 / total.hn, 5)} | ${String(total.dn).padStart(6)} ${cell(total.d1 / total.dn, 5)} ${cell(total.d2 / total.dn, 5)}`,
    `both development sets: n ${dn}, top-1 ${pct((total.h1 + total.d1) / dn)}, top-2 ${pct((total.h2 + total.d2) / dn)}`,
  );
  process.stdout.write(`${rows.join('\n')}\n`);
}
