import type { Token } from './lexicon.matcher';
import type { LexiconEvidence } from './lexicon.scorer';
import { MIN_EVIDENCE } from './lexicon.scorer';

/**
 * fastText-style features for the linear model: word stems, word bigrams and character n-grams of
 * each word, hashed into a fixed number of buckets, plus a few dense features (the question's
 * lens, the utterance length, the lexicon's evidence). Hashing keeps the model a flat table with
 * no vocabulary to ship, and character n-grams let an unseen word ("remortgaging") share weights
 * with the words it is built from.
 */

export type Lens = 'dream' | 'fear' | 'frustration';
export const LENSES: readonly Lens[] = ['dream', 'fear', 'frustration'];

export interface FeatureOptions {
  /** Hash table size; a power of two. */
  buckets: number;
  /** Character n-gram lengths over `<word>`; charMax 0 turns them off. */
  charMin: number;
  charMax: number;
  bigrams: boolean;
  /** A negated word's ordinary features count for this much ("not worried about debt"). */
  negatedScale: number;
  /**
   * Words after a contrast ("but mainly", "its more") carry the answer's point, so they also get
   * focus features of their own; words before the last contrast count this much (1 = as usual).
   */
  beforeContrastScale: number;
  focusWords: boolean;
  /** Weight of the lexicon's per-theme evidence features. */
  lexiconScale: number;
  /** Text features are divided by (their total weight) to this power: 1 averages them, 0.5 keeps long answers stronger. */
  lengthPower: number;
}

export interface FeatureVector {
  index: number[];
  value: number[];
}

/** Words after which the rest of the answer carries its point ("sure but mainly", "its more", "what i really want"). */
const FOCUS_MARKERS: ReadonlySet<string> = new Set(['but', 'mainly', 'mostly', 'rather', 'instead', 'actually', 'especially', 'more', 'biggest', 'main']);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mixChar(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME) >>> 0;
}

function hashRange(h: number, s: string, start: number, end: number): number {
  let x = h;
  for (let i = start; i < end; i += 1) x = mixChar(x, s.charCodeAt(i));
  return x;
}

/** FNV spreads its entropy badly over the low bits that the bucket mask keeps; this finaliser mixes them. */
function finalise(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b) >>> 0;
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

function seed(kind: string): number {
  return hashRange(FNV_OFFSET, kind, 0, kind.length);
}

const SEED_WORD = seed('w:');
const SEED_NEGATED_WORD = seed('n:');
const SEED_BIGRAM = seed('b:');
const SEED_CHAR = seed('c:');
const SEED_LENS = seed('L:');
const SEED_LENGTH = seed('len:');
const SEED_LEXICON = seed('x:');
const SEED_LEXICON_NEGATED = seed('xn:');
const SEED_LEXICON_BEST = seed('xb:');
const SEED_LEXICON_LENS = seed('xl:');
const SEED_OFF_TOPIC = seed('o:');
const SEED_COMMAND = seed('oc:');
const SEED_NUMBER = seed('num');
const SEED_FOCUS_WORD = seed('f:');
const START = '<s>';
const END = '</s>';

/** Short answers behave differently from long ones (a lone "pass" versus a story); a few coarse bands. */
function lengthBand(n: number): number {
  if (n <= 1) return n;
  if (n <= 2) return 2;
  if (n <= 4) return 3;
  if (n <= 8) return 4;
  if (n <= 16) return 5;
  return 6;
}

export interface FeatureExtractor {
  /**
   * Text features (normalised by length) followed, when `lens` is given, by its lens features;
   * `lensStart` says where those begin, so training can leave them out for a share of examples
   * and the model still works when the engine passes no lens.
   */
  extract(tokens: readonly Token[], evidence: LexiconEvidence, lens: Lens | undefined, out: FeatureVector): { lensStart: number };
}

function isDigits(word: string): boolean {
  for (let i = 0; i < word.length; i += 1) {
    const code = word.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return word.length > 0;
}

/** Appends one hashed feature; a plain function rather than a closure, as this runs a hundred times per answer. */
function push(out: FeatureVector, mask: number, h: number, v: number): void {
  out.index.push(finalise(h) & mask);
  out.value.push(v);
}

function bigramHash(previous: string, word: string): number {
  return hashRange(mixChar(hashRange(SEED_BIGRAM, previous, 0, previous.length), 32), word, 0, word.length);
}

export function createFeatureExtractor(options: FeatureOptions): FeatureExtractor {
  const mask = options.buckets - 1;
  if (options.buckets < 2 || (options.buckets & mask) !== 0) throw new Error(`buckets must be a power of two (got ${options.buckets})`);

  return {
    extract(tokens, evidence, lens, out) {
      out.index.length = 0;
      out.value.length = 0;

      let lastMarker = -1;
      for (let i = 0; i < tokens.length; i += 1) if (FOCUS_MARKERS.has((tokens[i] as Token).raw)) lastMarker = i;
      let previous = START;
      let weightSum = 0;
      let scale = lastMarker >= 0 ? options.beforeContrastScale : 1;
      for (let i = 0; i < tokens.length; i += 1) {
        const token = tokens[i] as Token;
        const negated = evidence.negated[i] === true;
        if (i === lastMarker) scale = 1;
        const stem = token.stem;
        // A negated word keeps its ordinary features, weaker, so "never park" still shares what
        // "park" has learnt; its negated copy lets the model learn what the negation changes.
        const wordScale = (negated ? options.negatedScale : 1) * scale;
        push(out, mask, hashRange(SEED_WORD, stem, 0, stem.length), wordScale);
        weightSum += wordScale;
        if (negated) {
          push(out, mask, hashRange(SEED_NEGATED_WORD, stem, 0, stem.length), scale);
          weightSum += scale;
        }
        if (options.focusWords && lastMarker >= 0 && i > lastMarker) {
          push(out, mask, hashRange(SEED_FOCUS_WORD, stem, 0, stem.length), 1);
          weightSum += 1;
        }
        if (isDigits(token.raw)) push(out, mask, SEED_NUMBER, scale);
        if (options.bigrams) {
          push(out, mask, bigramHash(previous, stem), scale);
          weightSum += scale;
        }
        if (options.charMax > 0) {
          // Character n-grams of "<word>", hashed in place without building substrings.
          const raw = token.raw;
          const length = raw.length + 2;
          for (let n = options.charMin; n <= options.charMax; n += 1) {
            // The whole word is already a word feature.
            if (n >= length) break;
            for (let start = 0; start + n <= length; start += 1) {
              let h = SEED_CHAR;
              for (let c = start; c < start + n; c += 1) h = mixChar(h, c === 0 ? 60 : c === length - 1 ? 62 : raw.charCodeAt(c - 1));
              push(out, mask, h, wordScale);
              weightSum += wordScale;
            }
          }
        }
        previous = stem;
      }
      if (options.bigrams && tokens.length > 0) {
        push(out, mask, bigramHash(previous, END), 1);
        weightSum += 1;
      }
      // Dividing by the total, as fastText averages, keeps a sixty-word answer and a two-word one on one scale.
      if (weightSum > 0) {
        const divisor = Math.pow(weightSum, options.lengthPower);
        for (let k = 0; k < out.value.length; k += 1) out.value[k] = (out.value[k] as number) / divisor;
      }

      push(out, mask, mixChar(SEED_LENGTH, lengthBand(tokens.length)), 1);
      const lexiconScale = options.lexiconScale;
      let best = -1;
      if (lexiconScale > 0) {
        let bestValue = 0;
        for (let t = 0; t < evidence.totals.length; t += 1) {
          const total = evidence.totals[t] as number;
          const plain = evidence.plain[t] as number;
          if (total > 0) push(out, mask, mixChar(SEED_LEXICON, t), lexiconScale * Math.min(total / 3, 2));
          if (plain > total) push(out, mask, mixChar(SEED_LEXICON_NEGATED, t), lexiconScale * Math.min((plain - total) / 3, 2));
          if (total > bestValue) {
            bestValue = total;
            best = t;
          }
        }
        if (bestValue < MIN_EVIDENCE) best = -1;
        if (best >= 0) push(out, mask, mixChar(SEED_LEXICON_BEST, best), lexiconScale);
        if (evidence.offTopic > 0) push(out, mask, SEED_OFF_TOPIC, lexiconScale * Math.min(evidence.offTopic / 3, 2));
        if (evidence.command > 0) push(out, mask, SEED_COMMAND, lexiconScale * Math.min(evidence.command / 3, 2));
      }
      const lensStart = out.index.length;
      if (lens) {
        push(out, mask, hashRange(SEED_LENS, lens, 0, lens.length), 1);
        if (best >= 0) push(out, mask, mixChar(hashRange(SEED_LEXICON_LENS, lens, 0, lens.length), best), lexiconScale);
      }
      return { lensStart };
    },
  };
}
