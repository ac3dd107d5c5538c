import path from 'node:path';
import { isAppError } from '../../../src/errors/app-error';
import type { Classification } from '../../../src/classifier/classifier.types';
import { CONTRACT_THEMES, NON_ANSWER_THRESHOLD } from '../../../src/classifier/theme.contract';
import { createThemeClassifier } from '../../../src/classifier/theme.classifier';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'classifier');
const classifier = createThemeClassifier();
/** The same taxonomy with no trained models: every domain falls back to its word lists. */
const lexiconOnly = createThemeClassifier({ modelsDir: path.join(FIXTURES, 'no-models-here') });

function ids(result: Classification): string[] {
  return result.themes.map((t) => t.id);
}

function top(domain: string, text: string): string | undefined {
  return classifier.classify(domain, text).themes[0]?.id;
}

describe('theme classifier: taxonomy', () => {
  it('knows the three contract domains in contract order', () => {
    expect(classifier.domains()).toEqual(['money', 'mobility', 'food']);
  });

  it('lists exactly the contract theme ids per domain, in taxonomy order', () => {
    for (const [domain, themeIds] of Object.entries(CONTRACT_THEMES)) {
      expect(classifier.themes(domain)).toEqual(themeIds);
    }
  });

  it('gives every theme a short spoken label, and a neutral one for other or unknown ids', () => {
    expect(classifier.label('money', 'home')).toBe('having a home of your own');
    expect(classifier.label('mobility', 'public-transport')).toBe('public transport');
    for (const domain of classifier.domains()) {
      for (const id of classifier.themes(domain)) {
        const label = classifier.label(domain, id);
        expect(label.length).toBeGreaterThan(2);
        expect(label.length).toBeLessThanOrEqual(60);
        expect(label).not.toMatch(/[A-Z-]/);
      }
    }
    expect(classifier.label('food', 'other')).toBe('what you shared');
    expect(classifier.label('food', 'retired-company-theme')).toBe('retired company theme');
    expect(classifier.label('money', 'no-concern')).toBe('having no worries there');
  });

  it('keeps the system ids out of the domain theme list', () => {
    for (const domain of classifier.domains()) {
      expect(classifier.themes(domain)).not.toContain('no-concern');
      expect(classifier.themes(domain)).not.toContain('other');
      expect(classifier.themes(domain)).not.toContain('non-answer');
    }
  });

  it('rejects an unknown domain with a BAD_REQUEST naming the known ones', () => {
    expect.assertions(3);
    try {
      classifier.classify('gardening', 'roses');
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('BAD_REQUEST');
      expect((error as Error).message).toContain('gardening');
      expect((error as Error).message).toContain('money, mobility, food');
    }
  });
});

describe('theme classifier: results', () => {
  it('ranks themes best first with scores in (0, 1]', () => {
    const result = classifier.classify('money', 'i want to pay off my credit card and then save for a house deposit');
    expect(result.themes.length).toBeGreaterThan(1);
    expect(result.themes[0]?.score).toBe(1);
    for (let i = 0; i < result.themes.length; i += 1) {
      const score = result.themes[i]?.score ?? 0;
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
      if (i > 0) expect(score).toBeLessThanOrEqual(result.themes[i - 1]?.score ?? 0);
    }
  });

  it('reports several themes in one answer', () => {
    const both = ids(classifier.classify('mobility', 'the bus is always late and when i drive there is nowhere to park'));
    expect(both).toEqual(expect.arrayContaining(['parking', 'public-transport']));

    const food = ids(classifier.classify('food', 'my son has a nut allergy and he is such a fussy eater'));
    expect(food).toEqual(expect.arrayContaining(['dietary-needs', 'family-meals']));
  });

  it('handles spoken, lower-case, unpunctuated text as well as typed text', () => {
    expect(top('mobility', 'the train is late almost every day and they never tell you why')).toBe('public-transport');
    expect(top('mobility', 'The TRAIN is late, almost every day!!!')).toBe('public-transport');
    expect(top('money', "I can't stand my bank's fees.")).toBe('banking');
  });

  it('matches inflections of lexicon words', () => {
    expect(top('money', 'mortgages')).toBe('home');
    expect(top('mobility', 'i parked outside and got a ticket')).toBe('parking');
    expect(top('mobility', 'cycling')).toBe('active');
    expect(top('food', 'allergies')).toBe('dietary-needs');
    expect(top('food', 'we wasted so much')).toBe('sustainability');
  });

  it('matches multi-word phrases as one mention', () => {
    expect(top('mobility', 'rush hour')).toBe('commute');
    // "card" alone leans to banking or fraud; the phrase is about borrowing.
    const card = ids(classifier.classify('money', 'my credit card'));
    expect(card[0]).toBe('debt');
    expect(card).not.toContain('fraud');
    // A phrase still matches with a few spoken words inside it.
    expect(top('food', 'we end up throwing loads away')).toBe('sustainability');
    expect(top('mobility', 'i dont want to own a car')).toBe('shared');
  });

  it('understands the lens as context, and works without it', () => {
    const text = 'i just want somewhere thats ours';
    expect(classifier.classify('money', text).themes[0]?.id).toBe('home');
    for (const lens of ['dream', 'fear', 'frustration'] as const) expect(classifier.classify('money', text, { lens }).themes[0]?.id).toBe('home');
    expect(classifier.classify('money', text, {})).toEqual(classifier.classify('money', text));
  });
});

describe('theme classifier: non-answers and no concern', () => {
  const nonAnswers = [
    'dunno',
    'um',
    'pass',
    'i dont know',
    "i'd rather not say",
    'why do you want to know',
    "what's the weather",
    'what is the weather like tomorrow',
    'play some music',
    'play my driving playlist',
    'set a timer for ten minutes',
    'tell me a joke',
    'um i dont know',
    'blah blah',
  ];

  it.each(nonAnswers)('"%s" carries nothing in every domain: nonAnswer >= 0.5 and no theme', (text) => {
    for (const domain of classifier.domains()) {
      const result = classifier.classify(domain, text);
      expect({ domain, nonAnswer: (result.nonAnswer ?? 0) >= NON_ANSWER_THRESHOLD, themes: result.themes }).toEqual({ domain, nonAnswer: true, themes: [{ id: 'other', score: 1 }] });
    }
  });

  it('reports empty input as carrying nothing', () => {
    for (const text of ['', '   ', '?!']) expect(classifier.classify('food', text)).toEqual({ themes: [{ id: 'other', score: 1 }], sentiment: 0, nonAnswer: 1 });
  });

  it('gives real answers a low nonAnswer, short ones included', () => {
    for (const [domain, text] of [
      ['money', 'the mortgage'],
      ['mobility', 'parking'],
      ['food', 'i never have time to cook'],
      ['money', 'um i guess paying off the credit card'],
    ] as const) {
      expect({ text, nonAnswer: (classifier.classify(domain, text).nonAnswer ?? 1) < 0.2 }).toEqual({ text, nonAnswer: true });
    }
  });

  it('tags an answer that says there is nothing to worry about as no-concern, a real answer', () => {
    for (const [domain, text] of [
      ['money', "I don't really have any worries about money"],
      ['money', 'nothing really were comfortable'],
      ['mobility', 'i dont really worry about getting around'],
      ['food', 'no complaints really'],
    ] as const) {
      const result = classifier.classify(domain, text, { lens: 'fear' });
      expect({ text, top: result.themes[0]?.id, answer: (result.nonAnswer ?? 1) < NON_ANSWER_THRESHOLD }).toEqual({ text, top: 'no-concern', answer: true });
    }
  });

  it('keeps the topic when one specific thing is said not to worry', () => {
    // "Not worried about the mortgage" still tells an analyst about the mortgage.
    expect(top('money', 'i dont worry about the mortgage')).toBe('home');
  });
});

describe('theme classifier: known defects stay fixed', () => {
  it('does not let request words inside a real answer veto its theme', () => {
    const answers: Array<[string, string, string]> = [
      ['mobility', 'the trains are rubbish when the weather is bad', 'public-transport'],
      ['mobility', 'we listen to music in the car because the traffic is so bad', 'commute'],
      ['food', 'i listen to the radio while i cook because i never have time otherwise', 'time'],
      ['money', 'the news about house prices going up again makes me feel sick', 'home'],
    ];
    for (const [domain, text, theme] of answers) {
      expect({ text, model: top(domain, text) }).toEqual({ text, model: theme });
      expect({ text, nonAnswer: (classifier.classify(domain, text).nonAnswer ?? 1) < NON_ANSWER_THRESHOLD }).toEqual({ text, nonAnswer: true });
    }
    // The word lists alone (company domains, company themes) veto only a request that starts with its verb.
    expect(lexiconOnly.classify('mobility', 'the bus is always late especially when the weather is bad').themes[0]?.id).toBe('public-transport');
    expect(lexiconOnly.classify('mobility', 'play my driving playlist').themes).toEqual([{ id: 'other', score: 1 }]);
  });

  it('ranks the readings of an ambiguous single word first and second', () => {
    const cases: Array<[string, string, string[]]> = [
      ['money', 'interest', ['debt', 'investing']],
      ['mobility', 'ticket', ['public-transport', 'parking']],
      ['mobility', 'fine', ['no-concern', 'parking']],
    ];
    for (const [domain, word, readings] of cases) {
      expect({ word, firstTwo: ids(classifier.classify(domain, word)).slice(0, 2).sort() }).toEqual({ word, firstTwo: [...readings].sort() });
    }
    // With more words, the reading is no longer in doubt.
    expect(top('mobility', 'i got a fine for parking on my own street')).toBe('parking');
    expect(top('mobility', 'its fine')).toBe('no-concern');
  });
});

describe('theme classifier: negation', () => {
  it('keeps the topic of a negated answer', () => {
    expect(top('money', "i don't worry about the mortgage")).toBe('home');
    expect(top('money', 'i dont worry about the mortgage')).toBe('home');
    expect(top('money', 'i am not happy with the fees')).toBe('banking');
  });

  it('does not let a negated mention outrank what the answer is really about', () => {
    expect(top('money', 'i dont have any debt i just want to start investing')).toBe('investing');
    expect(top('money', 'no kids to worry about i just want to retire early')).toBe('retirement');
    expect(top('food', 'i dont care about organic i just need it to be cheap')).toBe('grocery-costs');
    expect(top('mobility', 'i never take the bus i cycle everywhere')).toBe('active');
  });

  it('does not turn negation words themselves into contract themes', () => {
    for (const domain of classifier.domains()) {
      expect(CONTRACT_THEMES[domain]).not.toContain(classifier.classify(domain, 'no not really never').themes[0]?.id);
    }
  });

  it('reads "not X, its more Y" and "X sure, but mainly Y" as answers about Y', () => {
    expect(top('money', 'im not worried about the mortgage its more whether my pension will be enough')).toBe('retirement');
    expect(top('money', 'id like to travel sure but mainly we just want to pay off the credit cards')).toBe('debt');
    expect(top('food', 'its not the price that bugs me its that i never have time to cook')).toBe('time');
  });

  it('counts a lack as the theme where the theme is about a lack', () => {
    expect(top('food', 'i never have time to cook')).toBe('time');
    expect(top('mobility', 'i dont own a car and i like it that way')).toBe('shared');
  });
});

describe('theme classifier: sentiment', () => {
  it('stays in [-1, 1]', () => {
    const extreme = classifier.classify('money', 'terrible horrible awful disaster nightmare hate hate hate');
    expect(extreme.sentiment).toBeGreaterThanOrEqual(-1);
    expect(extreme.sentiment).toBeLessThan(-0.8);
    const happy = classifier.classify('money', 'love love love amazing wonderful fantastic');
    expect(happy.sentiment).toBeLessThanOrEqual(1);
    expect(happy.sentiment).toBeGreaterThan(0.8);
  });

  it('reads negation', () => {
    expect(classifier.classify('money', 'i am happy with the fees').sentiment).toBeGreaterThan(0);
    expect(classifier.classify('money', 'i am not happy with the fees').sentiment).toBeLessThan(0);
    expect(classifier.classify('money', 'i am not very happy with my bank').sentiment).toBeLessThan(0);
    expect(classifier.classify('money', "i don't worry about the mortgage").sentiment).toBeGreaterThan(0);
  });

  it('reads spoken complaints and hopes', () => {
    expect(classifier.classify('mobility', 'the train is late and the buses are always cancelled').sentiment).toBeLessThan(0);
    expect(classifier.classify('food', 'food is so expensive i cant afford it').sentiment).toBeLessThan(0);
    expect(classifier.classify('money', 'i would love to own a little house by the sea').sentiment).toBeGreaterThan(0);
  });

  it('is neutral without feeling words', () => {
    expect(classifier.classify('mobility', 'i take the bus to work').sentiment).toBe(0);
    expect(classifier.classify('mobility', '').sentiment).toBe(0);
  });
});

describe('theme classifier: company extension', () => {
  it('adds new theme ids and domains from an extra themes file without touching contract ids', () => {
    const extended = createThemeClassifier({ extraThemesFile: path.join(FIXTURES, 'extra-themes.valid.json') });
    expect(extended.themes('money')).toEqual([...(CONTRACT_THEMES.money ?? []), 'pets']);
    expect(extended.label('money', 'pets')).toBe('looking after your pets');
    expect(extended.classify('money', 'the vet bills for our dog are huge').themes[0]?.id).toBe('pets');
    expect(extended.classify('money', 'paying off the mortgage').themes[0]?.id).toBe('home');
    expect(extended.domains()).toEqual(['money', 'mobility', 'food', 'housing']);
    expect(extended.classify('housing', 'the people next door are so loud').themes[0]?.id).toBe('neighbours');
    // The default classifier is unaffected.
    expect(classifier.themes('money')).not.toContain('pets');
  });

  it('rejects redefining a contract id with a clear CONTENT_INVALID error', () => {
    const file = path.join(FIXTURES, 'extra-themes.override.json');
    expect.assertions(4);
    try {
      createThemeClassifier({ extraThemesFile: file });
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('CONTENT_INVALID');
      const message = (error as Error).message;
      expect(message).toContain(file);
      expect(message).toContain('themes[0].id');
      expect(message).toMatch(/"home" is a contract theme of domain "money".*never rename or redefine/);
    }
  });

  it('rejects an attempt to rename a contract id through an extra field', () => {
    const file = path.join(FIXTURES, 'extra-themes.rename.json');
    expect(() => createThemeClassifier({ extraThemesFile: file })).toThrow(/extra-themes\.rename\.json: themes\[0\]: Unrecognized key: "renames"/);
  });
});
