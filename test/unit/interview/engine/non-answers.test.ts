import { NON_ANSWER_KINDS, type NonAnswerKind } from '../../../../src/listening/non-answer.detector';
import { MAX_MISUNDERSTANDINGS } from '../../../../src/interview/engine/conversation.steps';
import { answer, domainOf, enUS, makeEngine, play, steeredClassifier, stored } from './engine-play.fixtures';

const money = domainOf('money');
const toQuestion = [{ type: 'launch' as const }, { type: 'choose-domain' as const, domain: 'money' }];
const common = enUS.common;
/** Everything the interview says when it has heard something worth keeping. */
const thanks = [...common.acknowledge.theme.map((t) => t.split('{theme}')[0]!), ...common.acknowledge.other, ...common.probeThanks];

const SAID: Record<NonAnswerKind, string> = {
  empty: 'um',
  'dont-know': 'um i dunno really',
  decline: "i'd rather not say",
  'counter-question': 'why do you want to know',
  'assistant-request': "what's the weather like tomorrow",
};

describe('non-answers at a question', () => {
  it.each(NON_ANSWER_KINDS.map((kind) => [kind, SAID[kind]] as const))('%s ("%s"): not stored, not thanked, asked again in other words', (kind, said) => {
    const [, asked, reply] = play(makeEngine(), [...toQuestion, answer(said)]);
    expect(reply!.kind).toBe('non-answer');
    expect(reply!.effects.filter((e) => e.kind === 'answer')).toEqual([]);
    for (const phrase of thanks) expect(reply!.speech).not.toContain(phrase.trim());
    expect(common.nonAnswer.lead[kind].some((line) => reply!.speech.startsWith(line))).toBe(true);
    expect(reply!.speech).toContain(common.nonAnswer.howToStop);
    // The same question, in a phrasing other than the one just heard, asked last.
    expect(money.questions.dream).toContain(reply!.reprompt);
    expect(reply!.reprompt).not.toBe(asked!.reprompt);
    expect(reply!.speech.endsWith(reply!.reprompt!)).toBe(true);
    expect(reply!.state).toMatchObject({ phase: 'question', lensIndex: 0, misunderstandings: 0, quality: { nonAnswers: 1, misunderstandings: 0 } });
    expect(reply!.awaitingAnswer).toBe(true);
  });

  it('moves on gently after a second non-answer in a row, and the question counts as not answered', () => {
    const outs = play(makeEngine(), [...toQuestion, answer('dunno'), answer('no idea')]);
    const moved = outs[3]!;
    expect(moved.kind).toBe('question');
    expect(money.questions.fear).toContain(moved.reprompt);
    expect(common.nonAnswer.moveOn.some((line) => moved.speech.startsWith(line))).toBe(true);
    // How to stop comes before the next question, which is the last thing said.
    expect(moved.speech.indexOf(common.nonAnswer.howToStop)).toBeLessThan(moved.speech.indexOf(moved.reprompt!));
    expect(moved.effects).toContainEqual({ kind: 'resume', resume: { domain: 'money', lensIndex: 1 }, domainsDone: [] });
    expect(stored(outs)).toEqual([]);
    expect(moved.state.answeredLenses).toEqual({});
    expect(moved.state.quality).toEqual({ nonAnswers: 2, misunderstandings: 0 });
  });

  it('counts in a row per question: one non-answer on each of two questions is asked again both times', () => {
    const outs = play(makeEngine(), [...toQuestion, answer('dunno'), answer('owning a flat by the sea'), answer('a house of my own'), answer('pass')]);
    expect(outs.map((o) => o.kind)).toEqual(['welcome', 'question', 'non-answer', 'probe', 'question', 'non-answer']);
    expect(outs[5]!.state.quality.nonAnswers).toBe(2);
  });

  it('asks a follow-up again in other words, then moves to the next question, keeping the first answer', () => {
    const outs = play(makeEngine(), [...toQuestion, answer('paying off my credit card debt'), answer('hmm not sure'), answer('no idea really')]);
    expect(outs[3]!.kind).toBe('non-answer');
    expect(outs[3]!.state.pendingPrompt).toMatchObject({ key: 'probe', domain: 'money' });
    // A follow-up with a single phrasing (debt) is asked again in the area's general words.
    expect(outs[3]!.reprompt).not.toBe(outs[2]!.reprompt);
    expect([...money.probes.default, ...(money.probes.byTheme?.debt ?? [])]).toContain(outs[3]!.reprompt);
    expect(outs[4]!.kind).toBe('question');
    expect(money.questions.fear).toContain(outs[4]!.reprompt);
    expect(stored(outs)).toHaveLength(1);
  });

  it('is not a misunderstanding: two of them between misunderstandings do not end the session', () => {
    const outs = play(makeEngine(), [...toQuestion, { type: 'unknown' }, answer('dunno'), { type: 'unknown' }, answer('um no idea'), { type: 'unknown' }]);
    expect(outs.every((o) => !o.endSession)).toBe(true);
    const last = outs.at(-1)!.state;
    expect(last.misunderstandings).toBeLessThan(MAX_MISUNDERSTANDINGS);
    expect(last.quality).toEqual({ nonAnswers: 2, misunderstandings: 3 });
  });

  it('keeps the session totals of misunderstandings while the in-a-row count resets', () => {
    const outs = play(makeEngine(), [...toQuestion, { type: 'unknown' }, answer('buying a house'), { type: 'unknown' }, { type: 'skip' }]);
    const last = outs.at(-1)!.state;
    expect(last.misunderstandings).toBe(0);
    expect(last.quality.misunderstandings).toBe(2);
  });

  it('takes real answers that contain the words of a non-answer as answers', () => {
    const outs = play(makeEngine(), [...toQuestion, answer("i don't know how we'll ever afford a house")]);
    expect(outs[2]!.kind).toBe('probe');
    expect(stored(outs)).toHaveLength(1);
  });

  it('tells the classifier which lens the answer is for', () => {
    const classifier = steeredClassifier('never', 'other');
    play(makeEngine({ classifier }), [...toQuestion, { type: 'skip' }, answer('losing my job'), answer('last spring')]);
    expect(classifier.contexts).toEqual([{ lens: 'fear' }, { lens: 'fear' }]);
  });
});

describe('an answer saying there is nothing to worry about', () => {
  it('is stored with its theme, acknowledged in plain words and not followed up', () => {
    const classifier = steeredClassifier('any worries', 'no-concern');
    const outs = play(makeEngine({ classifier }), [...toQuestion, { type: 'skip' }, answer("i don't really have any worries about money")]);
    const reply = outs[3]!;
    expect(stored(outs)).toEqual([expect.objectContaining({ lens: 'fear', themes: [{ id: 'no-concern', score: 1 }] })]);
    expect(common.acknowledge.noConcern.some((line) => reply.speech.startsWith(line))).toBe(true);
    expect(reply.kind).toBe('question');
    expect(money.questions.frustration).toContain(reply.reprompt);
    // Not a theme to offer a partner on or to list back to the customer.
    expect(reply.state.sessionThemes).toEqual({});
    expect(reply.state.answeredLenses).toEqual({ money: ['fear'] });
  });
});
