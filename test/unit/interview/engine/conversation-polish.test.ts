import { asClause } from '../../../../src/interview/engine/prompt.catalog';
import type { CustomerAction, RespondentProfile, Who } from '../../../../src/interview/interview.types';
import { createPartnerDirectory } from '../../../../src/partners/partner.matcher';
import { HOME_PARTNERS, TO_PARTNER_OFFER } from '../partner-offer.fixtures';
import { answer, domainOf, enUS, makeEngine, play, realClassifier, stored, who } from './engine-play.fixtures';

const money = domainOf('money');
const common = enUS.common;
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('an area that is not recognised', () => {
  it('is clarified with the list of areas said once', () => {
    const outs = play(makeEngine(), [{ type: 'launch' }, { type: 'unknown', text: 'purple monkey dishwasher' }]);
    expect(outs[1]!.kind).toBe('clarify');
    expect(outs[1]!.speech).toContain(common.chooseDomain.clarify);
    for (const domain of enUS.domains) expect(occurrences(outs[1]!.speech, domain.name)).toBe(1);
  });
});

describe('coming back to an area', () => {
  const toMoney: CustomerAction[] = [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }];

  it('starts at the first question not yet answered', () => {
    const outs = play(makeEngine(), [...toMoney, answer('buying a little house'), answer('we could stop renting'), { type: 'change-domain', domain: 'food' }, { type: 'change-domain', domain: 'money' }]);
    const back = outs.at(-1)!;
    expect(back.kind).toBe('question');
    expect(back.state.pendingPrompt).toMatchObject({ key: 'question', domain: 'money', lens: 'fear' });
    expect(money.questions.fear).toContain(back.reprompt);
  });

  it('asks again what was skipped, then only what is still open', () => {
    const outs = play(makeEngine(), [
      ...toMoney,
      { type: 'skip' },
      answer('losing my job'),
      { type: 'skip' },
      { type: 'change-domain', domain: 'food' },
      { type: 'change-domain', domain: 'money' },
      answer('retiring somewhere warm'),
      { type: 'skip' },
    ]);
    expect(outs[6]!.state.pendingPrompt).toMatchObject({ lens: 'dream' });
    // After the dream, the fear (answered) is passed over for the frustration.
    expect(outs[8]!.state.pendingPrompt).toMatchObject({ key: 'question', lens: 'frustration' });
  });

  it('says so and offers another area when every question in it is answered', () => {
    const long = 'i would really love to own a home of our own one day with a garden for the kids and a spare room for my parents when they visit us at weekends and at christmas';
    const outs = play(makeEngine(), [...toMoney, answer(long), answer(long), answer(long), { type: 'choose-domain', domain: 'money' }]);
    expect(outs[4]!.kind).toBe('next-domain');
    const again = outs[5]!;
    expect(again.kind).toBe('next-domain');
    expect(again.state.pendingPrompt).toMatchObject({ key: 'domain-covered', domain: 'money' });
    expect(again.speech).toContain('money');
    expect(again.speech).not.toContain(money.questions.dream[0]);
    expect(stored(outs)).toHaveLength(3);
  });

  it("does not re-ask what a returning customer answered before stopping", () => {
    const profile: RespondentProfile = { known: true, resume: { domain: 'money', lensIndex: 2 }, domainsDone: [], themes: {} };
    const outs = play(makeEngine(), [{ type: 'launch' }, { type: 'no' }, { type: 'choose-domain', domain: 'money' }], { profile });
    expect(outs[2]!.state.pendingPrompt).toMatchObject({ key: 'question', lens: 'frustration' });
  });

  it('asks again an answer the store could not keep', () => {
    const engine = makeEngine();
    const [, asked] = play(engine, toMoney);
    const kept = engine.turn({ who, action: answer('buying a little house'), state: asked!.state });
    expect(kept.state.answeredLenses).toEqual({ money: ['dream'] });
    expect(engine.storeFailed(kept, 'en-US', asked!.state).state.answeredLenses).toEqual({});
  });

  it('forgets what was answered once the customer deletes their answers', () => {
    const outs = play(makeEngine(), [...toMoney, answer('buying a little house'), { type: 'delete-data' }, { type: 'yes' }]);
    expect(outs.at(-1)!.state.answeredLenses).toEqual({});
  });
});

describe('carrying on after an area is finished', () => {
  const finishMoney: CustomerAction[] = [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }, { type: 'skip' }, { type: 'skip' }, { type: 'skip' }];

  it('offers the next area instead of not understanding, and a yes starts it', () => {
    const outs = play(makeEngine(), [...finishMoney, { type: 'resume' }, { type: 'yes' }]);
    const offer = outs[5]!;
    expect(offer.kind).toBe('next-domain');
    expect(offer.state.misunderstandings).toBe(0);
    expect(offer.state.pendingPrompt).toMatchObject({ key: 'offer-domain', domain: 'mobility' });
    expect(offer.speech).toContain(domainOf('mobility').name);
    expect(outs[6]!.state).toMatchObject({ phase: 'question', domain: 'mobility' });
  });

  it('also when a returning customer finished an area last time', () => {
    const profile: RespondentProfile = { known: true, resume: null, domainsDone: ['money', 'mobility'], themes: {} };
    const outs = play(makeEngine(), [{ type: 'launch' }, { type: 'resume' }], { profile });
    expect(outs[1]!.state.pendingPrompt).toMatchObject({ key: 'offer-domain', domain: 'food' });
  });

  it('closes warmly when there is no area left', () => {
    const profile: RespondentProfile = { known: true, resume: null, domainsDone: ['money', 'mobility', 'food'], themes: {} };
    const outs = play(makeEngine(), [{ type: 'launch' }, { type: 'resume' }], { profile });
    expect(outs[1]!.speech).toContain(common.allDomainsDone);
    expect(outs[1]!.endSession).toBe(true);
  });
});

describe('partner offers', () => {
  const onAlexa: Who = { ...who, platform: 'alexa', capabilities: { cards: true, contactPermission: true } };
  const harbour = createPartnerDirectory([
    { id: 'harbour-homes', name: 'Harbour Homes', domain: 'money', themes: ['home'], description: 'Free mortgage advice from independent advisers.', acceptsLeads: true },
  ]);

  it('say in one sentence what the partner does, from its description', () => {
    const outs = play(makeEngine({ partners: harbour }), TO_PARTNER_OFFER);
    const offer = outs[5]!;
    expect(offer.kind).toBe('partner-offer');
    expect(offer.speech).toContain('Harbour Homes could help with this: free mortgage advice from independent advisers. Would you like');
    expect(offer.speech).not.toMatch(/advisers\.\./);
  });

  it('answer "who are they?" with the name and what they do, then ask again', () => {
    const outs = play(makeEngine({ partners: harbour }), [...TO_PARTNER_OFFER, { type: 'ask-about-partner' }, { type: 'yes' }], { who: onAlexa });
    const about = outs[6]!;
    expect(about.kind).toBe('partner-offer');
    expect(about.speech).toBe(`Harbour Homes is a partner service: free mortgage advice from independent advisers. ${about.reprompt}`);
    expect(about.reprompt).toBe("Shall I send Harbour Homes's details? Yes or no?");
    expect(about.effects).toEqual([]);
    expect(about.state).toMatchObject({ phase: 'partner-offer', pendingPartnerId: 'harbour-homes', misunderstandings: 0 });
    expect(outs[7]!.card).toMatchObject({ title: 'Harbour Homes' });
  });

  it('answer it at the contact-share question too, and ask that again', () => {
    const outs = play(makeEngine({ partners: HOME_PARTNERS }), [...TO_PARTNER_OFFER, { type: 'yes' }, { type: 'ask-about-partner' }], { who: onAlexa });
    const about = outs[7]!;
    expect(about.speech).toContain('Homes R Us is a partner service: mortgage advice.');
    expect(about.state.phase).toBe('partner-share');
    expect(about.reprompt).toBe(common.partner.share.reprompt.replace('{partner}', 'Homes R Us'));
  });

  it('elsewhere, "what is that?" gets the help for where the customer is', () => {
    const outs = play(makeEngine(), [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }, { type: 'ask-about-partner' }]);
    expect(outs[2]!.kind).toBe('help');
    expect(outs[2]!.speech).toContain(common.help.question);
    expect(outs[2]!.state.misunderstandings).toBe(0);
    expect(outs[2]!.reprompt).toBe(outs[1]!.reprompt);
  });

  it.each([
    ['Free mortgage advice from independent advisers.', 'Harbour Homes', 'free mortgage advice from independent advisers'],
    ['Car sharing by the hour, with no membership fee.  ', 'Street Share', 'car sharing by the hour, with no membership fee'],
    ['IKEA kitchens fitted in a day!', 'Fit Fast', 'IKEA kitchens fitted in a day'],
    ['Harbour Homes finds you a mortgage adviser.', 'Harbour Homes', 'Harbour Homes finds you a mortgage adviser'],
  ])('turn the description %j into a clause', (description, name, clause) => {
    expect(asClause(description, name)).toBe(clause);
  });
});

describe('acknowledgements', () => {
  it('read right whether the theme label is singular or plural', () => {
    const labels = realClassifier();
    const outs = play(makeEngine(), [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }, { type: 'skip' }, answer('losing my job and my wages being cut')]);
    const income = labels.label('money', 'income');
    expect(outs[3]!.speech).toContain(income);
    expect(outs[3]!.speech).not.toMatch(new RegExp(`${income} (matters|is|are)\\b`));
  });
});
