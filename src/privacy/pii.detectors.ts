/**
 * Detectors for each kind of personal data. Each one scans the normalised view (see
 * spoken-text.normalizer.ts: lower case, single spaces, spoken digits already numerals) and
 * returns spans in view coordinates. Patterns are linear: every repetition is either bounded or
 * separated by a character the repeated part cannot contain, so there is no catastrophic
 * backtracking on long or hostile input.
 */
import { hasCardIssuerPrefix, IBAN_LENGTHS, isLuhnValid, isPlausibleSsn, mod97 } from './checksum.validator';
import type { PiiKind } from './redaction.types';

export interface Span {
  start: number;
  end: number;
  kind: PiiKind;
}

export type Detector = (text: string) => Span[];

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/** Whether `re` matches in the few words before `index` (cue words such as "ssn"). */
function cueBefore(text: string, index: number, re: RegExp, window = 48): boolean {
  return re.test(text.slice(Math.max(0, index - window), index));
}

// ---------------------------------------------------------------------------------------------
// Email

const WRITTEN_EMAIL_RE = /(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/g;

export const detectWrittenEmail: Detector = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(WRITTEN_EMAIL_RE)) {
    const value = m[0];
    const labels = value.slice(value.indexOf('@') + 1).split('.');
    if (!/^[a-z]{2,}$/.test(labels[labels.length - 1] ?? '')) continue;
    // A sentence may run straight into the address ("...to.jane@x.com"); dots never open one.
    const lead = /^\.+/.exec(value)?.[0].length ?? 0;
    if (lead === value.indexOf('@')) continue;
    spans.push({ start: m.index + lead, end: m.index + value.length, kind: 'EMAIL' });
  }
  return spans;
};

/** Top-level domains accepted at the end of a spoken domain ("gmail dot com", "co dot uk"). */
const TLDS = words(`
  com net org edu gov mil int info biz io co uk us ca au nz ie de fr es it nl be ch at se no dk fi
  pl pt in jp cn br mx za eu me tv ai app dev xyz online email ac`);

/** Webmail providers: "jane at gmail" is an address even when "dot com" is left out. */
const PROVIDERS = words(`
  gmail googlemail hotmail outlook yahoo ymail icloud aol live msn protonmail proton btinternet
  sky virginmedia talktalk gmx yandex zoho comcast verizon`);

/** Words that say an email address is being given. */
const EMAIL_CUES = words('email e-mail mail emails emailed address contact reach write send inbox');

/** Words after which an answer typically starts reading out the address itself. */
const EMAIL_INTROS = words('is it\'s its was me at to on use try yes yeah yep sure okay ok um uh er erm');

/**
 * Words that cannot be part of a spoken local part. Without them "i work at amazon dot com" or
 * "i bought it at tesco dot com" would look like "<name> at <domain>".
 */
const LOCAL_STOP = words(`
  i me my mine you your yours we us our ours they them their he him his she her it its it's is are
  was were be been being am im i'm i've i'd i'll you're we're they're the a an and or but so if
  then than that this these those there here at on in to for from of by with via as into onto
  about around over under near up down out off just also only even still too very really
  email e-mail mail emails address contact reach write send message text call ring use try yes
  yeah yep sure okay ok um uh er erm well like work works worked working job jobs shop shops shopped
  shopping buy buys bought buying order ordered ordering sell sold pay paid paying spend spent
  spending save saved saving bank banked banking live lived living stay stayed look looked looking
  go goes went going get gets got getting find found book booked eat ate eating meet met meeting
  stuff things thing something anything everything nothing online cheap cheaper cheapest price
  prices deal deals sale sales money home time least most best all some any every each both much
  many more less lot lots people everyone someone anyone nobody what who where when why how which
  do does did done have has had can could will would should may might must not no never always
  sometimes usually often clothes food groceries tickets ticket account accounts website site`);

const LOCAL_CONNECTORS = words('dot underscore dash hyphen period');

interface WordToken {
  text: string;
  start: number;
  end: number;
}

const stripPunct = (word: string): string => word.replace(/[,;:!?.]+$/, '');

function isLocalName(word: string): boolean {
  return /^[a-z0-9][a-z0-9._+-]*$/.test(word) && !LOCAL_STOP.has(word);
}

interface SpokenDomain {
  end: number;
  lastToken: number;
  labels: number;
  first: string;
}

/** Parses "gmail dot com" / "gmail.com" / "outlook dot co dot uk" starting at token `index`. */
function parseSpokenDomain(tokens: WordToken[], index: number): SpokenDomain | null {
  const labels: { label: string; end: number; token: number }[] = [];
  let k = index;
  for (;;) {
    const token = tokens[k];
    if (token === undefined) break;
    const core = stripPunct(token.text);
    const parts = core.split('.');
    if (core === '' || parts.some((p) => !/^[a-z0-9-]+$/.test(p))) break;
    let offset = token.start;
    for (const part of parts) {
      labels.push({ label: part, end: offset + part.length, token: k });
      offset += part.length + 1;
    }
    if (core.length < token.text.length) break;
    if (tokens[k + 1]?.text !== 'dot' || tokens[k + 2] === undefined) break;
    k += 2;
  }
  const first = labels[0];
  if (first === undefined || LOCAL_STOP.has(first.label)) return null;
  for (let n = labels.length; n >= 2; n -= 1) {
    const last = labels[n - 1] as { label: string; end: number; token: number };
    if (TLDS.has(last.label)) return { end: last.end, lastToken: last.token, labels: n, first: first.label };
  }
  if (PROVIDERS.has(first.label)) return { end: first.end, lastToken: first.token, labels: 1, first: first.label };
  return null;
}

interface SpokenLocal {
  first: number;
  /** Dots, underscores, connectors or letter+digit mixes: not something said in passing. */
  shaped: boolean;
}

/** Walks back from the token before "at" over at most four name words and their connectors. */
function parseSpokenLocal(tokens: WordToken[], index: number): SpokenLocal | null {
  let first = -1;
  let names = 0;
  let shaped = false;
  let onlyDigits = true;
  for (let k = index; k >= 0 && names < 4; k -= 1) {
    const word = (tokens[k] as WordToken).text;
    if (LOCAL_CONNECTORS.has(word)) {
      const before = tokens[k - 1];
      if (names === 0 || before === undefined || !isLocalName(before.text)) break;
      shaped = true;
      continue;
    }
    if (!isLocalName(word)) break;
    first = k;
    names += 1;
    if (/[._+]/.test(word) || (/[a-z]/.test(word) && /\d/.test(word))) shaped = true;
    if (!/^\d+$/.test(word)) onlyDigits = false;
  }
  // "i paid 20 at tesco dot com": an amount is not a mailbox.
  if (first < 0 || onlyDigits) return null;
  return { first, shaped };
}

const EMAIL_CUE_WINDOW = 8;

export const detectSpokenEmail: Detector = (text) => {
  const tokens: WordToken[] = [];
  // "@" stands alone so half-typed forms such as "jane@gmail dot com" parse like spoken ones.
  for (const m of text.matchAll(/[^ @]+|@/g)) tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  const spans: Span[] = [];
  let floor = 0;
  for (let i = 1; i < tokens.length - 1; i += 1) {
    const word = (tokens[i] as WordToken).text;
    if (word !== 'at' && word !== '@') continue;
    const domain = parseSpokenDomain(tokens, i + 1);
    if (domain === null) continue;
    const local = parseSpokenLocal(tokens, i - 1);
    if (local === null || local.first < floor) continue;
    const before = tokens[local.first - 1];
    const intro = before === undefined || EMAIL_INTROS.has(stripPunct(before.text));
    let cue = false;
    for (let k = Math.max(0, local.first - EMAIL_CUE_WINDOW); k < local.first && !cue; k += 1) {
      cue = EMAIL_CUES.has(stripPunct((tokens[k] as WordToken).text));
    }
    const provider = PROVIDERS.has(domain.first);
    const accepted = domain.labels >= 2 ? cue || intro || provider || local.shaped : provider && (cue || intro || local.shaped);
    if (!accepted) continue;
    spans.push({ start: (tokens[local.first] as WordToken).start, end: domain.end, kind: 'EMAIL' });
    floor = domain.lastToken + 1;
    i = domain.lastToken;
  }
  return spans;
};

// ---------------------------------------------------------------------------------------------
// IBAN

/** Country code (typed, or spelled "g b") and check digits; the rest is read char by char. */
const IBAN_START_RE = /(?<![a-z0-9])(?:([a-z]{2})|([a-z]) ([a-z])) ?(\d{2})(?=[ a-z0-9])/g;
const ALNUM_RE = /[a-z0-9]/;

export const detectIban: Detector = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(IBAN_START_RE)) {
    const country = (m[1] ?? `${m[2] ?? ''}${m[3] ?? ''}`).toUpperCase();
    const length = IBAN_LENGTHS[country];
    if (length === undefined) continue;
    const need = length - 4;
    let bban = '';
    let end = -1;
    // Single spaces may split the BBAN anywhere (groups of four, or as it was dictated).
    for (let pos = m.index + m[0].length; pos < text.length && bban.length < need; pos += 1) {
      const ch = text.charAt(pos);
      if (ALNUM_RE.test(ch)) {
        bban += ch;
        end = pos + 1;
      } else if (ch !== ' ' || !ALNUM_RE.test(text.charAt(pos + 1))) {
        break;
      }
    }
    if (bban.length !== need || ALNUM_RE.test(text.charAt(end))) continue;
    // Real BBANs are mostly digits; this keeps sentences that happen to follow "at 12" out.
    if ((bban.match(/\d/g)?.length ?? 0) * 2 < need) continue;
    if (mod97(`${bban}${country}${m[4] ?? ''}`) !== 1) continue;
    spans.push({ start: m.index, end, kind: 'IBAN' });
  }
  return spans;
};

// ---------------------------------------------------------------------------------------------
// UK National Insurance number

const NINO_RE = /(?<![a-z0-9])([a-z]) ?([a-z]) ?\d{2} ?\d{2} ?\d{2} ?[a-d](?![a-z0-9])/g;
const NINO_CUE_RE = /\b(?:national insurance|insurance number|ni number|n i number|nino)\b/;
const NINO_BAD_PREFIXES = words('bg gb kn nk nt tn zz');

function isNinoPrefix(a: string, b: string): boolean {
  // QQ is HMRC's own example prefix; people copy it from forms, so treat it as a number too.
  if (a === 'q' && b === 'q') return true;
  return !'dfiquv'.includes(a) && !'dfioquv'.includes(b) && !NINO_BAD_PREFIXES.has(a + b);
}

export const detectNationalInsurance: Detector = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(NINO_RE)) {
    if (!isNinoPrefix(m[1] ?? '', m[2] ?? '') && !cueBefore(text, m.index, NINO_CUE_RE)) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, kind: 'NATIONAL_ID' });
  }
  return spans;
};

// ---------------------------------------------------------------------------------------------
// Addresses: US zip codes (only when introduced), UK postcodes, street addresses

const ZIP_RE = /(?<![a-z])(?:zip ?code|zip|postal code)(?: number)?(?: is|'s)?:? (\d{5}(?:-\d{4})?)(?![a-z0-9-])/g;

export const detectZipCode: Detector = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(ZIP_RE)) {
    const end = m.index + m[0].length;
    spans.push({ start: end - (m[1] ?? '').length, end, kind: 'ADDRESS' });
  }
  return spans;
};

/** Outward code (A9, A99, AA9, AA99, A9A, AA9A) and inward code (9AA, no C I K M O V). */
const POSTCODE_RE = /(?<![a-z0-9])[a-z]{1,2}\d[a-z\d]? ?(\d[abd-hjlnp-uw-z]{2})(?![a-z0-9])/g;

export const detectUkPostcode: Detector = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(POSTCODE_RE)) {
    // "the m6 3rd exit", "my ps5 2nd hand": ordinals look like inward codes.
    if (/^\d(?:st|nd|rd|th)$/.test(m[1] ?? '')) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, kind: 'ADDRESS' });
  }
  return spans;
};

const STREET_SUFFIXES = [
  'street', 'st', 'road', 'rd', 'avenue', 'ave', 'lane', 'ln', 'drive', 'boulevard', 'blvd', 'close',
  'court', 'crescent', 'place', 'way', 'terrace', 'gardens', 'grove', 'square', 'hill', 'row',
  'parade', 'mews', 'park', 'highway', 'parkway', 'circle', 'walk',
].join('|');

const STREET_RE = new RegExp(
  '(?<![a-z0-9])(?:(?:flat|apartment|apt|unit|suite|number|no) \\d{1,4}[a-z]?,? )?' +
    `\\d{1,5}[a-z]?,? ((?:[a-z][a-z'-]* ){1,3}?)(?:${STREET_SUFFIXES})(?![a-z0-9])`,
  'g',
);

/**
 * Words that never name a street; they stop amounts, durations and counts ("a 10 minute walk",
 * "2000 on the road", "3 years in a row") from reading as house number + street.
 */
const NOT_STREET_NAME = words(`
  the a an on in at to of for from by with down up and or my your our their his her its this that
  these those per each every into onto off over under across along around near past than is are
  was were be am i we you they he she it me us them very so too really quite pretty more less
  minute minutes min mins hour hours hr hrs mile miles metre metres meter meters km kilometre
  kilometres foot feet yard yards year years yr yrs month months week weeks day days night nights
  time times second seconds pound pounds quid dollar dollars buck bucks euro euros grand pence
  cent cents percent kid kids child children people person persons car cars bus buses bed beds
  bedroom bedrooms room rooms star stars storey storeys story floor floors lane lanes`);

export const detectStreetAddress: Detector = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(STREET_RE)) {
    const name = (m[1] ?? '').trim().split(' ');
    if (name.some((w) => w.length < 2 || NOT_STREET_NAME.has(w))) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, kind: 'ADDRESS' });
  }
  return spans;
};

// ---------------------------------------------------------------------------------------------
// Digit runs: payment cards, US social security numbers, phone numbers

/**
 * One run of digit groups joined by single spaces, dashes or dots, with optional "+" and
 * parentheses: "(415) 555-0134", "+44 (0)20 7946 0958", "4111 1111 1111 1111", "07700900123".
 */
const NUMBER_RUN_RE = /(?<![a-z0-9+.-])(?:\+ ?)?\(?\d+(?:\)\d*)?(?:(?: ?[-.] ?| )\(?\d+(?:\)\d*)?)*/g;

/** A run followed by one of these is a quantity, not an identifier. */
const QUANTITY_WORDS = words(`
  dollars dollar bucks pounds pound quid euros euro pence p cents percent grand k thousand million
  billion hundred years year months month weeks week days day hours hour minutes miles km times
  people`);
const SSN_CUE_RE = /\b(?:social security|ssn|social|security number)\b/;
const PHONE_CUE_RE = /\b(?:phone|mobile|cell|call|ring|text|whatsapp|telephone|tel|landline)\b/;

/** Where groups may break inside a NANP number: 415 555 0134, 1 415 555 0134. */
const NANP_BREAKS_10 = new Set([3, 6]);
const NANP_BREAKS_11 = new Set([1, 4, 7]);

function isNanp(ten: string): boolean {
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(ten);
}

/**
 * Grouping must fit the number plan, so "2018 2019 20" is not a phone; a single block (typed
 * or read out as words) or digit-by-digit dictation ("4 1 5 5 ...") carries no grouping.
 */
function groupingFits(groups: string[], allowed: ReadonlySet<number>): boolean {
  if (groups.length === 1 || groups.every((g) => g.length <= 2)) return true;
  let at = 0;
  for (const g of groups.slice(0, -1)) {
    at += g.length;
    if (!allowed.has(at)) return false;
  }
  return true;
}

/** What a run of digits is, given the text just before it (for cue words), or null. */
export function classifyDigitRun(raw: string, before: string): PiiKind | null {
  const compactRaw = raw.replace(/ ?- ?/g, '-');
  const international = raw.startsWith('+');
  // "+44 (0)20": the bracketed trunk zero is not dialled from abroad.
  const digits = (international ? raw.replace('(0)', '') : raw).replace(/\D/g, '');
  const groups = raw.split(/\D+/).filter(Boolean);

  if (international || digits.startsWith('00')) {
    const national = international ? digits : digits.slice(2);
    if (national.length >= 8 && national.length <= 15 && !national.startsWith('0')) return 'PHONE';
    if (international) return null;
  }
  if (/^\d{3}([- ])\d{2}\1\d{4}$/.test(compactRaw) && isPlausibleSsn(digits)) return 'NATIONAL_ID';
  if (digits.length === 9 && SSN_CUE_RE.test(before) && isPlausibleSsn(digits)) return 'NATIONAL_ID';
  if (
    digits.length >= 13 &&
    digits.length <= 19 &&
    !raw.includes('(') &&
    hasCardIssuerPrefix(digits) &&
    isLuhnValid(digits)
  ) {
    return 'CARD';
  }
  if (digits.startsWith('0') && digits.length >= 10 && digits.length <= 11) return 'PHONE';
  if (digits.length === 10 && isNanp(digits) && groupingFits(groups, NANP_BREAKS_10)) return 'PHONE';
  if (digits.length === 11 && digits.startsWith('1') && isNanp(digits.slice(1)) && groupingFits(groups, NANP_BREAKS_11)) {
    return 'PHONE';
  }
  if (digits.length >= 9 && digits.length <= 12 && PHONE_CUE_RE.test(before)) return 'PHONE';
  return null;
}

export const detectDigitRuns: Detector = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(NUMBER_RUN_RE)) {
    let start = m.index;
    let raw = m[0];
    // Brackets around the whole number belong to the sentence, not the number.
    if (raw.startsWith('(') && (raw.match(/\(/g)?.length ?? 0) > (raw.match(/\)/g)?.length ?? 0)) {
      raw = raw.slice(1);
      start += 1;
    }
    if (raw.endsWith(')') && (raw.match(/\)/g)?.length ?? 0) > (raw.match(/\(/g)?.length ?? 0)) raw = raw.slice(0, -1);
    const end = start + raw.length;
    // Glued to letters ("5am", "90210abc") it is part of a word.
    if (/[a-z]/.test(text.charAt(end))) continue;
    const prefix = text.slice(Math.max(0, start - 48), start);
    if (/[$£€]\s?$/.test(prefix) || text.charAt(end) === '%') continue;
    const nextWord = /^ ([a-z]+)/.exec(text.slice(end, end + 16))?.[1] ?? '';
    if (QUANTITY_WORDS.has(nextWord)) continue;
    const kind = classifyDigitRun(raw, prefix);
    if (kind !== null) spans.push({ start, end, kind });
  }
  return spans;
};

/** Order matters: earlier detectors mask what they find, so later ones cannot re-read it. */
export const DETECTORS: readonly Detector[] = [
  detectWrittenEmail,
  detectSpokenEmail,
  detectIban,
  detectNationalInsurance,
  detectZipCode,
  detectUkPostcode,
  detectStreetAddress,
  detectDigitRuns,
];
