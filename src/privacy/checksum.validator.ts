/**
 * Check-digit validation for numbers that must only be redacted when they are genuine:
 * a 16-digit order number is not a card, and a random letter/digit run is not an IBAN.
 */

/** Luhn (mod 10) check over a string of digits; false for anything that is not all digits. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits) || digits.length < 2) return false;
  let sum = 0;
  // Walk from the right: every second digit (starting with the one left of the check digit) doubles.
  for (let i = digits.length - 1, double = false; i >= 0; i -= 1, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Official IBAN length per country. Knowing the exact length lets the detector stop at the right
 * character when an IBAN is followed by more words, and rejects look-alikes of the wrong size.
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15,
  PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19,
  SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** ISO 7064 mod 97-10 remainder of an alphanumeric string (letters count as 10..35). */
export function mod97(value: string): number {
  let rem = 0;
  for (const ch of value.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code >= 48 && code <= 57) {
      rem = (rem * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      // A letter expands to two digits, so shift by 100 rather than 10.
      rem = (rem * 100 + (code - 55)) % 97;
    } else {
      return -1;
    }
  }
  return rem;
}

/**
 * True when `iban` (spaces allowed, any case) has a known country, that country's length, and a
 * passing mod-97 check.
 */
export function isIbanValid(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  if (expected === undefined || compact.length !== expected) return false;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
}

/** US SSN issuing rules: area not 000, 666 or 9xx; group not 00; serial not 0000. */
export function isPlausibleSsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  return digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

/**
 * Card-issuer prefixes in use (Visa, Mastercard incl. the 2-series, Amex, Diners, Discover, JCB,
 * UnionPay, Maestro). Requiring one keeps Luhn's 1-in-10 chance from turning runs of years such
 * as "2017 2018 2019 2020" into a card.
 */
export function hasCardIssuerPrefix(digits: string): boolean {
  const first = digits.charAt(0);
  if (first === '3' || first === '4' || first === '5' || first === '6') return true;
  if (first === '2') {
    const four = Number(digits.slice(0, 4));
    return four >= 2221 && four <= 2720;
  }
  return false;
}
