import { misunderstood, startDomain } from '../conversation.steps';
import type { PhaseHandler } from '../turn-handler.types';

/** Picking an area, at the start of a session and whenever the customer is asked for one. */
export const chooseDomainPhase: PhaseHandler = {
  name: 'choose-domain',
  canHandle: (ctx) => ctx.state.phase === 'start' || ctx.state.phase === 'choose-domain',
  handle(ctx) {
    const domain = ctx.domainFrom(ctx.action);
    if (domain) return startDomain(ctx, domain, 0);
    return misunderstood(ctx, ctx.fill(ctx.common.chooseDomain.clarify));
  },
};
