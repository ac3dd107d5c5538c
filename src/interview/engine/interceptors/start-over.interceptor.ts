import { askDomain } from '../conversation.steps';
import type { TurnInterceptor } from '../turn-handler.types';

export const startOverInterceptor: TurnInterceptor = {
  name: 'start-over',
  canHandle: (ctx) => ctx.action.type === 'start-over',
  handle(ctx) {
    const { state } = ctx;
    state.misunderstandings = 0;
    ctx.say(ctx.common.startOver);
    state.domain = undefined;
    state.lensIndex = 0;
    askDomain(ctx);
    return 'replied';
  },
};
