import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { PLACEHOLDER_PATTERN } from '../privacy/spoken-text.normalizer';
import { WORD_SURPRISAL_FILE, WordSurprisalSchema } from './word-surprisal.schema';

/**
 * Informativeness of an answer in bits: the sum over its words of their surprisal −log2 p(word)
 * under a unigram model of spoken English (content/quality/word-surprisal.json). Common words
 * ("i", "the", "want") carry a few bits each, specific ones ("mortgage", "allotment") many, so a
 * long but empty answer scores lower than a short, specific one of the same length.
 *
 * Tokens are cut the way the frequency list was built: lower case, letters only, so "don't" is
 * "don" + "t" and each part has its own entry. Redaction placeholders ([PHONE], [EMAIL], …) count
 * zero: what they hid was personal data, not insight, and scoring it would make an answer that
 * is only a phone number look informative. A number in digits counts as one spoken number.
 */
export interface InformativenessMeter {
  /** Bits in a (redacted) answer, to 0.01. Loads the table on first use; throws CONTENT_INVALID if it cannot. */
  bits(text: string): number;
}

export interface LoadedTable {
  /** Per initial letter: the words in alphabetical order and their bits in the same order. */
  buckets: ReadonlyMap<string, { words: readonly string[]; bits: readonly number[] }>;
  aliases: ReadonlyMap<string, string>;
  floorBits: number;
  numberBits: number;
  words: number;
}

export interface MeterOptions {
  /** The content folder holding quality/word-surprisal.json; the repository's content/ by default. */
  contentDir?: string;
  /** Told once the table is loaded, with how long reading and checking it took. */
  onLoad?: (info: { durationMs: number; words: number }) => void;
}

/**
 * The repository's content/ folder, from the source tree and from the server bundle (two folders
 * below the root) alike. The Lambda keeps content beside its bundle, so its composition passes
 * the configured folder instead.
 */
const DEFAULT_CONTENT_DIR = path.resolve(__dirname, '..', '..', 'content');

export function wordSurprisalPath(contentDir: string = DEFAULT_CONTENT_DIR): string {
  return path.join(contentDir, 'quality', WORD_SURPRISAL_FILE);
}

const PLACEHOLDERS = new RegExp(PLACEHOLDER_PATTERN.source, 'g');
// A digit group with its thousands or decimal separators ("1,500", "2.5") is one spoken number.
const TOKEN = /[a-z]+|[0-9]+(?:[.,][0-9]+)*/g;

export type Token = { kind: 'word'; text: string } | { kind: 'number'; text: string };

/** The words and numbers of an answer, as the frequency list counted them. */
export function tokenize(text: string): Token[] {
  const folded = text
    .replace(PLACEHOLDERS, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return [...folded.matchAll(TOKEN)].map(([match]) => ({ kind: /^[0-9]/.test(match) ? 'number' : 'word', text: match }));
}

/** Bits of one answer under a loaded table, to 0.01 (the table's own precision). */
export function measureBits(text: string, table: LoadedTable): number {
  let total = 0;
  for (const token of tokenize(text)) {
    if (token.kind === 'number') {
      total += table.numberBits;
      continue;
    }
    const alias = table.aliases.get(token.text);
    total += lookup(table, token.text) ?? (alias === undefined ? undefined : lookup(table, alias)) ?? table.floorBits;
  }
  return Math.round(total * 100) / 100;
}

/** The word's bits, or undefined when the table does not hold it. */
export function lookup(table: LoadedTable, word: string): number | undefined {
  const bucket = table.buckets.get(word[0] as string);
  if (bucket === undefined) return undefined;
  let low = 0;
  let high = bucket.words.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = bucket.words[mid] as string;
    if (at === word) return bucket.bits[mid];
    if (at < word) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

export function loadSurprisalTable(file: string): LoadedTable {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError('CONTENT_INVALID', `${file}: cannot read the word-surprisal table (${(error as Error).message}); run npm run quality:build`, {
      cause: error,
    });
  }
  const parsed = WordSurprisalSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('CONTENT_INVALID', `${file}: field "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`);
  }
  const table = parsed.data;
  const buckets = new Map<string, { words: string[]; bits: number[] }>();
  let total = 0;
  for (const [letter, text] of Object.entries(table.bucketWords)) {
    const words = text.split(' ');
    const bits = table.bucketBits[letter] ?? [];
    if (words.length !== bits.length || words.some((w) => w[0] !== letter)) {
      throw new AppError('CONTENT_INVALID', `${file}: bucket "${letter}" must hold words starting with it and one number per word`);
    }
    buckets.set(letter, { words, bits });
    total += words.length;
  }
  if (total !== table.words) throw new AppError('CONTENT_INVALID', `${file}: field "words" says ${table.words} but the buckets hold ${total}`);
  // Maps, not the parsed objects: a word such as "constructor" must not find Object.prototype.
  return { buckets, aliases: new Map(Object.entries(table.aliases)), floorBits: table.floorBits, numberBits: table.numberBits, words: total };
}

/**
 * The meter over the committed table, read on the first answer rather than at start: a voice
 * session's first turns (welcome, choice of area) then cost nothing, and neither does a cold
 * start. A table that fails to load fails every later call the same way, without rereading.
 */
export function createInformativenessMeter(options: MeterOptions = {}): InformativenessMeter {
  const file = wordSurprisalPath(options.contentDir);
  let table: LoadedTable | undefined;
  let failure: unknown;
  const load = (): LoadedTable => {
    if (table) return table;
    if (failure !== undefined) throw failure;
    const started = performance.now();
    try {
      table = loadSurprisalTable(file);
    } catch (error) {
      failure = error;
      throw error;
    }
    options.onLoad?.({ durationMs: Math.round((performance.now() - started) * 10) / 10, words: table.words });
    return table;
  };
  return { bits: (text) => measureBits(text, load()) };
}
