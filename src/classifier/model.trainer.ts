import { createFeatureExtractor, type FeatureOptions, type FeatureVector, type Lens } from './feature.extractor';
import { encodeModel, softmax, type ModelFile } from './linear.model';
import type { LexiconScorer } from './lexicon.scorer';
import { utteranceTokens } from './text.normaliser';

/**
 * Trains the linear model with plain stochastic gradient descent on the softmax cross-entropy,
 * as fastText does: a learning rate that falls linearly to zero, a few passes over the data. Every
 * source of variation is fixed (example order from a seeded generator, no Math.random, no
 * clock), so the same corpus and settings give the same bytes: the committed model can be
 * rebuilt and compared.
 */

export interface TrainingExample {
  text: string;
  /** Index into the class list. */
  target: number;
  /** Classes a reviewer would also accept, which get a small share of the target mass. */
  also: number[];
  lens?: Lens;
}

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  /** Weight decay applied to a row whenever an example touches it. */
  l2: number;
  /** Share of the target mass given to the `also` classes. */
  alsoWeight: number;
  /** Share of examples per pass that are shown without their lens, so the model works without one. */
  lensDropout: number;
  seed: number;
  /**
   * AdaGrad: each weight's step shrinks with the gradients it has already had, so a word seen
   * twice in the corpus still moves as far as it needs to, while common words settle.
   */
  adagrad: boolean;
  /**
   * Buckets that fewer training examples than this reached are dropped from the file: a feature
   * seen once is mostly noise, and leaving them out keeps the model small and quick to load.
   */
  minCount: number;
}

export interface PreparedExample {
  index: Int32Array;
  value: Float32Array;
  lensStart: number;
  target: number;
  also: number[];
}

/** mulberry32: a tiny seeded generator, good enough to shuffle and far from Math.random. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function prepareExamples(examples: readonly TrainingExample[], features: FeatureOptions, lexicon: LexiconScorer): PreparedExample[] {
  const extractor = createFeatureExtractor(features);
  const vector: FeatureVector = { index: [], value: [] };
  return examples.map((example) => {
    const { tokens } = utteranceTokens(example.text);
    const { lensStart } = extractor.extract(tokens, lexicon.evidence(tokens), example.lens, vector);
    return {
      index: Int32Array.from(vector.index),
      value: Float32Array.from(vector.value),
      lensStart,
      target: example.target,
      also: example.also,
    };
  });
}

export interface TrainedWeights {
  weights: Float32Array;
  bias: Float64Array;
}

/** Zeroes the rows of buckets that fewer than `minCount` examples reached. */
export function pruneRare(weights: Float32Array, prepared: readonly PreparedExample[], classCount: number, minCount: number): void {
  if (minCount <= 1) return;
  const rows = weights.length / classCount;
  const counts = new Uint32Array(rows);
  const stamp = new Int32Array(rows).fill(-1);
  prepared.forEach((example, n) => {
    for (const bucket of example.index) {
      // Counted once per example, however often the example hits the bucket.
      if (stamp[bucket] !== n) {
        stamp[bucket] = n;
        counts[bucket] = (counts[bucket] as number) + 1;
      }
    }
  });
  for (let bucket = 0; bucket < rows; bucket += 1) {
    if ((counts[bucket] as number) < minCount) weights.fill(0, bucket * classCount, bucket * classCount + classCount);
  }
}

export function trainWeights(prepared: readonly PreparedExample[], classCount: number, features: FeatureOptions, options: TrainingOptions): TrainedWeights {
  const k = classCount;
  const weights = new Float32Array(features.buckets * k);
  // One AdaGrad accumulator per bucket (the mean squared gradient over its classes), as is usual
  // for embedding rows: nearly as adaptive as one per weight, at a fraction of the square roots.
  const squares = options.adagrad ? new Float32Array(features.buckets) : undefined;
  const bias = new Float64Array(k);
  const random = seededRandom(options.seed);
  const order = prepared.map((_, i) => i);
  const total = options.epochs * prepared.length;
  const scores = new Float64Array(k);
  const target = new Float64Array(k);
  const residual = new Float64Array(k);
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    // Fisher-Yates with the seeded generator: a fresh but reproducible order each pass.
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      const swap = order[i] as number;
      order[i] = order[j] as number;
      order[j] = swap;
    }
    for (const position of order) {
      const example = prepared[position] as PreparedExample;
      const rate = options.learningRate * (1 - step / total);
      step += 1;
      const end = random() < options.lensDropout ? example.lensStart : example.index.length;

      scores.set(bias);
      for (let f = 0; f < end; f += 1) {
        const base = (example.index[f] as number) * k;
        const v = example.value[f] as number;
        for (let c = 0; c < k; c += 1) scores[c] = (scores[c] as number) + v * (weights[base + c] as number);
      }
      softmax(scores);

      target.fill(0);
      const alsoShare = example.also.length > 0 ? options.alsoWeight : 0;
      target[example.target] = 1 - alsoShare;
      for (const also of example.also) target[also] = (target[also] as number) + alsoShare / example.also.length;

      const decay = 1 - rate * options.l2;
      for (let c = 0; c < k; c += 1) residual[c] = (scores[c] as number) - (target[c] as number);
      let residualSquares = 0;
      for (let c = 0; c < k; c += 1) residualSquares += (residual[c] as number) * (residual[c] as number);
      for (let f = 0; f < end; f += 1) {
        const bucket = example.index[f] as number;
        const base = bucket * k;
        const v = example.value[f] as number;
        let step = rate * v;
        if (squares) {
          const sum = (squares[bucket] as number) + (v * v * residualSquares) / k;
          squares[bucket] = sum;
          step /= Math.sqrt(sum) + 1e-8;
        }
        for (let c = 0; c < k; c += 1) weights[base + c] = (weights[base + c] as number) * decay - step * (residual[c] as number);
      }
      for (let c = 0; c < k; c += 1) bias[c] = (bias[c] as number) - rate * ((scores[c] as number) - (target[c] as number));
    }
  }
  return { weights, bias };
}

export function trainModel(input: {
  domain: string;
  classes: readonly string[];
  examples: readonly TrainingExample[];
  features: FeatureOptions;
  training: TrainingOptions;
  /** Written into the model for inference (see the model file's `inference`). */
  inference: ModelFile['inference'];
  lexicon: LexiconScorer;
  /** Extra facts recorded in the file (corpus hash, example count). */
  provenance?: Record<string, string | number | boolean>;
}): ModelFile {
  const prepared = prepareExamples(input.examples, input.features, input.lexicon);
  const { weights, bias } = trainWeights(prepared, input.classes.length, input.features, input.training);
  pruneRare(weights, prepared, input.classes.length, input.training.minCount);
  return encodeModel({
    domain: input.domain,
    classes: input.classes,
    features: input.features,
    training: { ...input.training, ...(input.provenance ?? {}) },
    weights,
    bias,
    inference: input.inference,
  });
}
