import { LENSES, type ConversationState, type Lens, type RespondentProfile } from './interview.types';

/** The state a session starts from; a returning respondent's profile seeds what is already known. */
export function initialState(profile?: RespondentProfile): ConversationState {
  return {
    version: 2,
    phase: 'start',
    lensIndex: 0,
    usedVariants: [],
    domainsDone: [...(profile?.domainsDone ?? [])],
    misunderstandings: 0,
    nonAnswersInRow: 0,
    quality: { nonAnswers: 0, misunderstandings: 0 },
    turn: 0,
    answeredLenses: answeredBefore(profile),
    sessionThemes: {},
    offeredPartners: [],
    closingNotes: [],
    returning: profile?.known ?? false,
    storedThemes: structuredClone(profile?.themes ?? {}),
  };
}

/**
 * What a returning customer already answered: the lenses before where they stopped. (Areas
 * finished in an earlier session may be talked through again; only the one left half-way resumes.)
 */
function answeredBefore(profile?: RespondentProfile): Record<string, Lens[]> {
  const resume = profile?.resume;
  if (!resume || resume.lensIndex <= 0) return {};
  return { [resume.domain]: LENSES.slice(0, Math.min(resume.lensIndex, LENSES.length)) };
}
