import { LENSES } from '../../interview.types';
import { askDomain } from '../conversation.steps';
import type { TurnContext } from '../turn.context';
import type { TurnInterceptor } from '../turn-handler.types';

/**
 * A session's first turn greets (first-timers hear what is stored and how to delete it) and asks
 * for an area, or offers a returning customer to carry on. A one-shot launch ("ask life path to
 * talk about food") carries an action too: then the greeting stays and the action is answered.
 */
export const welcomeInterceptor: TurnInterceptor = {
  name: 'welcome',
  canHandle: (ctx) => ctx.firstTurn,
  handle(ctx) {
    welcome(ctx);
    if (ctx.action.type === 'launch') return 'replied';
    ctx.reply.clearSpeech();
    ctx.say(greeting(ctx));
    return 'continue';
  },
};

function welcome(ctx: TurnContext): void {
  const { state } = ctx;
  ctx.say(greeting(ctx));
  const resume = ctx.profile?.resume ?? null;
  const resumeDomain = resume ? ctx.findDomain(resume.domain) : undefined;
  if (state.returning && resume && resumeDomain && resume.lensIndex < LENSES.length) {
    state.phase = 'resume-offer';
    state.resumeOffer = resume;
    ctx.ask('resume-offer', { key: 'resume-offer', domain: resumeDomain.id });
    return;
  }
  askDomain(ctx);
  ctx.reply.kind('welcome');
}

function greeting(ctx: TurnContext): string {
  if (ctx.state.returning) return ctx.pick('welcomeReturning', ctx.common.welcome.returning);
  return `${ctx.pick('welcomeNew', ctx.common.welcome.new)} ${ctx.common.notice}`;
}
