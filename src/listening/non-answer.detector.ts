import { parseCuePattern, type RawElement } from './cue-pattern.parser';
import { NON_ANSWER_KINDS, type NonAnswerCues, type NonAnswerKind } from './non-answer-cues.schema';
import { compileFolds, spokenWords, type Folds } from './spoken-words.normaliser';

export { NON_ANSWER_KINDS, type NonAnswerKind } from './non-answer-cues.schema';

/**
 * Tells a reply that carries nothing ("um", "dunno", "pass", "why do you want to know", "play some
 * music") from an answer, in any channel's text. A reply is a non-answer only when every word of
 * it is accounted for: by cues of a kind, by fillers around them ("well", "to be honest") and by
 * hesitations anywhere ("um"). One word left over that no cue explains ("i don't know how we'll
 * ever afford a house") makes it an answer, which is what keeps real answers that happen to hold
 * a cue's words from being thrown away: a missed non-answer costs a follow-up, a lost answer costs
 * what the customer said.
 */
export interface NonAnswerDetector {
  /** The kind of non-answer, or null for an answer (anything with something of its own in it). */
  detect(text: string): NonAnswerKind | null;
}

/** `options`: the word sequences the element may be (a choice can fold to several words: "i'm" → i am). */
type Element = { type: 'words'; options: readonly (readonly string[])[]; optional: boolean } | { type: 'any'; optional: boolean } | { type: 'tail'; min: 0 | 1 };

interface Cue {
  kind: number;
  elements: readonly Element[];
}

/** Replies longer than this always say something; not searching them keeps detection cheap on long answers. */
const MAX_WORDS = 30;

/** A pattern that cannot be compiled with the cue file's folds; the loader names the field. */
export class CueCompileError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function createNonAnswerDetector(cues: NonAnswerCues): NonAnswerDetector {
  const folds = compileFolds(cues.folds);
  const single = (source: string, field: string): string => {
    const words = spokenWords(source, folds);
    if (words.length !== 1) throw new CueCompileError(field, `"${source}" must stay one word after folding, not "${words.join(' ')}"`);
    return words[0] as string;
  };
  const hesitations = new Set(cues.hesitations.map((w, i) => single(w, `hesitations.${i}`)));
  const intensifiers = new Set(cues.intensifiers.map((w, i) => single(w, `intensifiers.${i}`)));
  const blockers = new Set(cues.tail.blockers.map((w, i) => single(w, `tail.blockers.${i}`)));
  const fillers = cues.fillers.map((f) => spokenWords(f, folds)).filter((words) => words.length > 0);
  const compiled: Cue[] = [];
  NON_ANSWER_KINDS.forEach((kind, rank) => {
    cues.kinds[kind].forEach((source, i) => {
      compiled.push({ kind: rank, elements: compileCue(source, folds, `kinds.${kind}.${i}`) });
    });
  });
  const matcher = new CoverMatcher({ hesitations, intensifiers, blockers, fillers, cues: compiled, maxTail: cues.tail.maxWords });
  return {
    detect(text) {
      const words = spokenWords(text, folds);
      if (words.length > MAX_WORDS) return null;
      if (words.length === 0) return 'empty';
      const best = matcher.cover(words);
      if (best === null) return null;
      if (best.rank >= 0) return NON_ANSWER_KINDS[best.rank] as NonAnswerKind;
      // Fillers alone ("yeah", "well") can be a real reply to a yes-or-no follow-up; a hesitation cannot.
      return best.hesitated ? 'empty' : null;
    },
  };
}

function compileCue(source: string, folds: Folds, field: string): Element[] {
  const parsed = parseCuePattern(source);
  if (parsed.problem) throw new CueCompileError(field, parsed.problem);
  const out: Element[] = [];
  // Runs of plain words are folded together ("do not know" → dont know), as the utterance will be.
  let run: string[] = [];
  const flush = () => {
    for (const word of spokenWords(run.join(' '), folds)) out.push({ type: 'words', options: [[word]], optional: false });
    run = [];
  };
  for (const element of parsed.elements) {
    if (isPlainWord(element)) {
      run.push(element.alternatives[0] as string);
      continue;
    }
    flush();
    out.push(compileElement(element, folds));
  }
  flush();
  return out;
}

function isPlainWord(element: RawElement): element is Extract<RawElement, { type: 'words' }> {
  return element.type === 'words' && !element.optional && element.alternatives.length === 1;
}

function compileElement(element: RawElement, folds: Folds): Element {
  if (element.type !== 'words') return element;
  return { type: 'words', options: element.alternatives.map((alternative) => spokenWords(alternative, folds)), optional: element.optional };
}

interface Coverage {
  /** Index into NON_ANSWER_KINDS of the strongest cue used, -1 for fillers and hesitations only. */
  rank: number;
  hesitated: boolean;
}

interface MatcherSetup {
  hesitations: ReadonlySet<string>;
  intensifiers: ReadonlySet<string>;
  blockers: ReadonlySet<string>;
  fillers: readonly string[][];
  cues: readonly Cue[];
  maxTail: number;
}

/**
 * Whether a reply can be read, word for word, as cues, fillers and hesitations, and with which
 * strongest kind. A search over positions with memoisation: replies are short and each position is
 * settled once.
 */
class CoverMatcher {
  constructor(private readonly setup: MatcherSetup) {}

  cover(words: readonly string[]): Coverage | null {
    const memo = new Map<number, Coverage | null>();
    const from = (i: number): Coverage | null => {
      if (i === words.length) return { rank: -1, hesitated: false };
      const known = memo.get(i);
      if (known !== undefined) return known;
      let best: Coverage | null = null;
      const consider = (rest: Coverage | null, rank: number, hesitated: boolean) => {
        if (rest === null) return;
        const candidate = { rank: Math.max(rank, rest.rank), hesitated: hesitated || rest.hesitated };
        if (best === null || candidate.rank > best.rank || (candidate.rank === best.rank && candidate.hesitated && !best.hesitated)) best = candidate;
      };
      const word = words[i] as string;
      if (this.setup.hesitations.has(word)) consider(from(i + 1), -1, true);
      if (this.setup.intensifiers.has(word)) consider(from(i + 1), -1, false);
      for (const filler of this.setup.fillers) {
        if (filler.every((w, k) => words[i + k] === w)) consider(from(i + filler.length), -1, false);
      }
      for (const cue of this.setup.cues) {
        for (const end of this.ends(cue.elements, words, i)) if (end > i) consider(from(end), cue.kind, false);
      }
      memo.set(i, best);
      return best;
    };
    return from(0);
  }

  /** Every position a cue that starts at `start` can end at. */
  private ends(elements: readonly Element[], words: readonly string[], start: number): Set<number> {
    const out = new Set<number>();
    const walk = (e: number, i: number): void => {
      if (e === elements.length) {
        out.add(i);
        return;
      }
      const word = words[i];
      // "i really don't know", "i um don't know": a cue's words may have these between them.
      if (e > 0 && word !== undefined && (this.setup.hesitations.has(word) || this.setup.intensifiers.has(word))) walk(e, i + 1);
      const element = elements[e] as Element;
      switch (element.type) {
        case 'words':
          for (const option of element.options) if (option.every((w, k) => words[i + k] === w)) walk(e + 1, i + option.length);
          if (element.optional) walk(e + 1, i);
          return;
        case 'any':
          if (word !== undefined && this.open(word)) walk(e + 1, i + 1);
          if (element.optional) walk(e + 1, i);
          return;
        case 'tail':
          if (element.min === 0) walk(e + 1, i);
          for (let k = 1; k <= this.setup.maxTail && i + k <= words.length && this.open(words[i + k - 1] as string); k += 1) walk(e + 1, i + k);
          return;
      }
    };
    walk(0, start);
    return out;
  }

  /** A word an open end of a cue may take. */
  private open(word: string): boolean {
    return !this.setup.blockers.has(word);
  }
}
