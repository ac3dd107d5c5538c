import { createDistressDetector } from '../../../src/safety/distress.detector';
import { loadCueLexicon } from '../../../src/safety/cue-lexicon.loader';
import { DISTRESS_CATEGORIES } from '../../../src/safety/distress.types';
import { LEXICON_FILE } from './safety.fixtures';

const detector = createDistressDetector();
const lexicon = loadCueLexicon(LEXICON_FILE);
const knownCues = new Set([
  ...lexicon.data.signals.map((s) => s.id),
  ...lexicon.data.idioms.map((i) => `idiom:${i.id}`),
  'model',
  'idiom-veto',
]);
const assess = (text: string, locale = 'en-GB') => detector.assess(text, locale);

describe('distress detector', () => {
  it('answers with a category, a score and cue ids for a crisis', () => {
    const a = assess('i want to kill myself');
    expect(a).toEqual({ distress: true, category: 'suicidal', score: 1, cues: expect.arrayContaining(['explicit-suicide']) });
  });

  it('answers no distress, with a low score, for an ordinary answer', () => {
    const a = assess('i would love to buy a house with a garden');
    expect(a.distress).toBe(false);
    expect(a.category).toBeUndefined();
    expect(a.score).toBeLessThan(0.5);
  });

  it('reports cues as ids, never the customer’s words', () => {
    const texts = ['my husband takes my wages and hits me', 'this commute is killing me', 'i have been saving up my tablets', 'i feel like there is no way out for me'];
    for (const text of texts) {
      for (const cue of assess(text).cues) {
        expect(knownCues).toContain(cue);
        expect(text).not.toContain(cue.replace(/^idiom:/, ''));
      }
    }
  });

  it('names the most urgent category when several fire', () => {
    expect(assess('i have just taken all my tablets and i want to die').category).toBe('danger');
    expect(assess('my husband hits me and i have nothing to live for').category).toBe('suicidal');
  });

  it('gives every category a strong example', () => {
    const examples: Record<string, string> = {
      suicidal: 'everyone would be better off without me',
      'plan-means': 'i have been stockpiling my sleeping pills',
      'self-harm': 'i cut myself when it gets too much',
      hopelessness: 'there is no way out for me',
      abuse: 'my partner controls all the money and i am not allowed to see my friends',
      danger: 'he is outside my door right now and he has got a knife',
    };
    for (const category of DISTRESS_CATEGORIES) expect(assess(examples[category] as string)).toMatchObject({ distress: true, category });
  });

  describe('idiom frames', () => {
    it.each(['this commute is killing me', 'i could murder a pizza', 'i am dying to retire', 'dead tired after my shift', 'i would kill for a cheaper train', 'i really shot myself in the foot with that loan', 'we need to cut back on takeaways', 'i want to end the contract', 'i am hopeless at budgeting', 'my partner controls the remote'])('keep a near-miss out: %s', (text) => {
      expect(assess(text).distress).toBe(false);
    });

    it('never cancel a strong cue elsewhere in the answer', () => {
      const a = assess('this commute is killing me and honestly i want to kill myself');
      expect(a.distress).toBe(true);
      expect(a.cues).toEqual(expect.arrayContaining(['idiom:x-is-killing-me', 'explicit-suicide']));
    });

    it('cover only their own words', () => {
      expect(assess('i could murder a pizza but really i just want to die').distress).toBe(true);
      expect(assess('my wife will kill me when she sees the bill').distress).toBe(false);
      expect(assess('my husband said he would kill me if i ever left').distress).toBe(true);
    });
  });

  describe('vehicles as a means, hitting oneself, and frustration with things', () => {
    it.each([
      ['i have a hose that fits the exhaust and some tape', 'plan-means'],
      ['sometimes i think about steering into a tree on the bypass', 'plan-means'],
      ['i am driving right now doing ninety and i want to hit the barrier', 'danger'],
      ['i hit my head on the wall until the thoughts go quiet', 'self-harm'],
      ['i punch the wall to punish myself', 'self-harm'],
    ])('flag a crisis: %s', (text, category) => {
      expect(assess(text)).toMatchObject({ distress: true, category });
    });

    it.each([
      'i should cut myself some slack this month',
      "i can't do this anymore with the parking app",
      "i can't see a future for cheque books",
      "i won't be around on the app next week, i'm on holiday",
      'the energy bill nearly gave me a heart attack',
      'i feel guilty whenever i spend money on myself',
      'it is really getting me down relying on the bus',
      "it's like banging my head against a brick wall with the council",
      'i almost crashed into the car in front when it braked',
    ])('keep ordinary speech out: %s', (text) => {
      expect(assess(text).distress).toBe(false);
    });

    it('keep the same words a crisis when they are about the speaker', () => {
      expect(assess("i can't see a future for myself").distress).toBe(true);
      expect(assess("i can't do this anymore with my life").distress).toBe(true);
      expect(assess("i won't be around next month, i've said my goodbyes").distress).toBe(true);
      expect(assess('i need to cut myself some slack but i keep cutting my arms').distress).toBe(true);
    });
  });

  it('finds the crisis late in a long answer', () => {
    const text = 'we have been trying to save for a house for years and the rent keeps going up and the car needs work and to be honest some nights i think everyone would be better off without me';
    expect(assess(text)).toMatchObject({ distress: true, category: 'suicidal' });
  });

  it('reads speech-recognition slips', () => {
    for (const text of ['i want to kill my self', 'ive been self arming again', 'thinking about taking an over dose', 'ive been having sue aside thoughts', 'my boyfreind hits me']) {
      expect(assess(text).distress).toBe(true);
    }
  });

  it('screens a locale with no lexicon of its own in English rather than not at all', () => {
    expect(detector.languages()).toEqual(['en']);
    expect(assess('i want to die', 'fr-FR').distress).toBe(true);
    expect(assess('i want to die', 'en-US').distress).toBe(true);
  });

  it('decides in well under a millisecond per answer', () => {
    const text = 'the buses are always late and my manager is on at me and honestly some days i just want it all to stop for good';
    for (let i = 0; i < 200; i += 1) assess(text);
    const times: number[] = [];
    for (let i = 0; i < 400; i += 1) {
      const start = process.hrtime.bigint();
      assess(text);
      times.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    times.sort((a, b) => a - b);
    // The bench measures the real figure (about 50 µs); this bound only catches a blow-up on a busy machine.
    expect(times[200]).toBeLessThan(1000);
  });
});
