import { createHash } from 'node:crypto';
import type { Analysis, LoadedLexicon } from './cue-lexicon.loader';
import type { FeatureVector } from './crisis-features.extractor';
import type { CrisisModelFile } from './crisis-model.schema';
import { createCrisisModel, sigmoid } from './crisis-model';
import { decideDistress } from './distress.decision';
import { DISTRESS_CATEGORIES, type DistressCategory } from './distress.types';
import type { CrisisExample } from './crisis.evaluation';
import { seededRandom } from '../classifier/model.trainer';

export { seededRandom };

/**
 * Trains the crisis model: L2-regularised logistic regression by stochastic gradient descent,
 * deterministic (a fixed seed shuffles a fixed starting order; no clock, no Math.random), so the
 * same labelled set and lexicon always give the same bytes. The decision threshold is chosen on
 * out-of-fold probabilities from k-fold cross-validation, never on the training fit, which for a
 * model this size is close to perfect and says nothing about new speech.
 */

export const TRAINING = {
  epochs: 40,
  learningRate: 0.5,
  l2: 0.0001,
  /** A feature must occur in at least this many training answers (drops one-off typos and noise). */
  minCount: 3,
  seed: 20240917,
  folds: 5,
} as const;

/**
 * False alarms the model may add, as a share of the labelled negatives (out of fold): the
 * threshold is the lowest that stays within it, so recall is as high as this budget allows.
 * The labelled negatives are hard on purpose (idioms and crisis words in ordinary answers);
 * on everyday answers the rate is far lower.
 */
export const FALSE_POSITIVE_BUDGET = 0.06;
/** From this probability the model decides without a cue word and no idiom frame can cancel it. */
export const CONFIDENT_THRESHOLD = 0.9;
const WEIGHT_DECIMALS = 3;
/** Category profiles keep this many words per category. */
const PROFILE_SIZE = 60;

export interface PreparedExample {
  example: CrisisExample;
  analysis: Analysis;
  label: 0 | 1;
}

export interface LogisticModel {
  bias: number;
  weights: Map<string, number>;
}


function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

export function prepareExamples(lexicon: LoadedLexicon, examples: readonly CrisisExample[]): PreparedExample[] {
  return examples.map((example) => ({ example, analysis: lexicon.analyse(example.text), label: example.crisis ? 1 : 0 }));
}

export function trainLogistic(data: ReadonlyArray<{ features: FeatureVector; label: 0 | 1 }>, options = TRAINING): LogisticModel {
  // Vocabulary: features seen in enough answers, in sorted order so indexes never depend on input order.
  const counts = new Map<string, number>();
  for (const d of data) for (const key of d.features.keys()) counts.set(key, (counts.get(key) ?? 0) + 1);
  const vocabulary = [...counts].filter(([, c]) => c >= options.minCount).map(([k]) => k).sort();
  const indexOf = new Map(vocabulary.map((k, i) => [k, i]));
  const rows = data.map((d) => {
    const pairs: Array<[number, number]> = [];
    for (const [key, value] of d.features) {
      const i = indexOf.get(key);
      if (i !== undefined) pairs.push([i, value]);
    }
    // Fixed summation order, so the weights never depend on the order features were produced in.
    pairs.sort((a, b) => a[0] - b[0]);
    return { idx: pairs.map((p) => p[0]), val: pairs.map((p) => p[1]), label: d.label };
  });
  const positives = rows.filter((r) => r.label === 1).length;
  const negatives = rows.length - positives;
  // Balanced classes: each class carries half the loss whatever the mix of the set.
  const classWeight = [rows.length / (2 * Math.max(negatives, 1)), rows.length / (2 * Math.max(positives, 1))];
  const w = new Float64Array(vocabulary.length);
  let bias = 0;
  const random = seededRandom(options.seed);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    const lr = options.learningRate / (1 + epoch * 0.1);
    for (const r of shuffle(order, random)) {
      const row = rows[r] as (typeof rows)[number];
      let z = bias;
      for (let k = 0; k < row.idx.length; k += 1) z += (w[row.idx[k] as number] as number) * (row.val[k] as number);
      const g = (sigmoid(z) - row.label) * (classWeight[row.label] as number);
      bias -= lr * g;
      for (let k = 0; k < row.idx.length; k += 1) {
        const i = row.idx[k] as number;
        w[i] = (w[i] as number) - lr * (g * (row.val[k] as number) + options.l2 * (w[i] as number));
      }
    }
  }
  const scale = 10 ** WEIGHT_DECIMALS;
  const weights = new Map<string, number>();
  vocabulary.forEach((key, i) => {
    const rounded = Math.round((w[i] as number) * scale) / scale;
    if (rounded !== 0) weights.set(key, rounded);
  });
  return { bias: Math.round(bias * scale) / scale, weights };
}

export function probabilityOf(model: LogisticModel, features: FeatureVector): number {
  let z = model.bias;
  for (const [key, value] of features) z += (model.weights.get(key) ?? 0) * value;
  return sigmoid(z);
}

/** Stratified folds: each class shuffled with the seed and dealt round-robin. */
export function foldsOf(prepared: readonly PreparedExample[], folds: number, seed: number): number[] {
  const fold = new Array<number>(prepared.length).fill(0);
  const random = seededRandom(seed + 1);
  for (const label of [1, 0]) {
    const members = prepared.map((p, i) => [p, i] as const).filter(([p]) => p.label === label).map(([, i]) => i);
    shuffle(members, random).forEach((i, k) => {
      fold[i] = k % folds;
    });
  }
  return fold;
}

/** Out-of-fold probability of every example: each scored by a model that never saw it. */
export function outOfFoldProbabilities(prepared: readonly PreparedExample[], options = TRAINING): number[] {
  const fold = foldsOf(prepared, options.folds, options.seed);
  const out = new Array<number>(prepared.length).fill(0);
  for (let f = 0; f < options.folds; f += 1) {
    const train = prepared.filter((_, i) => fold[i] !== f).map((p) => ({ features: p.analysis.features, label: p.label }));
    const model = trainLogistic(train, options);
    prepared.forEach((p, i) => {
      if (fold[i] === f) out[i] = probabilityOf(model, p.analysis.features);
    });
  }
  return out;
}

export interface Figures {
  recall: number;
  falsePositiveRate: number;
}

function figures(prepared: readonly PreparedExample[], flagged: (i: number) => boolean): Figures {
  let tp = 0;
  let fp = 0;
  let pos = 0;
  prepared.forEach((p, i) => {
    if (p.label === 1) {
      pos += 1;
      if (flagged(i)) tp += 1;
    } else if (flagged(i)) fp += 1;
  });
  const neg = prepared.length - pos;
  return { recall: pos === 0 ? 1 : tp / pos, falsePositiveRate: neg === 0 ? 0 : fp / neg };
}

/** The model alone at a threshold. */
export function modelFigures(prepared: readonly PreparedExample[], probabilities: readonly number[], threshold: number): Figures {
  return figures(prepared, (i) => (probabilities[i] as number) >= threshold);
}

/** The model where the decision lets it decide: answers carrying a cue, or where it is confident. */
export function gatedModelFigures(prepared: readonly PreparedExample[], probabilities: readonly number[], threshold: number): Figures {
  return figures(prepared, (i) => {
    const p = probabilities[i] as number;
    return p >= threshold && ((prepared[i] as PreparedExample).analysis.match.signals.length > 0 || p >= CONFIDENT_THRESHOLD);
  });
}

/** The whole decision (cues, model, idiom veto) at a threshold. */
export function detectorFigures(
  prepared: readonly PreparedExample[],
  probabilities: readonly number[],
  threshold: number,
  priority: readonly DistressCategory[],
): Figures {
  const settings = { threshold, confidentThreshold: CONFIDENT_THRESHOLD, priority };
  return figures(prepared, (i) => decideDistress((prepared[i] as PreparedExample).analysis.match, probabilities[i] as number, settings, () => undefined).distress);
}

/**
 * The lowest threshold whose out-of-fold false-positive rate, for the model where it may decide,
 * stays within FALSE_POSITIVE_BUDGET. Chosen on the model, not on the whole detector: the cue
 * lists were written against this set, so they catch nearly all of it and would make any
 * threshold look free, while on new speech the model is what catches the phrasings no list
 * foresaw.
 */
export function chooseThreshold(prepared: readonly PreparedExample[], probabilities: readonly number[]): number {
  for (let t = 5; t <= 95; t += 1) {
    const threshold = t / 100;
    if (gatedModelFigures(prepared, probabilities, threshold).falsePositiveRate <= FALSE_POSITIVE_BUDGET) return threshold;
  }
  return 0.95;
}

/** Naive-Bayes-style log-odds of each word for one category against the other crisis answers. */
function categoryProfiles(prepared: readonly PreparedExample[]): Record<string, Record<string, number>> {
  const positives = prepared.filter((p) => p.label === 1);
  const out: Record<string, Record<string, number>> = {};
  const totals = new Map<string, number>();
  for (const p of positives) for (const key of p.analysis.features.keys()) if (key.startsWith('w:')) totals.set(key, (totals.get(key) ?? 0) + 1);
  for (const category of DISTRESS_CATEGORIES) {
    const inCat = positives.filter((p) => p.example.category === category);
    const rest = positives.length - inCat.length;
    const counts = new Map<string, number>();
    for (const p of inCat) for (const key of p.analysis.features.keys()) if (key.startsWith('w:')) counts.set(key, (counts.get(key) ?? 0) + 1);
    const scored = [...counts]
      .filter(([, c]) => c >= 2)
      .map(([key, c]) => {
        const other = (totals.get(key) ?? 0) - c;
        const score = Math.log((c + 0.5) / (inCat.length + 1)) - Math.log((other + 0.5) / (rest + 1));
        return [key, Math.round(score * 1000) / 1000] as const;
      })
      .filter(([, s]) => s > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, PROFILE_SIZE)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    out[category] = Object.fromEntries(scored);
  }
  return out;
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface TrainingResult {
  model: CrisisModelFile;
  probabilities: number[];
}

export function trainCrisisModel(lexicon: LoadedLexicon, examples: readonly CrisisExample[], labelledBytes: string | Buffer, options = TRAINING): TrainingResult {
  const prepared = prepareExamples(lexicon, examples);
  const probabilities = outOfFoldProbabilities(prepared, options);
  const priority = lexicon.head.categoryPriority;
  const threshold = chooseThreshold(prepared, probabilities);
  const model = modelFigures(prepared, probabilities, threshold);
  const gated = gatedModelFigures(prepared, probabilities, threshold);
  const detector = detectorFigures(prepared, probabilities, threshold, priority);
  const final = trainLogistic(
    prepared.map((p) => ({ features: p.analysis.features, label: p.label })),
    options,
  );
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  const file: CrisisModelFile = {
    format: 1,
    language: lexicon.head.language,
    trainedOn: {
      examples: prepared.length,
      positives: prepared.filter((p) => p.label === 1).length,
      labelledSha256: sha256(labelledBytes),
      lexiconSha256: lexicon.sha256,
    },
    training: { ...options },
    threshold,
    confidentThreshold: CONFIDENT_THRESHOLD,
    crossValidation: {
      modelRecall: round(model.recall),
      modelFalsePositiveRate: round(model.falsePositiveRate),
      gatedModelRecall: round(gated.recall),
      gatedModelFalsePositiveRate: round(gated.falsePositiveRate),
      detectorRecall: round(detector.recall),
      detectorFalsePositiveRate: round(detector.falsePositiveRate),
    },
    bias: final.bias,
    weights: [...final.weights].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    categoryProfiles: categoryProfiles(prepared),
  };
  // Round-trip through the runtime loader's scoring so a model that cannot load is never written.
  createCrisisModel(file);
  return { model: file, probabilities };
}

/** Stable text: fixed key order, one weight a line, so diffs of a retrained model stay readable. */
export function serializeCrisisModel(model: CrisisModelFile): string {
  const { weights, categoryProfiles: profiles, ...head } = model;
  const headText = JSON.stringify(head);
  const weightLines = weights.map(([k, v]) => `[${JSON.stringify(k)},${v}]`);
  const profileText = JSON.stringify(profiles);
  return `${headText.slice(0, -1)},\n"categoryProfiles":${profileText},\n"weights":[\n${weightLines.join(',\n')}\n]}\n`;
}
