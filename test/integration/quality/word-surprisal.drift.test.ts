import fs from 'node:fs';
import { builtTableText, TABLE_PATH } from '../../../scripts/quality/build-word-frequencies';
import { buildSurprisalTable, readFrequencyList, serializeSurprisalTable } from '../../../scripts/quality/word-surprisal.builder';
import { loadSurprisalTable, lookup } from '../../../src/quality/informativeness.meter';
import { WordSurprisalSchema } from '../../../src/quality/word-surprisal.schema';

/**
 * content/quality/word-surprisal.json must be exactly what the installed frequency list
 * generates (`npm run quality:build`), and stay small enough to read on a first answer.
 */
describe('the committed word-surprisal table', () => {
  const committed = fs.readFileSync(TABLE_PATH, 'utf8');

  test('matches what the installed list generates, byte for byte', () => {
    if (committed !== builtTableText()) throw new Error(`${TABLE_PATH} is stale: run npm run quality:build`);
  });

  test('is small and still covers more than 97% of the spoken tokens in the list', () => {
    expect(Buffer.byteLength(committed)).toBeLessThan(600 * 1024);
    const table = WordSurprisalSchema.parse(JSON.parse(committed));
    expect(table.coverage).toBeGreaterThan(0.97);
    expect(table.words).toBe(20_000);
  });

  test('keeps every bucket in strict alphabetical order, which the lookup’s binary search needs', () => {
    const table = WordSurprisalSchema.parse(JSON.parse(committed));
    for (const [letter, text] of Object.entries(table.bucketWords)) {
      const words = text.split(' ');
      const unsorted = words.filter((w, i) => i > 0 && !((words[i - 1] as string) < w));
      expect({ letter, unsorted }).toEqual({ letter, unsorted: [] });
    }
    // And so every kept word is found again with its own value.
    const loaded = loadSurprisalTable(TABLE_PATH);
    const list = readFrequencyList();
    const sample = list.entries.slice(0, 2000).map((e) => e.word.toLowerCase());
    expect(sample.filter((w) => lookup(loaded, w) === undefined)).toEqual([]);
  });
});

describe('the table builder', () => {
  const list = {
    source: 'tiny@1.0.0',
    entries: [
      { word: 'the', count: 60 },
      { word: 'The', count: 4 },
      { word: 'two', count: 10 },
      { word: 'cafés', count: 3 },
      { word: 'have', count: 15 },
      { word: 'rare', count: 1 },
    ],
  };

  test('merges case and accents, smooths add-one over the whole list and keeps the most frequent words', () => {
    const table = buildSurprisalTable(list, 3);
    // tokens 93, distinct words 5 (the + The merge): denominator 93 + 5 + 1 = 99.
    expect(table).toMatchObject({ listWords: 5, listTokens: 93, words: 3, coverage: Math.round((89 / 93) * 10_000) / 10_000 });
    expect(table.bucketWords).toEqual({ h: 'have', t: 'the two' });
    expect(table.bucketBits).toEqual({ h: [round(-Math.log2(16 / 99))], t: [round(-Math.log2(65 / 99)), round(-Math.log2(11 / 99))] });
    expect(table.floorBits).toBe(round(Math.log2(99)));
    // The number class is the spoken number words together: here only "two".
    expect(table.numberBits).toBe(round(-Math.log2(11 / 99)));
    // "ve" is missing from this list as from the real one, so it is scored as "have".
    expect(table.aliases).toEqual({ ve: 'have' });
  });

  test('gives the same bytes whatever order the list comes in', () => {
    const reversed = { ...list, entries: [...list.entries].reverse() };
    expect(serializeSurprisalTable(buildSurprisalTable(reversed, 4))).toBe(serializeSurprisalTable(buildSurprisalTable(list, 4)));
  });
});

function round(bits: number): number {
  return Math.round(bits * 100) / 100;
}
