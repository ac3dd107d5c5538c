import type { CustomerAction } from '../../../../src/interview/interview.types';
import { INTENT_TABLE, type IntentTable } from '../../../../src/platforms/intent.table';
import { createUtteranceParser, normaliseWords, parseUtterance } from '../../../../src/platforms/terminal/utterance.parser';

/** How people actually type or talk, including what a first-time user tried and the chat missed. */
const PHRASINGS: Array<[string, CustomerAction]> = [
  ["actually no wait, let's talk about food instead", { type: 'change-domain', domain: 'food' }],
  ['yeah go on then', { type: 'yes' }],
  ["no i'm done", { type: 'stop' }],
  ['No, I am done.', { type: 'stop' }],
  ['sure why not', { type: 'yes' }],
  ['nah', { type: 'no' }],
  ['Yes!', { type: 'yes' }],
  ['okay', { type: 'yes' }],
  ['no thank you', { type: 'no' }],
  ['um, skip this one please', { type: 'skip' }],
  ['ok so can we talk about something else', { type: 'change-domain' }],
  ['switch to getting around', { type: 'change-domain', domain: 'mobility' }],
  ['Let us start with FOOD', { type: 'choose-domain', domain: 'food', text: 'Let us start with FOOD' }],
  ['the grocery shopping one', { type: 'choose-domain', domain: 'food', text: 'the grocery shopping one' }],
  ['Money.', { type: 'choose-domain', domain: 'money', text: 'Money.' }],
  ['well, what do you know about me?', { type: 'what-do-you-know' }],
  ['hang on, say that again', { type: 'repeat' }],
  ['please delete my answers', { type: 'delete-data' }],
  ['delete my answers please', { type: 'delete-data' }],
  ['carry on', { type: 'resume' }],
  ['start over', { type: 'start-over' }],
  ['what can i say', { type: 'help' }],
  ['hello', { type: 'launch' }],
  // Free speech stays whole: the engine decides by phase whether it names an area or answers.
  ['i want to buy a house', { type: 'answer', text: 'i want to buy a house' }],
  ['i guess food then', { type: 'answer', text: 'i guess food then' }],
  // A command's words inside an answer do not make it a command; only a whole sample does.
  ['i want to stop worrying about money', { type: 'answer', text: 'i want to stop worrying about money' }],
  ['skip the queue at the supermarket', { type: 'answer', text: 'skip the queue at the supermarket' }],
  ['switch to electric cars one day', { type: 'answer', text: 'switch to electric cars one day' }],
  ['no more late trains', { type: 'answer', text: 'no more late trains' }],
  // Yes and no as people say them at an offer.
  ['yep go for it', { type: 'yes' }],
  ['Yeah, go on then.', { type: 'yes' }],
  ['um sure why not', { type: 'yes' }],
  ['yeah that would be great thanks', { type: 'yes' }],
  ["no thanks i'm ok", { type: 'no' }],
  ["No thanks, I'm okay.", { type: 'no' }],
  ['not really', { type: 'no' }],
  ['nah not for me', { type: 'no' }],
  ["i'm alright thanks", { type: 'no' }],
  ['maybe later', { type: 'no' }],
  // What the partner on offer is.
  ['who are they?', { type: 'ask-about-partner' }],
  ['hmm, tell me more', { type: 'ask-about-partner' }],
  ["what's that?", { type: 'ask-about-partner' }],
  ['what do they actually do', { type: 'ask-about-partner' }],
  // Non-answers stay free speech: whether they answer anything is the engine's call.
  ['um i dunno really', { type: 'answer', text: 'um i dunno really' }],
  ["what's the weather like tomorrow", { type: 'answer', text: "what's the weather like tomorrow" }],
  ['  ', { type: 'unknown' }],
  ['?!', { type: 'unknown' }],
];

describe('terminal utterance parser', () => {
  it.each(PHRASINGS)('%j → %j', (line, expected) => {
    expect(parseUtterance(line)).toEqual(expected);
  });

  it('understands the locale it runs in: British synonyms only in en-GB', () => {
    expect(parseUtterance('the tube', 'en-GB')).toEqual({ type: 'choose-domain', domain: 'mobility', text: 'the tube' });
    expect(parseUtterance('the tube', 'en-US')).toEqual({ type: 'answer', text: 'the tube' });
    expect(parseUtterance("i fancy talking about food", 'en-GB')).toMatchObject({ type: 'choose-domain', domain: 'food' });
    // A locale without samples of its own gets its language's.
    expect(parseUtterance('the tube', 'en-AU')).toMatchObject({ type: 'choose-domain', domain: 'mobility' });
  });

  it('folds the spellings people type into one form', () => {
    expect(normaliseWords("Let's go, I'm DONE!")).toEqual(['lets', 'go', 'im', 'done']);
    expect(normaliseWords('let us do not')).toEqual(['lets', 'dont']);
    expect(normaliseWords('Okay—food’s fine')).toEqual(['ok', 'foods', 'fine']);
  });

  it('reads what it understands from the table, not from a list of its own', () => {
    const table: IntentTable = {
      locales: ['en-US'],
      defaultLocale: 'en-US',
      intents: [
        { name: 'Yes', action: 'yes', withoutSlot: 'unknown', alexa: null, dialogflow: null, slots: [], samples: { 'en-US': ['bananas'] } },
        {
          name: 'Change',
          action: 'change-domain',
          withoutSlot: 'bare',
          alexa: null,
          dialogflow: null,
          slots: [{ name: 'area', type: 'AREA', role: 'domain' }],
          samples: { 'en-US': ['over to {area}', 'elsewhere'] },
        },
      ],
      slotTypes: { AREA: { 'en-US': [{ id: 'garden', forms: ['garden', 'the allotment'] }] } },
    };
    const parse = createUtteranceParser('en-US', table);
    expect(parse('bananas please')).toEqual({ type: 'yes' });
    expect(parse('yes')).toEqual({ type: 'answer', text: 'yes' });
    expect(parse('well, over to the allotment')).toEqual({ type: 'change-domain', domain: 'garden' });
    expect(parse('elsewhere')).toEqual({ type: 'change-domain' });
    expect(parse('over to food')).toEqual({ type: 'answer', text: 'over to food' });
  });
});

/**
 * Every phrase a voice model was taught, with its slot filled, must mean the same in the
 * terminal. Generated from the committed table, so a sample added to interaction-models/ is
 * covered without touching this file.
 */
describe('the terminal understands every sample phrase of the voice models', () => {
  const ANSWER = 'own a little house near the sea';
  const cases: Array<[string, string, string, CustomerAction['type'], string | undefined]> = [];
  for (const locale of INTENT_TABLE.locales) {
    for (const entry of INTENT_TABLE.intents) {
      for (const sample of entry.samples[locale] ?? []) {
        const domainSlot = entry.slots.find((slot) => slot.role === 'domain');
        const values = domainSlot ? (INTENT_TABLE.slotTypes[domainSlot.type]?.[locale] ?? []) : [];
        if (domainSlot && sample.includes(`{${domainSlot.name}}`)) {
          // Every value, by each of its forms in turn, so each synonym is tried somewhere.
          values.forEach((value, v) => {
            const form = value.forms[(v + cases.length) % value.forms.length] as string;
            cases.push([locale, entry.name, sample.replace(`{${domainSlot.name}}`, form), entry.action, value.id]);
          });
        } else {
          cases.push([locale, entry.name, sample.replace(/\{[^}]+\}/g, ANSWER), entry.action, undefined]);
        }
      }
    }
  }

  it('has samples to check for every locale', () => {
    for (const locale of INTENT_TABLE.locales) expect(cases.filter(([l]) => l === locale).length).toBeGreaterThan(150);
  });

  it.each(cases)('%s %s: %j', (locale, _intent, line, action, domain) => {
    const parsed = parseUtterance(line, locale);
    expect(parsed.type).toBe(action);
    if (domain !== undefined) expect(parsed).toMatchObject({ domain });
    if (action === 'answer') expect(parsed).toEqual({ type: 'answer', text: line });
  });
});
