import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAppError } from '../../../src/errors/app-error';
import type { LabelledExample } from '../../../src/classifier/classifier.evaluation';
import { decodeModel, encodeModel, modelFileSchema, type ModelFile } from '../../../src/classifier/linear.model';
import { loadModel } from '../../../src/classifier/model.loader';
import { seededRandom } from '../../../src/classifier/model.trainer';
import { createThemeClassifier } from '../../../src/classifier/theme.classifier';
import { classesOf, loadCorpus, MODEL_SETTINGS, serialiseModel, trainDomain } from '../../../scripts/classifier/model.builder';

const FEATURES = MODEL_SETTINGS.features;
const INFERENCE = MODEL_SETTINGS.inference;

describe('linear model file', () => {
  it('round-trips quantised weights, storing only rows with a non-zero weight', () => {
    const classes = ['a', 'b', 'c'];
    const weights = new Float32Array(FEATURES.buckets * classes.length);
    weights.set([1.27, -0.5, 0], 7 * 3);
    weights.set([0, 0, 0.001], 9 * 3);
    weights.set([-1.27, 0.01, 0.635], 30000 * 3);
    const file = encodeModel({ domain: 'x', classes, features: FEATURES, training: {}, weights, bias: [0.1, 0, -0.1], inference: INFERENCE });
    expect(modelFileSchema.parse(file)).toEqual(file);
    // Bucket 9 rounds to zero and is left out: two rows of three int8 weights.
    expect(Buffer.from(file.weights, 'base64')).toHaveLength(6);
    const model = decodeModel(file);
    const logits = model.logits({ index: [7, 30000, 9, 123], value: [1, 0.5, 1, 1] }, new Float64Array(3));
    expect(logits[0]).toBeCloseTo(0.1 + 1.27 - 0.635, 2);
    expect(logits[1]).toBeCloseTo(-0.5 + 0.005, 2);
    expect(logits[2]).toBeCloseTo(-0.1 + 0.3175, 2);
  });

  it('rejects a file whose parts disagree', () => {
    const classes = ['a', 'b'];
    const weights = new Float32Array(FEATURES.buckets * 2).fill(0.5);
    const good = encodeModel({ domain: 'x', classes, features: FEATURES, training: {}, weights, bias: [0, 0], inference: INFERENCE });
    expect(() => decodeModel({ ...good, bias: [0] })).toThrow(/bias has 1 values for 2 classes/);
    expect(() => decodeModel({ ...good, weights: Buffer.from([1, 2, 3]).toString('base64') })).toThrow(/weights hold 3 values/);
  });
});

describe('training', () => {
  // A small slice keeps these tests quick; determinism does not depend on size.
  const sample = loadCorpus('food').filter((_, i) => i % 25 === 0);
  const small = { ...MODEL_SETTINGS, lexiconTermMinWeight: 0, training: { ...MODEL_SETTINGS.training, epochs: 4 } };

  it('is deterministic: the same examples and settings give the same bytes', () => {
    expect(serialiseModel(trainDomain('food', { examples: sample, settings: small }))).toBe(serialiseModel(trainDomain('food', { examples: sample, settings: small })));
  });

  it('depends on the seed and on the examples, so the determinism above is not an accident', () => {
    const reseeded = { ...small, training: { ...small.training, seed: small.training.seed + 1 } };
    const base = serialiseModel(trainDomain('food', { examples: sample, settings: small }));
    expect(serialiseModel(trainDomain('food', { examples: sample, settings: reseeded }))).not.toBe(base);
    expect(serialiseModel(trainDomain('food', { examples: sample.slice(1), settings: small }))).not.toBe(base);
  });

  it('shuffles with a seeded generator, never Math.random', () => {
    const spy = jest.spyOn(Math, 'random');
    trainDomain('food', { examples: sample.slice(0, 50), settings: small });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    const a = seededRandom(3);
    const b = seededRandom(3);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('uses the question lens as context', () => {
    // Identical words, labelled by lens alone: only the lens features can tell them apart.
    const examples: LabelledExample[] = [];
    for (let i = 0; i < 40; i += 1) {
      examples.push({ text: `it is the thing number ${i % 5}`, theme: 'healthy-eating', also: [], lens: 'dream' });
      examples.push({ text: `it is the thing number ${i % 5}`, theme: 'food-safety', also: [], lens: 'fear' });
    }
    const noDropout = { ...small, training: { ...small.training, lensDropout: 0 } };
    const classifier = createThemeClassifier({ models: { food: trainDomain('food', { examples, settings: noDropout }) } });
    expect(classifier.classify('food', 'it is the thing number 2', { lens: 'dream' }).themes[0]?.id).toBe('healthy-eating');
    expect(classifier.classify('food', 'it is the thing number 2', { lens: 'fear' }).themes[0]?.id).toBe('food-safety');
  });
});

describe('model loader', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-models-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const classes = classesOf('food');
  const file = path.join(dir, 'food.model.json');
  const valid: ModelFile = encodeModel({
    domain: 'food',
    classes,
    features: FEATURES,
    training: {},
    weights: new Float32Array(FEATURES.buckets * classes.length),
    bias: classes.map(() => 0),
    inference: INFERENCE,
  });

  function loadError(content: string, expected = classes): string {
    fs.writeFileSync(file, content);
    try {
      loadModel(dir, 'food', expected);
    } catch (error) {
      if (isAppError(error) && error.code === 'CONTENT_INVALID') return error.message;
      throw error;
    }
    throw new Error('expected the model to be rejected');
  }

  it('returns undefined when a domain has no model file', () => {
    expect(loadModel(dir, 'gardening', ['a'])).toBeUndefined();
  });

  it('names the file and what is wrong with it', () => {
    expect(loadError('{ nope')).toMatch(/food\.model\.json: is not valid JSON/);
    expect(loadError(JSON.stringify({ ...valid, format: 'v0' }))).toMatch(/food\.model\.json: format: /);
    expect(loadError(JSON.stringify({ ...valid, domain: 'money' }))).toMatch(/is for domain "money", not "food"/);
    expect(loadError(JSON.stringify(valid), [...classes, 'snacks'])).toMatch(/do not match the taxonomy.*npm run classifier:train/);
  });
});
