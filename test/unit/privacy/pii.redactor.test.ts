import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { containsPii, createPiiRedactor } from '../../../src/privacy/pii.redactor';
import type { PiiKind } from '../../../src/privacy/redaction.types';

const redactor = createPiiRedactor();
const redact = (text: string) => redactor.redact(text);

interface Labelled {
  line: number;
  text: string;
  expected: string;
}

const FIXTURE = join(__dirname, '../../fixtures/redaction/labelled.jsonl');
const labelled: Labelled[] = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .map((raw, i) => ({ raw: raw.trim(), line: i + 1 }))
  .filter(({ raw }) => raw !== '')
  .map(({ raw, line }) => {
    const parsed = JSON.parse(raw) as { text?: unknown; expected?: unknown };
    if (typeof parsed.text !== 'string' || typeof parsed.expected !== 'string') {
      throw new Error(`${FIXTURE}:${line} needs string "text" and "expected"`);
    }
    return { line, text: parsed.text, expected: parsed.expected };
  });
const positives = labelled.filter((l) => l.text !== l.expected);
const negatives = labelled.filter((l) => l.text === l.expected);

const PLACEHOLDER_RE = /\[(EMAIL|PHONE|CARD|IBAN|NATIONAL_ID|ADDRESS)\]/g;
const kindsIn = (text: string): PiiKind[] => [...text.matchAll(PLACEHOLDER_RE)].map((m) => m[1] as PiiKind);

describe('labelled utterances (test/fixtures/redaction/labelled.jsonl)', () => {
  it('has enough positives and negatives', () => {
    expect(positives.length).toBeGreaterThanOrEqual(60);
    expect(negatives.length).toBeGreaterThanOrEqual(25);
  });

  it('redacts every utterance exactly as labelled', () => {
    const failures = labelled
      .map((l) => ({ ...l, got: redact(l.text).text }))
      .filter((r) => r.got !== r.expected)
      .map((r) => `line ${r.line}: ${JSON.stringify(r.text)}\n  expected ${JSON.stringify(r.expected)}\n  received ${JSON.stringify(r.got)}`);
    // One message listing every miss, so a regression shows all affected lines at once.
    expect(failures.join('\n')).toBe('');
  });

  it('reports in `found` exactly the placeholders it wrote, in order', () => {
    const failures = positives
      .map((l) => {
        const already = kindsIn(l.text).length;
        return { line: l.line, want: kindsIn(l.expected).slice(already), got: redact(l.text).found };
      })
      .filter((r) => JSON.stringify(r.want) !== JSON.stringify(r.got))
      .map((r) => `line ${r.line}: expected ${r.want.join(',')} got ${r.got.join(',')}`);
    expect(failures.join('\n')).toBe('');
  });

  it('is idempotent: redacting the output again changes nothing and finds nothing', () => {
    const failures = labelled
      .map((l) => ({ line: l.line, once: redact(l.text).text }))
      .map((r) => ({ ...r, twice: redact(r.once) }))
      .filter((r) => r.twice.text !== r.once || r.twice.found.length > 0)
      .map((r) => `line ${r.line}: ${JSON.stringify(r.once)} -> ${JSON.stringify(r.twice.text)}`);
    expect(failures.join('\n')).toBe('');
  });
});

describe('each kind', () => {
  it.each<[string, string, string]>([
    ['written email', 'mail jane.doe@gmail.com now', 'mail [EMAIL] now'],
    ['spoken email', 'my email is jane dot doe at outlook dot co dot uk', 'my email is [EMAIL]'],
    ['half-typed email', 'email jane@gmail dot com', 'email [EMAIL]'],
    ['US phone', 'call (415) 555-0134 today', 'call [PHONE] today'],
    ['UK mobile', '07700 900123', '[PHONE]'],
    ['international phone', '+44 20 7946 0958', '[PHONE]'],
    ['phone read as words', 'oh seven seven zero zero nine zero zero one two three', '[PHONE]'],
    ['card', '4111-1111-1111-1111', '[CARD]'],
    ['IBAN with spaces', 'GB82 WEST 1234 5698 7654 32', '[IBAN]'],
    ['IBAN without spaces', 'de89370400440532013000', '[IBAN]'],
    ['SSN with dashes', '123-45-6789', '[NATIONAL_ID]'],
    ['SSN with spaces', '123 45 6789', '[NATIONAL_ID]'],
    ['UK national insurance', 'QQ 12 34 56 C', '[NATIONAL_ID]'],
    ['street address', '42 baker street', '[ADDRESS]'],
    ['flat and street', 'flat 3 12 high road', '[ADDRESS]'],
    ['UK postcode', 'sw1a 1aa', '[ADDRESS]'],
    ['US zip when introduced', 'zip code 90210', 'zip code [ADDRESS]'],
  ])('%s', (_kind, text, expected) => {
    expect(redact(text).text).toBe(expected);
  });
});

describe('checked numbers', () => {
  it('keeps a 16-digit number that fails Luhn (an order number stays as said)', () => {
    const r = redact('order 4111 1111 1111 1112 arrived');
    expect(r.text).toBe('order 4111 1111 1111 1112 arrived');
    expect(r.found).toEqual([]);
  });

  it('keeps an IBAN-shaped string whose mod-97 check fails', () => {
    expect(redact('GB82 WEST 1234 5698 7654 33').text).not.toContain('[IBAN]');
  });

  it.each(['000-12-3456', '666-12-3456', '912-12-3456', '123-00-4567', '123-45-0000'])(
    'does not treat the unissued SSN %s as an id',
    (ssn) => expect(redact(ssn).found).not.toContain('NATIONAL_ID'),
  );

  it('does not read "zip code" digits without the introduction as an address', () => {
    expect(redact('i paid 90210 in total').text).toBe('i paid 90210 in total');
  });
});

describe('answers with several items', () => {
  it('redacts each one and lists each kind once per occurrence, in text order', () => {
    const r = redact('jane at gmail dot com, 07700 900123, 4111111111111111 and 42 baker street or 07700 900456');
    expect(r.text).toBe('[EMAIL], [PHONE], [CARD] and [ADDRESS] or [PHONE]');
    expect(r.found).toEqual(['EMAIL', 'PHONE', 'CARD', 'ADDRESS', 'PHONE']);
  });

  it('never puts a value into `found`', () => {
    const r = redact('my ssn is 123-45-6789');
    expect(r.found).toEqual(['NATIONAL_ID']);
    expect(JSON.stringify(r.found)).not.toContain('6789');
  });
});

describe('idempotence', () => {
  it.each(['[EMAIL]', '[PHONE] and [CARD]', 'call [PHONE] or [EMAIL] at [ADDRESS]', 'my iban is [IBAN], ni [NATIONAL_ID]'])(
    'leaves %j untouched',
    (text) => expect(redact(text)).toEqual({ text, found: [] }),
  );

  it('redacts only the new value in partly redacted text', () => {
    expect(redact('call [PHONE] or 07700 900123').text).toBe('call [PHONE] or [PHONE]');
  });
});

describe('edges', () => {
  it('handles empty and blank input', () => {
    expect(redact('')).toEqual({ text: '', found: [] });
    expect(redact('   ')).toEqual({ text: '   ', found: [] });
  });

  it('keeps the original casing and spacing of everything it does not redact', () => {
    expect(redact('Hi  THERE,  call (415) 555-0134!').text).toBe('Hi  THERE,  call [PHONE]!');
  });

  it('copes with long and adversarial input without losing correctness', () => {
    const digits = '1 '.repeat(20000);
    expect(redact(`${digits}x`).found).toEqual([]);
    expect(redact(`${'a.'.repeat(20000)}@`).found).toEqual([]);
    expect(redact(`${'gb82 '.repeat(5000)}`).found).toEqual([]);
    const answer = 'we spend 2000 pounds a month at the end of the day. ';
    const long = `${answer.repeat(500)}call 07700 900123`;
    expect(redact(long).text).toBe(`${answer.repeat(500)}call [PHONE]`);
  });
});

describe('containsPii', () => {
  it('is true only when something would be redacted', () => {
    expect(containsPii('reach me at jane at gmail dot com')).toBe(true);
    expect(containsPii('at the end of the day i owe 15000 dollars')).toBe(false);
    expect(containsPii('[EMAIL]')).toBe(false);
  });
});
