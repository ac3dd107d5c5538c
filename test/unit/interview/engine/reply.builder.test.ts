import { initialState } from '../../../../src/interview/conversation-state.factory';
import { ReplyBuilder } from '../../../../src/interview/engine/reply.builder';
import type { ConversationState } from '../../../../src/interview/interview.types';

const inPhase = (phase: ConversationState['phase']): ConversationState => ({ ...initialState(), phase });

describe('ReplyBuilder', () => {
  it('joins spoken parts in order, trimmed, dropping blank ones', () => {
    const out = new ReplyBuilder().say('  Hello there. ', '', '   ').say('Which area?').build(inPhase('choose-domain'));
    expect(out.speech).toBe('Hello there. Which area?');
  });

  it('falls back from its own reprompt to the pending prompt, then to the speech', () => {
    const state = inPhase('choose-domain');
    expect(new ReplyBuilder().say('Hi?').reprompt('Own?').build(state, 'Pending?').reprompt).toBe('Own?');
    expect(new ReplyBuilder().say('Hi?').build(state, 'Pending?').reprompt).toBe('Pending?');
    expect(new ReplyBuilder().say('Hi?').build(state).reprompt).toBe('Hi?');
  });

  it('has no reprompt and awaits no answer once the session ends', () => {
    const out = new ReplyBuilder().say('Bye.').reprompt('Still there?').kind('goodbye').end().build(inPhase('question'));
    expect(out).toMatchObject({ kind: 'goodbye', endSession: true, reprompt: undefined, awaitingAnswer: false });
  });

  it('awaits free speech only while a question or a follow-up is open', () => {
    const awaiting = (phase: ConversationState['phase']) => new ReplyBuilder().say('?').build(inPhase(phase)).awaitingAnswer;
    expect([awaiting('question'), awaiting('probe'), awaiting('choose-domain'), awaiting('partner-offer')]).toEqual([true, true, false, false]);
  });

  it('clearing the speech keeps kind, reprompt, card and effects', () => {
    const out = new ReplyBuilder()
      .say('Welcome.')
      .kind('welcome')
      .reprompt('Which one?')
      .card({ title: 'T', text: 'x' })
      .effect({ kind: 'erase' })
      .clearSpeech()
      .say('Hello again.')
      .build(inPhase('choose-domain'));
    expect(out).toMatchObject({ speech: 'Hello again.', kind: 'welcome', reprompt: 'Which one?', card: { title: 'T' }, effects: [{ kind: 'erase' }] });
  });

  it('is silent and open until told otherwise, and hands out a copy of its effects', () => {
    const builder = new ReplyBuilder().effect({ kind: 'erase' }).askPermission('email');
    const out = builder.build(inPhase('next-domain'));
    expect(out).toMatchObject({ kind: 'silent', endSession: false, askPermission: 'email' });
    builder.effect({ kind: 'erase' });
    expect(out.effects).toHaveLength(1);
  });
});
