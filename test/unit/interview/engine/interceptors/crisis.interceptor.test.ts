import { crisisInterceptor } from '../../../../../src/interview/engine/interceptors/crisis.interceptor';
import { contextFor, enUS } from '../turn-context.fixtures';

describe('crisis interceptor', () => {
  it('hears crisis language in what was said even when the platform mapped it to a command', () => {
    const ctx = contextFor({ type: 'help' }, { state: { phase: 'question', domain: 'money' }, utterance: 'help me my partner hurts me' });
    expect(crisisInterceptor.canHandle(ctx)).toBe(true);
    expect(crisisInterceptor.handle(ctx)).toBe('replied');
    const out = ctx.reply.build(ctx.state);
    expect(out).toMatchObject({ kind: 'crisis', speech: enUS.common.crisis.response, endSession: true, effects: [] });
    expect(ctx.state.phase).toBe('ended');
  });

  it('lets everyday words through', () => {
    expect(crisisInterceptor.canHandle(contextFor({ type: 'answer', text: 'the fees are killing me' }))).toBe(false);
    expect(crisisInterceptor.canHandle(contextFor({ type: 'skip' }))).toBe(false);
  });
});
