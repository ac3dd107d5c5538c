import type { DomainContent } from '../../content/content.schema';
import type { NonAnswerKind } from '../../listening/non-answer.detector';
import { advanceLens } from './conversation.steps';
import { wordingOf } from './prompt.catalog';
import type { TurnContext } from './turn.context';

/** Non-answers in a row to one question after which the interview leaves it rather than ask a third time. */
export const NON_ANSWERS_BEFORE_MOVING_ON = 2;

/**
 * The customer's words carried nothing ("dunno", "pass", "play some music"): nothing is stored and
 * nothing is thanked. The first time, a gentle line for the kind of non-answer and the question
 * again in other words; the second time in a row, the interview moves on to the next question.
 * Every such reply says how to stop or change area. It is not a misunderstanding: the customer
 * was understood, so it neither counts towards ending the session nor keeps a run of them going.
 */
export function answerNonAnswer(ctx: TurnContext, domain: DomainContent, kind: NonAnswerKind): void {
  const { state, common } = ctx;
  state.misunderstandings = 0;
  state.quality.nonAnswers += 1;
  state.nonAnswersInRow += 1;
  if (state.nonAnswersInRow >= NON_ANSWERS_BEFORE_MOVING_ON) {
    ctx.say(ctx.pick('nonAnswerMoveOn', common.nonAnswer.moveOn));
    const howToStopGoesHere = ctx.reply.mark();
    // A follow-up left this way keeps the answer it followed up; the next question comes either way.
    advanceLens(ctx, domain);
    // Moving on can close the session (the last area done): a goodbye needs no instructions.
    if (!ctx.reply.ended) ctx.reply.sayAt(howToStopGoesHere, common.nonAnswer.howToStop);
    return;
  }
  ctx.say(ctx.pick(`nonAnswer.${kind}`, common.nonAnswer.lead[kind]), common.nonAnswer.howToStop, ctx.pick('nonAnswerReask', common.nonAnswer.reask));
  askInOtherWords(ctx, domain);
}

/** The pending question or follow-up once more, in a phrasing other than the one just heard. */
function askInOtherWords(ctx: TurnContext, domain: DomainContent): void {
  const pending = ctx.state.pendingPrompt;
  if (pending?.key === 'question' || pending?.key === 'probe') {
    const { variant, ...request } = pending;
    const wording = wordingOf(request, ctx.content, ctx.partners);
    if (wording && wording.variants.length > 1) return ctx.ask('non-answer', request, variant);
    // A follow-up written with one phrasing only is asked in the area's general follow-up words.
    if (pending.key === 'probe') return ctx.ask('non-answer', { key: 'probe', domain: domain.id });
  }
  ctx.ask('non-answer', { key: 'question', domain: domain.id, lens: ctx.currentLens() });
}
