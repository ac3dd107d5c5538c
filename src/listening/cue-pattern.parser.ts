/**
 * The small pattern language of non-answer cues, one phrase per string, words separated by spaces:
 *
 * - `dont` a word; `pass|skip` one of several words; `[i|we]` optional, one of several words
 * - `?` any one word and `[?]` optionally one, `*` up to a few words and `+` at least one; what
 *   these open ends may take is bounded (see `tail` in the cue file), so a cue cannot swallow an answer.
 *
 * Kept apart from the detector so the schema can reject a broken pattern with its field named.
 */

export type RawElement =
  | { type: 'words'; alternatives: string[]; optional: boolean }
  | { type: 'any'; optional: boolean }
  | { type: 'tail'; min: 0 | 1 };

export interface ParsedPattern {
  elements: RawElement[];
  /** Why the pattern cannot be used; absent when it can. */
  problem?: string;
}

const WORD = /^[a-z0-9']+$/;

export function parseCuePattern(source: string): ParsedPattern {
  const elements: RawElement[] = [];
  const parts = source.trim().split(/\s+/);
  for (const part of parts) {
    const element = parseElement(part);
    if (typeof element === 'string') return { elements: [], problem: `"${part}" ${element}` };
    const previous = elements[elements.length - 1];
    if (element.type === 'tail' && previous?.type === 'tail') return { elements: [], problem: 'has two open ends (* or +) in a row' };
    elements.push(element);
  }
  // Without a word it must say, a pattern would read every short answer as a non-answer.
  if (!elements.some((e) => e.type === 'words' && !e.optional)) return { elements: [], problem: 'needs at least one word that is not optional' };
  return { elements };
}

function parseElement(part: string): RawElement | string {
  if (part === '*') return { type: 'tail', min: 0 };
  if (part === '+') return { type: 'tail', min: 1 };
  if (part === '?') return { type: 'any', optional: false };
  if (part === '[?]') return { type: 'any', optional: true };
  const optional = part.startsWith('[');
  if (optional !== part.endsWith(']')) return 'has an unbalanced bracket';
  const inner = optional ? part.slice(1, -1) : part;
  const alternatives = inner.split('|');
  if (alternatives.some((a) => !WORD.test(a))) return 'must be lower-case words (a|b, [a|b]), ?, [?], * or +';
  return { type: 'words', alternatives, optional };
}
