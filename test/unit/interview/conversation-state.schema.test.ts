import { createThemeClassifier } from '../../../src/classifier/theme.classifier';
import { parseConversationState } from '../../../src/interview/conversation-state.schema';
import { InterviewEngine } from '../../../src/interview/engine/interview.engine';
import type { ConversationState, CustomerAction, Who } from '../../../src/interview/interview.types';
import { HOME_PARTNERS } from './partner-offer.fixtures';
import { content, enUS, money } from './engine/turn-context.fixtures';

const who: Who = { userId: 'u', sessionId: 'schema', platform: 'dialogflow', locale: 'en-US' };
const engine = new InterviewEngine({ content, classifier: createThemeClassifier(), partners: HOME_PARTNERS });

function play(actions: CustomerAction[]): ConversationState {
  let state: ConversationState | null = null;
  for (const action of actions) state = engine.turn({ who, action, state }).state;
  return state as ConversationState;
}

/** A version-1 state as a session in flight during the upgrade carries it: sentences where ids now are. */
function v1State(overrides: Record<string, unknown> = {}) {
  return {
    version: 1,
    phase: 'question',
    domain: 'money',
    lensIndex: 1,
    usedVariants: ['chooseDomain#1', 'domainIntro#0', 'q:money.dream#0', 'ackOther#2', 'q:money.fear#1'],
    lastReprompt: money.questions.fear[1],
    domainsDone: [],
    misunderstandings: 0,
    turn: 4,
    sessionThemes: {},
    offeredPartners: ['homes-r-us'],
    closingNotes: ["I've sent you Homes R Us's details."],
    returning: false,
    storedThemes: {},
    ...overrides,
  };
}

describe('parseConversationState', () => {
  it('reads back what the engine wrote, through JSON', () => {
    const state = play([{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }, { type: 'answer', text: 'buying my first house' }, { type: 'delete-data' }]);
    expect(state.returnPrompt).toMatchObject({ key: 'probe' });
    expect(parseConversationState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it.each([
    ['an unknown version', { ...play([{ type: 'launch' }]), version: 3 }],
    ['a prompt reference of an unknown kind', { ...play([{ type: 'launch' }]), pendingPrompt: { key: 'sing-a-song', variant: 0 } }],
    ['a sentence where a prompt reference belongs', { ...play([{ type: 'launch' }]), pendingPrompt: 'Which area?' }],
    ['a closing note as a sentence', { ...play([{ type: 'launch' }]), closingNotes: ['I have sent you the details.'] }],
  ])('refuses %s (the conversation starts afresh)', (_name, value) => {
    expect(parseConversationState(value)).toBeNull();
  });

  it('reads a version-2 state from before the listening counts with nothing counted and nothing answered yet', () => {
    const { quality: _quality, nonAnswersInRow: _row, answeredLenses: _answered, ...older } = play([{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }]);
    const state = parseConversationState(JSON.parse(JSON.stringify(older)));
    expect(state).toMatchObject({ quality: { nonAnswers: 0, misunderstandings: 0 }, nonAnswersInRow: 0, answeredLenses: {} });
    // And the engine carries on from it, counting from there.
    expect(engine.turn({ who, action: { type: 'answer', text: 'dunno' }, state }).state.quality.nonAnswers).toBe(1);
  });

  it('keeps the counts, what was answered and the new prompts through JSON', () => {
    const state = play([{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }, { type: 'answer', text: 'um' }, { type: 'answer', text: 'a house of our own' }, { type: 'unknown' }]);
    expect(state).toMatchObject({ quality: { nonAnswers: 1, misunderstandings: 1 }, answeredLenses: { money: ['dream'] } });
    expect(parseConversationState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    for (const pendingPrompt of [{ key: 'domain-covered', domain: 'money', variant: 0 }, { key: 'offer-domain', domain: 'food', variant: 1 }]) {
      expect(parseConversationState({ ...state, phase: 'next-domain', pendingPrompt })?.pendingPrompt).toEqual(pendingPrompt);
    }
    expect(parseConversationState({ ...state, answeredLenses: { money: ['hope'] } })).toBeNull();
  });

  describe('a version-1 state from a session in flight', () => {
    it('becomes version 2 with the pending prompt as a reference, and no sentences', () => {
      const state = parseConversationState(v1State());
      expect(state).not.toBeNull();
      expect(state).toMatchObject({ version: 2, pendingPrompt: { key: 'question', domain: 'money', lens: 'fear', variant: 1 }, closingNotes: [] });
      expect(state).not.toHaveProperty('lastReprompt');
      expect(JSON.stringify(state)).not.toContain(money.questions.fear[1]);
    });

    it('carries on where it was: repeat says the question that was pending', () => {
      const out = engine.turn({ who, action: { type: 'repeat' }, state: parseConversationState(v1State()) });
      expect(out.speech).toBe(money.questions.fear[1]);
      expect(out.awaitingAnswer).toBe(true);
    });

    it('returns from a delete confirmation to the question it interrupted', () => {
      const value = v1State({ phase: 'confirm-delete', returnPhase: 'question', returnPrompt: money.questions.fear[1], lastReprompt: enUS.common.deleteConfirm.reprompt });
      const out = engine.turn({ who, action: { type: 'no' }, state: parseConversationState(value) });
      expect(out.kind).toBe('repeat');
      expect(out.speech).toBe(`${enUS.common.deleteCancelled} ${money.questions.fear[1]}`);
    });

    it('re-asks the follow-up that was pending, found from the phrasing recorded for it', () => {
      const probe = money.probes.byTheme!.home!;
      const value = v1State({ phase: 'probe', lensIndex: 0, usedVariants: ['q:money.dream#0', `probe:money.home#${probe.length - 1}`], lastReprompt: probe.at(-1) });
      const out = engine.turn({ who, action: { type: 'repeat' }, state: parseConversationState(value) });
      expect(out.speech).toBe(probe.at(-1));
    });

    it('still ends with a goodbye (the old closing sentences are dropped, not spoken from state)', () => {
      const out = engine.turn({ who, action: { type: 'stop' }, state: parseConversationState(v1State()) });
      expect(out.kind).toBe('goodbye');
      expect(out.speech).not.toContain('Homes R Us');
    });
  });
});
