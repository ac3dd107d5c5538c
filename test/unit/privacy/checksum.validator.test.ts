import { hasCardIssuerPrefix, isIbanValid, isLuhnValid, isPlausibleSsn, mod97 } from '../../../src/privacy/checksum.validator';

describe('isLuhnValid', () => {
  it.each(['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '79927398713'])(
    'accepts %s',
    (digits) => expect(isLuhnValid(digits)).toBe(true),
  );

  it.each(['4111111111111112', '1234567890123456', '79927398710', '378282246310006'])('rejects %s', (digits) => {
    expect(isLuhnValid(digits)).toBe(false);
  });

  it('rejects non-digits and too-short input', () => {
    expect(isLuhnValid('4111 1111 1111 1111')).toBe(false);
    expect(isLuhnValid('abc')).toBe(false);
    expect(isLuhnValid('0')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
  });

  it('catches every single-digit change of a valid number', () => {
    const valid = '4012888888881881';
    for (let i = 0; i < valid.length; i += 1) {
      const d = Number(valid[i]);
      const changed = `${valid.slice(0, i)}${(d + 1) % 10}${valid.slice(i + 1)}`;
      expect(isLuhnValid(changed)).toBe(false);
    }
  });
});

describe('mod97 / isIbanValid', () => {
  it('computes the ISO 7064 remainder, letters as 10..35', () => {
    expect(mod97('97')).toBe(0);
    expect(mod97('98')).toBe(1);
    expect(mod97('A')).toBe(10);
    expect(mod97('a')).toBe(10);
    expect(mod97('Z')).toBe(35);
    expect(mod97('12345678901234567890')).toBe(Number(12345678901234567890n % 97n));
    expect(mod97('12-3')).toBe(-1);
  });

  it.each([
    'GB82 WEST 1234 5698 7654 32',
    'de89370400440532013000',
    'FR14 2004 1010 0505 0001 3M02 606',
    'NL91ABNA0417164300',
    'IE29 AIBK 9311 5212 3456 78',
    'BE68539007547034',
    'NO9386011117947',
  ])('accepts %s', (iban) => expect(isIbanValid(iban)).toBe(true));

  it.each([
    ['a changed digit', 'GB82 WEST 1234 5698 7654 33'],
    ['swapped check digits', 'GB28 WEST 1234 5698 7654 32'],
    ['the wrong length for the country', 'GB82 WEST 1234 5698 7654 3'],
    ['an unknown country', 'XX82 WEST 1234 5698 7654 32'],
    ['no check digits', 'GBWEST12345698765432'],
  ])('rejects %s', (_label, iban) => expect(isIbanValid(iban)).toBe(false));
});

describe('isPlausibleSsn', () => {
  it('accepts an ordinary number', () => expect(isPlausibleSsn('123456789')).toBe(true));

  it.each(['000456789', '666456789', '912456789', '123006789', '123450000', '12345678', '12345678a'])(
    'rejects %s',
    (digits) => expect(isPlausibleSsn(digits)).toBe(false),
  );
});

describe('hasCardIssuerPrefix', () => {
  it.each(['4111', '5555', '3782', '6011', '2223', '2720'])('accepts %s…', (d) => expect(hasCardIssuerPrefix(d)).toBe(true));
  it.each(['2017', '2721', '1234', '7000', '8000', '9000', '0123'])('rejects %s…', (d) => expect(hasCardIssuerPrefix(d)).toBe(false));
});
