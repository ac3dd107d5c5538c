import { AppError } from '../errors/app-error';
import { readValidatedJson } from '../content/validated-json.reader';
import { CHAR_MAX, CHAR_MIN, GROUP_WEIGHT, spoken, type FeatureVector } from './crisis-features.extractor';
import type { CueMatch } from './cue.matcher';
import { crisisModelSchema, type CrisisModelFile } from './crisis-model.schema';
import { DISTRESS_CATEGORIES, type DistressCategory } from './distress.types';

/** A loaded logistic regression: weights in a Map for constant-time lookups while scoring. */
export interface CrisisModel {
  file: CrisisModelFile;
  /** From a feature vector (the trainer's readable form). */
  probability(features: FeatureVector): number;
  /** The same probability straight from a match, without building feature strings (the hot path). */
  probabilityOfMatch(match: CueMatch): number;
  /** The category whose word profile best fits the answer's words (for model-only decisions). */
  likelyCategory(match: CueMatch): DistressCategory | undefined;
}

interface TokenWeights {
  word: number;
  chars: number;
  charCount: number;
}

const TOKEN_CACHE_LIMIT = 8192;

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function createCrisisModel(file: CrisisModelFile): CrisisModel {
  const weights = new Map(file.weights);
  // Bigram weights by first word, then second: two lookups instead of building "b:x_y" strings.
  const bigrams = new Map<string, Map<string, number>>();
  for (const [key, w] of file.weights) {
    if (!key.startsWith('b:')) continue;
    const cut = key.indexOf('_', 2);
    // Canonical tokens never contain "_", so the first one splits the pair.
    const first = key.slice(2, cut);
    const inner = bigrams.get(first) ?? new Map<string, number>();
    inner.set(key.slice(cut + 1), w);
    bigrams.set(first, inner);
  }
  const profiles = DISTRESS_CATEGORIES.map((c) => [c, new Map(Object.entries(file.categoryProfiles[c] ?? {}))] as const);
  // Per word: its unigram weight and the sum and count of its character n-grams, which depend on
  // the word alone; answers reuse the same few hundred words, so most lookups are one Map hit.
  const cache = new Map<string, TokenWeights>();
  const weightsOf = (token: string): TokenWeights => {
    let tw = cache.get(token);
    if (tw) return tw;
    let chars = 0;
    let charCount = 0;
    if (!token.startsWith('#')) {
      const padded = ` ${token} `;
      for (let n = CHAR_MIN; n <= CHAR_MAX; n += 1) {
        for (let i = 0; i + n <= padded.length; i += 1) {
          chars += weights.get(`c:${padded.slice(i, i + n)}`) ?? 0;
          charCount += 1;
        }
      }
    }
    tw = { word: weights.get(`w:${token}`) ?? 0, chars, charCount };
    if (cache.size >= TOKEN_CACHE_LIMIT) cache.clear();
    cache.set(token, tw);
    return tw;
  };
  return {
    file,
    probability(features: FeatureVector): number {
      let z = file.bias;
      for (const [key, value] of features) {
        const w = weights.get(key);
        if (w !== undefined) z += w * value;
      }
      return sigmoid(z);
    },
    probabilityOfMatch(match: CueMatch): number {
      const tokens = match.tokens.map(spoken);
      let words = 0;
      let chars = 0;
      let charCount = 0;
      for (let i = 0; i < tokens.length; i += 1) {
        const t = tokens[i] as string;
        const tw = weightsOf(t);
        words += tw.word;
        chars += tw.chars;
        charCount += tw.charCount;
        if (i + 1 < tokens.length) words += bigrams.get(t)?.get(tokens[i + 1] as string) ?? 0;
      }
      let cues = 0;
      let cueCount = 0;
      for (const c of match.concepts) {
        cues += weights.get(`q:${c}`) ?? 0;
        cueCount += 1;
      }
      for (const s of match.signals) {
        if (s.strength !== 'weak') continue;
        cues += weights.get(`s:${s.id}`) ?? 0;
        cueCount += 1;
      }
      for (const i of match.idioms) {
        cues += weights.get(`i:${i}`) ?? 0;
        cueCount += 1;
      }
      if (cueCount === 0) {
        cues = weights.get('q:none') ?? 0;
        cueCount = 1;
      }
      const wordCount = tokens.length === 0 ? 0 : 2 * tokens.length - 1;
      let z = file.bias + (cues * GROUP_WEIGHT.cues) / Math.sqrt(cueCount);
      if (wordCount > 0) z += (words * GROUP_WEIGHT.words) / Math.sqrt(wordCount);
      if (charCount > 0) z += (chars * GROUP_WEIGHT.chars) / Math.sqrt(charCount);
      return sigmoid(z);
    },
    likelyCategory(match: CueMatch): DistressCategory | undefined {
      const words = new Set(match.tokens.map((t) => `w:${spoken(t)}`));
      let best: DistressCategory | undefined;
      let bestScore = 0;
      for (const [category, profile] of profiles) {
        let score = 0;
        for (const key of words) score += profile.get(key) ?? 0;
        if (score > bestScore) {
          bestScore = score;
          best = category;
        }
      }
      return best;
    },
  };
}

export function loadCrisisModel(path: string, language: string): CrisisModel {
  const file = readValidatedJson(path, crisisModelSchema);
  if (file.language !== language) {
    throw new AppError('CONTENT_INVALID', `${path}: field "language": is "${file.language}" but the lexicon is "${language}"`);
  }
  return createCrisisModel(file);
}
