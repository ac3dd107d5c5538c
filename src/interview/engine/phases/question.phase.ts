import { NO_CONCERN_THEME_ID, OTHER_THEME_ID } from '../../../classifier/theme.contract';
import { LENSES } from '../../interview.types';
import { countWords } from '../../words';
import { advanceLens, answerText, markAnswered, misunderstood, questionId, recordAnswer, repeatCurrent, skip } from '../conversation.steps';
import { answerNonAnswer } from '../non-answer.steps';
import { probeRequest } from '../prompt.catalog';
import type { TurnContext } from '../turn.context';
import type { PhaseHandler } from '../turn-handler.types';

/** Words that on their own are no answer to an open question. */
const BARE_REPLY = /^(yes|no|yeah|nope|ok|okay)$/i;

/** A question is open: the customer's words are the answer. */
export const questionPhase: PhaseHandler = {
  name: 'question',
  canHandle: (ctx) => ctx.state.phase === 'question',
  handle(ctx) {
    const { action, state } = ctx;
    const domain = ctx.currentDomain();
    if (action.type === 'skip') return skip(ctx, domain);
    // A bare answer that happens to name a domain ("money") arrives as a domain choice; while a
    // question is open it is an answer. Switching topic is "change topic" / "switch to food".
    if (action.type === 'resume') return repeatCurrent(ctx, 'repeat');
    const text = answerText(action);
    if (text === undefined) return misunderstood(ctx);
    const words = countWords(text);
    if (words < 2 && (action.type === 'yes' || action.type === 'no' || BARE_REPLY.test(text))) {
      return misunderstood(ctx, ctx.pick('tooShort', ctx.common.tooShort));
    }
    const nonAnswer = ctx.content.nonAnswers.detect(text);
    if (nonAnswer !== null) return answerNonAnswer(ctx, domain, nonAnswer);
    state.misunderstandings = 0;
    const lens = ctx.currentLens();
    const answer = recordAnswer(ctx, domain, lens, questionId(domain, lens), null, text);
    markAnswered(ctx, domain, lens);
    // The question is answered: a customer who leaves during the follow-up resumes at the next
    // open one, and when none is left the area counts as done.
    const next = ctx.openLens(domain.id, state.lensIndex + 1) ?? LENSES.length;
    if (next >= LENSES.length && !state.domainsDone.includes(domain.id)) state.domainsDone.push(domain.id);
    ctx.saveResume(next);
    const top = answer.themes[0]?.id ?? OTHER_THEME_ID;
    acknowledge(ctx, domain.id, top);
    // "No worries there" has no worry to dig into; a long answer has said enough already.
    if (top === NO_CONCERN_THEME_ID || words >= ctx.common.probeMaxWords) return advanceLens(ctx, domain);
    state.phase = 'probe';
    state.probeParentId = answer.id;
    ctx.ask('probe', probeRequest(domain, lens, top));
  },
};

function acknowledge(ctx: TurnContext, domain: string, theme: string): void {
  if (theme === OTHER_THEME_ID) {
    ctx.say(ctx.pick('ackOther', ctx.common.acknowledge.other));
    return;
  }
  if (theme === NO_CONCERN_THEME_ID) {
    ctx.say(ctx.pick('ackNoConcern', ctx.common.acknowledge.noConcern));
    return;
  }
  // Reflect the theme in plain words, never the customer's own (possibly sensitive) phrasing.
  ctx.say(ctx.fill(ctx.pick('ackTheme', ctx.common.acknowledge.theme), { theme: ctx.classifier.label(domain, theme) }));
}
