import { askDomain, misunderstood, startDomain } from '../conversation.steps';
import type { PhaseHandler } from '../turn-handler.types';

/** A returning customer decides whether to carry on where they stopped. */
export const resumeOfferPhase: PhaseHandler = {
  name: 'resume-offer',
  canHandle: (ctx) => ctx.state.phase === 'resume-offer',
  handle(ctx) {
    const { action, state } = ctx;
    const resume = state.resumeOffer ?? null;
    const resumeDomain = resume ? ctx.findDomain(resume.domain) : undefined;
    if ((action.type === 'yes' || action.type === 'resume') && resume && resumeDomain) {
      return startDomain(ctx, resumeDomain, resume.lensIndex);
    }
    if (action.type === 'no') {
      state.misunderstandings = 0;
      return askDomain(ctx);
    }
    const domain = ctx.domainFrom(action);
    if (domain) return startDomain(ctx, domain, 0);
    return misunderstood(ctx);
  },
};
