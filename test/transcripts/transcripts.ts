import type { ReplyKind } from '../../src/interview/interview.types';

/**
 * Platform-neutral conversation scripts. Each step is what the customer does (an action type
 * with the words they said) and the kind of reply expected. The same scripts run through the
 * engine directly, the terminal parser, the Alexa skill and the Dialogflow webhook.
 */
export type StepAction =
  | 'launch'
  | 'choose-domain'
  | 'answer'
  | 'help'
  | 'skip'
  | 'repeat'
  | 'start-over'
  | 'change-domain'
  | 'resume'
  | 'yes'
  | 'no'
  | 'stop'
  | 'delete-data'
  | 'what-do-you-know'
  /** "Who are they?" at a partner offer. */
  | 'ask-about-partner'
  | 'unknown';

export interface TranscriptStep {
  /** What the customer does. */
  as: StepAction;
  /** The words, for answers, domain choices and unrecognised speech. */
  say?: string;
  expect: ReplyKind;
  /** Whether the session should end with this reply (default false). */
  ends?: boolean;
}

export interface TranscriptSession {
  steps: TranscriptStep[];
}

export interface Transcript {
  name: string;
  locale?: string;
  /** Several sessions by the same customer (returning-user scripts). */
  sessions: TranscriptSession[];
  /** Number of answers the store holds for this customer afterwards. */
  storedAnswers?: number;
}

const launch: TranscriptStep = { as: 'launch', expect: 'welcome' };
const stop: TranscriptStep = { as: 'stop', expect: 'goodbye', ends: true };

function wholeDomain(domain: string, answers: [string, string, string, string, string, string]): TranscriptStep[] {
  return [
    launch,
    { as: 'choose-domain', say: domain, expect: 'question' },
    { as: 'answer', say: answers[0], expect: 'probe' },
    { as: 'answer', say: answers[1], expect: 'question' },
    { as: 'answer', say: answers[2], expect: 'probe' },
    { as: 'answer', say: answers[3], expect: 'question' },
    { as: 'answer', say: answers[4], expect: 'probe' },
    { as: 'answer', say: answers[5], expect: 'next-domain' },
    { as: 'no', expect: 'goodbye', ends: true },
  ];
}

/**
 * A question, a reply that carries nothing, the question again in other words, a second such
 * reply, the next question, then a real answer: only that last one is stored.
 */
function nonAnswerTwice(name: string, domain: string, first: string, second: string, answer: string, locale?: string): Transcript {
  return {
    name,
    locale,
    storedAnswers: 1,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: domain, expect: 'question' },
          { as: 'answer', say: first, expect: 'non-answer' },
          { as: 'answer', say: second, expect: 'question' },
          { as: 'answer', say: answer, expect: 'probe' },
          stop,
        ],
      },
    ],
  };
}

export const TRANSCRIPTS: Transcript[] = [
  {
    name: 'a whole interview about money',
    storedAnswers: 6,
    sessions: [
      {
        steps: wholeDomain('money', [
          'i dream of buying a house with a little garden',
          'we would finally have room for the kids',
          'losing my job and not being able to pay the bills',
          'the last time was when my company announced layoffs',
          'my bank charges fees for everything and the app keeps crashing',
          'just last week when a transfer took three days',
        ]),
      },
    ],
  },
  {
    name: 'a whole interview about getting around',
    storedAnswers: 6,
    sessions: [
      {
        steps: wholeDomain('getting around', [
          'i would love to switch to an electric car',
          'i could stop paying so much for petrol',
          'getting hit by a car when i cycle to work',
          'yesterday a truck passed really close to me',
          'the train is late almost every day and they never tell you why',
          'it happens at least twice a week',
        ]),
      },
    ],
  },
  {
    name: 'a whole interview about food',
    locale: 'en-GB',
    storedAnswers: 6,
    sessions: [
      {
        steps: wholeDomain('food', [
          'i want my family to eat healthier and more vegetables',
          'we would all feel better and have more energy',
          'my son has a nut allergy and i worry about what is in things',
          'last month at a birthday party',
          'i never have time to cook after work',
          'most weekdays to be honest',
        ]),
      },
    ],
  },
  {
    name: 'skipping every question',
    storedAnswers: 0,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'food', expect: 'question' },
          { as: 'skip', expect: 'question' },
          { as: 'skip', expect: 'question' },
          { as: 'skip', expect: 'next-domain' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'skipping a follow-up keeps the first answer',
    storedAnswers: 1,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'answer', say: 'retiring early and travelling the world', expect: 'probe' },
          { as: 'skip', expect: 'question' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'help everywhere',
    storedAnswers: 1,
    sessions: [
      {
        steps: [
          launch,
          { as: 'help', expect: 'help' },
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'help', expect: 'help' },
          { as: 'answer', say: 'paying off my student loans', expect: 'probe' },
          { as: 'help', expect: 'help' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'repeat',
    sessions: [
      {
        steps: [
          launch,
          { as: 'repeat', expect: 'repeat' },
          { as: 'choose-domain', say: 'mobility', expect: 'question' },
          { as: 'repeat', expect: 'repeat' },
          { as: 'repeat', expect: 'repeat' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'changing domain mid-way',
    storedAnswers: 2,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'answer', say: 'owning my own flat one day', expect: 'probe' },
          { as: 'change-domain', expect: 'domain-prompt' },
          { as: 'choose-domain', say: 'food', expect: 'question' },
          { as: 'answer', say: 'cooking proper meals from scratch every night', expect: 'probe' },
          { as: 'change-domain', say: 'mobility', expect: 'question' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'starting over',
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'finances', expect: 'question' },
          { as: 'start-over', expect: 'domain-prompt' },
          { as: 'choose-domain', say: 'cooking', expect: 'question' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'stopping mid-way keeps what was said',
    storedAnswers: 1,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'transport', expect: 'question' },
          { as: 'answer', say: 'having a bike lane all the way to work', expect: 'probe' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'three misunderstandings in a row end politely',
    sessions: [
      {
        steps: [
          launch,
          { as: 'unknown', say: 'purple monkey dishwasher', expect: 'clarify' },
          { as: 'unknown', expect: 'clarify' },
          { as: 'unknown', say: 'blah', expect: 'goodbye', ends: true },
        ],
      },
    ],
  },
  {
    name: 'a misunderstanding then getting back on track',
    storedAnswers: 2,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'unknown', expect: 'clarify' },
          { as: 'answer', say: 'having enough savings for emergencies', expect: 'probe' },
          { as: 'unknown', expect: 'clarify' },
          { as: 'unknown', expect: 'clarify' },
          { as: 'answer', say: 'about three months of rent', expect: 'question' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'crisis language gets care, not a partner, and nothing is stored',
    storedAnswers: 0,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'answer', say: 'honestly some days i just want to end it all', expect: 'crisis', ends: true },
        ],
      },
    ],
  },
  {
    name: 'indirect distress after a real answer: the earlier answer is kept, the distress is not',
    storedAnswers: 1,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'answer', say: 'to pay off the credit cards and stop worrying every month', expect: 'probe' },
          { as: 'answer', say: "honestly i don't see the point any more everyone would be better off without me", expect: 'crisis', ends: true },
        ],
      },
    ],
  },
  {
    name: 'financial control by a partner gets care and the abuse helpline, in British English',
    locale: 'en-GB',
    storedAnswers: 0,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'answer', say: "he takes my wages off me every week and i'm scared of what he'll do if i open my own account", expect: 'crisis', ends: true },
        ],
      },
    ],
  },
  {
    name: 'a near-miss idiom is an answer, not a crisis',
    storedAnswers: 1,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'getting around', expect: 'question' },
          { as: 'answer', say: 'honestly this commute is killing me', expect: 'probe' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'a returning customer resumes where they stopped',
    storedAnswers: 3,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'answer', say: 'buying a home near my parents', expect: 'probe' },
          { as: 'answer', say: 'my kids could see their grandparents more', expect: 'question' },
          stop,
        ],
      },
      {
        steps: [
          { as: 'launch', expect: 'resume-offer' },
          { as: 'resume', expect: 'question' },
          { as: 'answer', say: 'not having enough money when i retire', expect: 'probe' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'a returning customer picks another area',
    storedAnswers: 1,
    sessions: [
      {
        steps: [launch, { as: 'choose-domain', say: 'food', expect: 'question' }, { as: 'answer', say: 'eating less meat for the planet', expect: 'probe' }, stop],
      },
      {
        steps: [
          { as: 'launch', expect: 'resume-offer' },
          { as: 'no', expect: 'domain-prompt' },
          { as: 'choose-domain', say: 'mobility', expect: 'question' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'what do you know about me',
    storedAnswers: 1,
    sessions: [
      {
        steps: [
          launch,
          { as: 'what-do-you-know', expect: 'summary' },
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'answer', say: 'clearing my credit card debt', expect: 'probe' },
          { as: 'what-do-you-know', expect: 'summary' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'delete my answers, confirmed',
    storedAnswers: 0,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'answer', say: 'saving up for a deposit on a house', expect: 'probe' },
          { as: 'delete-data', expect: 'confirm-delete' },
          { as: 'yes', expect: 'deleted', ends: true },
        ],
      },
    ],
  },
  {
    name: 'delete my answers, cancelled',
    storedAnswers: 1,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'answer', say: 'saving up for a deposit on a house', expect: 'probe' },
          { as: 'delete-data', expect: 'confirm-delete' },
          { as: 'help', expect: 'help' },
          { as: 'no', expect: 'repeat' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'a long answer needs no follow-up',
    storedAnswers: 1,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'food', expect: 'question' },
          {
            as: 'answer',
            say: 'what i would really love is to have the time every evening to cook a proper meal from scratch with fresh vegetables and to sit down together as a family without anyone looking at a phone and to actually talk about our day',
            expect: 'question',
          },
          stop,
        ],
      },
    ],
  },
  {
    name: 'answering yes to an open question asks for more',
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'mobility', expect: 'question' },
          { as: 'yes', expect: 'clarify' },
          { as: 'stop', expect: 'goodbye', ends: true },
        ],
      },
    ],
  },
  nonAnswerTwice('hesitating twice: asked again, then the next question', 'money', 'um', 'hmm', 'losing my job and not being able to pay the rent'),
  nonAnswerTwice("not knowing twice: asked again, then the next question", 'getting around', 'dunno', 'no idea really', 'the trains are always late and it makes me late for work', 'en-GB'),
  nonAnswerTwice('declining twice: asked again gently, then the next question', 'food', 'none of your business', 'prefer not to say', 'my son has a nut allergy and eating out is scary'),
  nonAnswerTwice('asking why twice: told why, asked again, then the next question', 'money', 'why do you want to know', 'what do you mean', 'not having enough saved if something goes wrong'),
  nonAnswerTwice('talking to the assistant twice: told what this is, then the next question', 'mobility', "what's the weather like tomorrow", 'play some music', 'getting knocked off my bike on the way to work'),
  {
    name: 'a non-answer to a follow-up: asked again, then the next question, the first answer kept',
    storedAnswers: 1,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'answer', say: 'owning my own flat one day', expect: 'probe' },
          { as: 'answer', say: 'hmm not sure really', expect: 'non-answer' },
          { as: 'answer', say: 'no idea', expect: 'question' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'non-answers are not misunderstandings: two of them do not end the session',
    storedAnswers: 0,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'food', expect: 'question' },
          { as: 'unknown', expect: 'clarify' },
          { as: 'answer', say: 'dunno', expect: 'non-answer' },
          { as: 'unknown', expect: 'clarify' },
          { as: 'answer', say: 'um no idea', expect: 'question' },
          { as: 'unknown', expect: 'clarify' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'no worries about money is a real answer, kept and not dug into',
    storedAnswers: 1,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'skip', expect: 'question' },
          { as: 'answer', say: "honestly i don't have any worries about money", expect: 'question' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'who are they at a partner offer: told, asked again, then yes',
    storedAnswers: 1,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'food', expect: 'question' },
          { as: 'answer', say: 'food prices keep going up and the weekly shop costs a fortune', expect: 'probe' },
          { as: 'skip', expect: 'question' },
          { as: 'skip', expect: 'question' },
          { as: 'skip', expect: 'partner-offer' },
          { as: 'ask-about-partner', expect: 'partner-offer' },
          { as: 'yes', expect: 'next-domain' },
          { as: 'no', expect: 'goodbye', ends: true },
        ],
      },
    ],
  },
  {
    name: 'carry on after an area is finished offers the next one',
    storedAnswers: 0,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'skip', expect: 'question' },
          { as: 'skip', expect: 'question' },
          { as: 'skip', expect: 'next-domain' },
          { as: 'resume', expect: 'next-domain' },
          { as: 'yes', expect: 'question' },
          stop,
        ],
      },
    ],
  },
  {
    name: 'coming back to an area picks up at the question not yet answered',
    storedAnswers: 3,
    sessions: [
      {
        steps: [
          launch,
          { as: 'choose-domain', say: 'money', expect: 'question' },
          { as: 'answer', say: 'buying a little house by the sea', expect: 'probe' },
          { as: 'answer', say: 'we could finally stop renting', expect: 'question' },
          { as: 'change-domain', say: 'food', expect: 'question' },
          { as: 'answer', say: 'cooking proper meals from scratch every night', expect: 'probe' },
          { as: 'change-domain', say: 'money', expect: 'question' },
          stop,
        ],
      },
    ],
  },
];
