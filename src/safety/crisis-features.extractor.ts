import type { CueMatch } from './cue.matcher';
import { IDIOM_TOKEN } from './cue.matcher';

/**
 * The model's view of an answer: word uni- and bigrams and character 3–5-grams (within each
 * word, with its boundaries) of the masked, canonical tokens (so idiom words are not seen, only
 * the frame's id), plus the ids of the helper concepts, weak signals and idiom frames that fired.
 * Strong signals are left out on purpose: they decide on their own, and a model leaning on them
 * would learn less from the words, which is what has to carry the phrasings no list foresaw.
 *
 * Values are counts scaled by the square root of the group's total count, so a long answer does
 * not outvote a short one just by having more character n-grams. This is the readable form the
 * trainer uses; crisis-model.ts scores the same sum without building the strings.
 */

export type FeatureVector = Map<string, number>;

export const GROUP_WEIGHT = { words: 1, chars: 1, cues: 1 } as const;
export const CHAR_MIN = 3;
export const CHAR_MAX = 5;

/** A token as the model sees it: numerals as one symbol, idiom placeholders kept. */
export function spoken(token: string): string {
  if (token === IDIOM_TOKEN) return '#idiom';
  return /^\d+$/.test(token) ? '#num' : token;
}

export function crisisFeatures(match: CueMatch): FeatureVector {
  const tokens = match.tokens.map(spoken);
  const words = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (let i = 0; i < tokens.length; i += 1) {
    bump(words, `w:${tokens[i] as string}`);
    if (i + 1 < tokens.length) bump(words, `b:${tokens[i] as string}_${tokens[i + 1] as string}`);
  }
  const chars = new Map<string, number>();
  for (const t of tokens) {
    if (t.startsWith('#')) continue;
    const padded = ` ${t} `;
    for (let n = CHAR_MIN; n <= CHAR_MAX; n += 1) {
      for (let i = 0; i + n <= padded.length; i += 1) bump(chars, `c:${padded.slice(i, i + n)}`);
    }
  }
  const cues = new Map<string, number>();
  for (const c of match.concepts) cues.set(`q:${c}`, 1);
  for (const s of match.signals) if (s.strength === 'weak') cues.set(`s:${s.id}`, 1);
  for (const i of match.idioms) cues.set(`i:${i}`, 1);
  if (cues.size === 0) cues.set('q:none', 1);
  const out: FeatureVector = new Map();
  addCounts(out, words, GROUP_WEIGHT.words);
  addCounts(out, chars, GROUP_WEIGHT.chars);
  addCounts(out, cues, GROUP_WEIGHT.cues);
  return out;
}

/** Term counts scaled by the group's total count, so the group has a fixed weight whatever its length. */
function addCounts(out: FeatureVector, counts: ReadonlyMap<string, number>, weight: number): void {
  let total = 0;
  for (const c of counts.values()) total += c;
  if (total === 0) return;
  const scale = weight / Math.sqrt(total);
  for (const [k, c] of counts) out.set(k, c * scale);
}
