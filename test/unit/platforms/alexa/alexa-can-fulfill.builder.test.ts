import type { canfulfill, Intent, RequestEnvelope } from 'ask-sdk-model';
import { buildCanFulfill } from '../../../../src/platforms/alexa/alexa-can-fulfill.builder';
import { requestFixture } from '../../../support/alexa.fixtures';
import { CONTENT } from './alexa-skill.harness';

function ask(intent: Intent, locale = 'en-US'): canfulfill.CanFulfillIntent {
  const envelope = requestFixture('CanFulfillIntentRequest') as RequestEnvelope;
  if (envelope.request.type !== 'CanFulfillIntentRequest') throw new Error('fixture is not a CanFulfillIntentRequest');
  const request = { ...envelope.request, intent, locale };
  return buildCanFulfill({ ...envelope, request }, request, CONTENT);
}

const slot = (name: string, value: string) => ({ [name]: { name, value, confirmationStatus: 'NONE' as const } });
const intent = (name: string, slots?: Intent['slots']): Intent => ({ name, confirmationStatus: 'NONE', slots });
const understood = { canUnderstand: 'YES', canFulfill: 'YES' };
const notUnderstood = { canUnderstand: 'NO', canFulfill: 'NO' };

describe('CanFulfill answers', () => {
  it.each([
    ['a covered area by its id', intent('ChooseDomainIntent', slot('domain', 'food')), { canFulfill: 'YES', slots: { domain: understood } }],
    ['a covered area by a synonym Alexa did not resolve', intent('ChooseDomainIntent', slot('domain', 'Groceries')), { canFulfill: 'YES', slots: { domain: understood } }],
    ['a switch to a covered area', intent('ChangeDomainIntent', slot('domain', 'money')), { canFulfill: 'YES', slots: { domain: understood } }],
    ['an area we do not cover', intent('ChooseDomainIntent', slot('domain', 'gardening')), { canFulfill: 'NO', slots: { domain: notUnderstood } }],
    ['a change of topic with no area', intent('ChangeDomainIntent'), { canFulfill: 'NO', slots: {} }],
    ['erasing my answers', intent('DeleteMyDataIntent'), { canFulfill: 'YES', slots: {} }],
    ['what is stored about me', intent('WhatDoYouKnowIntent'), { canFulfill: 'YES', slots: {} }],
    ['carrying on, which depends on stored progress', intent('ResumeIntent'), { canFulfill: 'MAYBE', slots: {} }],
    ['an answer with no open question', intent('AnswerIntent', slot('answer', 'a house by the sea')), { canFulfill: 'NO', slots: { answer: notUnderstood } }],
    ['a skip with no open question', intent('SkipIntent'), { canFulfill: 'NO', slots: {} }],
    ["Amazon's built-in help", intent('AMAZON.HelpIntent'), { canFulfill: 'NO', slots: {} }],
    ["Amazon's built-in stop", intent('AMAZON.StopIntent'), { canFulfill: 'NO', slots: {} }],
    ['an intent the skill does not have', intent('PlaySoundIntent', slot('sound', 'crickets')), { canFulfill: 'NO', slots: { sound: notUnderstood } }],
  ])('%s', (_what, asked, expected) => {
    expect(ask(asked)).toEqual(expected);
  });

  it('reads areas from the locale asked in', () => {
    // "the tube" is a getting-around synonym only in British English.
    expect(ask(intent('ChooseDomainIntent', slot('domain', 'the tube')), 'en-GB').canFulfill).toBe('YES');
    expect(ask(intent('ChooseDomainIntent', slot('domain', 'the tube')), 'en-US').canFulfill).toBe('NO');
  });
});
