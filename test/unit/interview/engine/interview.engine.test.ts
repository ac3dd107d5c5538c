import { createThemeClassifier } from '../../../../src/classifier/theme.classifier';
import { loadContent } from '../../../../src/content/content.loader';
import { InterviewEngine } from '../../../../src/interview/engine/interview.engine';
import type { ConversationState, CustomerAction, RespondentProfile, TurnOutput, Who } from '../../../../src/interview/interview.types';
import { createPartnerDirectory } from '../../../../src/partners/partner.matcher';
import { CONTENT_DIR } from '../../../transcripts/engine.driver';
import { HOME_PARTNERS, TO_PARTNER_OFFER } from '../partner-offer.fixtures';

const content = loadContent(CONTENT_DIR);
const classifier = createThemeClassifier();
const who: Who = { userId: 'u1', sessionId: 's1', platform: 'terminal', locale: 'en-US' };

function makeEngine(partners = createPartnerDirectory([])) {
  let n = 0;
  return new InterviewEngine({ content, classifier, partners, newId: () => `a${++n}` });
}

/** Plays actions in order and returns every output. */
function play(engine: InterviewEngine, actions: CustomerAction[], opts: { profile?: RespondentProfile; who?: Who } = {}): TurnOutput[] {
  let state: ConversationState | null = null;
  const outs: TurnOutput[] = [];
  for (const action of actions) {
    const out = engine.turn({ who: opts.who ?? who, action, state, profile: state === null ? opts.profile : undefined });
    outs.push(out);
    state = out.state;
  }
  return outs;
}

const money = content.forLocale('en-US').domains.find((d) => d.id === 'money')!;

describe('InterviewEngine', () => {
  it('tells first-time users what is stored and how to delete it', () => {
    const [welcome] = play(makeEngine(), [{ type: 'launch' }]);
    expect(welcome!.speech).toContain('without your name');
    expect(welcome!.speech).toContain('delete my answers');
    expect(welcome!.endSession).toBe(false);
  });

  it('greets returning users as returning and offers to continue where they stopped', () => {
    const profile: RespondentProfile = { known: true, resume: { domain: 'money', lensIndex: 1 }, domainsDone: [], themes: {} };
    const [welcome, resumed] = play(makeEngine(), [{ type: 'launch' }, { type: 'resume' }], { profile });
    expect(welcome!.kind).toBe('resume-offer');
    expect(welcome!.speech).not.toContain('without your name');
    expect(welcome!.speech).toMatch(/welcome back|hello again/i);
    expect(resumed!.state.lensIndex).toBe(1);
    expect(money.questions.fear).toContain(resumed!.reprompt);
  });

  it('asks the three lenses in order with wording not repeated in a session', () => {
    const outs = play(makeEngine(), [
      { type: 'launch' },
      { type: 'choose-domain', domain: 'money' },
      { type: 'skip' },
      { type: 'skip' },
    ]);
    expect(money.questions.dream).toContain(outs[1]!.reprompt);
    expect(money.questions.fear).toContain(outs[2]!.reprompt);
    expect(money.questions.frustration).toContain(outs[3]!.reprompt);
    const used = outs[3]!.state.usedVariants;
    expect(new Set(used).size).toBe(used.length);
  });

  it('varies wording between sessions but replays a session identically', () => {
    const questions = (sessionId: string) =>
      play(makeEngine(), [{ type: 'launch' }, { type: 'choose-domain', domain: 'food' }], { who: { ...who, sessionId } })[1]!.reprompt;
    expect(questions('same')).toBe(questions('same'));
    const seen = new Set(Array.from({ length: 12 }, (_, i) => questions(`session-${i}`)));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('captures the verbatim answer, classifies it and follows up with a probe chosen by its theme', () => {
    const text = 'i dream of buying a house with a garden';
    const outs = play(makeEngine(), [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }, { type: 'answer', text }]);
    const answer = outs[2]!.effects.find((e) => e.kind === 'answer');
    expect(answer).toMatchObject({ kind: 'answer', text, domain: 'money', lens: 'dream', parentAnswerId: null });
    expect(answer && answer.kind === 'answer' && answer.themes[0]!.id).toBe('home');
    expect(outs[2]!.kind).toBe('probe');
    expect(money.probes.byTheme!.home).toContain(outs[2]!.reprompt);
  });

  it('stores the probe answer linked to the first answer', () => {
    const outs = play(makeEngine(), [
      { type: 'launch' },
      { type: 'choose-domain', domain: 'money' },
      { type: 'answer', text: 'paying off my credit cards' },
      { type: 'answer', text: 'i would sleep better' },
    ]);
    const first = outs[2]!.effects.find((e) => e.kind === 'answer');
    const probe = outs[3]!.effects.find((e) => e.kind === 'answer');
    expect(probe).toMatchObject({ parentAnswerId: first && first.kind === 'answer' ? first.id : 'missing', questionId: 'money.dream.probe' });
  });

  it('acknowledges the theme in plain words without parroting the answer', () => {
    const text = 'my email is jane at gmail dot com and i want to retire at fifty';
    const outs = play(makeEngine(), [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }, { type: 'answer', text }]);
    expect(outs[2]!.speech).not.toContain('gmail');
    expect(outs[2]!.speech).not.toContain('fifty');
  });

  it('takes words that name an area as the answer while a question is open', () => {
    const outs = play(makeEngine(), [
      { type: 'launch' },
      { type: 'choose-domain', domain: 'food' },
      { type: 'choose-domain', domain: 'money', text: 'i worry i cannot pay my bills' },
    ]);
    expect(outs[2]!.state.domain).toBe('food');
    expect(outs[2]!.effects).toContainEqual(expect.objectContaining({ kind: 'answer', domain: 'food', text: 'i worry i cannot pay my bills' }));
  });

  it('handles a one-shot launch that names a domain', () => {
    const [first] = play(makeEngine(), [{ type: 'choose-domain', domain: 'getting around' }]);
    expect(first!.kind).toBe('question');
    expect(first!.speech).toContain('without your name');
    expect(first!.state.domain).toBe('mobility');
  });

  it('falls back to a known locale', () => {
    const [first] = play(makeEngine(), [{ type: 'launch' }], { who: { ...who, locale: 'en-AU' } });
    expect(first!.speech.length).toBeGreaterThan(0);
  });

  it('says when a question is open, also after help or a misunderstanding, so adapters capture free speech', () => {
    const outs = play(makeEngine(), [
      { type: 'launch' },
      { type: 'choose-domain', domain: 'food' },
      { type: 'help' },
      { type: 'unknown' },
      { type: 'answer', text: 'more time to cook' },
      { type: 'skip' },
      { type: 'stop' },
    ]);
    expect(outs.map((o) => o.awaitingAnswer)).toEqual([false, true, true, true, true, true, false]);
  });

  it('keeps state serialisable', () => {
    const outs = play(makeEngine(), [{ type: 'launch' }, { type: 'choose-domain', domain: 'food' }, { type: 'answer', text: 'less food waste' }]);
    const state = outs[2]!.state;
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('says nothing when the platform ends the session, and records where to resume', () => {
    const outs = play(makeEngine(), [{ type: 'launch' }, { type: 'choose-domain', domain: 'food' }, { type: 'skip' }, { type: 'session-ended' }]);
    expect(outs[2]!.effects).toContainEqual({ kind: 'resume', resume: { domain: 'food', lensIndex: 1 }, domainsDone: [] });
    expect(outs[3]!.speech).toBe('');
    expect(outs[3]!.endSession).toBe(true);
    expect(outs[3]!.effects).toEqual([]);
  });

  describe('crisis language', () => {
    const toQuestion: CustomerAction[] = [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }];

    it.each([
      'i want to end my overdraft',
      'i am in danger of losing my job',
      'the fees are killing me',
      'i could murder a pizza after the late shift',
      "i'm dying to retire and move to the coast",
    ])('treats everyday talk as an answer: %s', (text) => {
      const outs = play(makeEngine(), [...toQuestion, { type: 'answer', text }]);
      expect(outs[2]!.kind).toBe('probe');
      expect(outs[2]!.effects.some((e) => e.kind === 'answer')).toBe(true);
    });

    it.each(['i just want to end it all', 'my husband hits me', 'i have been thinking about suicide', "i'm in danger of being hurt at home"])('answers with care and stops: %s', (text) => {
      const outs = play(makeEngine(), [...toQuestion, { type: 'answer', text }]);
      expect(outs[2]!.kind).toBe('crisis');
      expect(outs[2]!.speech).toMatch(/911|988/);
      expect(outs[2]!.endSession).toBe(true);
    });

    // Said indirectly, with no word from the old pattern list: the trained detector hears them.
    it.each([
      'some nights i think everyone would be better off if i just was not here',
      "i've been saving up my tablets and i know how many it would take",
      'when the bills come i cut my arms so i can feel something else',
      "i just can't see any way out of this any more and i'm so tired of trying",
    ])('hears distress said indirectly: %s', (text) => {
      const outs = play(makeEngine(), [...toQuestion, { type: 'answer', text }]);
      expect(outs[2]!.kind).toBe('crisis');
      expect(outs[2]!.effects).toEqual([]);
    });

    it('points abuse and financial control to the abuse helpline as well as the emergency number', () => {
      const outs = play(makeEngine(), [...toQuestion, { type: 'answer', text: "my husband keeps my bank card and i'm not allowed any money of my own or he gets violent" }]);
      expect(outs[2]!.kind).toBe('crisis');
      expect(outs[2]!.speech).toContain('1-800-799-7233');
      expect(outs[2]!.speech).toContain('911');
    });

    it('hears it even when the platform mapped the words to a command', () => {
      const engine = makeEngine();
      const [first] = play(engine, toQuestion);
      const out = engine.turn({ who, action: { type: 'help' }, utterance: 'help me my partner hurts me', state: first!.state });
      expect(out.kind).toBe('crisis');
    });
  });

  describe('returning customers', () => {
    const profile: RespondentProfile = { known: true, resume: { domain: 'food', lensIndex: 2 }, domainsDone: ['money'], themes: { money: ['home', 'debt'] } };

    it('summarise stored themes at any turn, not only the first', () => {
      const outs = play(makeEngine(), [{ type: 'launch' }, { type: 'no' }, { type: 'what-do-you-know' }], { profile });
      expect(outs[2]!.kind).toBe('summary');
      expect(outs[2]!.speech).toContain(classifier.label('money', 'home'));
      expect(outs[2]!.speech).not.toContain("don't have anything stored");
    });

    it('keep the offer to continue after a one-shot help', () => {
      const [first, second] = play(makeEngine(), [{ type: 'help' }, { type: 'resume' }], { profile });
      expect(first!.kind).toBe('help');
      expect(first!.reprompt).toMatch(/carry on/i);
      expect(second!.kind).toBe('question');
      expect(second!.state.lensIndex).toBe(2);
    });
  });

  it('counts an area as done when the customer leaves during its last follow-up', () => {
    const outs = play(makeEngine(), [
      { type: 'launch' },
      { type: 'choose-domain', domain: 'food' },
      { type: 'skip' },
      { type: 'skip' },
      { type: 'answer', text: 'never having time to cook' },
      { type: 'session-ended' },
    ]);
    const resume = outs[4]!.effects.filter((e) => e.kind === 'resume').at(-1);
    expect(resume).toEqual({ kind: 'resume', resume: null, domainsDone: ['food'] });
  });

  describe('partner offers', () => {
    const partners = HOME_PARTNERS;
    const toOffer = TO_PARTNER_OFFER;

    const onAlexa: Who = { ...who, platform: 'alexa', capabilities: { cards: true, contactPermission: true } };

    it('offers a matching partner once, and sends a card only on an explicit yes', () => {
      const outs = play(makeEngine(partners), [...toOffer, { type: 'yes' }, { type: 'yes' }, { type: 'no' }], { who: onAlexa });
      expect(outs[5]!.kind).toBe('partner-offer');
      expect(outs[5]!.speech).toContain('Homes R Us');
      expect(outs[6]!.card).toMatchObject({ title: 'Homes R Us', url: 'https://example.com/homes' });
      expect(outs[6]!.effects).toContainEqual({ kind: 'consent', subject: 'partner-card:homes-r-us', granted: true });
      expect(outs[7]!.askPermission).toBe('email');
      expect(outs[7]!.effects).toContainEqual(expect.objectContaining({ kind: 'handoff', mode: 'lead' }));
      expect(outs[8]!.speech).toContain("I've sent you Homes R Us's details");
    });

    it('records the hand-off under the theme the partner was matched on, not its first theme', () => {
      const debtAndHome = createPartnerDirectory([
        { id: 'fresh-start', name: 'Fresh Start', domain: 'money', themes: ['home', 'debt'], description: 'Debt and mortgage advice.', acceptsLeads: true },
      ]);
      const outs = play(
        makeEngine(debtAndHome),
        [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }, { type: 'answer', text: 'paying off my credit card debt' }, { type: 'skip' }, { type: 'skip' }, { type: 'skip' }, { type: 'yes' }, { type: 'yes' }],
        { who: onAlexa },
      );
      expect(outs[5]!.kind).toBe('partner-offer');
      expect(outs[6]!.effects).toContainEqual(expect.objectContaining({ kind: 'handoff', partnerId: 'fresh-start', theme: 'debt', mode: 'card' }));
      expect(outs[7]!.effects).toContainEqual(expect.objectContaining({ kind: 'handoff', partnerId: 'fresh-start', theme: 'debt', mode: 'lead' }));
    });

    it('asks to share contact details only where the platform has a consent flow', () => {
      const outs = play(makeEngine(partners), [...toOffer, { type: 'yes' }]);
      expect(outs[6]!.card).toBeDefined();
      expect(outs[6]!.kind).toBe('next-domain');
      expect(outs[6]!.effects.some((e) => e.kind === 'handoff' && e.mode === 'lead')).toBe(false);
    });

    it('offers nothing on a platform that cannot show a card (a phone call)', () => {
      const outs = play(makeEngine(partners), toOffer, { who: { ...who, platform: 'dialogflow', capabilities: { cards: false, contactPermission: false } } });
      expect(outs[5]!.kind).toBe('next-domain');
    });

    it('takes no for an answer and never offers the same service twice in a session', () => {
      const outs = play(makeEngine(partners), [...toOffer, { type: 'no' }, { type: 'change-domain', domain: 'money' }, { type: 'answer', text: 'a bigger house' }, { type: 'skip' }, { type: 'skip' }, { type: 'skip' }]);
      expect(outs[6]!.card).toBeUndefined();
      expect(outs[6]!.effects.some((e) => e.kind === 'handoff')).toBe(false);
      expect(outs.slice(7).some((o) => o.kind === 'partner-offer')).toBe(false);
    });

    it('does not route crisis language to a partner', () => {
      const outs = play(makeEngine(partners), [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }, { type: 'answer', text: 'my house is not safe because my partner hurts me' }]);
      expect(outs[2]!.kind).toBe('crisis');
      expect(outs[2]!.endSession).toBe(true);
      expect(outs[2]!.effects).toEqual([]);
    });
  });
});
