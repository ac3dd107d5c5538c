/**
 * Removes personal data from an answer before it is stored. Pure and synchronous: no I/O, no
 * platform imports, safe to share between requests.
 *
 * Decisions worth knowing:
 * - A 13-19 digit number is a card only when it passes Luhn and starts with a card-issuer prefix.
 *   Anything else (an order or reference number) is kept verbatim: it is not one of the kinds we
 *   redact, and guessing would damage answers about orders, policies and accounts.
 * - Spoken forms are detected on a normalised view ("oh seven seven double oh..." reads as
 *   "07700..."), but the original wording is what gets cut, so kept text is never rewritten.
 * - Existing placeholders are left alone, which makes redaction idempotent.
 * - `found` has one entry per redacted span, in text order, so callers can count occurrences.
 */
import { DETECTORS, type Span } from './pii.detectors';
import type { PiiKind, PiiRedactor, Redaction } from './redaction.types';
import { buildTextView, MASK } from './spoken-text.normalizer';

function mask(text: string, spans: Span[]): string {
  const chars = text.split('');
  for (const span of spans) chars.fill(MASK, span.start, span.end);
  return chars.join('');
}

function redactText(text: string): Redaction {
  if (text.trim() === '') return { text, found: [] };
  const view = buildTextView(text);
  let current = view.text;
  const viewSpans: Span[] = [];
  for (const detect of DETECTORS) {
    const spans = detect(current).filter((s) => s.end > s.start);
    if (spans.length === 0) continue;
    viewSpans.push(...spans);
    current = mask(current, spans);
  }
  if (viewSpans.length === 0) return { text, found: [] };

  // Back to original offsets. One view character can stand for several original ones ("double
  // seven" -> "77"), so neighbouring spans may now touch or overlap: merge those.
  const spans = viewSpans
    .map((s) => ({ start: view.from[s.start] as number, end: view.to[s.end - 1] as number, kind: s.kind }))
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number; kind: PiiKind }[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
    } else {
      merged.push({ ...span });
    }
  }

  let out = '';
  let at = 0;
  for (const span of merged) {
    out += `${text.slice(at, span.start)}[${span.kind}]`;
    at = span.end;
  }
  out += text.slice(at);
  return { text: out, found: merged.map((s) => s.kind) };
}

export function createPiiRedactor(): PiiRedactor {
  return { redact: redactText };
}

/** True when the text holds anything the redactor would remove. */
export function containsPii(text: string): boolean {
  return redactText(text).found.length > 0;
}
