import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LISTENING_DIR, detectNonAnswer, loadNonAnswerDetector, nonAnswerCuesFile } from '../../../src/listening/non-answer-cues.loader';
import type { NonAnswerKind } from '../../../src/listening/non-answer.detector';

type Label = NonAnswerKind | 'answer';

/**
 * Replies as people say them to "what worries you about money?" and the like, as speech-to-text
 * or a keyboard delivers them. The real answers are chosen to hold the words the cues are made
 * of ("don't know", "rather not", "music", "weather", "pass", "why"): each of them must stay an answer.
 */
const LABELLED: Array<[string, Label]> = [
  // empty
  ['um', 'empty'],
  ['hmm', 'empty'],
  ['er', 'empty'],
  ['ummmm', 'empty'],
  ['uh, erm', 'empty'],
  ['hmm let me think', 'empty'],
  ['um let me think about that', 'empty'],
  ['give me a second', 'empty'],
  ['hang on a minute', 'empty'],
  ['um yeah', 'empty'],
  ['whatever', 'empty'],
  ['', 'empty'],
  // don't know
  ['dunno', 'dont-know'],
  ['i dunno', 'dont-know'],
  ['um i dunno really', 'dont-know'],
  ["i don't know", 'dont-know'],
  ['I do not know.', 'dont-know'],
  ["i really don't know to be honest", 'dont-know'],
  ["i um don't know", 'dont-know'],
  ['no idea', 'dont-know'],
  ['no idea really', 'dont-know'],
  ['honestly no idea mate', 'dont-know'],
  ["i haven't a clue", 'dont-know'],
  ['not a clue', 'dont-know'],
  ['not sure really', 'dont-know'],
  ["i'm not sure", 'dont-know'],
  ["i'm not too sure to be honest", 'dont-know'],
  ['nothing comes to mind', 'dont-know'],
  ['nothing really springs to mind right now', 'dont-know'],
  ["i can't think of anything", 'dont-know'],
  ["that's a tough one", 'dont-know'],
  ['good question', 'dont-know'],
  ['hard to say', 'dont-know'],
  ["i've never really thought about it", 'dont-know'],
  ['who knows', 'dont-know'],
  ["i don't know what to say", 'dont-know'],
  ['idk', 'dont-know'],
  ['well i guess i dunno', 'dont-know'],
  ['i have no idea', 'dont-know'],
  ["i've got no idea", 'dont-know'],
  ['i am not sure', 'dont-know'],
  ['beats me', 'dont-know'],
  ['my mind has gone blank', 'dont-know'],
  // decline
  ['pass', 'decline'],
  ["i'll pass on that one", 'decline'],
  ["i'd rather not say", 'decline'],
  ['i would rather not say', 'decline'],
  ['rather not say thanks', 'decline'],
  ['prefer not to', 'decline'],
  ["i'd prefer not to say", 'decline'],
  ['none of your business', 'decline'],
  ["that's none of your business", 'decline'],
  ["that's a bit personal", 'decline'],
  ["i don't want to talk about it", 'decline'],
  ["i'd rather keep that to myself", 'decline'],
  ['no comment', 'decline'],
  ["i'm not comfortable answering that", 'decline'],
  ['um pass', 'decline'],
  ['mind your own business', 'decline'],
  // counter-question
  ['why do you want to know', 'counter-question'],
  ['why do you need to know that', 'counter-question'],
  ['what do you mean', 'counter-question'],
  ['sorry what do you mean by that', 'counter-question'],
  ["who's asking", 'counter-question'],
  ['who is asking', 'counter-question'],
  ['what will you do with this', 'counter-question'],
  ['what are you going to do with my answers', 'counter-question'],
  ['what are you gonna do with it', 'counter-question'],
  ['who gets to see this', 'counter-question'],
  ['is this being recorded', 'counter-question'],
  ['why', 'counter-question'],
  ['like what', 'counter-question'],
  ["i'm not sure what you mean", 'counter-question'],
  ["what's the point of this", 'counter-question'],
  ['are you a real person', 'counter-question'],
  ["um i don't know what do you mean", 'counter-question'],
  // assistant request
  ["what's the weather", 'assistant-request'],
  ["what's the weather like tomorrow", 'assistant-request'],
  ['alexa what is the weather going to be like', 'assistant-request'],
  ['is it going to rain today', 'assistant-request'],
  ['play music', 'assistant-request'],
  ['play some music', 'assistant-request'],
  ['can you play some relaxing music please', 'assistant-request'],
  ['play my workout playlist', 'assistant-request'],
  ['set a timer', 'assistant-request'],
  ['set a timer for ten minutes', 'assistant-request'],
  ['set an alarm for seven tomorrow', 'assistant-request'],
  ['turn on the lights', 'assistant-request'],
  ['turn off the kitchen lights', 'assistant-request'],
  ['switch the living room lamp on', 'assistant-request'],
  ['what time is it', 'assistant-request'],
  ["what's the time in london", 'assistant-request'],
  ['tell me a joke', 'assistant-request'],
  ['hey google tell me a joke', 'assistant-request'],
  ['turn the volume down', 'assistant-request'],
  ['remind me to buy milk', 'assistant-request'],
  ['add eggs to my shopping list', 'assistant-request'],
  ['who won the football', 'assistant-request'],
  ['call mum', 'assistant-request'],
  ['alexa', 'assistant-request'],
  // real answers that hold the cues' words
  ["i don't know how we'll ever afford a house", 'answer'],
  ["i'd rather not say it but the debt scares me", 'answer'],
  ['music lessons for my kids are so expensive', 'answer'],
  ["i don't know if i'll ever be able to retire", 'answer'],
  ['no idea where all my money goes each month', 'answer'],
  ["not sure i'll ever pay off my student loan", 'answer'],
  ['nothing comes to mind except the rent going up', 'answer'],
  ["honestly i dunno maybe just having some savings for once", 'answer'],
  ["i don't know maybe a house", 'answer'],
  ['i pass the bakery every day and it costs me a fortune', 'answer'],
  ['passing my driving test', 'answer'],
  ['pass my driving test and get a little car', 'answer'],
  ["i'd prefer not to rent forever", 'answer'],
  ["i'd rather not have to work until i'm seventy", 'answer'],
  ['why do prices keep going up every single week', 'answer'],
  ['why do banks charge so much for everything', 'answer'],
  ['who knows what will happen to the pension', 'answer'],
  ["what do you mean by affordable when nobody around here can buy", 'answer'],
  ["what's the weather got to do with it the trains are late anyway", 'answer'],
  ['the weather makes cycling to work miserable', 'answer'],
  ['i worry the weather will flood our street again', 'answer'],
  ['playing football with my son without worrying about the cost', 'answer'],
  ['play more golf when i retire', 'answer'],
  ['i would love to play the piano again', 'answer'],
  ['going to live music gigs without checking my bank balance', 'answer'],
  ['set a budget and actually stick to it', 'answer'],
  ['setting up a savings account for the kids', 'answer'],
  ['an alarm going off on my phone every time i spend too much', 'answer'],
  ["i can't afford to turn the heating on", 'answer'],
  ['turn the heating on without worrying about the bill', 'answer'],
  ['turning the lights off to save money', 'answer'],
  ['the lights on my car keep breaking and garages charge a fortune', 'answer'],
  ['what time the last bus leaves is a joke', 'answer'],
  ['never having time to cook a proper meal', 'answer'],
  ['tell me a joke about my bank charges', 'answer'],
  ['my mum always told me to save', 'answer'],
  ['calling my bank and waiting an hour on hold', 'answer'],
  ['call centres that never answer', 'answer'],
  ['open banking apps that actually work', 'answer'],
  ['ordering takeaway too often because we are tired', 'answer'],
  ['how do i make ends meet on one income', 'answer'],
  ['how many more years until i can stop working', 'answer'],
  ['remind me why i bother saving when prices keep rising', 'answer'],
  ["not knowing what's in my food", 'answer'],
  ['not being sure the train will come at all', 'answer'],
  ["i'm not sure the bus is safe at night", 'answer'],
  ['no comment from the council about the potholes', 'answer'],
  ['none of the buses go where i need', 'answer'],
  ['my business going under', 'answer'],
  ["it's private school fees that worry me", 'answer'],
  ['personal loans with crazy interest', 'answer'],
  ["skip the queue at the supermarket", 'answer'],
  ['moving on from renting to owning', 'answer'],
  ['having no idea how much my pension is worth', 'answer'],
  ["i'd love to stop worrying and just enjoy it", 'answer'],
  ['the next bill coming through the door', 'answer'],
  ['like what they charge for a loaf of bread now', 'answer'],
  ['really expensive petrol', 'answer'],
  ['um i guess the price of everything', 'answer'],
  ['er the mortgage', 'answer'],
  ['hmm probably my car breaking down', 'answer'],
  ['debt', 'answer'],
  ['retirement', 'answer'],
  ['a house', 'answer'],
  ['groceries', 'answer'],
  ['electric cars', 'answer'],
  ["i don't really have any worries about money", 'answer'],
  ["money doesn't really worry me these days", 'answer'],
  ['what happens if i lose my job', 'answer'],
  ['who will look after my kids if i get ill', 'answer'],
  ['is it ever going to get cheaper to eat well', 'answer'],
  ['the thought of my kids struggling like we did', 'answer'],
  ['who gets the house if something happens to me', 'answer'],
  ['what will happen to my pension if the company goes bust', 'answer'],
  ['where does all the money go every month', 'answer'],
  ["i'm not sure i could cope with another rent rise", 'answer'],
  ["no thanks to the bank we're still renting", 'answer'],
  ['why not just make the trains run on time', 'answer'],
  ['the radio said petrol is going up again', 'answer'],
  ['a reminder from the bank before it charges me', 'answer'],
  ["i'd like the kids to know how to cook", 'answer'],
  ['being able to say yes when the kids ask for something', 'answer'],
  ["knowing i won't have to pass on debt to my children", 'answer'],
  ['not having a clue how to invest', 'answer'],
  ['hard to say no to takeaways after a long shift', 'answer'],
];

describe('non-answer detector', () => {
  it.each(LABELLED)('%j → %s', (text, expected) => {
    expect(detectNonAnswer(text) ?? 'answer').toBe(expected);
  });

  it('has a labelled table big enough to mean something, half of it real answers', () => {
    expect(LABELLED.length).toBeGreaterThanOrEqual(120);
    const answers = LABELLED.filter(([, label]) => label === 'answer').length;
    expect(answers).toBeGreaterThanOrEqual(LABELLED.length / 2 - 10);
    for (const kind of ['empty', 'dont-know', 'decline', 'counter-question', 'assistant-request'] as const) {
      expect(LABELLED.filter(([, label]) => label === kind).length).toBeGreaterThanOrEqual(10);
    }
  });

  it('reads British and American English from one file', () => {
    expect(nonAnswerCuesFile(DEFAULT_LISTENING_DIR, 'en-GB')).toBe(nonAnswerCuesFile(DEFAULT_LISTENING_DIR, 'en-US'));
    expect(detectNonAnswer("haven't got a scooby", 'en-GB')).toBe('dont-know');
  });

  it('never reads a long answer as a non-answer, whatever it starts with', () => {
    const long = `i don't know ${'we just keep going round in circles with the bills '.repeat(4)}`;
    expect(detectNonAnswer(long)).toBeNull();
  });
});

describe('non-answer cue files', () => {
  const cuesOf = (cues: Record<string, unknown>, kind: string): string[] => (cues.kinds as Record<string, string[]>)[kind] as string[];

  function withCues(edit: (cues: Record<string, unknown>) => void): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-listening-'));
    const cues = JSON.parse(fs.readFileSync(path.join(DEFAULT_LISTENING_DIR, 'en.json'), 'utf8')) as Record<string, unknown>;
    edit(cues);
    const file = path.join(dir, 'en.json');
    fs.writeFileSync(file, JSON.stringify(cues));
    return file;
  }

  it('names the file and the field of a broken pattern', () => {
    const file = withCues((cues) => cuesOf(cues, 'decline').push('[rather not'));
    expect(() => loadNonAnswerDetector(file)).toThrow(/en\.json: field "kinds\.decline\.\d+": "\[rather" has an unbalanced bracket/);
  });

  it('refuses a pattern of open ends only, which would swallow any short answer', () => {
    const file = withCues((cues) => cuesOf(cues, 'assistant-request').push('[?] *'));
    expect(() => loadNonAnswerDetector(file)).toThrow(/field "kinds\.assistant-request\.\d+": needs at least one word that is not optional/);
  });

  it('names a missing kind', () => {
    const file = withCues((cues) => delete (cues.kinds as Record<string, unknown>)['counter-question']);
    expect(() => loadNonAnswerDetector(file)).toThrow(/field "kinds\.counter-question"/);
  });

  it('refuses an intensifier that folding turns into two words, since it stands for one word', () => {
    const file = withCues((cues) => (cues.intensifiers as string[]).push('gonna'));
    expect(() => loadNonAnswerDetector(file)).toThrow(/field "intensifiers\.\d+": "gonna" must stay one word after folding, not "going to"/);
  });

  it('learns a new way of saying it from data alone', () => {
    const taught = withCues((cues) => cuesOf(cues, 'dont-know').push('no clue whatsoever'));
    expect(detectNonAnswer('no clue whatsoever')).toBeNull();
    expect(loadNonAnswerDetector(taught).detect('no clue whatsoever')).toBe('dont-know');
  });
});
