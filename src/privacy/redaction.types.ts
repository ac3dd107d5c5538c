/** Kinds of personal data the redactor removes; each becomes a placeholder such as `[EMAIL]`. */
export type PiiKind = 'EMAIL' | 'PHONE' | 'CARD' | 'IBAN' | 'NATIONAL_ID' | 'ADDRESS';

export interface Redaction {
  /** The text with every detected span replaced by `[KIND]`. */
  text: string;
  /** What was found, for counting only: never the original values. */
  found: PiiKind[];
}

export interface PiiRedactor {
  redact(text: string): Redaction;
}
