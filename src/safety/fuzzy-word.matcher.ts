/**
 * Repairs one-letter slips (a wrong, missing, extra or swapped letter) in a short list of
 * distinctive cue words: "sucide" → "suicide", "boyfreind" → "boyfriend". Only words of five or
 * more letters are touched, only towards a listed target, and only when exactly one target is
 * that close, so a real word is never bent into another ("tables" is not "tablets", "fridge" is
 * not "bridge"): such neighbours are listed as protected in the lexicon.
 */

export const MIN_FUZZY_LENGTH = 5;
const CACHE_LIMIT = 4096;

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 1): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i += 1) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= m; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] as number) + 1);
      row.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[m] as number;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export class FuzzyWordMatcher {
  /** Symmetric-deletion index: a target and each one-letter deletion of it → targets. */
  private readonly index = new Map<string, string[]>();
  private readonly cache = new Map<string, string | null>();

  constructor(
    targets: readonly string[],
    /** Words taken as spelled on purpose, never corrected. */
    private readonly known: ReadonlySet<string>,
  ) {
    for (const target of targets) {
      for (const key of [target, ...deletions(target)]) {
        const list = this.index.get(key) ?? [];
        if (!list.includes(target)) list.push(target);
        this.index.set(key, list);
      }
    }
  }

  /** The target this word is a slip of, or undefined. */
  correct(word: string): string | undefined {
    if (word.length < MIN_FUZZY_LENGTH || this.known.has(word) || !/^[a-z]+$/.test(word)) return undefined;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    const candidates = new Set<string>();
    for (const key of [word, ...deletions(word)]) {
      for (const target of this.index.get(key) ?? []) {
        if (target.length >= MIN_FUZZY_LENGTH && editDistance(word, target) <= 1) candidates.add(target);
      }
    }
    const result = candidates.size === 1 ? [...candidates][0] ?? null : null;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, result);
    return result ?? undefined;
  }
}
