import { AppError } from '../errors/app-error';
import type { CueLexiconFile } from './cue-lexicon.schema';
import type { DistressCategory } from './distress.types';

/**
 * Patterns are written in a small token language over canonical (normalised) words:
 *
 *   word        that word                     want|wish|hope   any one of them
 *   kill*       a word starting with "kill"   @concept         one occurrence of a concept (one or more words)
 *   ?word       optional (any element form)   *                any one word
 *   ..          0–3 words                     ...              0–6 words
 *   #num        a numeral                     ^  $             start / end of the answer
 *   !a|b        the next word is not a or b (or the answer ends); matches no word itself
 *   [go on|carry on|$]   one of several phrases (each a pattern of its own); mixes with words:
 *               stop|[give up]; ?[...] and ![...] too
 *
 * Gaps never skip a barrier word ("not", "never"), so "i do not want to die" is not "i want to die".
 * Alternatives may mix forms: `@actor|he|she`.
 */

export type PatternElement =
  | { kind: 'token'; words: ReadonlySet<string>; prefixes: readonly string[]; refs: readonly number[]; optional: boolean }
  | { kind: 'not'; words: ReadonlySet<string>; prefixes: readonly string[]; refs: readonly number[] }
  | { kind: 'any'; optional: boolean }
  | { kind: 'gap'; max: number }
  | { kind: 'num'; optional: boolean }
  | { kind: 'start' }
  | { kind: 'end' };

/**
 * How often an anchor is likely to be present: short words ("i", "to") are everywhere, so an
 * anchor made of them rules little out. Only orders candidate anchors; never changes a match.
 */
function anchorCost(words: ReadonlySet<string>): number {
  let cost = 0;
  for (const w of words) cost += w.length <= 2 ? 50 : w.length === 3 ? 10 : 1;
  return cost;
}

export interface CompiledPattern {
  elements: readonly PatternElement[];
  /**
   * Words of which at least one must be in the answer for this pattern to match, or null when
   * no such list can be told (a prefix, a phrase that may be empty). A quick test before any
   * matching: most patterns are ruled out by it.
   */
  anchor: ReadonlySet<string> | null;
}

export type UnitKind = 'concept' | 'signal' | 'idiom';

/** A concept, a signal or an idiom frame: a named list of patterns. */
export interface CompiledUnit {
  index: number;
  id: string;
  kind: UnitKind;
  patterns: CompiledPattern[];
  /** Concept indexes this unit's patterns reference. */
  deps: number[];
  /** A bracket group inside a pattern, not a named concept (never reported as a cue). */
  anonymous?: boolean;
  category?: DistressCategory;
  strength?: 'strong' | 'weak';
  /** Concept indexes that cancel an idiom frame. */
  unlessNear?: readonly number[];
}

export interface CompiledLexicon {
  /** Concepts in dependency order (a concept comes after every concept it references). */
  concepts: readonly CompiledUnit[];
  signals: readonly CompiledUnit[];
  idioms: readonly CompiledUnit[];
  /** Every literal word used by a pattern, for the normaliser's "spelled on purpose" set. */
  words: ReadonlySet<string>;
  /** Concepts the idiom frames need (with their dependencies), in dependency order. */
  idiomConcepts: readonly number[];
}

const WORD = /^[a-z0-9]+$/;

/** Splits on a separator outside brackets; unbalanced brackets are a data error. */
function splitTopLevel(text: string, separator: string, file: string, field: string): string[] {
  if (!text.includes('[') && !text.includes(']')) return text.split(separator);
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (ch === 91) depth += 1; // [
    else if (ch === 93) {
      depth -= 1; // ]
      if (depth < 0) throw invalid(file, field, `unbalanced "]" in "${text}"`);
    } else if (depth === 0 && (text[i] === separator || (separator === ' ' && (ch === 9 || ch === 10)))) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  if (depth !== 0) throw invalid(file, field, `unbalanced "[" in "${text}"`);
  parts.push(text.slice(from));
  return parts;
}

export const GAP_SHORT = 3;
export const GAP_LONG = 6;

function invalid(file: string, field: string, message: string): AppError {
  return new AppError('CONTENT_INVALID', `${file}: field "${field}": ${message}`, { details: { file, field } });
}

export function compileLexicon(file: string, lexicon: CueLexiconFile, canonical: (word: string) => boolean): CompiledLexicon {
  const conceptIds = Object.keys(lexicon.concepts);
  const conceptIndex = new Map(conceptIds.map((id, i) => [id, i]));
  const words = new Set<string>();
  const checked = new Map<string, boolean>();
  const isCanonical = (w: string): boolean => {
    let ok = checked.get(w);
    if (ok === undefined) {
      ok = canonical(w);
      checked.set(w, ok);
    }
    return ok;
  };

  // The same element text ("@i", "..", a verb list) recurs across patterns; compiled elements are
  // never changed after parsing, so each distinct text is parsed once and shared.
  const elementCache = new Map<string, PatternElement>();
  function parseElement(raw: string, field: string): PatternElement {
    let element = elementCache.get(raw);
    if (element === undefined) {
      element = parseElementText(raw, field);
      elementCache.set(raw, element);
    }
    return element;
  }

  function parseElementText(raw: string, field: string): PatternElement {
    let text = raw;
    let optional = false;
    let negated = false;
    if (text.startsWith('!')) {
      negated = true;
      text = text.slice(1);
    } else if (text.startsWith('?')) {
      optional = true;
      text = text.slice(1);
    }
    if (text === '*') return { kind: 'any', optional };
    if (text === '#num') return { kind: 'num', optional };
    if (!optional && (text === '..' || text === '...')) return { kind: 'gap', max: text === '..' ? GAP_SHORT : GAP_LONG };
    if (!optional && text === '^') return { kind: 'start' };
    if (!optional && text === '$') return { kind: 'end' };
    const wordSet = new Set<string>();
    const prefixes: string[] = [];
    const refs: number[] = [];
    for (const alt of splitTopLevel(text, '|', file, field)) {
      if (alt.startsWith('[') && alt.endsWith(']')) {
        refs.push(group(alt.slice(1, -1), field));
      } else if (alt === '$' || alt === '#num') {
        refs.push(group(alt, field));
      } else if (alt.startsWith('@')) {
        const ref = conceptIndex.get(alt.slice(1));
        if (ref === undefined) throw invalid(file, field, `unknown concept "${alt}"`);
        refs.push(ref);
      } else if (alt.endsWith('*') && WORD.test(alt.slice(0, -1)) && alt.length >= 4) {
        prefixes.push(alt.slice(0, -1));
      } else if (WORD.test(alt)) {
        // A word the normaliser rewrites (a contraction, a filler, a misspelling) can never be seen.
        if (!isCanonical(alt)) throw invalid(file, field, `"${alt}" never reaches the matcher (the normaliser rewrites or drops it)`);
        wordSet.add(alt);
        words.add(alt);
      } else {
        throw invalid(file, field, `cannot read "${alt}" in "${raw}"`);
      }
    }
    if (negated) return { kind: 'not', words: wordSet, prefixes, refs };
    return { kind: 'token', words: wordSet, prefixes, refs, optional };
  }

  function parsePattern(pattern: string, field: string, allowEmpty = false): CompiledPattern {
    const elements = splitTopLevel(pattern, ' ', file, field)
      .filter((part) => part !== '')
      .map((part) => parseElement(part, field));
    const matchesSomething = elements.some((e) => (e.kind === 'token' || e.kind === 'any' || e.kind === 'num') && !e.optional);
    if (!matchesSomething && !allowEmpty) throw invalid(file, field, 'must contain at least one required word');
    if (elements.length === 0) throw invalid(file, field, 'has an empty phrase');
    return { elements, anchor: null };
  }

  /** A bracket group becomes an anonymous concept, so phrase alternatives reuse the concept machinery. */
  function group(body: string, field: string): number {
    const index = units.length;
    const id = `${field}#${index}`;
    const unit: CompiledUnit = { index, id, kind: 'concept', patterns: [], deps: [], anonymous: true };
    units.push(unit);
    const patterns = splitTopLevel(body, '|', file, field).map((alt) => parsePattern(alt.trim(), field, true));
    unit.patterns = patterns;
    unit.deps = depsOf(patterns);
    return index;
  }

  function depsOf(patterns: readonly CompiledPattern[]): number[] {
    const deps = new Set<number>();
    for (const p of patterns) for (const e of p.elements) if (e.kind === 'token' || e.kind === 'not') for (const r of e.refs) deps.add(r);
    return [...deps].sort((a, b) => a - b);
  }

  // Named concepts take the first indexes; bracket groups are appended as they are met.
  const units: CompiledUnit[] = conceptIds.map((id, index) => ({ index, id, kind: 'concept', patterns: [], deps: [] }));
  conceptIds.forEach((id, index) => {
    const unit = units[index] as CompiledUnit;
    unit.patterns = (lexicon.concepts[id] as string[]).map((p, k) => parsePattern(p, `concepts.${id}.${k}`));
    unit.deps = depsOf(unit.patterns);
  });

  const seen = new Set<string>();
  const signals: CompiledUnit[] = lexicon.signals.map((s, i) => {
    if (seen.has(s.id)) throw invalid(file, `signals.${i}.id`, `duplicate id "${s.id}"`);
    seen.add(s.id);
    const patterns = s.patterns.map((p, k) => parsePattern(p, `signals.${i}.patterns.${k}`));
    return { index: i, id: s.id, kind: 'signal' as const, patterns, deps: depsOf(patterns), category: s.category, strength: s.strength };
  });
  const idioms: CompiledUnit[] = lexicon.idioms.map((d, i) => {
    if (seen.has(d.id)) throw invalid(file, `idioms.${i}.id`, `duplicate id "${d.id}"`);
    seen.add(d.id);
    const patterns = d.patterns.map((p, k) => parsePattern(p, `idioms.${i}.patterns.${k}`));
    const unlessNear = (d.unlessNear ?? []).map((c, k) => {
      const ref = conceptIndex.get(c);
      if (ref === undefined) throw invalid(file, `idioms.${i}.unlessNear.${k}`, `unknown concept "${c}"`);
      return ref;
    });
    return { index: i, id: d.id, kind: 'idiom' as const, patterns, deps: depsOf(patterns), unlessNear };
  });

  // Dependency order, refusing cycles (a concept defined through itself would never finish).
  const order: CompiledUnit[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (unit: CompiledUnit, trail: string[]): void => {
    const s = state.get(unit.index);
    if (s === 'done') return;
    if (s === 'visiting') throw invalid(file, unit.anonymous ? unit.id.split('#')[0] as string : `concepts.${unit.id}`, `refers to itself through ${[...trail, unit.id].map((t) => `@${t}`).join(' → ')}`);
    state.set(unit.index, 'visiting');
    for (const d of unit.deps) visit(units[d] as CompiledUnit, [...trail, unit.id]);
    state.set(unit.index, 'done');
    order.push(unit);
  };
  for (const unit of units) visit(unit, []);

  // Anchors, in dependency order so a concept's words are known before a pattern that uses it.
  const needs = new Map<number, ReadonlySet<string> | null>();
  const costs = new Map<ReadonlySet<string>, number>();
  const costOf = (set: ReadonlySet<string>): number => {
    let c = costs.get(set);
    if (c === undefined) {
      c = anchorCost(set);
      costs.set(set, c);
    }
    return c;
  };
  const anchorOf = (p: CompiledPattern): ReadonlySet<string> | null => {
    // Compare elements by cost first; build the word list only for the cheapest.
    let best: Extract<PatternElement, { kind: 'token' }> | null = null;
    let bestCost = Infinity;
    for (const e of p.elements) {
      if (e.kind !== 'token' || e.optional || e.prefixes.length > 0) continue;
      let cost = e.words.size > 0 ? costOf(e.words) : 0;
      for (const r of e.refs) {
        const n = needs.get(r);
        if (n === null || n === undefined) {
          cost = Infinity;
          break;
        }
        cost += costOf(n);
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = e;
      }
    }
    if (best === null) return null;
    if (best.refs.length === 0) return best.words;
    if (best.refs.length === 1 && best.words.size === 0) return needs.get(best.refs[0] as number) as ReadonlySet<string>;
    const union = new Set(best.words);
    for (const r of best.refs) for (const w of needs.get(r) as ReadonlySet<string>) union.add(w);
    return union;
  };
  for (const unit of order) {
    let union: Set<string> | null = new Set();
    for (const p of unit.patterns) {
      p.anchor = anchorOf(p);
      if (p.anchor === null) union = null;
      else if (union !== null) for (const w of p.anchor) union.add(w);
    }
    needs.set(unit.index, union);
  }
  for (const unit of [...signals, ...idioms]) for (const p of unit.patterns) p.anchor = anchorOf(p);

  // The idiom pass runs before masking, so it needs its own (smaller) set of concepts.
  const needed = new Set<number>();
  const need = (i: number): void => {
    if (needed.has(i)) return;
    needed.add(i);
    for (const d of (units[i] as CompiledUnit).deps) need(d);
  };
  for (const idiom of idioms) for (const d of [...idiom.deps, ...(idiom.unlessNear ?? [])]) need(d);
  const idiomConcepts = order.filter((u) => needed.has(u.index)).map((u) => u.index);

  return { concepts: order, signals, idioms, words, idiomConcepts };
}
