import { DROPPED_WORDS, rawTokens, stem, type Token } from './text.normaliser';

export type { Token } from './text.normaliser';

/** One word of a lexicon term: an exact stem, or (written `word*`) a prefix of the spoken word. */
export type WordMatcher = { kind: 'stem'; value: string } | { kind: 'prefix'; value: string };

interface Pattern {
  words: WordMatcher[];
  group: number;
  weight: number;
  /** Normalised form, so a repeated mention of the same term can be recognised. */
  key: string;
}

export interface CompiledLexicon {
  exact: Map<string, Pattern[]>;
  prefix: Map<string, Pattern[]>;
  prefixLengths: number[];
}

export interface LexiconHit {
  start: number;
  /** Tokens from the first to the last matched word, gaps included. */
  length: number;
  /** Positions of the matched words themselves. */
  positions: number[];
  group: number;
  weight: number;
  key: string;
}

const MIN_PREFIX = 3;

/**
 * Parses a lexicon term into word matchers, or returns why it cannot be used. Terms go through
 * the same normalisation as utterances, so "e-bike", "E bike" and "e bike" are one term.
 */
export function parseTerm(term: string): WordMatcher[] | string {
  // The loader checks every term and each domain's scorer compiles them again: parse each once.
  const cached = parsedTerms.get(term);
  if (cached !== undefined) return cached;
  const parsed = parseTermUncached(term);
  parsedTerms.set(term, parsed);
  return parsed;
}

const parsedTerms = new Map<string, WordMatcher[] | string>();

function parseTermUncached(term: string): WordMatcher[] | string {
  const words: WordMatcher[] = [];
  for (const part of term.trim().toLowerCase().split(/\s+/)) {
    if (part.endsWith('*')) {
      const base = rawTokens(part.slice(0, -1));
      if (base.length !== 1 || part.slice(0, -1).includes('*')) {
        return `prefix "${part}" must be a single word followed by one *`;
      }
      const value = base[0] as string;
      if (value.length < MIN_PREFIX) return `prefix "${part}" is shorter than ${MIN_PREFIX} letters`;
      words.push({ kind: 'prefix', value });
      continue;
    }
    if (part.includes('*')) return `"*" is only allowed at the end of a word (in "${part}")`;
    for (const token of rawTokens(part)) {
      if (!DROPPED_WORDS.has(token)) words.push({ kind: 'stem', value: stem(token) });
    }
  }
  if (words.length === 0) return 'has no words left after normalisation (only determiners or punctuation)';
  return words;
}

function push(map: Map<string, Pattern[]>, key: string, pattern: Pattern): void {
  const list = map.get(key);
  if (list) list.push(pattern);
  else map.set(key, [pattern]);
}

/** Indexes terms by their first word so matching costs a map lookup or two per token. */
export function compileLexicon(groups: ReadonlyArray<Readonly<Record<string, number>>>): CompiledLexicon {
  const exact = new Map<string, Pattern[]>();
  const prefix = new Map<string, Pattern[]>();
  const lengths = new Set<number>();
  groups.forEach((terms, group) => {
    for (const [term, weight] of Object.entries(terms)) {
      const words = parseTerm(term);
      // The loader has already rejected bad terms with a file and field path; this guards direct use.
      if (typeof words === 'string') throw new Error(`lexicon term "${term}" ${words}`);
      const key = words.map((w) => (w.kind === 'prefix' ? `${w.value}*` : w.value)).join(' ');
      const pattern: Pattern = { words, group, weight, key };
      const first = words[0] as WordMatcher;
      if (first.kind === 'stem') push(exact, first.value, pattern);
      else {
        push(prefix, first.value, pattern);
        lengths.add(first.value.length);
      }
    }
  });
  return { exact, prefix, prefixLengths: [...lengths].sort((a, b) => a - b) };
}

function wordMatches(matcher: WordMatcher, token: Token | undefined): boolean {
  if (!token) return false;
  return matcher.kind === 'stem' ? token.stem === matcher.value : token.raw.startsWith(matcher.value);
}

/**
 * Spoken phrases get padded ("throw so much bread away", "dont want to own a car"), so a term's
 * words may be separated by a few other words, at a discount. Gaps never bridge a clause.
 */
const MAX_GAP = 2;
const GAP_FACTOR = 0.8;
const GAP_BLOCKERS = new Set(['and', 'but', 'or', 'because', 'so', 'then', 'i', 'im', 'we', 'they', 'he', 'she', 'you', 'its']);

/**
 * Positions of the pattern's words when it starts at `start`, or null when it does not match.
 * Words already claimed by an earlier term are not reused.
 */
function patternPositionsAt(pattern: Pattern, tokens: readonly Token[], used: readonly boolean[], start: number): number[] | null {
  const positions = [start];
  let position = start;
  let gapLeft = MAX_GAP;
  for (let k = 1; k < pattern.words.length; k += 1) {
    const matcher = pattern.words[k] as WordMatcher;
    let next = -1;
    for (let j = position + 1; j <= position + 1 + gapLeft && j < tokens.length; j += 1) {
      if (!used[j] && wordMatches(matcher, tokens[j])) {
        next = j;
        break;
      }
      if (GAP_BLOCKERS.has((tokens[j] as Token).raw)) break;
    }
    if (next < 0) return null;
    gapLeft -= next - position - 1;
    position = next;
    positions.push(next);
  }
  return positions;
}

/**
 * Greedy longest match, left to right: "credit card" is one debt mention, not also a "card".
 * Terms with the same number of words that belong to different groups all count (a "student
 * loan" is both education and debt); within one group only the heaviest counts. Words skipped
 * inside a gapped phrase stay available ("never eat at the table together" keeps "table").
 */
export function findHits(lexicon: CompiledLexicon, tokens: readonly Token[]): LexiconHit[] {
  const hits: LexiconHit[] = [];
  const used = new Array<boolean>(tokens.length).fill(false);
  const candidates: Pattern[][] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (used[i]) continue;
    const token = tokens[i] as Token;
    // Most words start no term: find that out before allocating anything for this position.
    candidates.length = 0;
    const exact = lexicon.exact.get(token.stem);
    if (exact) candidates.push(exact);
    for (const length of lexicon.prefixLengths) {
      if (length > token.raw.length) break;
      const prefixed = lexicon.prefix.get(token.raw.slice(0, length));
      if (prefixed) candidates.push(prefixed);
    }
    if (candidates.length === 0) continue;

    let bestWords = 0;
    let bestSpan = 0;
    let bestPositions: number[] = [];
    const best = new Map<number, { pattern: Pattern; weight: number }>();
    for (const list of candidates) {
      for (const pattern of list) {
        const words = pattern.words.length;
        if (words < bestWords) continue;
        const positions = words === 1 ? [i] : patternPositionsAt(pattern, tokens, used, i);
        if (!positions) continue;
        const span = (positions[positions.length - 1] as number) - i + 1;
        // More words wins; with equal words, the tighter match wins.
        if (words > bestWords || span < bestSpan) {
          bestWords = words;
          bestSpan = span;
          bestPositions = positions;
          best.clear();
        } else if (span > bestSpan) continue;
        const weight = span > words ? pattern.weight * GAP_FACTOR : pattern.weight;
        const current = best.get(pattern.group);
        if (!current || weight > current.weight) best.set(pattern.group, { pattern, weight });
      }
    }
    if (bestWords === 0) continue;
    for (const position of bestPositions) used[position] = true;
    for (const { pattern, weight } of best.values()) {
      hits.push({ start: i, length: bestSpan, positions: bestPositions, group: pattern.group, weight, key: pattern.key });
    }
  }
  return hits;
}
