import { afterDomain, describePartner, misunderstood } from '../conversation.steps';
import type { PhaseHandler } from '../turn-handler.types';

/** A partner service was offered; only an explicit yes sends its card and records the consent. */
export const partnerOfferPhase: PhaseHandler = {
  name: 'partner-offer',
  canHandle: (ctx) => ctx.state.phase === 'partner-offer',
  handle(ctx) {
    const { action, state, reply } = ctx;
    const partner = state.pendingPartnerId ? ctx.partners.get(state.pendingPartnerId) : null;
    const domain = ctx.currentDomain();
    if (!partner) return afterDomain(ctx, domain);
    if (action.type === 'ask-about-partner') return describePartner(ctx, partner);
    if (action.type === 'yes') {
      state.misunderstandings = 0;
      reply.effect({ kind: 'consent', subject: `partner-card:${partner.id}`, granted: true });
      reply.effect({ kind: 'handoff', id: ctx.newId(), partnerId: partner.id, domain: domain.id, theme: state.pendingPartnerTheme ?? partner.themes[0] ?? 'other', mode: 'card' });
      reply.card({ title: partner.name, text: partner.description, url: partner.url });
      ctx.say(ctx.fill(ctx.common.partner.sent, { partner: partner.name }));
      state.closingNotes.push({ id: 'partner.closingNote', partnerId: partner.id });
      if (partner.acceptsLeads && ctx.capabilities.contactPermission) {
        state.phase = 'partner-share';
        return ctx.ask('partner-offer', { key: 'partner-share', partnerId: partner.id });
      }
      state.pendingPartnerId = undefined;
      state.pendingPartnerTheme = undefined;
      return afterDomain(ctx, domain, true);
    }
    if (action.type === 'no' || action.type === 'skip') {
      state.misunderstandings = 0;
      state.pendingPartnerId = undefined;
      state.pendingPartnerTheme = undefined;
      ctx.say(ctx.common.partner.declined);
      return afterDomain(ctx, domain, true);
    }
    return misunderstood(ctx);
  },
};
