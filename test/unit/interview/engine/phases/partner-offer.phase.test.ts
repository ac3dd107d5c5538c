import { partnerOfferPhase } from '../../../../../src/interview/engine/phases/partner-offer.phase';
import type { ConversationState } from '../../../../../src/interview/interview.types';
import { HOME_PARTNERS } from '../../partner-offer.fixtures';
import { contextFor } from '../turn-context.fixtures';

const offered: Partial<ConversationState> = {
  phase: 'partner-offer',
  domain: 'money',
  lensIndex: 3,
  pendingPartnerId: 'homes-r-us',
  pendingPartnerTheme: 'home',
  offeredPartners: ['homes-r-us'],
  domainsDone: ['money'],
};

describe('partner-offer phase', () => {
  it('on yes sends the card, records consent and hand-off, and keeps the closing note as an id', () => {
    const ctx = contextFor({ type: 'yes' }, { state: offered, partners: HOME_PARTNERS, who: { capabilities: { cards: true, contactPermission: true } } });
    partnerOfferPhase.handle(ctx);
    const out = ctx.reply.build(ctx.state);
    expect(out.card).toMatchObject({ title: 'Homes R Us' });
    expect(out.effects).toContainEqual({ kind: 'consent', subject: 'partner-card:homes-r-us', granted: true });
    expect(out.effects).toContainEqual({ kind: 'handoff', id: 'id-1', partnerId: 'homes-r-us', domain: 'money', theme: 'home', mode: 'card' });
    expect(ctx.state.closingNotes).toEqual([{ id: 'partner.closingNote', partnerId: 'homes-r-us' }]);
    expect(ctx.state).toMatchObject({ phase: 'partner-share', pendingPrompt: { key: 'partner-share', partnerId: 'homes-r-us' } });
    expect(out.reprompt).toMatch(/Homes R Us/);
  });

  it('on no sends nothing and moves to the next area', () => {
    const ctx = contextFor({ type: 'no' }, { state: offered, partners: HOME_PARTNERS });
    partnerOfferPhase.handle(ctx);
    const out = ctx.reply.build(ctx.state);
    expect(out.card).toBeUndefined();
    expect(out.effects.filter((e) => e.kind !== 'resume')).toEqual([]);
    expect(ctx.state).toMatchObject({ phase: 'next-domain', closingNotes: [], pendingPartnerId: undefined });
  });
});
