/**
 * Builds a detection view of an answer: lower case, single spaces, spoken digits as numerals
 * ("oh seven seven double oh" -> "07700"), "plus" before digits as "+", "dash" between digits as
 * "-". Detectors run on the view; every view character remembers which original characters it
 * stands for, so redaction always cuts the original text and never rewrites what it keeps.
 */

/** Stands in for characters no detector may look at (existing placeholders, found spans). */
export const MASK = '\u0000';

/** Placeholders the redactor writes; kept verbatim so redacting twice changes nothing. */
export const PLACEHOLDER_PATTERN = /\[(?:EMAIL|PHONE|CARD|IBAN|NATIONAL_ID|ADDRESS)\]/;

export interface TextView {
  text: string;
  /** Original start offset of each view character. */
  from: number[];
  /** Original end offset (exclusive) of each view character. */
  to: number[];
}

const UNITS: Readonly<Record<string, string>> = {
  zero: '0', oh: '0', o: '0', nought: '0',
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
};
const TEENS: Readonly<Record<string, string>> = {
  ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15',
  sixteen: '16', seventeen: '17', eighteen: '18', nineteen: '19',
};
const TENS: Readonly<Record<string, string>> = {
  twenty: '2', thirty: '3', forty: '4', fifty: '5', sixty: '6', seventy: '7', eighty: '8', ninety: '9',
};
const REPEAT: Readonly<Record<string, number>> = { double: 2, triple: 3 };

interface Token {
  kind: 'word' | 'space' | 'placeholder';
  text: string;
  start: number;
  end: number;
}

interface NumberItem {
  digits: string;
  /** Original range the digits replace. */
  start: number;
  end: number;
  /** Index of the last token the item consumed. */
  last: number;
  /** A lone "one"/"two" is ordinary speech; only runs or unmistakable numbers are rewritten. */
  plain: boolean;
  /** Trailing punctuation (e.g. "three,") ends a spoken run. */
  closesRun: boolean;
}

const TOKEN_RE = new RegExp(`${PLACEHOLDER_PATTERN.source}|\\s+|[^\\s[]+|\\[`, 'g');
const PLACEHOLDER_EXACT = new RegExp(`^${PLACEHOLDER_PATTERN.source}$`);
const TRAILING_PUNCT_RE = /[,.;:!?]+$/;

function tokenize(original: string): Token[] {
  const tokens: Token[] = [];
  for (const m of original.matchAll(TOKEN_RE)) {
    const text = m[0];
    const start = m.index;
    const kind = /^\s/.test(text) ? 'space' : PLACEHOLDER_EXACT.test(text) ? 'placeholder' : 'word';
    tokens.push({ kind, text, start, end: start + text.length });
  }
  return tokens;
}

/** Lower-cased word without trailing punctuation, plus how much punctuation was cut. */
function core(token: Token | undefined): { word: string; cut: number } {
  if (token === undefined || token.kind !== 'word') return { word: '', cut: 0 };
  const lower = token.text.toLowerCase();
  const punct = TRAILING_PUNCT_RE.exec(lower);
  const cut = punct === null ? 0 : punct[0].length;
  return { word: lower.slice(0, lower.length - cut), cut };
}

/** Index of the next word when exactly one whitespace token separates it from `index`. */
function nextWordIndex(tokens: Token[], index: number): number {
  return tokens[index + 1]?.kind === 'space' && tokens[index + 2]?.kind === 'word' ? index + 2 : -1;
}

function parseItem(tokens: Token[], index: number): NumberItem | null {
  const token = tokens[index];
  if (token === undefined || token.kind !== 'word') return null;
  const { word, cut } = core(token);
  const item = (digits: string, last: number, plain: boolean): NumberItem => {
    const lastToken = tokens[last] as Token;
    const lastCut = last === index ? cut : core(lastToken).cut;
    return { digits, start: token.start, end: lastToken.end - lastCut, last, plain, closesRun: lastCut > 0 };
  };
  const next = cut === 0 ? nextWordIndex(tokens, index) : -1;
  const nextWord = next >= 0 ? core(tokens[next]).word : '';

  const unit = UNITS[word];
  if (unit !== undefined) {
    // "oh eight hundred" is how UK 0800 numbers are read out.
    if (nextWord === 'hundred' && unit !== '0') return item(`${unit}00`, next, false);
    return item(unit, index, true);
  }
  const teen = TEENS[word];
  if (teen !== undefined) return item(teen, index, false);
  const tens = TENS[word];
  if (tens !== undefined) {
    const nextUnit = UNITS[nextWord];
    if (nextUnit !== undefined && nextUnit !== '0') return item(`${tens}${nextUnit}`, next, false);
    return item(`${tens}0`, index, false);
  }
  const hyphen = /^([a-z]+)-([a-z]+)$/.exec(word);
  if (hyphen !== null) {
    const t = TENS[hyphen[1] as string];
    const u = UNITS[hyphen[2] as string];
    if (t !== undefined && u !== undefined && u !== '0') return item(`${t}${u}`, index, false);
  }
  const times = REPEAT[word];
  const repeated = UNITS[nextWord];
  if (times !== undefined && repeated !== undefined) return item(repeated.repeat(times), next, false);
  return null;
}

function collectRun(tokens: Token[], index: number): NumberItem[] {
  const items: NumberItem[] = [];
  let at = index;
  for (;;) {
    const item = parseItem(tokens, at);
    if (item === null) break;
    items.push(item);
    if (item.closesRun) break;
    at = nextWordIndex(tokens, item.last);
    if (at < 0) break;
  }
  return items;
}

function startsNumber(tokens: Token[], index: number): boolean {
  const token = tokens[index];
  if (token === undefined || token.kind !== 'word') return false;
  return /^[\d(]/.test(token.text) || parseItem(tokens, index) !== null;
}

export function buildTextView(original: string): TextView {
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const emit = (chars: string, start: number, end: number): void => {
    for (const ch of chars) {
      out.push(ch);
      from.push(start);
      to.push(end);
    }
  };
  const emitVerbatim = (text: string, start: number): void => {
    // Per UTF-16 unit, so offsets stay aligned even where lower-casing would change length.
    for (let i = 0; i < text.length; i += 1) {
      const ch = text.charAt(i);
      const lower = ch.toLowerCase();
      out.push(lower.length === 1 ? lower : ch);
      from.push(start + i);
      to.push(start + i + 1);
    }
  };
  const lastNonSpace = (): string => {
    for (let i = out.length - 1; i >= 0; i -= 1) if (out[i] !== ' ') return out[i] as string;
    return '';
  };

  const tokens = tokenize(original);
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    if (token.kind === 'placeholder') {
      emit(MASK.repeat(token.text.length), token.start, token.end);
      i += 1;
      continue;
    }
    if (token.kind === 'space') {
      emit(' ', token.start, token.end);
      i += 1;
      continue;
    }
    const run = collectRun(tokens, i);
    const first = run[0];
    if (first !== undefined && (run.length > 1 || !first.plain)) {
      for (const item of run) emit(item.digits, item.start, item.end);
      const last = run[run.length - 1] as NumberItem;
      const lastToken = tokens[last.last] as Token;
      if (last.end < lastToken.end) emitVerbatim(original.slice(last.end, lastToken.end), last.end);
      i = last.last + 1;
      continue;
    }
    const { word, cut } = core(token);
    const following = cut === 0 ? nextWordIndex(tokens, i) : -1;
    if (word === 'plus' && following >= 0 && startsNumber(tokens, following)) {
      emit('+', token.start, token.end);
    } else if ((word === 'dash' || word === 'hyphen') && /\d/.test(lastNonSpace()) && following >= 0 && startsNumber(tokens, following)) {
      emit('-', token.start, token.end);
    } else {
      emitVerbatim(token.text, token.start);
    }
    i += 1;
  }
  return { text: out.join(''), from, to };
}
