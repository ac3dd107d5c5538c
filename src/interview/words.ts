/**
 * Words in an answer as speech recognition delivers it (lower-case, space-separated). One
 * definition for both the engine's "long enough, no follow-up" decision and the word count the
 * service stores, so analysts see the same length the interview acted on.
 */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
