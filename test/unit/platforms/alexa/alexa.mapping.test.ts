import { requestToAction } from '../../../../src/platforms/alexa/alexa.mapping';
import type { CustomerAction } from '../../../../src/interview/interview.types';
import { fixture } from '../../../support/alexa.fixtures';

const TABLE: Array<[string, CustomerAction]> = [
  ['launch-request.json', { type: 'launch' }],
  ['choose-domain-resolved.json', { type: 'choose-domain', domain: 'money', text: 'finances' }],
  ['choose-domain-unresolved.json', { type: 'choose-domain', domain: 'gardening', text: 'gardening' }],
  ['answer-elicited.json', { type: 'answer', text: 'buying a house with a garden' }],
  ['answer-empty-slot.json', { type: 'unknown' }],
  ['change-domain-with-slot.json', { type: 'change-domain', domain: 'mobility' }],
  ['change-domain-no-slot.json', { type: 'change-domain' }],
  ['help.json', { type: 'help' }],
  ['stop.json', { type: 'stop' }],
  ['cancel.json', { type: 'stop' }],
  ['navigate-home.json', { type: 'stop' }],
  ['fallback.json', { type: 'unknown' }],
  ['repeat.json', { type: 'repeat' }],
  ['start-over.json', { type: 'start-over' }],
  ['yes.json', { type: 'yes' }],
  ['no.json', { type: 'no' }],
  ['skip.json', { type: 'skip' }],
  ['resume.json', { type: 'resume' }],
  ['delete-my-data.json', { type: 'delete-data' }],
  ['what-do-you-know.json', { type: 'what-do-you-know' }],
  ['session-ended-error.json', { type: 'session-ended', reason: 'ERROR' }],
  ['session-ended-user.json', { type: 'session-ended', reason: 'USER_INITIATED' }],
  ['unknown-intent.json', { type: 'unknown' }],
];

describe('Alexa request → customer action', () => {
  it.each(TABLE)('%s', (file, expected) => {
    expect(requestToAction(fixture(file))).toEqual(expected);
  });
});
