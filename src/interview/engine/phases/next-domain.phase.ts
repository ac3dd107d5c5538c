import { goodbye, misunderstood, startDomain } from '../conversation.steps';
import type { PhaseHandler } from '../turn-handler.types';

/** An area is done: another one, or stop. */
export const nextDomainPhase: PhaseHandler = {
  name: 'next-domain',
  canHandle: (ctx) => ctx.state.phase === 'next-domain',
  handle(ctx) {
    const { action } = ctx;
    if (action.type === 'no' || action.type === 'skip') return goodbye(ctx);
    const domain = ctx.domainFrom(action);
    if (domain) return startDomain(ctx, domain, 0);
    if (action.type === 'yes') {
      ctx.state.misunderstandings = 0;
      return ctx.ask('next-domain', { key: 'which-domain' });
    }
    return misunderstood(ctx);
  },
};
