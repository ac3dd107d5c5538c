import { initialState } from '../../../src/interview/conversation-state.factory';
import type { ConversationState, CustomerAction, TurnOutput } from '../../../src/interview/interview.types';
import { progressMoved, qualityCountsOf, sessionProgressOf } from '../../../src/quality/session-progress.builder';

function state(patch: Partial<ConversationState>): ConversationState {
  return { ...initialState(), ...patch };
}

function output(after: ConversationState, patch: Partial<TurnOutput> = {}): TurnOutput {
  return { kind: 'question', speech: '…', awaitingAnswer: true, endSession: false, state: after, effects: [], ...patch };
}

const ANSWER: CustomerAction = { type: 'answer', text: 'something' };
const QUESTION = { key: 'question', domain: 'money', lens: 'fear', variant: 0 } as const;

describe('session progress of a turn', () => {
  test('records the phase after the turn, the engine’s totals and the question now asked', () => {
    const before = state({ phase: 'question', pendingPrompt: { ...QUESTION, lens: 'dream' } });
    const after = state({ phase: 'question', pendingPrompt: QUESTION, quality: { nonAnswers: 2, misunderstandings: 1 } });
    expect(sessionProgressOf(before, ANSWER, output(after))).toEqual({
      lastPhase: 'question',
      endedReason: null,
      nonAnswers: 2,
      misunderstandings: 1,
      questionsAsked: [['money', 'fear']],
      probesAsked: [],
    });
  });

  test('records the main answer a pending follow-up is about', () => {
    const after = state({ phase: 'probe', probeParentId: 'a1', pendingPrompt: { key: 'probe', domain: 'money', lens: 'fear', variant: 1 } });
    expect(sessionProgressOf(state({ phase: 'question' }), ANSWER, output(after, { kind: 'probe' }))).toMatchObject({
      lastPhase: 'probe',
      questionsAsked: [],
      probesAsked: ['a1'],
    });
  });

  test.each([
    ['the customer said stop', { type: 'stop' }, 'goodbye', 0, 'stopped'],
    ['the platform closed the session', { type: 'session-ended', reason: 'EXCEEDED_MAX_REPROMPTS' }, 'silent', 0, 'platform'],
    ['too many misunderstandings in a row', { type: 'unknown', text: 'blah' }, 'goodbye', 3, 'misunderstood'],
    ['the interview closed normally', { type: 'no' }, 'goodbye', 0, 'finished'],
    ['a crisis reply, which is never told apart', { type: 'answer', text: '…' }, 'crisis', 0, 'other'],
  ] as const)('on the turn that ends the session because %s, records the phase it ended from', (_why, action, kind, misunderstandings, reason) => {
    const before = state({ phase: 'probe' });
    const after = state({ phase: 'ended', misunderstandings });
    expect(sessionProgressOf(before, action, output(after, { kind, endSession: true, awaitingAnswer: false }))).toMatchObject({
      lastPhase: 'probe',
      endedReason: reason,
    });
  });

  test('a session ended on its first turn ended from the start', () => {
    expect(sessionProgressOf(null, { type: 'stop' }, output(state({ phase: 'ended' }), { kind: 'goodbye', endSession: true }))).toMatchObject({
      lastPhase: 'start',
      endedReason: 'stopped',
    });
  });

  test('a turn on a session that had already ended leaves phase and reason as they were', () => {
    const ended = state({ phase: 'ended' });
    expect(sessionProgressOf(ended, { type: 'session-ended' }, output(ended, { kind: 'silent', endSession: true }))).toMatchObject({
      lastPhase: null,
      endedReason: null,
    });
  });

  test('counts are zero for a state carried over from before the totals existed', () => {
    const old = state({});
    delete (old as Partial<ConversationState>).quality;
    expect(qualityCountsOf(old)).toEqual({ nonAnswers: 0, misunderstandings: 0 });
    expect(qualityCountsOf(null)).toEqual({ nonAnswers: 0, misunderstandings: 0 });
  });
});

describe('whether a turn moved the measures', () => {
  const before = state({ phase: 'question', pendingPrompt: QUESTION });

  test('a repeat or help that re-asks the same question moves nothing', () => {
    expect(progressMoved(before, output(state({ phase: 'question', pendingPrompt: { ...QUESTION, variant: 2 } })))).toBe(false);
  });

  test.each([
    ['a new phase', state({ phase: 'partner-offer', pendingPrompt: QUESTION })],
    ['a non-answer counted', state({ phase: 'question', pendingPrompt: QUESTION, quality: { nonAnswers: 1, misunderstandings: 0 } })],
    ['another question', state({ phase: 'question', pendingPrompt: { ...QUESTION, lens: 'frustration' } })],
  ])('%s moves them', (_what, after) => {
    expect(progressMoved(before, output(after))).toBe(true);
  });

  test('the first turn of a session always does', () => {
    expect(progressMoved(null, output(before))).toBe(true);
  });
});
