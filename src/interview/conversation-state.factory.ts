import type { ConversationState, RespondentProfile } from './interview.types';

/** The state a session starts from; a returning respondent's profile seeds what is already known. */
export function initialState(profile?: RespondentProfile): ConversationState {
  return {
    version: 2,
    phase: 'start',
    lensIndex: 0,
    usedVariants: [],
    domainsDone: [...(profile?.domainsDone ?? [])],
    misunderstandings: 0,
    turn: 0,
    sessionThemes: {},
    offeredPartners: [],
    closingNotes: [],
    returning: profile?.known ?? false,
    storedThemes: structuredClone(profile?.themes ?? {}),
  };
}
