/**
 * Words as the listening rules compare them: lower case, apostrophes dropped ("don't" → dont),
 * other punctuation as spaces, a sound drawn out in speech-to-text or typing cut to two letters
 * ("ummmm" → umm, "sooo" → soo), then folds applied (don't → do not, i'm → i am). Cues and
 * utterances go through the same steps, so a writer can spell a cue the way people say it.
 */

export type Folds = ReadonlyArray<{ from: readonly string[]; to: readonly string[] }>;

export function compileFolds(folds: Readonly<Record<string, string>>): Folds {
  return (
    Object.entries(folds)
      .map(([from, to]) => ({ from: rawWords(from), to: rawWords(to) }))
      // Longest first, so a fold of several words is not cut short by a shorter one.
      .sort((a, b) => b.from.length - a.from.length)
  );
}

export function spokenWords(text: string, folds: Folds = []): string[] {
  const raw = rawWords(text);
  const out: string[] = [];
  for (let i = 0; i < raw.length; ) {
    const fold = folds.find(({ from }) => from.every((word, k) => raw[i + k] === word));
    if (fold && fold.from.length > 0) {
      out.push(...fold.to);
      i += fold.from.length;
    } else {
      out.push(raw[i] as string);
      i += 1;
    }
  }
  return out;
}

function rawWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/(\p{L})\1{2,}/gu, '$1$1')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}
