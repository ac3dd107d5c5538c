import { z } from 'zod';
import { NON_ANSWER_KINDS, type NonAnswerKind } from '../listening/non-answer-cues.schema';

/**
 * Interview wording is data so that writers can change it and a company can add a locale or a
 * domain by adding files. Templates use `{name}` placeholders filled by the engine.
 */
const text = z.string().trim().min(1);
/** Several phrasings of one thing; the engine picks one not yet used in the session. */
const variants = z.array(text).min(1);
/** Something the engine asks: what to say, and the shorter reprompt for when the customer is silent. */
const prompt = z.object({ prompt: variants, reprompt: text }).strict();

/** Verbs that would have to agree with the theme label if they followed it. */
const AGREEING_VERB = /\{theme\}\s+(is|are|was|were|has|have|matters?|means?|seems?|sounds?|feels?|weighs?|does|do)\b/i;
const AGREEMENT_MESSAGE = 'a verb follows {theme}; theme labels are singular or plural, so rephrase with {theme} as the object';
function agreementFree(templates: string[]): boolean {
  return templates.every((t) => !AGREEING_VERB.test(t));
}

const crisisPattern = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid regular expression' },
);

export const CommonContentSchema = z
  .object({
    locale: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'must look like en-US'),
    welcome: z.object({ new: variants, returning: variants }).strict(),
    /** What is stored and why; must be said to first-time users. */
    notice: text,
    /** `clarify` is followed by the reprompt, which names the choices: it must not name them too. */
    chooseDomain: prompt.extend({ clarify: text.refine((t) => !t.includes('{choices}'), { message: 'must not list {choices}; the reprompt after it does' }) }).strict(),
    resumeOffer: prompt,
    domainIntro: variants,
    /** `theme` templates name the theme as an object ("you care about {theme}"): labels are singular or plural, so no verb may agree with them. */
    acknowledge: z.object({ theme: variants.refine(agreementFree, { message: AGREEMENT_MESSAGE }), other: variants, noConcern: variants }).strict(),
    probeThanks: variants,
    skipped: variants,
    tooShort: variants,
    /** Replies to an answer that carries nothing: a gentle line by kind, the question again in other words, then moving on. */
    nonAnswer: z
      .object({
        lead: z.object(Object.fromEntries(NON_ANSWER_KINDS.map((kind) => [kind, variants])) as Record<NonAnswerKind, typeof variants>).strict(),
        /** Said just before the question is asked again in other words. */
        reask: variants,
        /** Said when a question is left after a second non-answer in a row. */
        moveOn: variants,
        /** How to stop or change area, said with every non-answer reply. */
        howToStop: text,
      })
      .strict(),
    /** `covered`: an area whose questions are all answered was picked again; `offer`: "carry on" after an area, proposing the next. */
    nextDomain: prompt.extend({ whichOne: prompt, covered: prompt, offer: prompt }).strict(),
    allDomainsDone: text,
    help: z
      .object({
        'choose-domain': text,
        'resume-offer': text,
        question: text,
        probe: text,
        'partner-offer': text,
        'partner-share': text,
        'next-domain': text,
        'confirm-delete': text,
      })
      .strict(),
    misunderstood: variants,
    tooManyMisunderstandings: text,
    goodbye: variants,
    crisis: z
      .object({
        response: text,
        /** For abuse or coercion by a partner or family member: the emergency number and an abuse helpline. */
        abuseResponse: text,
        patterns: z.array(crisisPattern).min(1),
      })
      .strict(),
    deleteConfirm: prompt,
    deleted: text,
    deleteCancelled: text,
    deleteFailed: text,
    summary: z.object({ none: text, some: text, noteOnText: text }).strict(),
    storeFailed: text,
    /** What an adapter says when a turn failed before the engine could answer: a question, so the customer can go on. */
    safeReprompt: text,
    /** Said (and the session closed) when the service cannot start at all, e.g. the database is unreachable. */
    unavailable: text,
    startOver: text,
    partner: z
      .object({
        /** `{description}` is the partner's own description, as one clause (its full stop dropped). */
        offer: prompt,
        /** The answer to "who are they?" at an offer. */
        about: text,
        sent: text,
        declined: text,
        share: prompt,
        shared: text,
        closingNote: text,
      })
      .strict(),
    words: z.object({ or: text, and: text }).strict(),
    /** Answers at least this long already say enough; no follow-up probe. */
    probeMaxWords: z.number().int().positive(),
  })
  .strict();

const LENS_QUESTIONS = z
  .object({
    dream: variants,
    fear: variants,
    frustration: variants,
  })
  .strict();

export const DomainContentSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a lower-case id such as money'),
    /** How the domain is named in speech ("money", "getting around"). */
    name: text,
    /** Words a customer may use for the domain; matched whole-word, case-insensitively. */
    synonyms: z.array(text).min(1),
    questions: LENS_QUESTIONS,
    probes: z
      .object({
        default: variants,
        byLens: LENS_QUESTIONS.partial().optional(),
        byTheme: z.record(z.string(), variants).optional(),
      })
      .strict(),
  })
  .strict();

export type CommonContent = z.infer<typeof CommonContentSchema>;
export type DomainContent = z.infer<typeof DomainContentSchema>;
