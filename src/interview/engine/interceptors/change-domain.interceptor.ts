import { askDomain, startDomain } from '../conversation.steps';
import type { TurnInterceptor } from '../turn-handler.types';

/** "Switch to food" starts that area; "change topic" alone asks which one. */
export const changeDomainInterceptor: TurnInterceptor = {
  name: 'change-domain',
  canHandle: (ctx) => ctx.action.type === 'change-domain',
  handle(ctx) {
    const { action, state } = ctx;
    state.misunderstandings = 0;
    if (action.type === 'change-domain' && action.domain !== undefined) {
      const domain = ctx.findDomain(action.domain);
      if (domain) {
        startDomain(ctx, domain, 0);
        return 'replied';
      }
    }
    state.domain = undefined;
    askDomain(ctx);
    return 'replied';
  },
};
