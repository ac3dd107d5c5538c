import { afterDomain, describePartner, misunderstood } from '../conversation.steps';
import type { PhaseHandler } from '../turn-handler.types';

/** After a card was sent: may the partner have the customer's contact details? Yes, no or skip all answer it. */
export const partnerSharePhase: PhaseHandler = {
  name: 'partner-share',
  canHandle: (ctx) => ctx.state.phase === 'partner-share',
  handle(ctx) {
    const { action, state, reply } = ctx;
    const partner = state.pendingPartnerId ? ctx.partners.get(state.pendingPartnerId) : null;
    const domain = ctx.currentDomain();
    if (!partner) return afterDomain(ctx, domain, true);
    if (action.type === 'ask-about-partner') return describePartner(ctx, partner);
    if (action.type !== 'yes' && action.type !== 'no' && action.type !== 'skip') return misunderstood(ctx);
    state.misunderstandings = 0;
    const granted = action.type === 'yes';
    reply.effect({ kind: 'consent', subject: `partner-lead:${partner.id}`, granted });
    const theme = state.pendingPartnerTheme ?? partner.themes[0] ?? 'other';
    state.pendingPartnerId = undefined;
    state.pendingPartnerTheme = undefined;
    if (granted) {
      reply.effect({ kind: 'handoff', id: ctx.newId(), partnerId: partner.id, domain: domain.id, theme, mode: 'lead' });
      reply.askPermission('email');
      ctx.say(ctx.fill(ctx.common.partner.shared, { partner: partner.name }));
    } else {
      ctx.say(ctx.common.partner.declined);
    }
    return afterDomain(ctx, domain, true);
  },
};
