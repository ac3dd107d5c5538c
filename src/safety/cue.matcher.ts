import type { CompiledLexicon, CompiledPattern, CompiledUnit, PatternElement } from './cue-pattern.compiler';

/**
 * Runs the compiled lexicon over canonical tokens in two passes. First the idiom frames, on the
 * words as spoken; each frame's words are then replaced by one placeholder, so "killing" in
 * "this commute is killing me" is never evidence. Then the signals, on what is left. A frame
 * only covers its own words: "this job is killing me and i want to die" still has "i want to die".
 *
 * Speed comes from doing almost nothing for most of the lexicon: one look-up per word marks the
 * patterns whose anchor words occur (see the compiler) and where word-led patterns may start;
 * units with no possible pattern are skipped outright, and concepts are evaluated lazily and
 * memoised per answer. The per-answer state lives in preallocated arrays, reset by a stamp.
 */

/** Stands in for the words of an idiom frame; matches no pattern word. */
export const IDIOM_TOKEN = '#idiom';
const DIGITS = /^\d+$/;

export interface CueMatch {
  /** Tokens after masking, as the signals and the model see them. */
  tokens: string[];
  idioms: string[];
  /** Signals that fired, in lexicon order. */
  signals: CompiledUnit[];
  /** Named helper concepts present after masking, for the model. */
  concepts: string[];
}

/** start → ends of one unit's matches. */
type Hits = Map<number, number[]>;

/** Shared by every unit with no match, so most units cost no allocation. */
const NO_HITS: Hits = new Map();

/** What one kind of unit (concepts, signals, idioms) needs at match time. */
interface UnitTable {
  units: readonly CompiledUnit[];
  /** Per unit index: global pattern ids of its patterns, in order. */
  pids: number[][];
  /** Per unit index: global unit slot (for the "any pattern possible" flag). */
  slots: number[];
}

interface WordEntry {
  /** Patterns for which this word is an anchor. */
  anchors: number[];
  /** Patterns whose first element may be this word. */
  firsts: number[];
}

/** The state of matching one token sequence. */
class Pass {
  private readonly hits: Array<Hits | undefined>;

  constructor(
    private readonly m: CueMatcher,
    readonly tokens: readonly string[],
    private readonly stamp: number,
  ) {
    this.hits = new Array(m.concepts.units.length);
  }

  /** Whether a concept occurs at all; stops at its first match unless it was already computed. */
  present(index: number): boolean {
    const h = this.hits[index];
    if (h !== undefined) return h.size > 0;
    return this.unitHits(this.m.concepts, index, true).size > 0;
  }

  concept(index: number): Hits {
    let h = this.hits[index];
    if (h === undefined) {
      h = this.unitHits(this.m.concepts, index, false);
      this.hits[index] = h;
    }
    return h;
  }

  /** Every (start → ends) span of a unit's patterns; with `firstOnly`, stops at the first hit. */
  unitHits(table: UnitTable, index: number, firstOnly: boolean): Hits {
    const m = this.m;
    const stamp = this.stamp;
    const slot = table.slots[index] as number;
    if (m.unitFlags[slot] !== stamp || m.possStamp[slot] !== stamp) return NO_HITS;
    const unit = table.units[index] as CompiledUnit;
    let out: Hits = NO_HITS;
    // Only the patterns whose anchor words occur in this answer.
    for (let node = m.possHead[slot] as number; node >= 0; node = m.possNext[node] as number) {
      const pid = m.possPid[node] as number;
      const k = m.patternOf[pid] as number;
      const kind = m.startKind[pid] as number;
      if (kind === 0) {
        for (let pos = 0; pos <= this.tokens.length; pos += 1) {
          out = this.tryAt(unit, k, pos, out);
          if (firstOnly && out.size > 0) return out;
        }
        continue;
      }
      if ((kind & 1) !== 0 && m.startStamp[pid] === stamp) {
        for (let s = m.startHead[pid] as number; s >= 0; s = m.startNext[s] as number) {
          out = this.tryAt(unit, k, m.startPos[s] as number, out);
          if (firstOnly && out.size > 0) return out;
        }
      }
      if ((kind & 2) !== 0) {
        for (const ref of m.startRefs[pid] as readonly number[]) {
          for (const start of this.concept(ref).keys()) {
            out = this.tryAt(unit, k, start, out);
            if (firstOnly && out.size > 0) return out;
          }
        }
      }
    }
    return out;
  }

  /** Matches one pattern at one start, adding its ends to `out` (allocated on the first hit). */
  private tryAt(unit: CompiledUnit, pattern: number, start: number, out: Hits): Hits {
    // A fresh list: walking may evaluate other concepts, which match patterns of their own.
    const ends: number[] = [];
    this.walk((unit.patterns[pattern] as CompiledPattern).elements, 0, start, ends);
    if (ends.length === 0) return out;
    const result = out === NO_HITS ? new Map<number, number[]>() : out;
    const list = result.get(start);
    if (list) {
      for (const e of ends) if (!list.includes(e)) list.push(e);
    } else result.set(start, ends);
    return result;
  }

  private walk(elements: readonly PatternElement[], k: number, pos: number, ends: number[]): void {
    if (k === elements.length) {
      ends.push(pos);
      return;
    }
    const el = elements[k] as PatternElement;
    const tokens = this.tokens;
    const n = tokens.length;
    switch (el.kind) {
      case 'start':
        if (pos === 0) this.walk(elements, k + 1, pos, ends);
        return;
      case 'end':
        if (pos === n) this.walk(elements, k + 1, pos, ends);
        return;
      case 'gap':
        for (let j = 0; j <= el.max && pos + j <= n; j += 1) {
          if (j > 0 && this.m.barriers.has(tokens[pos + j - 1] as string)) break;
          this.walk(elements, k + 1, pos + j, ends);
        }
        return;
      case 'any':
        if (el.optional) this.walk(elements, k + 1, pos, ends);
        if (pos < n) this.walk(elements, k + 1, pos + 1, ends);
        return;
      case 'num':
        if (el.optional) this.walk(elements, k + 1, pos, ends);
        if (pos < n && DIGITS.test(tokens[pos] as string)) this.walk(elements, k + 1, pos + 1, ends);
        return;
      case 'not': {
        if (pos < n) {
          const t = tokens[pos] as string;
          if (el.words.has(t) || el.prefixes.some((p) => t.startsWith(p))) return;
        }
        for (const ref of el.refs) if ((this.concept(ref).get(pos)?.length ?? 0) > 0) return;
        this.walk(elements, k + 1, pos, ends);
        return;
      }
      case 'token': {
        if (el.optional) this.walk(elements, k + 1, pos, ends);
        if (pos < n) {
          const t = tokens[pos] as string;
          if (el.words.has(t) || (el.prefixes.length > 0 && el.prefixes.some((p) => t.startsWith(p)))) this.walk(elements, k + 1, pos + 1, ends);
        }
        for (const ref of el.refs) {
          const found = this.concept(ref).get(pos);
          if (found) for (const end of found) this.walk(elements, k + 1, end, ends);
        }
        return;
      }
    }
  }
}

export class CueMatcher {
  readonly concepts: UnitTable;
  readonly barriers: ReadonlySet<string>;
  /** Per global pattern id: equal to the pass stamp when the pattern's anchor words occur. */
  readonly patternFlags: Uint32Array;
  /** Per global unit slot: equal to the pass stamp when any of its patterns is possible. */
  readonly unitFlags: Uint32Array;
  /** Start positions of word-led patterns, as linked lists per pattern id (valid when startStamp matches). */
  readonly startStamp: Uint32Array;
  readonly startHead: Int32Array;
  readonly startPos: number[] = [];
  readonly startNext: number[] = [];
  private readonly signals: UnitTable;
  private readonly idioms: UnitTable;
  private readonly named: readonly CompiledUnit[];
  private readonly words = new Map<string, WordEntry>();
  private readonly alwaysPossible: number[] = [];
  /** Per global pattern id: its unit's global slot, and its index among that unit's patterns. */
  private readonly unitOf: number[] = [];
  readonly patternOf: number[] = [];
  /** Per global pattern id: 1 when it starts on a word, 2 on a concept, 3 both, 0 anywhere. */
  readonly startKind: number[] = [];
  readonly startRefs: Array<readonly number[]> = [];
  /** Per unit slot, the possible patterns of this pass, as a linked list (valid when possStamp matches). */
  readonly possStamp: Uint32Array;
  readonly possHead: Int32Array;
  readonly possPid: number[] = [];
  readonly possNext: number[] = [];
  private stamp = 0;

  constructor(
    private readonly lexicon: CompiledLexicon,
    barriers: readonly string[],
  ) {
    // A gap never skips an idiom frame either: "i am <could murder a> hopeless" is not "i am hopeless".
    this.barriers = new Set([...barriers, IDIOM_TOKEN]);
    const byIndex: CompiledUnit[] = [];
    for (const c of lexicon.concepts) byIndex[c.index] = c;
    this.named = byIndex.filter((c) => !c.anonymous);
    let slot = 0;
    this.concepts = this.table(byIndex, () => slot++);
    this.signals = this.table(lexicon.signals, () => slot++);
    this.idioms = this.table(lexicon.idioms, () => slot++);
    const patterns = this.unitOf.length;
    this.patternFlags = new Uint32Array(patterns);
    this.unitFlags = new Uint32Array(slot);
    this.startStamp = new Uint32Array(patterns);
    this.startHead = new Int32Array(patterns);
    this.possStamp = new Uint32Array(slot);
    this.possHead = new Int32Array(slot);
  }

  private table(units: readonly CompiledUnit[], nextSlot: () => number): UnitTable {
    const size = units.length;
    const t: UnitTable = {
      units,
      pids: Array.from({ length: size }, () => []),
      slots: new Array<number>(size).fill(0),
    };
    for (const unit of units) {
      const unitSlot = nextSlot();
      t.slots[unit.index] = unitSlot;
      unit.patterns.forEach((p, k) => {
        const pid = this.unitOf.length;
        this.unitOf.push(unitSlot);
        this.patternOf.push(k);
        (t.pids[unit.index] as number[]).push(pid);
        if (p.anchor === null) this.alwaysPossible.push(pid);
        else for (const w of p.anchor) this.entry(w).anchors.push(pid);
        const first = p.elements[0] as PatternElement;
        if (first.kind === 'token' && !first.optional && first.prefixes.length === 0) {
          for (const w of first.words) this.entry(w).firsts.push(pid);
          this.startKind.push((first.words.size > 0 ? 1 : 0) | (first.refs.length > 0 ? 2 : 0));
          this.startRefs.push(first.refs);
        } else {
          // Tried at every position: an optional first element, a prefix, a gap...
          this.startKind.push(0);
          this.startRefs.push([]);
        }
      });
    }
    return t;
  }

  private entry(word: string): WordEntry {
    let e = this.words.get(word);
    if (!e) {
      e = { anchors: [], firsts: [] };
      this.words.set(word, e);
    }
    return e;
  }

  /** One look-up per word: which patterns are possible, and where word-led ones may start. */
  private begin(tokens: readonly string[]): number {
    this.stamp = this.stamp >= 0xfffffffe ? 1 : this.stamp + 1;
    const stamp = this.stamp;
    if (stamp === 1) {
      this.patternFlags.fill(0);
      this.unitFlags.fill(0);
      this.startStamp.fill(0);
      this.possStamp.fill(0);
    }
    this.startPos.length = 0;
    this.startNext.length = 0;
    this.possPid.length = 0;
    this.possNext.length = 0;
    const patternFlags = this.patternFlags;
    const unitFlags = this.unitFlags;
    const unitOf = this.unitOf;
    const possible = (pid: number): void => {
      if (patternFlags[pid] === stamp) return;
      patternFlags[pid] = stamp;
      const slot = unitOf[pid] as number;
      unitFlags[slot] = stamp;
      const node = this.possPid.length;
      this.possPid.push(pid);
      this.possNext.push(this.possStamp[slot] === stamp ? (this.possHead[slot] as number) : -1);
      this.possStamp[slot] = stamp;
      this.possHead[slot] = node;
    };
    for (const pid of this.alwaysPossible) possible(pid);
    const entries: Array<WordEntry | undefined> = new Array(tokens.length);
    for (let pos = 0; pos < tokens.length; pos += 1) {
      const e = this.words.get(tokens[pos] as string);
      entries[pos] = e;
      if (!e) continue;
      const anchors = e.anchors;
      for (let i = 0; i < anchors.length; i += 1) possible(anchors[i] as number);
    }
    // Start lists only for possible patterns; backwards, so each list comes out in position order.
    for (let pos = tokens.length - 1; pos >= 0; pos -= 1) {
      const e = entries[pos];
      if (!e) continue;
      const firsts = e.firsts;
      for (let i = 0; i < firsts.length; i += 1) {
        const pid = firsts[i] as number;
        if (patternFlags[pid] !== stamp) continue;
        const node = this.startPos.length;
        this.startPos.push(pos);
        this.startNext.push(this.startStamp[pid] === stamp ? (this.startHead[pid] as number) : -1);
        this.startStamp[pid] = stamp;
        this.startHead[pid] = node;
      }
    }
    return stamp;
  }

  match(canonical: readonly string[]): CueMatch {
    // Pass 1: idiom frames on the words as spoken.
    const raw = new Pass(this, canonical, this.begin(canonical));
    const spans: Array<[number, number]> = [];
    const idioms: string[] = [];
    for (const idiom of this.lexicon.idioms) {
      if ((idiom.unlessNear ?? []).some((c) => raw.present(c))) continue;
      let covers = false;
      for (const [start, ends] of raw.unitHits(this.idioms, idiom.index, false)) {
        const end = Math.max(...ends);
        if (end > start) {
          spans.push([start, end]);
          covers = true;
        }
      }
      if (covers) idioms.push(idiom.id);
    }
    const tokens = idioms.length === 0 ? [...canonical] : mask(canonical, spans);

    // Pass 2: signals on what is left (the same pass when nothing was masked).
    const pass = idioms.length === 0 ? raw : new Pass(this, tokens, this.begin(tokens));
    const signals = this.lexicon.signals.filter((s) => pass.unitHits(this.signals, s.index, true).size > 0);
    const concepts = this.named.filter((c) => pass.present(c.index)).map((c) => c.id);
    return { tokens, idioms, signals, concepts };
  }
}

/** Replaces each run of words covered by idiom spans with one placeholder token. */
function mask(tokens: readonly string[], spans: ReadonlyArray<[number, number]>): string[] {
  const covered = new Array<boolean>(tokens.length).fill(false);
  for (const [start, end] of spans) for (let i = start; i < end; i += 1) covered[i] = true;
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (!covered[i]) out.push(tokens[i] as string);
    else if (i === 0 || !covered[i - 1]) out.push(IDIOM_TOKEN);
  }
  return out;
}
