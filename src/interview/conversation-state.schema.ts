import { z } from 'zod';
import { variantKeyOf, variantId, type PromptRequest } from './engine/prompt.catalog';
import { LENSES, type ConversationState, type Lens, type Phase, type PromptRef } from './interview.types';

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

const LensSchema = z.enum(['dream', 'fear', 'frustration']);
const variant = z.number().int().min(0);
const id = z.string().min(1);

export const PromptRefSchema = z.discriminatedUnion('key', [
  z.object({ key: z.literal('choose-domain'), variant }),
  z.object({ key: z.literal('which-domain'), variant }),
  z.object({ key: z.literal('next-domain'), domain: id, variant }),
  z.object({ key: z.literal('domain-covered'), domain: id, variant }),
  z.object({ key: z.literal('offer-domain'), domain: id, variant }),
  z.object({ key: z.literal('resume-offer'), domain: id, variant }),
  z.object({ key: z.literal('question'), domain: id, lens: LensSchema, variant }),
  z.object({ key: z.literal('probe'), domain: id, theme: id.optional(), lens: LensSchema.optional(), variant }),
  z.object({ key: z.literal('partner-offer'), partnerId: id, variant }),
  z.object({ key: z.literal('partner-share'), partnerId: id, variant }),
  z.object({ key: z.literal('confirm-delete'), variant }),
]);

const ClosingNoteSchema = z.object({ id: z.literal('partner.closingNote'), partnerId: id });

/** The fields every version shares; each version adds how it remembers prompts and closing notes. */
const commonFields = {
  phase: PhaseSchema,
  returnPhase: PhaseSchema.optional(),
  domain: z.string().optional(),
  lensIndex: z.number().int().min(0),
  probeParentId: z.string().optional(),
  usedVariants: z.array(z.string()),
  domainsDone: z.array(z.string()),
  misunderstandings: z.number().int().min(0),
  // States from before these fields: nothing counted, nothing answered yet.
  nonAnswersInRow: z.number().int().min(0).default(0),
  quality: z.object({ nonAnswers: z.number().int().min(0), misunderstandings: z.number().int().min(0) }).default({ nonAnswers: 0, misunderstandings: 0 }),
  turn: z.number().int().min(0),
  answeredLenses: z.record(z.string(), z.array(LensSchema)).default({}),
  sessionThemes: z.record(z.string(), z.array(z.string())),
  offeredPartners: z.array(z.string()),
  pendingPartnerId: z.string().optional(),
  pendingPartnerTheme: z.string().optional(),
  returning: z.boolean(),
  // Older states predate this field; an empty record is what they meant.
  storedThemes: z.record(z.string(), z.array(z.string())).default({}),
  resumeOffer: z.object({ domain: z.string(), lensIndex: z.number().int().min(0) }).optional(),
};

/**
 * The conversation state as it comes back from a platform (an Alexa session attribute, a
 * Dialogflow context). It travels outside our process and a caller could alter it, so every
 * adapter checks it before the engine sees it. Loose, so a field added later survives.
 */
export const ConversationStateSchema = z.looseObject({
  version: z.literal(2),
  ...commonFields,
  returnPrompt: PromptRefSchema.optional(),
  pendingPrompt: PromptRefSchema.optional(),
  closingNotes: z.array(ClosingNoteSchema),
});

/** Version 1 kept rendered sentences; read only to carry sessions in flight across the upgrade. */
const ConversationStateV1Schema = z.looseObject({
  version: z.literal(1),
  ...commonFields,
  returnPrompt: z.string().optional(),
  lastReprompt: z.string().optional(),
  closingNotes: z.array(z.string()),
});

// Compile-time guards, both ways: a phase added to the types but not here would otherwise be
// rejected at run time, ending every conversation that reaches it.
const _phasesMatch: (p: Phase) => z.infer<typeof PhaseSchema> = (p) => p;
void _phasesMatch;
const _lensesMatch: (l: Lens) => z.infer<typeof LensSchema> = (l) => l;
void _lensesMatch;
const _refsMatch: (r: PromptRef) => z.infer<typeof PromptRefSchema> = (r) => r;
void _refsMatch;
// What the schema accepts is a ConversationState.
const _stateFits: (s: z.infer<typeof ConversationStateSchema>) => ConversationState = (s) => s;
void _stateFits;

/**
 * The state if it is one the engine can continue from, else null (the conversation starts afresh).
 * A version-1 state from a session that was in flight during a deploy is carried over.
 */
export function parseConversationState(value: unknown): ConversationState | null {
  const parsed = ConversationStateSchema.safeParse(value);
  if (parsed.success) return parsed.data as ConversationState;
  const old = ConversationStateV1Schema.safeParse(value);
  return old.success ? migrateFromV1(old.data) : null;
}

type StateV1 = z.infer<typeof ConversationStateV1Schema>;

/**
 * Version 1 held the pending prompt as a sentence; version 2 holds what was asked. What was asked
 * follows from the phase, and which phrasing from the last one recorded in `usedVariants`. Closing
 * notes were sentences naming a partner; they cannot be tied back to a partner id and are dropped
 * (that customer's goodbye no longer repeats that details were sent; the card itself was sent).
 */
function migrateFromV1(old: StateV1): ConversationState {
  const { version: _version, lastReprompt: _lastReprompt, returnPrompt: _returnPrompt, closingNotes: _closingNotes, ...rest } = old;
  const state: ConversationState = { ...rest, version: 2, closingNotes: [] } as ConversationState;
  state.pendingPrompt = promptForPhase(old, old.phase);
  state.returnPrompt = old.returnPhase ? promptForPhase(old, old.returnPhase) : undefined;
  if (state.pendingPrompt === undefined) delete state.pendingPrompt;
  if (state.returnPrompt === undefined) delete state.returnPrompt;
  return state;
}

function promptForPhase(old: StateV1, phase: Phase): PromptRef | undefined {
  const request = requestForPhase(old, phase);
  if (!request) return undefined;
  return { ...request, variant: lastVariant(old.usedVariants, variantKeyOf(request)) } as PromptRef;
}

function requestForPhase(old: StateV1, phase: Phase): PromptRequest | undefined {
  const domain = old.domain;
  const lens = LENSES[Math.min(old.lensIndex, LENSES.length - 1)] as Lens;
  switch (phase) {
    case 'start':
    case 'choose-domain':
      return { key: 'choose-domain' };
    case 'resume-offer':
      return old.resumeOffer ? { key: 'resume-offer', domain: old.resumeOffer.domain } : { key: 'choose-domain' };
    case 'question':
      return domain ? { key: 'question', domain, lens } : undefined;
    case 'probe':
      return domain ? probeAsked(old.usedVariants, domain) : undefined;
    case 'partner-offer':
    case 'partner-share':
      return old.pendingPartnerId ? { key: phase, partnerId: old.pendingPartnerId } : undefined;
    case 'next-domain':
      // After a yes to another area the pending prompt was "which one?"; whichever was recorded last was asked last.
      if (lastUse(old.usedVariants, variantKeyOf({ key: 'which-domain' })) > lastUse(old.usedVariants, variantKeyOf({ key: 'next-domain', domain: domain ?? '' }))) return { key: 'which-domain' };
      return domain ? { key: 'next-domain', domain } : { key: 'choose-domain' };
    case 'confirm-delete':
      return { key: 'confirm-delete' };
    case 'ended':
      return undefined;
  }
}

/** The follow-up last asked in a domain, read back from its variant id (by theme, by lens, or the default). */
function probeAsked(usedVariants: string[], domain: string): PromptRequest {
  const fallback: PromptRequest = { key: 'probe', domain };
  for (const used of [...usedVariants].reverse()) {
    const key = used.slice(0, used.lastIndexOf('#'));
    if (key === variantKeyOf(fallback)) return fallback;
    const prefix = `${variantKeyOf(fallback)}.`;
    if (!key.startsWith(prefix)) continue;
    const by = key.slice(prefix.length);
    return (LENSES as readonly string[]).includes(by) ? { key: 'probe', domain, lens: by as Lens } : { key: 'probe', domain, theme: by };
  }
  return fallback;
}

/** Where a key's phrasing was last recorded in `usedVariants`, -1 if never. */
function lastUse(usedVariants: string[], key: string): number {
  for (let i = usedVariants.length - 1; i >= 0; i -= 1) if (usedVariants[i]?.startsWith(`${key}#`)) return i;
  return -1;
}

/** The phrasing of a key recorded last, which is the one asked last (0 when none was recorded). */
function lastVariant(usedVariants: string[], key: string): number {
  const used = usedVariants[lastUse(usedVariants, key)];
  const index = used === undefined ? 0 : Number(used.slice(key.length + 1));
  return used === variantId(key, index) ? index : 0;
}
