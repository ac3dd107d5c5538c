import type { CueLexiconFile } from './cue-lexicon.schema';
import type { CompiledLexicon, CompiledPattern, CompiledUnit, PatternElement } from './cue-pattern.compiler';
import type { DistressCategory } from './distress.types';

/**
 * The compiled lexicon as plain JSON (content/safety/<language>.compiled.json), written by
 * `npm run safety:train` beside the source. Validating and compiling en.json takes tens of
 * milliseconds; reading this takes a few. It is only ever used for the exact source it was made
 * from (the SHA-256 of en.json is recorded and checked), so a hand edit to en.json is always
 * validated and compiled afresh; a drift test keeps the committed file current.
 */

export const COMPILED_FORMAT = 1;

/**
 * Elements as short arrays (they number in the thousands): [kind, ...fields], kind 1 token
 * [1, words, refs, optional, prefixes], 2 not [2, words, refs, prefixes], 3 any [3, optional],
 * 4 gap [4, max], 5 numeral [5, optional], 6 start, 7 end. Word lists are stored once in
 * `lists` and referred to by index (-1: none); refs and prefixes are 0 when empty.
 */
type EncodedElement = Array<number | number[] | string[]>;

interface EncodedPattern {
  e: EncodedElement[];
  a: number | null;
}

interface EncodedUnit {
  i: number;
  /** Absent for bracket groups, whose ids only ever served error messages while compiling. */
  id?: string;
  x?: 1;
  c?: DistressCategory;
  s?: 'strong' | 'weak';
  u?: number[];
  d: number[];
  p: EncodedPattern[];
}

/** What the detector needs of the source besides the patterns, so the source need not be parsed. */
export type LexiconHead = Pick<CueLexiconFile, 'language' | 'model' | 'normaliser' | 'categoryPriority'>;

export interface CompiledLexiconFile {
  format: number;
  /** SHA-256 of the source lexicon this was compiled from. */
  sourceSha256: string;
  head: LexiconHead;
  /** Concepts in dependency order. */
  concepts: EncodedUnit[];
  signals: EncodedUnit[];
  idioms: EncodedUnit[];
  words: string[];
  idiomConcepts: number[];
  /** Every distinct word list of the elements and anchors, sorted within. */
  lists: string[][];
}

class ListTable {
  readonly lists: string[][] = [];
  private readonly index = new Map<string, number>();

  of(words: Iterable<string>): number {
    const list = [...words].sort();
    const key = list.join(' ');
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.lists.length;
      this.lists.push(list);
      this.index.set(key, i);
    }
    return i;
  }
}

function encodeElement(e: PatternElement, table: ListTable): EncodedElement {
  const words = (w: ReadonlySet<string>): number => (w.size > 0 ? table.of(w) : -1);
  const refs = (r: readonly number[]): number | number[] => (r.length > 0 ? [...r] : 0);
  const prefixes = (p: readonly string[]): number | string[] => (p.length > 0 ? [...p] : 0);
  switch (e.kind) {
    case 'token':
      return [1, words(e.words), refs(e.refs), e.optional ? 1 : 0, prefixes(e.prefixes)];
    case 'not':
      return [2, words(e.words), refs(e.refs), prefixes(e.prefixes)];
    case 'any':
      return [3, e.optional ? 1 : 0];
    case 'gap':
      return [4, e.max];
    case 'num':
      return [5, e.optional ? 1 : 0];
    case 'start':
      return [6];
    case 'end':
      return [7];
  }
}

function encodeUnit(u: CompiledUnit, table: ListTable): EncodedUnit {
  return {
    i: u.index,
    ...(u.anonymous ? { x: 1 as const } : { id: u.id }),
    ...(u.category ? { c: u.category } : {}),
    ...(u.strength ? { s: u.strength } : {}),
    ...(u.unlessNear && u.unlessNear.length > 0 ? { u: [...u.unlessNear] } : {}),
    d: [...u.deps],
    p: u.patterns.map((p) => ({ e: p.elements.map((e) => encodeElement(e, table)), a: p.anchor === null ? null : table.of(p.anchor) })),
  };
}

export function encodeCompiledLexicon(lexicon: CompiledLexicon, data: CueLexiconFile, sourceSha256: string): CompiledLexiconFile {
  const table = new ListTable();
  const concepts = lexicon.concepts.map((u) => encodeUnit(u, table));
  const signals = lexicon.signals.map((u) => encodeUnit(u, table));
  const idioms = lexicon.idioms.map((u) => encodeUnit(u, table));
  return {
    format: COMPILED_FORMAT,
    sourceSha256,
    head: { language: data.language, model: data.model, normaliser: data.normaliser, categoryPriority: data.categoryPriority },
    concepts,
    signals,
    idioms,
    words: [...lexicon.words].sort(),
    idiomConcepts: [...lexicon.idiomConcepts],
    lists: table.lists,
  };
}

/** Stable text: one unit a line, so a diff shows which concept or signal changed. */
export function serializeCompiledLexicon(file: CompiledLexiconFile): string {
  const list = (units: EncodedUnit[]): string => `[\n${units.map((u) => JSON.stringify(u)).join(',\n')}\n]`;
  return (
    `{"format":${file.format},"sourceSha256":${JSON.stringify(file.sourceSha256)},\n"head":${JSON.stringify(file.head)},\n` +
    `"words":${JSON.stringify(file.words)},\n"idiomConcepts":${JSON.stringify(file.idiomConcepts)},\n` +
    `"lists":[\n${file.lists.map((l) => JSON.stringify(l)).join(',\n')}\n],\n` +
    `"concepts":${list(file.concepts)},\n"signals":${list(file.signals)},\n"idioms":${list(file.idioms)}}\n`
  );
}

const EMPTY: ReadonlySet<string> = new Set();

export function decodeCompiledLexicon(file: CompiledLexiconFile): CompiledLexicon {
  const sets: ReadonlyArray<ReadonlySet<string>> = file.lists.map((l) => new Set(l));
  const words = (i: unknown): ReadonlySet<string> => (typeof i === 'number' && i >= 0 ? (sets[i] as ReadonlySet<string>) : EMPTY);
  const list = <T>(x: unknown): T[] => (Array.isArray(x) ? (x as T[]) : []);
  const element = (e: EncodedElement): PatternElement => {
    switch (e[0]) {
      case 1:
        return { kind: 'token', words: words(e[1]), refs: list<number>(e[2]), optional: e[3] === 1, prefixes: list<string>(e[4]) };
      case 2:
        return { kind: 'not', words: words(e[1]), refs: list<number>(e[2]), prefixes: list<string>(e[3]) };
      case 3:
        return { kind: 'any', optional: e[1] === 1 };
      case 4:
        return { kind: 'gap', max: e[1] as number };
      case 5:
        return { kind: 'num', optional: e[1] === 1 };
      case 6:
        return { kind: 'start' };
      default:
        return { kind: 'end' };
    }
  };
  const unit = (u: EncodedUnit, kind: CompiledUnit['kind']): CompiledUnit => ({
    index: u.i,
    id: u.id ?? `#${u.i}`,
    kind,
    patterns: u.p.map((p): CompiledPattern => ({ elements: p.e.map(element), anchor: p.a === null ? null : words(p.a) })),
    deps: u.d,
    ...(u.x ? { anonymous: true } : {}),
    ...(u.c ? { category: u.c } : {}),
    ...(u.s ? { strength: u.s } : {}),
    ...(u.u ? { unlessNear: u.u } : {}),
  });
  return {
    concepts: file.concepts.map((u) => unit(u, 'concept')),
    signals: file.signals.map((u) => unit(u, 'signal')),
    idioms: file.idioms.map((u) => unit(u, 'idiom')),
    words: new Set(file.words),
    idiomConcepts: file.idiomConcepts,
  };
}
