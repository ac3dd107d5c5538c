import { repeatCurrent } from '../conversation.steps';
import type { TurnInterceptor } from '../turn-handler.types';

/** Help for where the customer is, then what is pending again. */
export const helpInterceptor: TurnInterceptor = {
  name: 'help',
  canHandle: (ctx) => ctx.action.type === 'help',
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
