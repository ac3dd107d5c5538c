import { compileLexicon, findHits, type CompiledLexicon, type LexiconHit, type Token } from './lexicon.matcher';

/**
 * Evidence per theme from the taxonomy's word lists. The trained model reads it as features (the
 * lexicon carries vocabulary the corpus may never show), and domains or company themes that the
 * model does not know are ranked by it alone.
 */

/** A negated mention still says what the answer is about, but less than a plain one. */
const NEGATED_FACTOR = 0.5;
/** Saying "bus" three times is emphasis, not three times the evidence. */
const REPEAT_FACTOR = 0.5;
/** Below this, the evidence is a lone weak hint: better `other` than a guess. */
export const MIN_EVIDENCE = 1.25;
/** How many words after "not"/"never" a negation reaches, unless a clause break comes first. */
const NEGATION_REACH = 4;
/**
 * A request to the speaker ("play my driving playlist") starts with its verb or question word,
 * so only off-topic words in the first few positions can veto the themes; the same word later in
 * a real answer ("the bus is late whenever the weather is bad") is a side remark.
 */
const COMMAND_WINDOW = 3;

export const NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'dont', 'doesnt', 'didnt', 'cant', 'cannot', 'couldnt', 'wont', 'wouldnt', 'shouldnt',
  'isnt', 'arent', 'wasnt', 'werent', 'havent', 'hasnt', 'hadnt', 'nor', 'neither', 'without', 'aint',
]);
export const CLAUSE_BREAKS: ReadonlySet<string> = new Set([
  'but', 'because', 'cause', 'cos', 'so', 'just', 'only', 'though', 'although', 'however', 'instead', 'rather',
  'except', 'yet', 'and', 'its', 'it',
  // Speech has no full stops; a new subject is the best sign that a new clause has started.
  'i', 'im', 'we', 'they', 'he', 'she', 'you',
]);

export interface LexiconEvidence {
  /** Per theme, after the negation discount. */
  totals: number[];
  /** Per theme, before the negation discount ("not happy with the fees" is still about fees). */
  plain: number[];
  /** Per theme, the heaviest single mention (breaks ties between equal totals). */
  strongest: number[];
  /** Weight of off-topic terms that start within the command window. */
  command: number;
  /** Weight of every off-topic term, wherever it is. */
  offTopic: number;
  /** Per token: inside a negation's reach (see negationMask). */
  negated: boolean[];
}

export interface LexiconScorer {
  evidence(tokens: readonly Token[]): LexiconEvidence;
}

/**
 * Marks tokens inside a negation's reach. A negator that is itself part of a lexicon phrase
 * ("no time", "cant drive", "without a car") is content, not negation.
 */
export function negationMask(tokens: readonly Token[], hits: readonly LexiconHit[] = []): boolean[] {
  const inPhrase = new Array<boolean>(tokens.length).fill(false);
  for (const hit of hits) for (const position of hit.positions) inPhrase[position] = true;
  const mask = new Array<boolean>(tokens.length).fill(false);
  let reach = 0;
  tokens.forEach((token, i) => {
    if (CLAUSE_BREAKS.has(token.raw)) reach = 0;
    else if (NEGATORS.has(token.raw) && !inPhrase[i]) reach = NEGATION_REACH;
    else if (reach > 0) {
      mask[i] = true;
      reach -= 1;
    }
  });
  return mask;
}

export function createLexiconScorer(
  themes: ReadonlyArray<{ terms: Readonly<Record<string, number>>; countNegated: boolean }>,
  offTopicTerms: Readonly<Record<string, number>>,
): LexiconScorer {
  const lexicon: CompiledLexicon = compileLexicon(themes.map((t) => t.terms));
  const offTopic: CompiledLexicon = compileLexicon([offTopicTerms]);
  const countNegated = themes.map((t) => t.countNegated);
  const size = themes.length;
  return {
    evidence(tokens) {
      const totals = new Array<number>(size).fill(0);
      const plain = new Array<number>(size).fill(0);
      const strongest = new Array<number>(size).fill(0);
      const hits = findHits(lexicon, tokens);
      const negated = negationMask(tokens, hits);
      const seen = new Set<string>();
      for (const hit of hits) {
        const seenKey = `${hit.group}:${hit.key}`;
        let weight = hit.weight;
        if (seen.has(seenKey)) weight *= REPEAT_FACTOR;
        seen.add(seenKey);
        plain[hit.group] = (plain[hit.group] as number) + weight;
        if (negated[hit.start] && !countNegated[hit.group]) weight *= NEGATED_FACTOR;
        totals[hit.group] = (totals[hit.group] as number) + weight;
        strongest[hit.group] = Math.max(strongest[hit.group] as number, weight);
      }
      let command = 0;
      let offTopicWeight = 0;
      for (const hit of findHits(offTopic, tokens)) {
        offTopicWeight += hit.weight;
        if (hit.start < COMMAND_WINDOW) command += hit.weight;
      }
      return { totals, plain, strongest, command, offTopic: offTopicWeight, negated };
    },
  };
}

export interface RankedIndex {
  index: number;
  /** Relative to the best, in (0, 1]. */
  score: number;
}

/** Secondary themes must carry at least this share of the best theme's evidence. */
const MIN_RELATIVE = 0.2;

/**
 * The lexicon-only ranking: themes by evidence, or an empty list when the evidence is too weak or
 * the utterance is a request to the speaker that only brushes a theme word.
 */
export function rankByEvidence(evidence: LexiconEvidence, maxThemes: number): RankedIndex[] {
  const best = Math.max(0, ...evidence.totals);
  const strongestPlain = Math.max(0, ...evidence.plain);
  if (strongestPlain < MIN_EVIDENCE || best <= 0) return [];
  if (evidence.command >= strongestPlain) return [];
  return evidence.totals
    .map((total, index) => ({ index, total }))
    .filter(({ total }) => total > 0 && total >= best * MIN_RELATIVE)
    .sort(
      (a, b) =>
        b.total - a.total ||
        (evidence.strongest[b.index] as number) - (evidence.strongest[a.index] as number) ||
        a.index - b.index,
    )
    .slice(0, maxThemes)
    .map(({ index, total }) => ({ index, score: total / best }));
}
