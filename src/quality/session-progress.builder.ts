import type { QuestionRef, SessionEndReason, SessionProgress } from '../persistence/insight-records.port';
import { MAX_MISUNDERSTANDINGS } from '../interview/engine/conversation.steps';
import type { ConversationState, CustomerAction, Phase, SessionQuality, TurnOutput } from '../interview/interview.types';

/**
 * The engine's session totals (non-answers and misunderstandings; not the in-a-row counter that
 * ends a session), zero for a state that predates them.
 */
export function qualityCountsOf(state: ConversationState | null): SessionQuality {
  // Optional chaining on purpose: a state carried over from before the totals existed has none.
  const quality = state?.quality as Partial<SessionQuality> | undefined;
  return { nonAnswers: quality?.nonAnswers ?? 0, misunderstandings: quality?.misunderstandings ?? 0 };
}

/** The question or follow-up the state has pending, if any. */
function pendingQuestion(state: ConversationState): QuestionRef | undefined {
  const prompt = state.pendingPrompt;
  return prompt?.key === 'question' ? [prompt.domain, prompt.lens] : undefined;
}

function pendingProbe(state: ConversationState): string | undefined {
  return state.pendingPrompt?.key === 'probe' ? state.probeParentId : undefined;
}

/**
 * The session's measures after one turn. `before` is the state the turn started from (`null` on a
 * session's first turn). When the turn ends the session, the phase recorded is the one it ended
 * from, so "where people leave" is a real phase and never just "ended"; a turn on a session that
 * had already ended (the platform's own close after our goodbye) changes neither phase nor reason.
 */
export function sessionProgressOf(before: ConversationState | null, action: CustomerAction, output: TurnOutput): SessionProgress {
  const after = output.state;
  const wasOpen = before === null || before.phase !== 'ended';
  let lastPhase: Phase | null = after.phase;
  if (after.phase === 'ended') lastPhase = wasOpen ? (before?.phase ?? 'start') : null;
  const question = pendingQuestion(after);
  const probe = pendingProbe(after);
  return {
    lastPhase,
    endedReason: output.endSession && wasOpen ? endReason(action, output) : null,
    ...qualityCountsOf(after),
    questionsAsked: question === undefined ? [] : [question],
    probesAsked: probe === undefined ? [] : [probe],
  };
}

function endReason(action: CustomerAction, output: TurnOutput): SessionEndReason {
  if (action.type === 'session-ended') return 'platform';
  // Crisis replies are never recorded, so they must not be told apart here either.
  if (output.kind === 'crisis') return 'other';
  if (action.type === 'stop') return 'stopped';
  if (output.state.misunderstandings >= MAX_MISUNDERSTANDINGS) return 'misunderstood';
  return output.kind === 'goodbye' ? 'finished' : 'other';
}

/**
 * Whether a turn moved any of the session's measures, so a turn that changed nothing else
 * (help, repeat) still costs no write, while one that moved the phase or a count is kept: a
 * session that is simply abandoned never sends a last turn, and its row must already say where it was.
 */
export function progressMoved(before: ConversationState | null, output: TurnOutput): boolean {
  if (before === null) return true;
  const after = output.state;
  const key = (state: ConversationState) =>
    JSON.stringify([state.phase, qualityCountsOf(state), pendingQuestion(state) ?? null, pendingProbe(state) ?? null]);
  return key(before) !== key(after);
}
