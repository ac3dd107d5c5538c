import fs from 'node:fs';
import path from 'node:path';
import { loadCueLexicon } from '../../../src/safety/cue-lexicon.loader';
import { loadCrisisSet } from '../../../src/safety/crisis.evaluation';
import { editDistance, FuzzyWordMatcher } from '../../../src/safety/fuzzy-word.matcher';
import { LABELLED_SET, LEXICON_FILE, ROOT } from './safety.fixtures';

const lexicon = loadCueLexicon(LEXICON_FILE);
const norm = (text: string): string => lexicon.normaliser.tokens(text).join(' ');

describe('speech normaliser', () => {
  it.each([
    ["I'm tired", 'i am tired'],
    ['im tired', 'i am tired'],
    ['I’m done', 'i am done'],
    ["i don't want", 'i do not want'],
    ['i dont want', 'i do not want'],
    ["i can't, i won't", 'i can not i will not'],
    ['i cannot', 'i can not'],
    ["i'd rather", 'i would rather'],
    ["he's here", 'he is here'],
    ["my husband's temper", 'my husband temper'],
    ['i wanna go', 'i want to go'],
    ['ima do it', 'i am going to do it'],
    ['hell kill me', 'he will kill me'],
    ['ill be fine', 'i will be fine'],
  ])('expands contractions: %s', (input, expected) => {
    expect(norm(input)).toBe(expected);
  });

  it.each([
    ['i want to kill my self', 'i want to kill myself'],
    ['i want to kil myself', 'i want to kill myself'],
    ['i self arm', 'i self harm'],
    ['ive started self arming again', 'i have started self harming again'],
    ['i took an over dose', 'i took an overdose'],
    ['sue aside thoughts', 'suicide thoughts'],
    ['suicide all thoughts', 'suicidal thoughts'],
    ['a bunch of pain killers', 'a bunch of painkillers'],
    ['thinking about kill in myself', 'thinking about killing myself'],
    ['kill in my self', 'killing myself'],
    ['take my own live', 'take my own life'],
    ['jump of a bridge', 'jump off a bridge'],
    ['selfharm', 'self harm'],
    ['kms', 'kill myself'],
    ['me self', 'myself'],
  ])('repairs speech-recognition splits and slips: %s', (input, expected) => {
    expect(norm(input)).toBe(expected);
  });

  it.each([
    ['sucidal thoughts', 'suicidal thoughts'],
    ['thinking of suiside', 'thinking of suicide'],
    ['my boyfreind hits me', 'my boyfriend hits me'],
    ['my husbund', 'my husband'],
    ['how much paracetemol', 'how much paracetamol'],
    ['a burdon on everyone', 'a burden on everyone'],
    ['comitting suicide', 'committing suicide'],
    ['my partner is abusiv', 'my partner is abusive'],
  ])('corrects one-letter slips in distinctive cue words: %s', (input, expected) => {
    expect(norm(input)).toBe(expected);
  });

  it('drops fillers but keeps "like" where it is a verb', () => {
    expect(norm('um i guess i just really want to like stop you know')).toBe('i want to stop');
    expect(norm('so like the rent went up')).toBe('so the rent went up');
    expect(norm('i feel like ending it')).toBe('i feel like ending it');
    expect(norm('i would like to die')).toBe('i would like to die');
    expect(norm('i cant go on like this')).toBe('i can not go on like this');
  });

  it('turns spelled numbers into numerals but leaves a lone "one" a word', () => {
    expect(norm('twenty five pills')).toBe('25 pills');
    expect(norm('two hundred quid')).toBe('200 quid');
    expect(norm('one hundred and fifty')).toBe('100 and 50');
    expect(norm('the only one who cares')).toBe('the only one who cares');
    expect(norm('no one would notice')).toBe('nobody would notice');
  });

  it('never bends a real word into a cue word', () => {
    for (const word of ['tables', 'fridge', 'bridge', 'bills', 'pills', 'homeless', 'putting', 'strange', 'noise', 'care', 'cars', 'charming', 'farming', 'breeding', 'violet', 'amused', 'commuting', 'partners', 'hunting', 'filling', 'billing', 'within', 'living', 'loving', 'olive']) {
      expect(norm(word)).toBe(word);
    }
  });

  it('never fuzzy-corrects any word of the interview wording, the theme lists or ordinary answers', () => {
    // Every word the product itself uses, or that customers use in the labelled sets: a
    // one-letter neighbour of a cue word among them would be a collision waiting to happen.
    const texts: string[] = [];
    const content = path.join(ROOT, 'content');
    // Held-out sets are left out on principle: nothing here is tuned on them.
    const walk = (dir: string, ext: string): void => {
      for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        if (name === 'safety' || name.includes('heldout')) continue;
        if (fs.statSync(file).isDirectory()) walk(file, ext);
        else if (name.endsWith(ext)) texts.push(fs.readFileSync(file, 'utf8'));
      }
    };
    walk(content, '.json');
    const classifierSets = path.join(ROOT, 'test', 'fixtures', 'classifier');
    if (fs.existsSync(classifierSets)) walk(classifierSets, '.jsonl');
    for (const e of loadCrisisSet(LABELLED_SET)) if (!e.crisis) texts.push(e.text);
    const words = new Set(texts.join(' ').toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 5));
    const targets = new Set(lexicon.data.normaliser.fuzzyTargets);
    const known = new Set([...lexicon.data.normaliser.protected, ...lexicon.compiled.words, ...targets]);
    const fuzzy = new FuzzyWordMatcher(lexicon.data.normaliser.fuzzyTargets, known);
    const bent = [...words].filter((w) => fuzzy.correct(w) !== undefined).map((w) => `${w} → ${fuzzy.correct(w) as string}`);
    expect(bent).toEqual([]);
    expect(words.size).toBeGreaterThan(1500);
  });
});

describe('edit distance', () => {
  it('counts one substitution, insertion, deletion or swap of neighbours as one', () => {
    expect(editDistance('suicide', 'suicide')).toBe(0);
    expect(editDistance('sucide', 'suicide')).toBe(1);
    expect(editDistance('suicdie', 'suicide')).toBe(1);
    expect(editDistance('suicidee', 'suicide')).toBe(1);
    expect(editDistance('suicyde', 'suicide')).toBe(1);
    expect(editDistance('sciuide', 'suicide')).toBe(2);
  });

  it('leaves words shorter than five letters and ambiguous slips alone', () => {
    const fuzzy = new FuzzyWordMatcher(['pills', 'bills'], new Set());
    expect(fuzzy.correct('kils')).toBeUndefined();
    expect(fuzzy.correct('hills')).toBeUndefined();
  });
});
