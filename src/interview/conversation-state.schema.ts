import { z } from 'zod';
import type { ConversationState, Phase } from './interview.types';

export const PhaseSchema = z.enum([
  'start',
  'choose-domain',
  'resume-offer',
  'question',
  'probe',
  'partner-offer',
  'partner-share',
  'next-domain',
  'confirm-delete',
  'ended',
]);

/**
 * The conversation state as it comes back from a platform (an Alexa session attribute, a
 * Dialogflow context). It travels outside our process and a caller could alter it, so every
 * adapter checks it before the engine sees it. Loose, so a field added later survives.
 */
export const ConversationStateSchema = z.looseObject({
  version: z.literal(1),
  phase: PhaseSchema,
  returnPhase: PhaseSchema.optional(),
  returnPrompt: z.string().optional(),
  domain: z.string().optional(),
  lensIndex: z.number().int().min(0),
  probeParentId: z.string().optional(),
  lastReprompt: z.string().optional(),
  usedVariants: z.array(z.string()),
  domainsDone: z.array(z.string()),
  misunderstandings: z.number().int().min(0),
  turn: z.number().int().min(0),
  sessionThemes: z.record(z.string(), z.array(z.string())),
  offeredPartners: z.array(z.string()),
  pendingPartnerId: z.string().optional(),
  pendingPartnerTheme: z.string().optional(),
  closingNotes: z.array(z.string()),
  returning: z.boolean(),
  // Older states predate this field; an empty record is what they meant.
  storedThemes: z.record(z.string(), z.array(z.string())).default({}),
  resumeOffer: z.object({ domain: z.string(), lensIndex: z.number().int().min(0) }).optional(),
});

// Compile-time guards, both ways: a phase added to the types but not here would otherwise be
// rejected at run time, ending every conversation that reaches it.
const _phasesMatch: (p: Phase) => z.infer<typeof PhaseSchema> = (p) => p;
void _phasesMatch;
// What the schema accepts is a ConversationState.
const _stateFits: (s: z.infer<typeof ConversationStateSchema>) => ConversationState = (s) => s;
void _stateFits;

/** The state if it is one the engine can continue from, else null (the conversation starts afresh). */
export function parseConversationState(value: unknown): ConversationState | null {
  const parsed = ConversationStateSchema.safeParse(value);
  return parsed.success ? (parsed.data as ConversationState) : null;
}
