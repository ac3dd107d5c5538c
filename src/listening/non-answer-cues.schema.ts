import { z } from 'zod';
import { parseCuePattern } from './cue-pattern.parser';

/**
 * The words that tell a non-answer from an answer, per language (content/listening/<language>.json).
 * They are data so a writer can teach the interview a new way of saying "dunno" without touching
 * code, and validated at start so a broken pattern stops the deploy with the file and field named.
 */

/** The kinds of reply that carry nothing to store, lowest priority first: when one utterance holds several, the last wins. */
export const NON_ANSWER_KINDS = ['empty', 'dont-know', 'decline', 'counter-question', 'assistant-request'] as const;
export type NonAnswerKind = (typeof NON_ANSWER_KINDS)[number];

const word = z
  .string()
  .trim()
  .regex(/^[a-z0-9']+$/, 'must be one lower-case word');
const phrase = z
  .string()
  .trim()
  .regex(/^[a-z0-9']+( [a-z0-9']+)*$/, 'must be lower-case words separated by single spaces');

const cue = z
  .string()
  .trim()
  .min(1)
  .superRefine((source, ctx) => {
    const problem = parseCuePattern(source).problem;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const cues = z.array(cue);

export const NonAnswerCuesSchema = z
  .object({
    language: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code such as en'),
    /** Sounds with no meaning ("um", "hmm"): ignored wherever they are, and on their own an empty reply. */
    hesitations: z.array(word).min(1),
    /** Words that colour a phrase without changing it ("really", "honestly"); allowed inside a cue as well as around it. */
    intensifiers: z.array(word),
    /** Words and phrases said around a non-answer that do not make it an answer ("well", "to be honest", "alexa"). */
    fillers: z.array(phrase),
    /**
     * Spellings folded to one form before matching, on both sides: contractions to their full words
     * ("dont" → do not, "im" → i am, "gonna" → going to), so "[i] [am] not sure" also hears "i'm not sure".
     */
    folds: z.record(phrase, phrase),
    /** What an open end of a cue (`*`, `+`, `?`) may swallow: a few words, none of them a sign of a real answer. */
    tail: z
      .object({
        maxWords: z.number().int().min(1).max(8),
        /** Words that never belong to a request for the assistant but often to an answer ("my", "because", "afford"). */
        blockers: z.array(word),
      })
      .strict(),
    kinds: z
      .object({
        empty: cues,
        'dont-know': cues,
        decline: cues,
        'counter-question': cues,
        'assistant-request': cues,
      })
      .strict(),
  })
  .strict();

export type NonAnswerCues = z.infer<typeof NonAnswerCuesSchema>;

// Compile-time guard: the schema's kinds are exactly NON_ANSWER_KINDS.
const _kindsMatch: (k: NonAnswerKind) => keyof NonAnswerCues['kinds'] = (k) => k;
void _kindsMatch;
