import { misunderstood, offerNextDomain, startDomain } from '../conversation.steps';
import type { PhaseHandler } from '../turn-handler.types';

/** Picking an area, at the start of a session and whenever the customer is asked for one. */
export const chooseDomainPhase: PhaseHandler = {
  name: 'choose-domain',
  canHandle: (ctx) => ctx.state.phase === 'start' || ctx.state.phase === 'choose-domain',
  handle(ctx) {
    const domain = ctx.domainFrom(ctx.action);
    if (domain) return startDomain(ctx, domain);
    // Once an area is finished (this session or an earlier one), "carry on" asks for the next one.
    if (ctx.action.type === 'resume' && ctx.state.domainsDone.length > 0) return offerNextDomain(ctx);
    // The clarification only says what went wrong; the choice that follows names the areas, once.
    return misunderstood(ctx, ctx.fill(ctx.common.chooseDomain.clarify));
  },
};
