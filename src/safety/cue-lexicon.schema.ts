import { z } from 'zod';
import { DISTRESS_CATEGORIES } from './distress.types';

/**
 * The shape of content/safety/<language>.json: how speech is normalised for this language, the
 * concepts (cue word lists), the signals built from them, and the idiom frames that keep
 * figurative speech ("this commute is killing me") from counting as evidence. Patterns are
 * strings in a small token language, parsed and checked by cue-pattern.compiler.ts.
 */

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id');
/** Normalised speech is lower-case letters and digits only, so data must be too. */
const word = z.string().regex(/^[a-z0-9]+$/, 'must be one lower-case word (letters and digits)');
const words = z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/, 'must be lower-case words separated by single spaces');
const pattern = z.string().trim().min(1, 'must not be empty');
const patterns = z.array(pattern).min(1, 'must list at least one pattern');

export const normaliserSchema = z.strictObject({
  /** Contractions written without an apostrophe, as speech recognition often does: "im" → "i am". */
  contractions: z.record(word, words),
  /** One-word misspellings too short for fuzzy matching: "kil" → "kill". */
  spellings: z.record(word, words),
  /** Word sequences merged, split or misheard by speech recognition: "sue aside" → "suicide". */
  rewrites: z.record(words, words),
  /** Words that carry nothing ("um"); dropped. */
  fillers: z.array(word),
  /** Multi-word fillers ("you know", "to be honest"); dropped. */
  fillerPhrases: z.array(words),
  /** "like" is a filler except after these words ("i feel like", "would like"). */
  keepLikeAfter: z.array(word),
  /** Spelled numbers and their values; a run of them becomes one numeral. */
  numbers: z.record(word, z.number().int().nonnegative()),
  /** Distinctive cue words that a one-letter slip may still reach ("sucide" → "suicide"); 5+ letters. */
  fuzzyTargets: z.array(word.refine((w) => w.length >= 5, 'fuzzy targets need 5 or more letters')),
  /** Real words one edit away from a fuzzy target that must never be turned into it ("tables", "noise"). */
  protected: z.array(word),
  /** Words a pattern gap may not skip, so "i do not want to die" never reads as "i want to die". */
  gapBarriers: z.array(word),
});

const signalSchema = z.strictObject({
  id,
  /** What the signal stands for, for whoever edits the file. */
  about: z.string().optional(),
  category: z.enum(DISTRESS_CATEGORIES),
  /** strong: decides on its own. weak: evidence for the model, never decisive alone. */
  strength: z.enum(['strong', 'weak']),
  patterns,
});

const idiomSchema = z.strictObject({
  id,
  about: z.string().optional(),
  patterns,
  /** Concepts that cancel the frame when present anywhere in the answer ("on purpose"). */
  unlessNear: z.array(id).optional(),
});

export const cueLexiconSchema = z.strictObject({
  about: z.string().optional(),
  language: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as "en"'),
  /** File name of the trained model beside this lexicon. */
  model: z.string().regex(/^[a-z0-9.-]+\.json$/, 'must be a .json file name'),
  normaliser: normaliserSchema,
  /** Helper concepts: id → patterns. Referenced from patterns as @id. */
  concepts: z.record(id, patterns),
  signals: z.array(signalSchema).min(1),
  idioms: z.array(idiomSchema),
  /** Which category wins when several fire: most urgent first. */
  categoryPriority: z.array(z.enum(DISTRESS_CATEGORIES)).length(DISTRESS_CATEGORIES.length),
});

export type CueLexiconFile = z.infer<typeof cueLexiconSchema>;
export type NormaliserData = z.infer<typeof normaliserSchema>;
