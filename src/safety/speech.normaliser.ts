import type { NormaliserData } from './cue-lexicon.schema';
import { FuzzyWordMatcher } from './fuzzy-word.matcher';

/**
 * Turns what speech recognition (or a chat box) hands us into the canonical tokens the cue
 * patterns and the model are written against: lower case, contractions expanded ("i'm", "im" →
 * "i am"), fillers dropped, misheard or split words repaired ("kill my self" → "kill myself",
 * "sue aside" → "suicide"), spelled numbers as numerals, and one-letter slips in distinctive
 * cue words corrected. It does not stem: a stemmer maps real words onto each other ("care" and
 * "car"), and here one wrong merge can hide a crisis or invent one.
 */

export interface SpeechNormaliser {
  /** Canonical tokens of an utterance. */
  tokens(text: string): string[];
  /** True when the normaliser would change or drop this single canonical-looking word. */
  rewritesWord(word: string): boolean;
}

/** Pronouns and the like whose 's is "is" ("he's", "it's"); elsewhere 's is a possessive and goes. */
const S_MEANS_IS = new Set([
  'he', 'she', 'it', 'that', 'there', 'what', 'who', 'where', 'here', 'how', 'everything', 'nothing',
  'someone', 'somebody', 'nobody', 'everyone', 'everybody', 'life', 'this',
]);

const APOSTROPHES = /[\u2018\u2019\u02bc`\u00b4]/g;
const EXPANSION_CACHE_LIMIT = 8192;

interface Trie {
  next: Map<string, Trie>;
  /** Replacement when a phrase ends here (empty array: drop the phrase). */
  out?: string[];
}

function buildTrie(entries: Iterable<[string, string[]]>): Trie {
  const root: Trie = { next: new Map() };
  for (const [phrase, out] of entries) {
    let node = root;
    for (const w of phrase.split(' ')) {
      let child = node.next.get(w);
      if (!child) {
        child = { next: new Map() };
        node.next.set(w, child);
      }
      node = child;
    }
    node.out = out;
  }
  return root;
}

/** Longest-match replacement of phrases, left to right; replaced words are not rescanned. */
function applyTrie(tokens: string[], trie: Trie): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    let node: Trie | undefined = trie;
    let best: { end: number; out: string[] } | undefined;
    for (let j = i; j < tokens.length; j += 1) {
      node = node.next.get(tokens[j] as string);
      if (!node) break;
      if (node.out) best = { end: j + 1, out: node.out };
    }
    if (best) {
      for (const w of best.out) out.push(w);
      i = best.end;
    } else {
      out.push(tokens[i] as string);
      i += 1;
    }
  }
  return out;
}

function expandApostrophe(token: string): string[] {
  const t = token.replace(/^'+|'+$/g, '');
  if (!t.includes("'")) return t === '' ? [] : [t];
  if (t.endsWith("n't")) {
    const base = t.slice(0, -3);
    if (base === 'ca') return ['can', 'not'];
    if (base === 'wo') return ['will', 'not'];
    if (base === 'sha') return ['shall', 'not'];
    if (base === 'ai') return ['is', 'not'];
    return [base.replace(/'/g, ''), 'not'];
  }
  const at = t.lastIndexOf("'");
  const base = t.slice(0, at).replace(/'/g, '');
  const suffix = t.slice(at + 1);
  switch (suffix) {
    case 'm':
      return [base, 'am'];
    case 're':
      return [base, 'are'];
    case 've':
      return [base, 'have'];
    case 'll':
      return [base, 'will'];
    case 'd':
      return [base, 'would'];
    case 's':
      if (base === 'let') return ['let', 'us'];
      return S_MEANS_IS.has(base) ? [base, 'is'] : [base];
    default:
      return [t.replace(/'/g, '')];
  }
}

export interface NormaliserOptions {
  /** Repair one-letter slips in cue words (default true; off only to ask which words the plain rules rewrite). */
  fuzzy?: boolean;
}

export function createSpeechNormaliser(data: NormaliserData, lexiconWords: ReadonlySet<string> = new Set(), options: NormaliserOptions = {}): SpeechNormaliser {
  const contractions = new Map(Object.entries(data.contractions).map(([k, v]) => [k, v.split(' ')]));
  const spellings = new Map(Object.entries(data.spellings).map(([k, v]) => [k, v.split(' ')]));
  const fillers = new Set(data.fillers);
  const fillerPhrases = buildTrie(data.fillerPhrases.map((p) => [p, []]));
  const keepLikeAfter = new Set(data.keepLikeAfter);
  const rewrites = buildTrie(Object.entries(data.rewrites).map(([k, v]) => [k, v.split(' ')]));
  const numbers = new Map(Object.entries(data.numbers));
  // A fuzzy slip is only repaired in a word we do not otherwise know: a word a pattern uses, or a
  // protected one, is taken as spelled on purpose.
  const known = new Set([...data.protected, ...lexiconWords, ...data.fuzzyTargets, ...contractions.keys(), ...spellings.keys()]);
  const fuzzy = new FuzzyWordMatcher(options.fuzzy === false ? [] : data.fuzzyTargets, known);

  // Answers reuse the same few hundred words: each raw word's expansion is worked out once.
  const expansions = new Map<string, string[]>();

  function splitWords(text: string): string[] {
    let lower = text.toLowerCase();
    // Accents and typographic apostrophes only when there is anything beyond ASCII (rare in speech).
    if (/[\u0080-\uffff]/.test(lower)) lower = lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(APOSTROPHES, "'");
    const cleaned = lower.replace(/[^a-z0-9']+/g, ' ').trim();
    if (cleaned === '') return [];
    const out: string[] = [];
    for (const raw of cleaned.split(' ')) {
      let pieces = expansions.get(raw);
      if (pieces === undefined) {
        pieces = [];
        for (const piece of expandApostrophe(raw)) {
          const expanded = contractions.get(piece) ?? spellings.get(piece);
          if (expanded) pieces.push(...expanded);
          else pieces.push(piece);
        }
        if (expansions.size >= EXPANSION_CACHE_LIMIT) expansions.clear();
        expansions.set(raw, pieces);
      }
      for (const p of pieces) out.push(p);
    }
    return out;
  }

  function dropFillers(tokens: string[]): string[] {
    const withoutPhrases = tokens.some((t) => fillerPhrases.next.has(t)) ? applyTrie(tokens, fillerPhrases) : tokens;
    const out: string[] = [];
    for (const t of withoutPhrases) {
      if (t === 'like') {
        const previous = out[out.length - 1];
        if (previous !== undefined && keepLikeAfter.has(previous)) out.push(t);
        continue;
      }
      if (!fillers.has(t)) out.push(t);
    }
    return out;
  }

  /** A run of spelled numbers becomes one numeral; a lone "one" stays a word ("the only one"). */
  function numerals(tokens: string[]): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < tokens.length) {
      let j = i;
      while (j < tokens.length && numbers.has(tokens[j] as string)) j += 1;
      const run = tokens.slice(i, j);
      if (run.length === 0) {
        out.push(tokens[i] as string);
        i += 1;
        continue;
      }
      if (run.length === 1 && run[0] === 'one') {
        out.push('one');
        i = j;
        continue;
      }
      let total = 0;
      let current = 0;
      for (const w of run) {
        const value = numbers.get(w) as number;
        if (value === 100) current = (current || 1) * 100;
        else if (value >= 1000) {
          total += (current || 1) * value;
          current = 0;
        } else current += value;
      }
      out.push(String(total + current));
      i = j;
    }
    return out;
  }

  function tokens(text: string): string[] {
    // Rewrites run until nothing changes (at most three rounds), so "kill in my self" →
    // "kill in myself" → "killing myself".
    let words = dropFillers(splitWords(text));
    for (let round = 0; round < 3 && words.some((w) => rewrites.next.has(w)); round += 1) {
      const next = applyTrie(words, rewrites);
      const same = next.length === words.length && next.every((w, i) => w === words[i]);
      words = next;
      if (same) break;
    }
    words = numerals(words);
    for (let k = 0; k < words.length; k += 1) {
      const corrected = fuzzy.correct(words[k] as string);
      if (corrected !== undefined) words[k] = corrected;
    }
    return words;
  }

  // The same decisions as tokens() makes for a lone word, asked directly (the compiler asks this
  // for every pattern word, so it must be cheap).
  const singleRewrites = new Set(Object.keys(data.rewrites).filter((k) => !k.includes(' ')));
  const singleFillerPhrases = new Set(data.fillerPhrases.filter((k) => !k.includes(' ')));
  function rewritesWord(word: string): boolean {
    // "like" is kept after the words that make it a verb, so a pattern may use it there.
    if (word === 'like') return false;
    if (contractions.has(word) || spellings.has(word) || fillers.has(word) || singleFillerPhrases.has(word) || singleRewrites.has(word)) return true;
    if (numbers.has(word) && word !== 'one') return true;
    return fuzzy.correct(word) !== undefined;
  }

  return { tokens, rewritesWord };
}
