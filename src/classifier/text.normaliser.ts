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

/** Lower-cases, folds apostrophes ("don't" → "dont"), and splits on anything not a letter or digit. */
export function rawTokens(text: string): string[] {
  const cleaned = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
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

/**
 * A deliberately light stemmer: plurals, -ing, -ed, a final silent e and y/i. It only needs to
 * map inflections of one word onto the same key; over-stemming is harmless because lexicon terms
 * go through the same function.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || KEEP_FINAL_S.has(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}i`;
  else if (w.endsWith('oes')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  if (w.endsWith('ing') && w.length - 3 >= 2 && VOWEL.test(w.slice(0, -3))) {
    w = undouble(w.slice(0, -3));
  } else if (w.endsWith('ied') && w.length > 4) {
    w = `${w.slice(0, -3)}i`;
  } else if (w.endsWith('ed') && !w.endsWith('eed') && w.length - 2 >= 3 && VOWEL.test(w.slice(0, -2))) {
    w = undouble(w.slice(0, -2));
  }

  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('y')) w = `${w.slice(0, -1)}i`;
  return w;
}
