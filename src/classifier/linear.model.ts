import { z } from 'zod';
import type { FeatureOptions, FeatureVector } from './feature.extractor';

/**
 * The trained per-domain model: one row of class weights per hash bucket, softmax on top. Weights
 * are stored as int8 with one scale per model, and only the rows training touched are written,
 * so a domain's file stays in the tens of kilobytes and decodes in about a millisecond.
 */

export const MODEL_FORMAT = 'lifepath-linear-v1';

const featureOptionsSchema = z.strictObject({
  /** Row numbers are stored as 16-bit integers, so at most 65,536 buckets. */
  buckets: z.number().int().positive().max(65536),
  charMin: z.number().int().min(1),
  charMax: z.number().int().min(0),
  bigrams: z.boolean(),
  negatedScale: z.number().min(0),
  beforeContrastScale: z.number().min(0),
  focusWords: z.boolean(),
  lexiconScale: z.number().min(0),
  lengthPower: z.number().min(0).max(1),
});

export const modelFileSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  domain: z.string().min(1),
  /** Output classes in order: the domain's contract themes, then the system ids. */
  classes: z.array(z.string().min(1)).min(2),
  features: featureOptionsSchema,
  /** How the model was made, so a reviewer can tell which corpus and settings it came from. */
  training: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  scale: z.number().positive(),
  inference: z.strictObject({
    /**
     * When an answer turns ("sure but mainly…", "its more…"), the words after the turn are
     * classified again and their logits added with this weight: the point of the answer follows.
     */
    tailWeight: z.number().min(0),
    /**
     * Added to the non-answer logit: regularisation that helps the themes generalise also makes
     * the model shy of saying "this carries nothing"; this offset, set by cross-validation, puts
     * the 0.5 line back where non-answers and answers are told apart best.
     */
    nonAnswerBias: z.number(),
    /**
     * A real answer whose best theme has less probability than this is tagged `other` first (with
     * the guesses after it): a short follow-up such as "most weekdays" should not be filed under
     * whatever theme is least unlikely, nor trigger a partner offer.
     */
    minConfidence: z.number().min(0).max(1),
  }),
  bias: z.array(z.number()),
  /** Base64: bucket numbers of the stored rows, ascending, as little-endian 16-bit integers. */
  rows: z.string(),
  /** Base64: int8 weights, classes.length per stored row. */
  weights: z.string(),
});

export type ModelFile = z.infer<typeof modelFileSchema>;

export interface LinearModel {
  domain: string;
  classes: readonly string[];
  features: FeatureOptions;
  inference: ModelFile['inference'];
  /** Logits for a feature vector, written into `out` (length classes.length). */
  logits(vector: FeatureVector, out: Float64Array): Float64Array;
}

/** Softmax in place, shifted by the maximum so large logits cannot overflow. */
export function softmax(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const z of logits) if (z > max) max = z;
  let sum = 0;
  for (let k = 0; k < logits.length; k += 1) {
    const e = Math.exp((logits[k] as number) - max);
    logits[k] = e;
    sum += e;
  }
  for (let k = 0; k < logits.length; k += 1) logits[k] = (logits[k] as number) / sum;
  return logits;
}

/**
 * Quantises trained float weights into the file form. Rows whose weights all round to zero are
 * not stored: they are buckets no training example reached, or reached too weakly to matter.
 */
export function encodeModel(input: {
  domain: string;
  classes: readonly string[];
  features: FeatureOptions;
  training: ModelFile['training'];
  weights: Float32Array;
  bias: Float64Array | readonly number[];
  inference: ModelFile['inference'];
}): ModelFile {
  const k = input.classes.length;
  let maxAbs = 0;
  for (const w of input.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs > 0 ? maxAbs / 127 : 1;
  const rows: number[] = [];
  const quantised: number[] = [];
  for (let bucket = 0; bucket < input.features.buckets; bucket += 1) {
    const row: number[] = [];
    let any = false;
    for (let c = 0; c < k; c += 1) {
      const q = Math.max(-127, Math.min(127, Math.round((input.weights[bucket * k + c] as number) / scale)));
      row.push(q);
      if (q !== 0) any = true;
    }
    if (!any) continue;
    rows.push(bucket);
    for (const q of row) quantised.push(q & 0xff);
  }
  return {
    format: MODEL_FORMAT,
    domain: input.domain,
    classes: [...input.classes],
    features: { ...input.features },
    training: input.training,
    scale: Number(scale.toPrecision(9)),
    inference: { ...input.inference },
    bias: [...input.bias].map((b) => Number(b.toFixed(5))),
    rows: Buffer.from(Uint16Array.from(rows).buffer).toString('base64'),
    weights: Buffer.from(quantised).toString('base64'),
  };
}

/** Turns a validated model file into a model; a file whose parts disagree is rejected with the reason. */
export function decodeModel(file: ModelFile): LinearModel {
  const k = file.classes.length;
  if (file.bias.length !== k) throw new Error(`bias has ${file.bias.length} values for ${k} classes`);
  const { buckets } = file.features;
  if ((buckets & (buckets - 1)) !== 0) throw new Error(`features.buckets ${buckets} is not a power of two`);
  // Typed-array views over the decoded bytes, copied once so the views are aligned: no
  // per-weight loop at load, which matters at a Lambda cold start, before the JIT has warmed up.
  const rowBytes = Uint8Array.from(Buffer.from(file.rows, 'base64'));
  if (rowBytes.length % 2 !== 0) throw new Error('rows is not a whole number of 16-bit values');
  const rows = new Uint16Array(rowBytes.buffer);
  const packed = Int8Array.from(Buffer.from(file.weights, 'base64'));
  if (packed.length !== rows.length * k) throw new Error(`weights hold ${packed.length} values for ${rows.length} rows of ${k}`);
  /** Bucket to the offset of its row in `packed`, or -1 for a bucket with no stored row. */
  const offsetOf = new Int32Array(buckets).fill(-1);
  let previous = -1;
  for (let row = 0; row < rows.length; row += 1) {
    const bucket = rows[row] as number;
    if (bucket <= previous || bucket >= buckets) throw new Error(`row ${row} has bucket ${bucket}, out of order or outside ${buckets} buckets`);
    offsetOf[bucket] = row * k;
    previous = bucket;
  }
  const bias = Float64Array.from(file.bias);
  const scale = file.scale;
  return {
    domain: file.domain,
    classes: file.classes,
    features: file.features,
    inference: file.inference,
    logits(vector, out) {
      out.fill(0);
      const { index, value } = vector;
      for (let f = 0; f < index.length; f += 1) {
        const base = offsetOf[index[f] as number] as number;
        if (base < 0) continue;
        const v = value[f] as number;
        for (let c = 0; c < k; c += 1) out[c] = (out[c] as number) + v * (packed[base + c] as number);
      }
      for (let c = 0; c < k; c += 1) out[c] = (out[c] as number) * scale + (bias[c] as number);
      return out;
    },
  };
}
