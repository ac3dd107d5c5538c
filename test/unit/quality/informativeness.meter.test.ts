import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createInformativenessMeter,
  loadSurprisalTable,
  lookup,
  measureBits,
  tokenize,
  wordSurprisalPath,
  type LoadedTable,
} from '../../../src/quality/informativeness.meter';

/** A table small enough to reason about by hand: bits chosen so sums are easy to check. */
const TINY: LoadedTable = {
  buckets: new Map([
    ['d', { words: ['don'], bits: [7] }],
    ['h', { words: ['have', 'house'], bits: [6, 12] }],
    ['i', { words: ['i'], bits: [4.5] }],
    ['t', { words: ['t', 'the'], bits: [6.25, 5] }],
    ['w', { words: ['want'], bits: [9] }],
  ]),
  aliases: new Map([['ve', 'have']]),
  floorBits: 25,
  numberBits: 7.5,
  words: 7,
};

describe('informativeness meter', () => {
  test('sums word surprisal, with the floor for words the table does not hold', () => {
    expect(measureBits('i want the house', TINY)).toBe(4.5 + 9 + 5 + 12);
    expect(measureBits('i want a zeppelin', TINY)).toBe(4.5 + 9 + 25 + 25);
    expect(measureBits('', TINY)).toBe(0);
  });

  test('splits contractions at the apostrophe as the list does, and scores a missing clitic as its full word', () => {
    expect(tokenize("I don't")).toEqual([
      { kind: 'word', text: 'i' },
      { kind: 'word', text: 'don' },
      { kind: 'word', text: 't' },
    ]);
    expect(measureBits('i don’t', TINY)).toBe(4.5 + 7 + 6.25);
    expect(measureBits("i've", TINY)).toBe(4.5 + 6);
  });

  test('counts redaction placeholders as nothing and a number in digits as one spoken number', () => {
    expect(measureBits('i want [PHONE] [EMAIL]', TINY)).toBe(4.5 + 9);
    // Only the redactor's own placeholders: bracketed words a customer said still count.
    expect(measureBits('[HOUSE]', TINY)).toBe(12);
    expect(tokenize('2 houses for £1,500.50')).toEqual([
      { kind: 'number', text: '2' },
      { kind: 'word', text: 'houses' },
      { kind: 'word', text: 'for' },
      { kind: 'number', text: '1,500.50' },
    ]);
    expect(measureBits('2 the', TINY)).toBe(7.5 + 5);
  });

  test('folds case and accents before looking words up, and finds no word on Object.prototype', () => {
    expect(measureBits('THE Hóuse', TINY)).toBe(5 + 12);
    expect(lookup(TINY, 'constructor')).toBeUndefined();
    expect(lookup(TINY, 'hous')).toBeUndefined();
    expect(lookup(TINY, 'house')).toBe(12);
  });

  test('rounds to the table’s precision so stored values do not carry float noise', () => {
    const noisy: LoadedTable = { ...TINY, buckets: new Map([['a', { words: ['a', 'b'], bits: [0.1, 0.2] }]]) };
    expect(measureBits('a a a', noisy)).toBe(0.3);
  });
});

describe('the committed table through the meter', () => {
  const meter = createInformativenessMeter();

  test('a specific answer carries more bits than a vague one of the same length', () => {
    expect(meter.bits('paying off my mortgage before retirement')).toBeGreaterThan(meter.bits('i just want to be you know'));
  });

  test('a non-answer carries few bits, an answer with content many', () => {
    expect(meter.bits('um')).toBeLessThan(20);
    expect(meter.bits('i would love a little allotment to grow our own vegetables')).toBeGreaterThan(100);
  });

  test('loads once, on first use, and reports how long it took', () => {
    const loads: { durationMs: number; words: number }[] = [];
    const lazy = createInformativenessMeter({ onLoad: (info) => loads.push(info) });
    expect(loads).toEqual([]);
    lazy.bits('hello');
    lazy.bits('hello again');
    expect(loads).toHaveLength(1);
    expect(loads[0]?.words).toBe(20_000);
    expect(loads[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe('a broken table', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-quality-'));
    fs.mkdirSync(path.join(dir, 'quality'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (table: unknown): void => fs.writeFileSync(wordSurprisalPath(dir), JSON.stringify(table));
  const committed = (): Record<string, unknown> => JSON.parse(fs.readFileSync(wordSurprisalPath(), 'utf8')) as Record<string, unknown>;

  test('a missing file fails with CONTENT_INVALID naming the file, every time, without rereading', () => {
    const meter = createInformativenessMeter({ contentDir: dir });
    expect(() => meter.bits('hello')).toThrow(expect.objectContaining({ code: 'CONTENT_INVALID', message: expect.stringContaining(wordSurprisalPath(dir)) }));
    // Writing a good file now changes nothing: the failure is remembered, not retried per answer.
    write(committed());
    expect(() => meter.bits('hello')).toThrow(expect.objectContaining({ code: 'CONTENT_INVALID' }));
  });

  test('a field of the wrong kind is named', () => {
    write({ ...committed(), floorBits: 'many' });
    expect(() => loadSurprisalTable(wordSurprisalPath(dir))).toThrow(/field "floorBits"/);
    write({ ...committed(), bucketBits: { ...(committed().bucketBits as object), a: ['x'] } });
    expect(() => loadSurprisalTable(wordSurprisalPath(dir))).toThrow(/field "bucketBits.a": must be an array of non-negative numbers/);
  });

  test('words and bits out of step are refused', () => {
    const table = committed();
    const bits = table.bucketBits as Record<string, number[]>;
    write({ ...table, bucketBits: { ...bits, b: bits.b!.slice(1) } });
    expect(() => loadSurprisalTable(wordSurprisalPath(dir))).toThrow(/bucket "b" must hold words starting with it and one number per word/);
    write({ ...table, words: 19_999 });
    expect(() => loadSurprisalTable(wordSurprisalPath(dir))).toThrow(/field "words" says 19999 but the buckets hold 20000/);
  });
});
