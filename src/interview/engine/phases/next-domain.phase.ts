import { goodbye, misunderstood, offerNextDomain, startDomain } from '../conversation.steps';
import type { PhaseHandler } from '../turn-handler.types';

/** An area is done: another one, or stop. */
export const nextDomainPhase: PhaseHandler = {
  name: 'next-domain',
  canHandle: (ctx) => ctx.state.phase === 'next-domain',
  handle(ctx) {
    const { action, state } = ctx;
    const pending = state.pendingPrompt;
    // After "carry on" one area was proposed: a yes (or carrying on again) takes it.
    const proposed = pending?.key === 'offer-domain' ? ctx.findDomain(pending.domain) : undefined;
    if (proposed && (action.type === 'yes' || action.type === 'resume')) return startDomain(ctx, proposed);
    if (action.type === 'no' || action.type === 'skip') return goodbye(ctx);
    const domain = ctx.domainFrom(action);
    if (domain) return startDomain(ctx, domain);
    if (action.type === 'yes') {
      state.misunderstandings = 0;
      return ctx.ask('next-domain', { key: 'which-domain' });
    }
    // "Carry on" once an area is finished means keep going, not something to be puzzled by.
    if (action.type === 'resume') return offerNextDomain(ctx);
    return misunderstood(ctx);
  },
};
