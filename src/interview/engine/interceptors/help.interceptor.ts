import type { Phase } from '../../interview.types';
import { repeatCurrent } from '../conversation.steps';
import type { TurnInterceptor } from '../turn-handler.types';

/** Where "who are they?" has a partner to describe; the offer phases answer it themselves. */
const OFFER_PHASES: readonly Phase[] = ['partner-offer', 'partner-share'];

/**
 * Help for where the customer is, then what is pending again. "What is that?" with no partner on
 * offer is a request to understand where they are, which is what the help says.
 */
export const helpInterceptor: TurnInterceptor = {
  name: 'help',
  canHandle: (ctx) => ctx.action.type === 'help' || (ctx.action.type === 'ask-about-partner' && !OFFER_PHASES.includes(ctx.state.phase)),
  handle(ctx) {
    ctx.state.misunderstandings = 0;
    const phase = ctx.state.phase;
    // Before the first choice, and after the end, the useful help is how to pick an area.
    const key = phase === 'start' || phase === 'ended' ? 'choose-domain' : phase;
    ctx.say(ctx.common.help[key]);
    repeatCurrent(ctx, 'help');
    return 'replied';
  },
};
