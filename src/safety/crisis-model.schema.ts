import { z } from 'zod';

/**
 * content/safety/crisis-model.json: a logistic regression written by `npm run safety:train`.
 * Committed data, regenerated (never hand-edited) when the labelled set or the lexicon changes;
 * a drift test retrains and compares it byte for byte.
 */

const rate = z.number().min(0).max(1);

/**
 * Thousands of [feature, weight] pairs (an array parses much faster than an object with thousands
 * of keys): checked in one loop rather than entry by entry through zod, which keeps loading the
 * model to a couple of milliseconds.
 */
function isWeightList(value: unknown): value is Array<[string, number]> {
  if (!Array.isArray(value)) return false;
  for (const entry of value) {
    if (!Array.isArray(entry) || entry.length !== 2) return false;
    const [key, w] = entry as unknown[];
    if (typeof key !== 'string' || key.length < 3 || typeof w !== 'number' || !Number.isFinite(w)) return false;
  }
  return true;
}
const weightList = z.custom<Array<[string, number]>>(isWeightList, { message: 'must list [feature, finite number] pairs' });

function isWeightMap(value: unknown): value is Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) {
    const w = (value as Record<string, unknown>)[key];
    if (typeof w !== 'number' || !Number.isFinite(w) || key.length < 3) return false;
  }
  return true;
}
const weightMap = z.custom<Record<string, number>>(isWeightMap, { message: 'must map feature names to finite numbers' });

export const crisisModelSchema = z.strictObject({
  format: z.literal(1),
  language: z.string().regex(/^[a-z]{2,3}$/),
  trainedOn: z.strictObject({
    examples: z.number().int().positive(),
    positives: z.number().int().positive(),
    /** SHA-256 of the labelled set and of the lexicon the features came from. */
    labelledSha256: z.string().regex(/^[0-9a-f]{64}$/),
    lexiconSha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  training: z.strictObject({
    epochs: z.number().int().positive(),
    learningRate: z.number().positive(),
    l2: z.number().nonnegative(),
    minCount: z.number().int().positive(),
    seed: z.number().int(),
    folds: z.number().int().min(2),
  }),
  /** The model alone decides distress at or above this probability (chosen on out-of-fold scores). */
  threshold: rate,
  /**
   * At or above this probability the model is confident: it decides even when the answer carries
   * no cue word, and no idiom frame can cancel it.
   */
  confidentThreshold: rate,
  /** Out-of-fold figures on the labelled set, from the same training procedure. */
  crossValidation: z.strictObject({
    /** The model alone at the threshold. */
    modelRecall: rate,
    modelFalsePositiveRate: rate,
    /** The model where it may decide (answers with at least one weak cue). */
    gatedModelRecall: rate,
    gatedModelFalsePositiveRate: rate,
    /** Cues and model together; optimistic, since the cue lists were written against this set. */
    detectorRecall: rate,
    detectorFalsePositiveRate: rate,
  }),
  bias: z.number(),
  weights: weightList,
  /** Per category, word weights used only to name the category when the model alone decided. */
  categoryProfiles: z.record(z.string(), weightMap),
});

export type CrisisModelFile = z.infer<typeof crisisModelSchema>;
