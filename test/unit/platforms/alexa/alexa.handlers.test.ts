import fs from 'node:fs';
import path from 'node:path';
import type { RequestEnvelope } from 'ask-sdk-model';
import { PROJECT_ROOT } from '../../../../src/config/config';
import { AppError } from '../../../../src/errors/app-error';
import { parseConversationState } from '../../../../src/interview/conversation-state.schema';
import { fixture, requestFixture } from '../../../support/alexa.fixtures';
import { buildSkill, CONTENT, reprompt, respondentOf, speech } from './alexa-skill.harness';

const US = CONTENT.forLocale('en-US').common;
const GB = CONTENT.forLocale('en-GB').common;

function withLocale(name: string, locale: string): RequestEnvelope {
  const envelope = fixture(name);
  envelope.request.locale = locale;
  return envelope;
}

describe('Alexa handlers', () => {
  it('keeps every open response speaking and reprompting, and state in session attributes', async () => {
    const responses = await buildSkill().play([
      'launch-request.json',
      'help.json',
      'choose-domain-resolved.json',
      'repeat.json',
      'answer-elicited.json',
      'fallback.json',
      'skip.json',
      'what-do-you-know.json',
      'change-domain-no-slot.json',
      'change-domain-with-slot.json',
      'unknown-intent.json',
      'start-over.json',
      'stop.json',
    ]);
    for (const r of responses.slice(0, -1)) {
      expect(r.response.shouldEndSession).toBe(false);
      expect(speech(r)).toMatch(/^<speak>.+<\/speak>$/);
      expect(reprompt(r)).toMatch(/^<speak>.+<\/speak>$/);
      expect(parseConversationState(r.sessionAttributes?.lifepath)).not.toBeNull();
    }
    expect(responses.at(-1)!.response.shouldEndSession).toBe(true);
    expect(speech(responses.at(-1)!)).toMatch(/goodbye|take care/i);
  });

  it('elicits the answer slot after asking a question, so a bare answer is accepted', async () => {
    const [, question] = await buildSkill().play(['launch-request.json', 'choose-domain-resolved.json']);
    expect(question!.response.directives).toEqual([
      expect.objectContaining({ type: 'Dialog.ElicitSlot', slotToElicit: 'answer', updatedIntent: expect.objectContaining({ name: 'AnswerIntent' }) }),
    ]);
  });

  it.each(['help.json', 'repeat.json', 'fallback.json', 'what-do-you-know.json'])('keeps eliciting the answer while a question is open, after %s', async (side) => {
    const [, , reply] = await buildSkill().play(['launch-request.json', 'choose-domain-resolved.json', side]);
    expect(reply!.response.directives).toEqual([expect.objectContaining({ type: 'Dialog.ElicitSlot', slotToElicit: 'answer' })]);
  });

  it('does not send dialog directives in reply to a LaunchRequest', async () => {
    const [launch] = await buildSkill().play(['launch-request.json']);
    expect(launch!.response.directives ?? []).toEqual([]);
  });

  it.each(['session-ended-error.json', 'session-ended-user.json'])('never speaks on %s', async (name) => {
    const [, , ended] = await buildSkill().play(['launch-request.json', 'choose-domain-resolved.json', name]);
    expect(ended!.response.outputSpeech).toBeUndefined();
    expect(ended!.response.reprompt).toBeUndefined();
  });

  it('speaks the British content for en-GB, and not for the same turns in en-US', async () => {
    // The crisis reply differs by locale (999 and Samaritans against 911 and 988); most other
    // wording is shared, so it is what shows the locale really reached the engine.
    expect(US.crisis.response).not.toContain('Samaritans');
    const [, british] = await buildSkill().play(['launch-en-gb.json', 'answer-crisis-en-gb.json']);
    expect(speech(british!)).toContain('Samaritans');
    expect(speech(british!)).not.toContain('911');

    const [, american] = await buildSkill().play([withLocale('launch-en-gb.json', 'en-US'), withLocale('answer-crisis-en-gb.json', 'en-US')]);
    expect(speech(american!)).not.toContain('Samaritans');
    expect(speech(american!)).toContain('988');
  });

  it('rejects requests for another skill id before anything reaches the engine', async () => {
    const { play, storeCalls } = buildSkill({ skillId: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000' });
    await expect(play(['launch-request.json'])).rejects.toThrow(/skill id/i);
    expect(storeCalls).toEqual([]);
  });
});

describe('Alexa CanFulfillIntentRequest', () => {
  it('is declared in the skill manifest, without which Alexa never sends it', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'skill-package', 'skill.json'), 'utf8')) as {
      manifest: { apis: { custom: { interfaces: Array<{ type: string }> } } };
    };
    expect(manifest.manifest.apis.custom.interfaces).toContainEqual({ type: 'CAN_FULFILL_INTENT_REQUEST' });
  });

  it('answers YES for choosing a domain we cover, and changes nothing a later visit could notice', async () => {
    const { skill, storeCalls, store } = buildSkill();
    const canFulfill = await skill.invoke(requestFixture('CanFulfillIntentRequest')!);
    expect(canFulfill.response).toEqual({
      canFulfillIntent: { canFulfill: 'YES', slots: { domain: { canUnderstand: 'YES', canFulfill: 'YES' } } },
    });
    expect(storeCalls).toEqual([]);
    expect(await store.loadRespondent(respondentOf(fixture('launch-request.json').context.System.user.userId))).toBeNull();
    expect(canFulfill.sessionAttributes ?? {}).toEqual({});

    const launch = await skill.invoke(fixture('launch-request.json'));
    expect(speech(launch)).toContain(US.notice);
    expect(speech(launch)).toContain(US.welcome.new[0]);
    for (const returning of US.welcome.returning) expect(speech(launch)).not.toContain(returning);
  });

  it('would have made the customer a returning one had it run a turn (the check above can fail)', async () => {
    const { play, skill } = buildSkill();
    await play(['launch-request.json', 'session-ended-user.json']);
    const launch = await skill.invoke(fixture('launch-request.json'));
    expect(speech(launch)).not.toContain(US.notice);
    expect(US.welcome.returning.some((line) => speech(launch).includes(line))).toBe(true);
  });

  it('answers NO for an intent the skill does not have', async () => {
    const { skill, storeCalls } = buildSkill();
    const envelope = requestFixture('CanFulfillIntentRequest')!;
    if (envelope.request.type !== 'CanFulfillIntentRequest') throw new Error('fixture is not a CanFulfillIntentRequest');
    envelope.request.intent = { name: 'OrderPizzaIntent', confirmationStatus: 'NONE', slots: { topping: { name: 'topping', value: 'mushroom', confirmationStatus: 'NONE' } } };
    const response = await skill.invoke(envelope);
    expect(response.response).toEqual({ canFulfillIntent: { canFulfill: 'NO', slots: { topping: { canUnderstand: 'NO', canFulfill: 'NO' } } } });
    expect(storeCalls).toEqual([]);
  });
});

describe('Alexa error handler', () => {
  const failing = { handle: () => Promise.reject(new AppError('STORE_UNAVAILABLE', 'store down')) };

  it.each([
    ['en-GB', GB.safeReprompt],
    ['en-US', US.safeReprompt],
  ])('speaks the safe reprompt from the %s content and keeps the session open', async (locale, expected) => {
    expect(GB.safeReprompt).not.toEqual(US.safeReprompt);
    const { skill, errors } = buildSkill({ service: failing });
    const response = await skill.invoke(withLocale('help.json', locale));
    expect(speech(response)).toBe(`<speak>${expected}</speak>`);
    expect(reprompt(response)).toBe(speech(response));
    expect(response.response.shouldEndSession).toBe(false);
    expect(errors).toEqual([expect.objectContaining({ event: 'alexa-error', code: 'STORE_UNAVAILABLE' })]);
  });

  it('answers a failed SessionEndedRequest with an empty response, where Alexa allows no speech', async () => {
    const { skill, errors } = buildSkill({ service: failing });
    const response = await skill.invoke(fixture('session-ended-user.json'));
    expect(response.response).toEqual({});
    expect(errors).toHaveLength(1);
  });

  it('speaks when a screen touch inside a session fails, since that reply may speak', async () => {
    const { skill } = buildSkill({ service: failing });
    const response = await skill.invoke(withLocale('requests/Display.ElementSelected.json', 'en-GB'));
    expect(speech(response)).toBe(`<speak>${GB.safeReprompt}</speak>`);
  });
});
