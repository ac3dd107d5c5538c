import { advanceLens, answerText, misunderstood, questionId, recordAnswer, skip } from '../conversation.steps';
import { answerNonAnswer } from '../non-answer.steps';
import type { PhaseHandler } from '../turn-handler.types';

/** A follow-up to the last answer is open; its answer is linked to that one. */
export const probePhase: PhaseHandler = {
  name: 'probe',
  canHandle: (ctx) => ctx.state.phase === 'probe',
  handle(ctx) {
    const { action, state } = ctx;
    const domain = ctx.currentDomain();
    if (action.type === 'skip') return skip(ctx, domain);
    const text = answerText(action);
    if (text === undefined) return misunderstood(ctx);
    const nonAnswer = ctx.content.nonAnswers.detect(text);
    if (nonAnswer !== null) return answerNonAnswer(ctx, domain, nonAnswer);
    state.misunderstandings = 0;
    const lens = ctx.currentLens();
    recordAnswer(ctx, domain, lens, `${questionId(domain, lens)}.probe`, state.probeParentId ?? null, text);
    ctx.say(ctx.pick('probeThanks', ctx.common.probeThanks));
    return advanceLens(ctx, domain);
  },
};
