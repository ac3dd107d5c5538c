import { deleteDataInterceptor } from '../../../../../src/interview/engine/interceptors/delete-data.interceptor';
import type { ConversationState, PromptRef } from '../../../../../src/interview/interview.types';
import { contextFor, enUS } from '../turn-context.fixtures';

const question: PromptRef = { key: 'question', domain: 'money', lens: 'fear', variant: 1 };
const inQuestion: Partial<ConversationState> = { phase: 'question', domain: 'money', lensIndex: 1, pendingPrompt: question };

describe('delete-data interceptor', () => {
  it('answers only "delete my answers"', () => {
    expect(deleteDataInterceptor.canHandle(contextFor({ type: 'delete-data' }, { state: inQuestion }))).toBe(true);
    expect(deleteDataInterceptor.canHandle(contextFor({ type: 'yes' }, { state: inQuestion }))).toBe(false);
  });

  it('asks for confirmation and remembers the pending question by reference, to come back to on a no', () => {
    const ctx = contextFor({ type: 'delete-data' }, { state: { ...inQuestion, misunderstandings: 2 } });
    expect(deleteDataInterceptor.handle(ctx)).toBe('replied');
    const out = ctx.reply.build(ctx.state);
    expect(out).toMatchObject({ kind: 'confirm-delete', reprompt: enUS.common.deleteConfirm.reprompt, effects: [] });
    expect(enUS.common.deleteConfirm.prompt).toContain(out.speech);
    expect(ctx.state).toMatchObject({ phase: 'confirm-delete', returnPhase: 'question', returnPrompt: question, misunderstandings: 0 });
    expect(ctx.state.pendingPrompt).toMatchObject({ key: 'confirm-delete' });
  });

  it('asked again while confirming, keeps the place from before the first time', () => {
    const ctx = contextFor(
      { type: 'delete-data' },
      { state: { ...inQuestion, phase: 'confirm-delete', returnPhase: 'question', returnPrompt: question, pendingPrompt: { key: 'confirm-delete', variant: 0 } } },
    );
    deleteDataInterceptor.handle(ctx);
    expect(ctx.state).toMatchObject({ returnPhase: 'question', returnPrompt: question });
  });
});
