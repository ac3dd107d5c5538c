import { z } from 'zod';
import { AppError } from '../errors/app-error';
import type { CustomerAction } from '../interview/interview.types';

/**
 * The shape of the intent table that `npm run models:build` writes from interaction-models/ and
 * that every adapter maps through. Kept apart from the reader, which imports the generated file:
 * the build validates its source against these enums before that file exists or while it is stale.
 */

/** The customer actions an intent can stand for (launch, session end and the like are requests, not intents). */
export const INTENT_ACTIONS = [
  'launch',
  'choose-domain',
  'answer',
  'help',
  'skip',
  'repeat',
  'start-over',
  'change-domain',
  'resume',
  'yes',
  'no',
  'stop',
  'delete-data',
  'what-do-you-know',
  'ask-about-partner',
  'unknown',
] as const satisfies readonly CustomerAction['type'][];
export type IntentAction = (typeof INTENT_ACTIONS)[number];

/** What a slot carries for the action: the area of life, or the free-speech answer. */
export const SLOT_ROLES = ['domain', 'answer'] as const;
export type SlotRole = (typeof SLOT_ROLES)[number];

/**
 * What an intent whose action needs a slot becomes when the slot is empty, the same on every
 * channel: `words` uses what the customer said where the platform reports it (Dialogflow's
 * queryText, the typed line) and is not understood where it does not (Alexa); `bare` is the
 * action without the slot; `unknown` is not understood.
 */
export const WITHOUT_SLOT = ['words', 'bare', 'unknown'] as const;
export type WithoutSlot = (typeof WITHOUT_SLOT)[number];

/** The actions whose meaning depends on a slot, and the role of that slot. */
export const ACTION_SLOT_ROLE: Readonly<Partial<Record<IntentAction, SlotRole>>> = {
  'choose-domain': 'domain',
  'change-domain': 'domain',
  answer: 'answer',
};

const name = z.string().min(1);
const phrase = z.string().min(1);

export const IntentTableSchema = z
  .object({
    /** Locales with samples, sorted; `defaultLocale` serves any other. */
    locales: z.array(z.string().regex(/^[a-z]{2}-[A-Z]{2}$/)).min(1),
    defaultLocale: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/),
    intents: z.array(
      z
        .object({
          /** Name in interaction-models/source/intents.json. */
          name,
          action: z.enum(INTENT_ACTIONS),
          withoutSlot: z.enum(WITHOUT_SLOT),
          alexa: z.object({ name }).strict().nullable(),
          dialogflow: z.object({ displayName: name, action: z.string() }).strict().nullable(),
          slots: z.array(z.object({ name, type: name, role: z.enum(SLOT_ROLES).optional() }).strict()),
          /** Per locale, every phrase a voice model was taught for this intent, `{slot}` placeholders kept. */
          samples: z.record(z.string(), z.array(phrase)),
        })
        .strict(),
    ),
    /** Custom slot types: per locale, each value's id and every form that names it. */
    slotTypes: z.record(z.string(), z.record(z.string(), z.array(z.object({ id: name, forms: z.array(phrase).min(1) }).strict()))),
  })
  .strict();

export type IntentTable = z.infer<typeof IntentTableSchema>;
export type IntentEntry = IntentTable['intents'][number];
export type SlotTypeValues = IntentTable['slotTypes'][string][string];

/** Validates a table read from disk or just generated; throws AppError('CONTENT_INVALID') naming the fields. */
export function parseIntentTable(raw: unknown): IntentTable {
  const parsed = IntentTableSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new AppError('CONTENT_INVALID', `The intent table is invalid (run npm run models:build):\n  ${problems.join('\n  ')}`, { details: problems });
  }
  return parsed.data;
}
