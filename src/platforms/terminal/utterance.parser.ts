import type { CustomerAction } from '../../interview/interview.types';
import { actionFor, INTENT_TABLE, tableLocale, type IntentEntry, type IntentTable } from '../intent.table';

/**
 * The terminal has no speech platform to recognise intents, so a typed line is matched against
 * the sample phrases the voice models were taught (the intent table, per locale). `{domain}`
 * matches a value or synonym of the slot type; the line must match a whole sample, after
 * dropping discourse fillers in front ("actually no wait, ...") and politeness at the end
 * ("... instead", "... please"). Answer carriers ("i think {answer}") are not matched: they
 * describe free speech, and every line no command matches is already an answer, kept whole
 * because the terminal, unlike a voice platform, has every word. Whether free words name an
 * area or answer a question is the engine's call, by phase.
 */

/** Words spoken around a request without changing it, per language; longest first where they overlap. */
const DISCOURSE: Readonly<Record<string, { leading: readonly string[]; trailing: readonly string[] }>> = {
  en: {
    leading: [
      'actually', 'no wait', 'wait', 'no', 'oh wait', 'oh', 'um', 'umm', 'uh', 'uhm', 'er', 'erm', 'hmm', 'ok so', 'okay so', 'so',
      'well', 'right', 'alright', 'sorry', 'hang on', 'hold on', 'you know what', 'i mean', 'hey', 'and', 'but', 'please',
    ],
    trailing: ['please', 'thanks', 'thank you', 'instead', 'then', 'now', 'for now', 'anyway'],
  },
};

/** Spellings that speech and typing both produce, folded to one form on both sides of a match. */
const CONTRACTIONS: ReadonlyArray<readonly [readonly string[], string]> = [
  [['i', 'am'], 'im'],
  [['let', 'us'], 'lets'],
  [['i', 'would'], 'id'],
  [['i', 'will'], 'ill'],
  [['i', 'have'], 'ive'],
  [['do', 'not'], 'dont'],
  [['that', 'is'], 'thats'],
  [['what', 'is'], 'whats'],
  [['it', 'is'], 'its'],
  [['can', 'not'], 'cant'],
  [['cannot'], 'cant'],
  [['okay'], 'ok'],
];

/** Lower case, apostrophes dropped ("let's" → lets), other punctuation as spaces, contractions folded. */
export function normaliseWords(text: string): string[] {
  const raw = text
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  const out: string[] = [];
  for (let i = 0; i < raw.length; ) {
    const fold = CONTRACTIONS.find(([from]) => from.every((word, k) => raw[i + k] === word));
    if (fold) {
      out.push(fold[1]);
      i += fold[0].length;
    } else {
      out.push(raw[i] as string);
      i += 1;
    }
  }
  return out;
}

type Segment = { word: string } | { slot: string; forms?: ReadonlyArray<{ id: string; words: string[] }> };

interface CompiledSample {
  entry: IntentEntry;
  segments: Segment[];
  /** How many literal words the sample has: the more, the more specific the match. */
  literal: number;
}

function compileSample(entry: IntentEntry, sample: string, table: IntentTable, locale: string): CompiledSample {
  const segments: Segment[] = [];
  sample.split(/\{([^{}]*)\}/).forEach((part, index) => {
    if (index % 2 === 0) {
      for (const word of normaliseWords(part)) segments.push({ word });
      return;
    }
    const type = entry.slots.find((slot) => slot.name === part)?.type;
    const values = type === undefined ? undefined : table.slotTypes[type]?.[locale];
    // Longest form first, so "grocery shopping" is not cut short at a shorter form.
    const forms = values
      ?.flatMap((value) => value.forms.map((form) => ({ id: value.id, words: normaliseWords(form) })))
      .sort((a, b) => b.words.length - a.words.length);
    segments.push({ slot: part, forms });
  });
  return { entry, segments, literal: segments.filter((segment) => 'word' in segment).length };
}

/** Whether `words` is exactly the sample; fills `slots` with the value id each slot matched. */
function matches(segments: readonly Segment[], words: readonly string[], slots: Record<string, string>, s = 0, w = 0): boolean {
  if (s === segments.length) return w === words.length;
  const segment = segments[s] as Segment;
  if ('word' in segment) return words[w] === segment.word && matches(segments, words, slots, s + 1, w + 1);
  if (segment.forms !== undefined) {
    for (const form of segment.forms) {
      if (form.words.length > 0 && form.words.every((word, k) => words[w + k] === word)) {
        slots[segment.slot] = form.id;
        if (matches(segments, words, slots, s + 1, w + form.words.length)) return true;
      }
    }
    delete slots[segment.slot];
    return false;
  }
  // A slot without a value list takes one or more words.
  for (let end = w + 1; end <= words.length; end += 1) {
    if (matches(segments, words, slots, s + 1, end)) return true;
  }
  return false;
}

/** Every position a run of `phrases` can end at, reading from `from` in direction `step`. */
function cutPoints(words: readonly string[], phrases: readonly string[][], from: number, step: 1 | -1): number[] {
  const points = [from];
  for (let i = 0; i < points.length; i += 1) {
    const at = points[i] as number;
    for (const phrase of phrases) {
      const start = step === 1 ? at : at - phrase.length;
      if (start < 0 || start + phrase.length > words.length) continue;
      if (!phrase.every((word, k) => words[start + k] === word)) continue;
      const next = step === 1 ? at + phrase.length : start;
      if (!points.includes(next)) points.push(next);
    }
  }
  return points;
}

export type UtteranceParser = (line: string) => CustomerAction;

/** A parser for one locale's samples (the table's closest locale when it has no samples of its own). */
export function createUtteranceParser(locale: string, table: IntentTable = INTENT_TABLE): UtteranceParser {
  const samplesLocale = tableLocale(locale, table);
  const discourse = DISCOURSE[samplesLocale.split('-')[0] ?? ''] ?? { leading: [], trailing: [] };
  const leading = discourse.leading.map(normaliseWords);
  const trailing = discourse.trailing.map(normaliseWords);
  const compiled = table.intents
    // Free speech is the default below; an answer carrier must never outrank a command.
    .filter((entry) => entry.action !== 'answer')
    .flatMap((entry) => (entry.samples[samplesLocale] ?? []).map((sample) => compileSample(entry, sample, table, samplesLocale)));

  return (line) => {
    const text = line.trim();
    const words = normaliseWords(text);
    if (words.length === 0) return { type: 'unknown' };
    // Fewest words dropped first: "let's talk about food instead" is a change of area as said,
    // before "instead" is dropped and it reads as a plain choice.
    const variants = cutPoints(words, leading, 0, 1)
      .flatMap((start) => cutPoints(words, trailing, words.length, -1).map((end) => ({ start, end })))
      .filter(({ start, end }) => start < end)
      .sort((a, b) => a.start + (words.length - a.end) - (b.start + (words.length - b.end)) || a.start - b.start);
    for (const { start, end } of variants) {
      const candidate = words.slice(start, end);
      let best: { sample: CompiledSample; slots: Record<string, string> } | undefined;
      for (const sample of compiled) {
        if (best !== undefined && sample.literal <= best.sample.literal) continue;
        const slots: Record<string, string> = {};
        if (matches(sample.segments, candidate, slots)) best = { sample, slots };
      }
      if (best !== undefined) {
        const heard = Object.fromEntries(Object.entries(best.slots).map(([name, id]) => [name, { value: id }]));
        return actionFor(best.sample.entry, { slots: heard, words: text });
      }
    }
    return { type: 'answer', text };
  };
}

const parsers = new Map<string, UtteranceParser>();

/** Parses one typed line in `locale` (default en-US), reusing the compiled samples per locale. */
export function parseUtterance(line: string, locale = 'en-US'): CustomerAction {
  let parser = parsers.get(locale);
  if (parser === undefined) {
    parser = createUtteranceParser(locale);
    parsers.set(locale, parser);
  }
  return parser(line);
}
