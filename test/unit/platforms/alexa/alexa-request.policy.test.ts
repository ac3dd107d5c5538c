import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { policyFor, REQUEST_POLICY, type AlexaRequestType } from '../../../../src/platforms/alexa/alexa-request.policy';
import { requestFixture, requestFixtures } from '../../../support/alexa.fixtures';
import { buildSkill, CONTENT, reprompt, speech } from './alexa-skill.harness';

/** The runtime list of request types; the Record type keeps it equal to ask-sdk-model's union. */
const TYPES = Object.keys(REQUEST_POLICY) as AlexaRequestType[];
const SAFE_REPROMPTS = CONTENT.locales().map((locale) => CONTENT.forLocale(locale).common.safeReprompt);
const FIXTURES = requestFixtures();

/** What Alexa accepts, independent of what we chose to answer: the test checks one against the other. */
function assertValidFor(envelope: RequestEnvelope, response: ResponseEnvelope): void {
  const policy = policyFor(envelope.request.type);
  const speechAllowed = policy.speech === 'in-session' && envelope.session !== undefined;
  if (!speechAllowed) {
    expect(response.response.outputSpeech).toBeUndefined();
    expect(response.response.reprompt).toBeUndefined();
    expect(response.response.card).toBeUndefined();
  }
  // Dialog directives are only valid in reply to an IntentRequest.
  if (envelope.request.type !== 'IntentRequest') {
    expect((response.response.directives ?? []).filter((d) => d.type.startsWith('Dialog.'))).toEqual([]);
  }
  if (!envelope.session) expect(response.sessionAttributes).toBeUndefined();
  for (const line of SAFE_REPROMPTS) expect(speech(response)).not.toContain(line);
}

describe('every Alexa request type gets a deliberate, valid answer', () => {
  it('has a recorded envelope for every request type in ask-sdk-model', () => {
    expect(TYPES.length).toBeGreaterThan(50);
    expect(TYPES.filter((type) => requestFixture(type) === undefined)).toEqual([]);
  });

  it.each(FIXTURES.map((f) => [f.name, f.envelope] as const))('%s is a recorded envelope of the type it is named after', (name, envelope) => {
    expect(name.startsWith(`${envelope.request.type}.`)).toBe(true);
    expect(Object.hasOwn(REQUEST_POLICY, envelope.request.type)).toBe(true);
  });

  it.each(FIXTURES.map((f) => [f.name, f.envelope] as const))('%s', async (_name, envelope) => {
    const { skill, errors, storeCalls } = buildSkill();
    const response = await skill.invoke(envelope);
    expect(errors).toEqual([]);
    assertValidFor(envelope, response);

    const { answer } = policyFor(envelope.request.type);
    const speaksHere = answer === 'interview' || (answer === 'continue' && envelope.session !== undefined);
    if (speaksHere) {
      expect(speech(response)).toMatch(/^<speak>.+<\/speak>$/);
      if (!response.response.shouldEndSession) expect(reprompt(response)).toMatch(/^<speak>.+<\/speak>$/);
    } else if (answer === 'can-fulfill') {
      expect(response.response.canFulfillIntent?.canFulfill).toMatch(/^(YES|NO|MAYBE)$/);
      expect(storeCalls).toEqual([]);
    } else if (answer === 'session-end') {
      expect(response.response).toEqual({});
    } else {
      // Nothing to say and nothing to do: no speech, no directives, and the store left alone.
      expect(response.response).toEqual({});
      expect(storeCalls).toEqual([]);
    }
  });

  it('gives a request type the SDK does not know yet an empty answer rather than an error', async () => {
    const { skill, errors } = buildSkill();
    const envelope = requestFixture('Messaging.MessageReceived')!;
    (envelope.request as { type: string }).type = 'Alexa.Future.SomethingNew';
    const response = await skill.invoke(envelope);
    expect(response.response).toEqual({});
    expect(errors).toEqual([]);
  });

  it('re-asks the open question when the customer touches the screen mid-interview, without counting a misunderstanding', async () => {
    const [, question, touched, again] = await buildSkill().play([
      'launch-request.json',
      'choose-domain-resolved.json',
      'requests/Display.ElementSelected.json',
      'requests/Alexa.Presentation.APL.UserEvent.json',
    ]);
    // The same as the customer saying "repeat" at that point.
    const [, , repeated] = await buildSkill().play(['launch-request.json', 'choose-domain-resolved.json', 'repeat.json']);
    expect(speech(touched!)).toBe(speech(repeated!));
    expect(reprompt(touched!)).toBe(reprompt(question!));
    expect(reprompt(again!)).toBe(reprompt(question!));
    expect(touched!.response.shouldEndSession).toBe(false);
    for (const line of CONTENT.forLocale('en-US').common.misunderstood) expect(speech(again!)).not.toContain(line);
  });

  it('starts the interview when a touch opens a session that has no conversation yet', async () => {
    const [touched] = await buildSkill().play(['requests/Display.ElementSelected.json']);
    const [launched] = await buildSkill().play(['launch-request.json']);
    expect(speech(touched!)).toBe(speech(launched!));
  });
});

describe('request policy', () => {
  it('never lets an answer that speaks go to a request Alexa forbids speech for', () => {
    for (const type of TYPES) {
      const { answer, speech: rule } = REQUEST_POLICY[type];
      if (answer === 'interview' || answer === 'continue') expect([type, rule]).toEqual([type, 'in-session']);
    }
  });

  it.each([
    'AudioPlayer.PlaybackStarted',
    'PlaybackController.PlayCommandIssued',
    'System.ExceptionEncountered',
    'Messaging.MessageReceived',
    'AlexaSkillEvent.SkillEnabled',
    'AlexaHouseholdListEvent.ItemsCreated',
    'SessionEndedRequest',
    'CanFulfillIntentRequest',
  ] satisfies AlexaRequestType[])('gives %s no speech', (type) => {
    expect(REQUEST_POLICY[type].speech).toBe('never');
  });
});
