import { questionPhase } from '../../../../../src/interview/engine/phases/question.phase';
import type { ConversationState, CustomerAction } from '../../../../../src/interview/interview.types';
import { contextFor, enUS, fixedClassifier, money } from '../turn-context.fixtures';

const open: Partial<ConversationState> = {
  phase: 'question',
  domain: 'money',
  lensIndex: 0,
  pendingPrompt: { key: 'question', domain: 'money', lens: 'dream', variant: 0 },
};

function run(action: CustomerAction, theme = 'home', state: Partial<ConversationState> = open) {
  const ctx = contextFor(action, { state, classifier: fixedClassifier(theme, 'owning a home') });
  expect(questionPhase.canHandle(ctx)).toBe(true);
  questionPhase.handle(ctx);
  return { ctx, out: ctx.reply.build(ctx.state, ctx.render(ctx.state.pendingPrompt)) };
}

describe('question phase', () => {
  it('handles only an open question', () => {
    expect(questionPhase.canHandle(contextFor({ type: 'answer', text: 'x' }, { state: { ...open, phase: 'probe' } }))).toBe(false);
  });

  it('records the answer with an id from the id source, acknowledges its theme and asks the follow-up for that theme', () => {
    const { ctx, out } = run({ type: 'answer', text: 'buying a place of our own' });
    expect(out.effects).toContainEqual({
      kind: 'answer',
      id: 'id-1',
      domain: 'money',
      lens: 'dream',
      questionId: 'money.dream',
      parentAnswerId: null,
      text: 'buying a place of our own',
      themes: [{ id: 'home', score: 1 }],
      sentiment: 0.5,
    });
    expect(out.speech).toContain('owning a home');
    expect(out.kind).toBe('probe');
    expect(ctx.state).toMatchObject({ phase: 'probe', probeParentId: 'id-1', sessionThemes: { money: ['home'] } });
    // The pending follow-up is kept as an id and rendered back to exactly what was asked.
    expect(ctx.state.pendingPrompt).toEqual({ key: 'probe', domain: 'money', theme: 'home', variant: expect.any(Number) });
    expect(money.probes.byTheme!.home).toContain(out.reprompt);
    expect(out.speech.endsWith(out.reprompt!)).toBe(true);
  });

  it('falls back to the lens follow-up for a theme without its own', () => {
    const { ctx } = run({ type: 'answer', text: 'something else entirely' }, 'other');
    const expected = money.probes.byLens?.dream ? { key: 'probe', domain: 'money', lens: 'dream' } : { key: 'probe', domain: 'money' };
    expect(ctx.state.pendingPrompt).toMatchObject(expected);
  });

  it('needs no follow-up after a long answer and asks the next question', () => {
    const long = Array.from({ length: enUS.common.probeMaxWords }, (_, i) => `word${i}`).join(' ');
    const { ctx, out } = run({ type: 'answer', text: long });
    expect(out.kind).toBe('question');
    expect(ctx.state).toMatchObject({ phase: 'question', lensIndex: 1 });
    expect(money.questions.fear).toContain(out.reprompt);
  });

  it('asks for more after a bare yes, keeping the question pending', () => {
    const { ctx, out } = run({ type: 'yes' });
    expect(out.kind).toBe('clarify');
    expect(out.effects).toEqual([]);
    expect(ctx.state.misunderstandings).toBe(1);
    expect(ctx.state.pendingPrompt).toEqual(open.pendingPrompt);
    expect(out.reprompt).toBe(money.questions.dream[0]);
  });

  it('moves on after a skip and records where to resume', () => {
    const { out } = run({ type: 'skip' });
    expect(out.kind).toBe('question');
    expect(out.effects).toContainEqual({ kind: 'resume', resume: { domain: 'money', lensIndex: 1 }, domainsDone: [] });
  });
});
