import { seededRandom } from '../../src/classifier/model.trainer';

/**
 * Builds the training corpus of one domain from hand-written sources, deterministically:
 *
 * - sentences written as customers say them, per theme and lens, kept as written;
 * - the same sentences inside spoken padding ("um", "to be honest", "if that makes sense");
 * - short phrases per theme (a wish, a worry, a gripe, a neutral topic) inside frames of the
 *   matching lens ("what keeps me up at night is …"), and alone, as the two-word answers people give;
 * - compositions that teach what a keyword model gets wrong: a negated topic before the real one
 *   ("not really X its more Y"), a side topic before the main one ("X would be nice sure but
 *   mainly Y"), and long rambling answers made of several sentences of one theme;
 * - British and American variants of words and spellings;
 * - non-answers (about 15% of the result) from a shared pool plus the domain's own.
 *
 * Templates are only part of it: each frame is used a handful of times, most lines are written
 * by hand, and the old labelled set is included as it is, so the model cannot learn the frames
 * instead of the themes. Lines are deduplicated; a text that appears under two labels keeps the
 * first and is reported.
 */

export type CorpusLens = 'dream' | 'fear' | 'frustration';
const LENSES: readonly CorpusLens[] = ['dream', 'fear', 'frustration'];

export interface CorpusExample {
  text: string;
  theme: string;
  also: string[];
  lens: CorpusLens;
  /** Where the line came from (`hand:<n>`, `phrase:<n>`…): cross-validation keeps a group in one fold. */
  group: string;
}

interface SourceLine {
  text: string;
  also: string[];
  id: string;
}

/** label → kind → lines. Kinds: dream, fear, frustration (sentences); wish, worry, gripe, topic (phrases). */
export type SourceBook = Map<string, Map<string, SourceLine[]>>;

const NON_ANSWER = 'non-answer';
const NO_CONCERN = 'no-concern';
const OTHER = 'other';
const PHRASE_LENS: Record<string, CorpusLens> = { wish: 'dream', worry: 'fear', gripe: 'frustration' };
const SENTENCE_KINDS: readonly string[] = ['dream', 'fear', 'frustration'];
const MAX_WORDS = 60;

/** As speech recognition returns it: lower case, no punctuation, apostrophes folded. */
export function spoken(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019`']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Parses the source format: `== label` starts a section, `-- kind` a list, `#` a comment, and
 * every other line is one entry, optionally followed by `| also-theme, other-theme`.
 */
export function parseSources(text: string, file: string, book: SourceBook = new Map()): SourceBook {
  let label: string | undefined;
  let kind: string | undefined;
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('== ')) {
      label = line.slice(3).trim();
      kind = undefined;
      return;
    }
    if (line.startsWith('-- ')) {
      kind = line.slice(3).trim();
      return;
    }
    if (!label || !kind) throw new Error(`${file}:${index + 1}: entry before any "== label" and "-- kind"`);
    const [body, alsoPart] = line.split('|');
    const entry = spokenKeepingSlots(body ?? '');
    if (entry === '') throw new Error(`${file}:${index + 1}: empty entry`);
    const also = (alsoPart ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '');
    const kinds = book.get(label) ?? new Map<string, SourceLine[]>();
    book.set(label, kinds);
    const list = kinds.get(kind) ?? [];
    kinds.set(kind, list);
    list.push({ text: entry, also, id: `${file.replace(/^.*\//, '')}:${index + 1}` });
  });
  return book;
}

/** Like spoken(), but frames keep their slots: `{}`, or `{a}` and `{b}` in compositions. */
function spokenKeepingSlots(text: string): string {
  return text
    .split(/(\{[ab]?\})/)
    .map((part) => (/^\{[ab]?\}$/.test(part) ? part : spoken(part)))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** British → American words and spellings; applied one way or the other to a share of the lines. */
const UK_US: ReadonlyArray<[string, string]> = [
  ['flat', 'apartment'], ['mum', 'mom'], ['holiday', 'vacation'], ['holidays', 'vacations'], ['petrol', 'gas'],
  ['motorway', 'highway'], ['car park', 'parking lot'], ['pavement', 'sidewalk'], ['takeaway', 'takeout'],
  ['takeaways', 'takeouts'], ['crisps', 'chips'], ['queue', 'line'], ['timetable', 'schedule'], ['lorry', 'truck'],
  ['lorries', 'trucks'], ['bin', 'trash'], ['quid', 'bucks'], ['pounds', 'dollars'], ['uni', 'college'],
  ['maths', 'math'], ['mobile', 'cell phone'], ['current account', 'checking account'], ['council tax', 'property tax'],
  ['the tube', 'the subway'], ['motorbike', 'motorcycle'], ['biscuits', 'cookies'], ['sweets', 'candy'],
  ['high street', 'main street'], ['estate agent', 'realtor'], ['favourite', 'favorite'], ['neighbour', 'neighbor'],
  ['neighbours', 'neighbors'], ['travelling', 'traveling'], ['travelled', 'traveled'], ['organise', 'organize'],
  ['tyres', 'tires'], ['tyre', 'tire'], ['licence', 'license'], ['fibre', 'fiber'], ['centre', 'center'],
  ['colour', 'color'], ['programme', 'program'], ['cheque', 'check'], ['jewellery', 'jewelry'], ['savings account', 'savings account'],
  ['aubergine', 'eggplant'], ['courgette', 'zucchini'], ['chips', 'fries'], ['fizzy drinks', 'soda'], ['grocery shop', 'grocery run'],
  ['supermarket', 'grocery store'], ['tea', 'dinner'], ['coach', 'bus'], ['railway', 'railroad'], ['return ticket', 'round trip ticket'],
  ['single ticket', 'one way ticket'], ['gp', 'doctor'], ['mates', 'buddies'], ['mate', 'buddy'], ['rubbish', 'garbage'],
  ['nappies', 'diapers'], ['pram', 'stroller'], ['fortnight', 'two weeks'], ['wages', 'paycheck'], ['pension', 'retirement fund'],
  ['isa', 'savings account'], ['mortgage', 'home loan'], ['overdraft', 'overdraft'], ['skint', 'broke'], ['knackered', 'beat'],
];

function substitute(text: string, from: string, to: string): string {
  return ` ${text} `.replace(new RegExp(` ${from} `, 'g'), ` ${to} `).trim();
}

function variantOf(text: string, random: () => number): string | undefined {
  const toUs = random() < 0.5;
  let out = text;
  for (const [uk, us] of UK_US) out = toUs ? substitute(out, uk, us) : substitute(out, us, uk);
  return out !== text ? out : undefined;
}

function words(text: string): number {
  return text.split(' ').filter((w) => w !== '').length;
}

export interface BuildInput {
  domain: string;
  /** Theme ids of the domain (contract order). */
  themes: readonly string[];
  /** The domain's own sources. */
  domainBook: SourceBook;
  /** Frames, padding and non-answers shared by every domain. */
  sharedBook: SourceBook;
  /** Lines kept exactly as they are (the old labelled set). */
  labelled: ReadonlyArray<{ text: string; theme: string; also: string[]; lens?: CorpusLens }>;
  seed: number;
  /** Share of non-answers in the result. */
  nonAnswerShare: number;
  /** Texts that must not be trained on (the development sets). */
  exclude: ReadonlySet<string>;
}

export interface BuildResult {
  examples: CorpusExample[];
  /** Texts dropped because an earlier line had the same text under another label. */
  conflicts: string[];
}

function lines(book: SourceBook, label: string, kind: string): SourceLine[] {
  return book.get(label)?.get(kind) ?? [];
}

export function buildCorpus(input: BuildInput): BuildResult {
  const random = seededRandom(input.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const shared = input.sharedBook;
  const frames = (kind: string): string[] => lines(shared, 'frames', kind).map((l) => l.text);
  const prefixes = lines(shared, 'padding', 'prefix').map((l) => l.text);
  const suffixes = lines(shared, 'padding', 'suffix').map((l) => l.text);
  const connectors = lines(shared, 'padding', 'connector').map((l) => l.text);

  const seen = new Map<string, string>();
  const conflicts: string[] = [];
  const examples: CorpusExample[] = [];
  // Sources share hints across domains ("| family" on a mobility line); only this domain's ids count.
  const known = new Set([...input.themes, OTHER, NO_CONCERN, NON_ANSWER]);
  const add = (text: string, theme: string, also: readonly string[], lens: CorpusLens, group: string): boolean => {
    const clean = spoken(text);
    if (clean === '' || words(clean) > MAX_WORDS || input.exclude.has(clean)) return false;
    const previous = seen.get(clean);
    if (previous !== undefined) {
      if (previous !== theme) conflicts.push(`${clean} (${previous} / ${theme})`);
      return false;
    }
    seen.set(clean, theme);
    if (!known.has(theme)) throw new Error(`${group}: "${theme}" is not a label of ${input.domain}`);
    examples.push({ text: clean, theme, also: also.filter((a) => a !== theme && known.has(a)), lens, group });
    return true;
  };
  const pad = (text: string): string => {
    const roll = random();
    if (roll < 0.45) return `${pick(prefixes)} ${text}`;
    if (roll < 0.8) return `${text} ${pick(suffixes)}`;
    return `${pick(prefixes)} ${text} ${pick(suffixes)}`;
  };
  const fill = (frame: string, phrase: string): string => frame.replace('{}', phrase);

  for (const example of input.labelled) {
    add(example.text, example.theme, example.also, example.lens ?? pick(LENSES), `labelled:${example.text}`);
  }

  const answerLabels = [...input.themes, OTHER, NO_CONCERN];
  for (const label of answerLabels) {
    for (const kind of SENTENCE_KINDS) {
      const lens = kind as CorpusLens;
      for (const line of lines(input.domainBook, label, kind)) {
        add(line.text, label, line.also, lens, line.id);
        if (chance(0.7)) add(pad(line.text), label, line.also, lens, line.id);
        if (chance(0.25)) {
          const variant = variantOf(line.text, random);
          if (variant) add(chance(0.5) ? pad(variant) : variant, label, line.also, lens, line.id);
        }
      }
    }
    for (const [kind, lens] of Object.entries(PHRASE_LENS)) {
      const lensFrames = frames(label === NO_CONCERN ? `no-concern-${lens}` : lens);
      for (const line of lines(input.domainBook, label, kind)) {
        const used = new Set<string>();
        for (let n = 0; n < 3 && lensFrames.length > 0; n += 1) {
          const frame = pick(lensFrames);
          if (used.has(frame)) continue;
          used.add(frame);
          const text = fill(frame, line.text);
          add(chance(0.3) ? pad(text) : text, label, line.also, lens, line.id);
        }
        if (chance(0.5)) add(line.text, label, line.also, lens, line.id);
      }
    }
    for (const line of lines(input.domainBook, label, 'topic')) {
      const lens = pick(LENSES);
      // A bare "money" says nothing about having no concern; that label needs its frame.
      if (label !== NO_CONCERN) add(line.text, label, line.also, lens, line.id);
      const anyFrames = frames(label === NO_CONCERN ? 'no-concern-any' : 'any');
      add(fill(pick(anyFrames), line.text), label, line.also, lens, line.id);
      add(fill(pick(anyFrames), line.text), label, line.also, pick(LENSES), line.id);
      if (label !== NO_CONCERN) add(fill(pick(frames(lens)), line.text), label, line.also, lens, line.id);
    }
  }

  // Compositions across themes: the point of the answer is the second topic.
  const phrasesOf = (theme: string, kind: string): SourceLine[] => lines(input.domainBook, theme, kind);
  for (const theme of input.themes) {
    const others = input.themes.filter((t) => t !== theme);
    for (let n = 0; n < 14; n += 1) {
      const lens = pick(LENSES);
      const kind = lens === 'dream' ? 'wish' : lens === 'fear' ? 'worry' : 'gripe';
      const side = pick(others);
      const main = phrasesOf(theme, kind);
      const minor = phrasesOf(side, kind).concat(phrasesOf(side, 'topic'));
      if (main.length === 0 || minor.length === 0) continue;
      const a = pick(minor);
      const b = pick(main);
      const negated = chance(0.5);
      const frame = pick(frames(negated ? `negated-${lens}` : `side-${lens}`));
      const text = frame.replace('{a}', a.text).replace('{b}', b.text);
      add(chance(0.3) ? pad(text) : text, theme, negated ? b.also : [side, ...b.also], lens, b.id);
    }
    // Asides: request words ("weather", "music", "the news") inside real answers keep the theme.
    const asides = lines(shared, 'padding', 'aside').map((l) => l.text);
    for (let n = 0; n < 5 && asides.length > 0; n += 1) {
      const lens = pick(LENSES);
      const pool = lines(input.domainBook, theme, lens);
      if (pool.length === 0) continue;
      const line = pick(pool);
      add(`${line.text} ${pick(asides)}`, theme, line.also, lens, line.id);
    }
    // Rambling answers: two or three sentences of one theme and lens, joined as people join them.
    for (let n = 0; n < 8; n += 1) {
      const lens = pick(LENSES);
      const pool = lines(input.domainBook, theme, lens);
      if (pool.length < 2) continue;
      const first = pick(pool);
      const parts = [first.text, pick(connectors), pick(pool).text];
      if (chance(0.4)) parts.push(pick(connectors), pick(pool).text);
      const text = parts.join(' ');
      add(chance(0.5) ? `${pick(prefixes)} ${text}` : text, theme, first.also, lens, first.id);
    }
  }

  // Non-answers: the shared pool, the domain's own, and padded forms, up to the share wanted.
  const answers = examples.length;
  const wanted = Math.round((answers * input.nonAnswerShare) / (1 - input.nonAnswerShare)) - examples.filter((e) => e.theme === NON_ANSWER).length;
  // The domain's own first: "whats for dinner" belongs in food even when the shared pool could fill the share.
  const pool = [...lines(input.domainBook, NON_ANSWER, 'any'), ...lines(shared, NON_ANSWER, 'any')];
  const hesitations = lines(shared, 'padding', 'hesitation').map((l) => l.text);
  let added = 0;
  for (const line of pool) {
    if (added >= wanted) break;
    if (add(line.text, NON_ANSWER, [], pick(LENSES), line.id)) added += 1;
  }
  for (let attempt = 0; added < wanted && attempt < wanted * 20 && pool.length > 0; attempt += 1) {
    const line = pick(pool);
    const text = chance(0.5) ? `${pick(hesitations)} ${line.text}` : `${line.text} ${pick(suffixes)}`;
    if (add(text, NON_ANSWER, [], pick(LENSES), line.id)) added += 1;
  }
  return { examples, conflicts };
}
