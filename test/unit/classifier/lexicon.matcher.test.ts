import { compileLexicon, findHits, parseTerm, type Token } from '../../../src/classifier/lexicon.matcher';
import { DROPPED_WORDS, dropFillers, rawTokens, stem } from '../../../src/classifier/text.normaliser';

function tokens(text: string): Token[] {
  return dropFillers(rawTokens(text))
    .filter((raw) => !DROPPED_WORDS.has(raw))
    .map((raw) => ({ raw, stem: stem(raw) }));
}

describe('text normaliser', () => {
  it('folds case, apostrophes and punctuation the way speech recognition would have', () => {
    expect(rawTokens("I DON'T like it’s price, e-bikes & café!")).toEqual(['i', 'dont', 'like', 'its', 'price', 'e', 'bikes', 'cafe']);
    expect(rawTokens('  ')).toEqual([]);
  });

  it('drops spoken fillers that look like topic words', () => {
    expect(dropFillers(rawTokens('of course i kind of like the course'))).toEqual(['i', 'like', 'the', 'course']);
    expect(dropFillers(rawTokens('it happens all the time'))).toEqual(['it', 'happens']);
  });

  it.each([
    ['mortgages', 'mortgage'],
    ['parking', 'parked'],
    ['worries', 'worried'],
    ['worry', 'worrying'],
    ['buses', 'bus'],
    ['shopping', 'shop'],
    ['stopped', 'stop'],
    ['cycling', 'cycle'],
    ['houses', 'housing'],
    ['allergies', 'allergy'],
    ['taxes', 'tax'],
    ['goes', 'go'],
    ['savings', 'save'],
  ])('maps %s and %s to one stem', (a, b) => {
    expect(stem(a)).toBe(stem(b));
  });

  it.each([
    ['caring', 'care'],
    ['cared', 'care'],
    ['canes', 'cane'],
    ['hoping', 'hope'],
    ['driving', 'drive'],
    ['prices', 'pricing'],
    ['rating', 'rate'],
    ['using', 'use'],
  ])('maps %s and %s to one stem, silent e and all', (a, b) => {
    expect(stem(a)).toBe(stem(b));
  });

  it.each([
    ['cane', 'can'],
    ['care', 'car'],
    ['cares', 'cars'],
    ['caring', 'car'],
    ['plane', 'plan'],
    ['hate', 'hat'],
    ['note', 'not'],
    ['fine', 'fin'],
    ['hoping', 'hopping'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(stem(a)).not.toBe(stem(b));
  });

  it('keeps a "care home" from matching a "car" term', () => {
    const lexicon = compileLexicon([{ car: 3 }, { 'care home': 3 }]);
    expect(findHits(lexicon, tokens('a good care home for my mum')).map((h) => h.group)).toEqual([1]);
    expect(findHits(lexicon, tokens('caring for my mum')).map((h) => h.group)).toEqual([]);
  });

  it('leaves short words, numbers and non-plurals alone', () => {
    expect(stem('bus')).toBe('bus');
    expect(stem('news')).not.toBe(stem('new'));
    expect(stem('need')).toBe('need');
    expect(stem('401k')).toBe('401k');
    expect(stem('less')).toBe('less');
  });
});

describe('lexicon matcher', () => {
  const lexicon = compileLexicon([
    { card: 1, 'credit card': 3, 'invest*': 3 },
    { card: 2, 'throw away': 3, 'no car': 3 },
  ]);

  it('parses terms, dropping determiners and stemming words', () => {
    expect(parseTerm('buy a House')).toEqual([
      { kind: 'stem', value: 'buy' },
      { kind: 'stem', value: 'hous' },
    ]);
    expect(parseTerm('invest*')).toEqual([{ kind: 'prefix', value: 'invest' }]);
    expect(parseTerm('the')).toMatch(/no words left/);
    expect(parseTerm('in*vest')).toMatch(/only allowed at the end/);
  });

  it('prefers the longest phrase over the words inside it', () => {
    const hits = findHits(lexicon, tokens('my credit card'));
    expect(hits).toEqual([expect.objectContaining({ group: 0, weight: 3, key: 'credit card' })]);
  });

  it('counts the same single word for every group that lists it', () => {
    const hits = findHits(lexicon, tokens('the card'));
    expect(hits.map((h) => [h.group, h.weight]).sort()).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('matches prefixes against the spoken word', () => {
    expect(findHits(lexicon, tokens('investments and investing')).map((h) => h.key)).toEqual(['invest*', 'invest*']);
  });

  it('bridges a short gap inside a phrase at a discount, but not a clause break', () => {
    const gapped = findHits(lexicon, tokens('we throw loads away'));
    expect(gapped).toEqual([expect.objectContaining({ group: 1, key: 'throw awai', positions: [1, 3] })]);
    expect(gapped[0]?.weight).toBeCloseTo(3 * 0.8);
    expect(findHits(lexicon, tokens('throw them out and go away'))).toEqual([]);
    expect(findHits(lexicon, tokens('throw it all out far away'))).toEqual([]);
  });

  it('keeps a negator that belongs to a phrase', () => {
    expect(findHits(lexicon, tokens('there is no car')).map((h) => h.key)).toEqual(['no car']);
  });
});
