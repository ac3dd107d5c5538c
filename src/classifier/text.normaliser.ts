/**
 * Turns what speech recognition (or a chat box) hands us into comparable tokens. The same
 * functions prepare lexicon terms, so a term and an utterance always meet in the same form.
 */

/** Spoken fillers that carry no topic but contain topic-looking words ("of course" ≠ a course). */
const FILLERS: readonly string[][] = [
  ['of', 'course'],
  ['you', 'know'],
  ['i', 'mean'],
  ['kind', 'of'],
  ['sort', 'of'],
  ['all', 'the', 'time'],
  ['every', 'time'],
  ['at', 'the', 'same', 'time'],
  ['at', 'the', 'time'],
];

/**
 * Determiners and possessives vary freely in speech ("buy a house", "buy our house"); dropping
 * them lets one lexicon phrase cover every variant.
 */
export const DROPPED_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'my', 'our', 'your', 'his', 'her', 'their', 'some', 'this', 'that',
  'these', 'those', 'any',
]);

/** A spoken word as said and as compared (its stem). */
export interface Token {
  raw: string;
  stem: string;
}

/**
 * What the classifier works on: the spoken words without fillers (for sentiment) and the
 * content tokens without determiners (for the lexicon and the model).
 */
export function utteranceTokens(text: string): { spoken: string[]; tokens: Token[] } {
  const spoken = dropFillers(rawTokens(text));
  const tokens: Token[] = [];
  for (const raw of spoken) if (!DROPPED_WORDS.has(raw)) tokens.push({ raw, stem: stem(raw) });
  return { spoken, tokens };
}

/** Lower-cases, folds apostrophes ("don't" → "dont"), and splits on anything not a letter or digit. */
export function rawTokens(text: string): string[] {
  const lower = text.toLowerCase();
  // Speech recognition returns plain ASCII; only other text needs its accents taken apart.
  const folded = !/[^\u0020-\u007e]/.test(lower) ? lower : lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const cleaned = folded
    .replace(/[\u2018\u2019\u02bc`']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return cleaned === '' ? [] : cleaned.split(' ');
}

/** Removes filler expressions in place of their words, keeping everything else in order. */
export function dropFillers(tokens: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  outer: while (i < tokens.length) {
    for (const filler of FILLERS) {
      if (filler.every((word, k) => tokens[i + k] === word)) {
        i += filler.length;
        continue outer;
      }
    }
    out.push(tokens[i] as string);
    i += 1;
  }
  return out;
}

const VOWEL = /[aeiouy]/;

/** Words whose final s is not a plural; stripping it would collide with another word ("news" → "new"). */
const KEEP_FINAL_S = new Set(['news', 'series', 'species', 'means', 'lens', 'chaos', 'canvas', 'always', 'perhaps', 'whereas', 'sometimes', 'christmas', 'atlas']);
const NO_UNDOUBLE = new Set(['l', 's', 'z']);

function undouble(word: string): string {
  const n = word.length;
  if (n >= 3 && word[n - 1] === word[n - 2] && !NO_UNDOUBLE.has(word[n - 1] as string) && !VOWEL.test(word[n - 1] as string)) {
    return word.slice(0, -1);
  }
  return word;
}

/** Plurals whose singular ends in s; the magic-e rule below would otherwise read "buses" as "buse". */
const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ['buses', 'bus'],
  ['busses', 'bus'],
  ['gases', 'gas'],
]);

/**
 * One-syllable words ending consonant, vowel, consonant ("car", "can", "plan"): adding a silent e
 * makes a different word ("care", "cane", "plane"), so that e must survive stemming, and an
 * inflection that lost it ("caring", "caned") must get it back. A y is a vowel here except first.
 */
function endsInShortSyllable(word: string): boolean {
  const n = word.length;
  const isVowel = (i: number): boolean => i >= 0 && (VOWEL.test(word[i] as string) && !(i === 0 && word[i] === 'y'));
  if (n === 2) return isVowel(0) && !isVowel(1);
  if (n < 3) return false;
  const last = word[n - 1] as string;
  return !isVowel(n - 3) && isVowel(n - 2) && !isVowel(n - 1) && !'wxy'.includes(last);
}

function oneSyllable(word: string): boolean {
  return (word.match(/[aeiouy]+/g) ?? []).length === 1;
}

function isMagicEBase(word: string): boolean {
  return oneSyllable(word) && endsInShortSyllable(word);
}

/**
 * A deliberately light stemmer: plurals, -ing, -ed, a final silent e and y/i. It maps the
 * inflections of one word onto the same key (lexicon terms go through the same function) and keeps
 * apart words that differ only by a silent e ("care" and "car", "cane" and "can").
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || KEEP_FINAL_S.has(word)) return word;
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}i`;
  else if (w.endsWith('oes')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  if (w.endsWith('ing') && w.length - 3 >= 2 && VOWEL.test(w.slice(0, -3))) {
    w = restoreE(w.slice(0, -3));
  } else if (w.endsWith('ied') && w.length > 4) {
    w = `${w.slice(0, -3)}i`;
  } else if (w.endsWith('ed') && !w.endsWith('eed') && w.length - 2 >= 3 && VOWEL.test(w.slice(0, -2))) {
    w = restoreE(w.slice(0, -2));
  }

  if (w.length > 3 && w.endsWith('e') && !isMagicEBase(w.slice(0, -1))) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('y')) w = `${w.slice(0, -1)}i`;
  return w;
}

/** After -ing or -ed: "stopp" loses its doubled letter (stop), "car" gets its silent e back (care). */
function restoreE(base: string): string {
  const undoubled = undouble(base);
  if (undoubled !== base) return undoubled;
  return isMagicEBase(base) ? `${base}e` : base;
}
