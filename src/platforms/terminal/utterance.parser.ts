import type { CustomerAction } from '../../interview/interview.types';

/**
 * The terminal has no speech platform to recognise intents, so typed lines are matched here
 * against the same commands the voice models offer. Anything else is free speech, which the
 * engine reads as an area choice or an answer depending on what it just asked.
 */
const COMMANDS: ReadonlyArray<[CustomerAction['type'], readonly string[]]> = [
  ['stop', ['stop', 'cancel', 'quit', 'exit', 'goodbye', 'bye', "that's all", 'i am done', "i'm done", 'stop here', 'end']],
  ['help', ['help', 'help me', 'what can i say', 'i need help', 'how does this work']],
  ['skip', ['skip', 'next', 'next question', 'pass', "i'd rather not say", 'rather not say', 'i would rather not say', 'skip it', 'skip this', 'skip that']],
  ['repeat', ['repeat', 'repeat that', 'say that again', 'pardon', 'come again', 'what did you say', 'sorry what']],
  ['start-over', ['start over', 'restart', 'start again', 'begin again', 'from the beginning']],
  ['change-domain', ['change domain', 'change topic', 'change the topic', 'something else', 'another topic', 'switch topic', "let's talk about something else", 'talk about something else', 'another area']],
  ['resume', ['continue', 'carry on', 'resume', 'keep going', 'pick up where i left off', 'where i left off']],
  ['yes', ['yes', 'yeah', 'yep', 'sure', 'ok', 'okay', 'please do', 'yes please', 'go ahead', 'of course']],
  ['no', ['no', 'nope', 'no thanks', 'no thank you', 'not now', 'no way']],
  ['delete-data', ['delete my answers', 'delete my data', 'forget me', 'erase my data', 'delete everything', 'erase my answers', 'delete what i said']],
  ['what-do-you-know', ['what do you know about me', 'what have you stored', 'what do you have on me']],
];

const LOOKUP = new Map<string, CustomerAction['type']>();
for (const [type, phrases] of COMMANDS) for (const phrase of phrases) LOOKUP.set(phrase, type);


export function parseUtterance(line: string): CustomerAction {
  const text = line.trim();
  const key = text.toLowerCase().replace(/[.!?,]+/g, '').replace(/\s+/g, ' ').trim();
  if (key === '') return { type: 'unknown' };
  const switchTo = /^(?:switch to|change to) (.+)$/.exec(key);
  const command = LOOKUP.get(key);
  if (command) return { type: command } as CustomerAction;
  if (switchTo?.[1]) return { type: 'change-domain', domain: switchTo[1] };
  // Whether free words name an area or answer a question is the engine's call, by phase.
  return { type: 'answer', text };
}
