import { crisisInterceptor } from '../../../../../src/interview/engine/interceptors/crisis.interceptor';
import type { DistressAssessment, DistressDetector } from '../../../../../src/safety/distress.types';
import { contextFor, enUS } from '../turn-context.fixtures';

/** A detector that answers the same for every text, to test how the interceptor weighs it. */
function always(assessment: DistressAssessment): DistressDetector {
  return { assess: () => assessment, languages: () => ['en'] };
}
const MODEL_ONLY: DistressAssessment = { distress: true, category: 'suicidal', score: 0.93, cues: ['model'] };
const STRONG_ABUSE: DistressAssessment = { distress: true, category: 'abuse', score: 1, cues: ['abuser-act'] };

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

  it("lets the model decide alone on free speech, but needs a strong cue on a command's words", () => {
    const answer = contextFor({ type: 'answer', text: 'anything' }, { distress: always(MODEL_ONLY) });
    expect(crisisInterceptor.canHandle(answer)).toBe(true);
    const command = contextFor({ type: 'what-do-you-know' }, { distress: always(MODEL_ONLY), utterance: 'tell me what you know about me' });
    expect(crisisInterceptor.canHandle(command)).toBe(false);
    const strong = contextFor({ type: 'help' }, { distress: always(STRONG_ABUSE), utterance: 'help he hits me' });
    expect(crisisInterceptor.canHandle(strong)).toBe(true);
  });

  it('answers abuse with the abuse helpline reply', () => {
    const ctx = contextFor({ type: 'answer', text: 'anything' }, { distress: always(STRONG_ABUSE) });
    crisisInterceptor.handle(ctx);
    expect(ctx.reply.build(ctx.state).speech).toBe(enUS.common.crisis.abuseResponse);
  });
});
