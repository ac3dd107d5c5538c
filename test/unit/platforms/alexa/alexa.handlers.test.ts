import type { RequestEnvelope, ResponseEnvelope, ui } from 'ask-sdk-model';
import { createAlexaSkill } from '../../../../src/platforms/alexa/alexa.handlers';
import { silentLogger } from '../../../../src/logging/logger';
import { buildService } from '../../../transcripts/engine.driver';
import { fixture } from '../../../support/alexa.fixtures';

const speech = (r: ResponseEnvelope) => (r.response.outputSpeech as ui.SsmlOutputSpeech | undefined)?.ssml ?? '';
const reprompt = (r: ResponseEnvelope) => (r.response.reprompt?.outputSpeech as ui.SsmlOutputSpeech | undefined)?.ssml ?? '';

/** Plays fixtures in order, carrying session attributes as Alexa does. */
async function play(names: string[], skillId?: string) {
  const { service } = buildService();
  const skill = createAlexaSkill({ service, logger: silentLogger, skillId });
  let attributes: Record<string, unknown> | undefined;
  const out: ResponseEnvelope[] = [];
  for (const name of names) {
    const envelope: RequestEnvelope = fixture(name);
    if (envelope.session && attributes) envelope.session.attributes = attributes;
    const response = await skill.invoke(envelope);
    attributes = response.sessionAttributes;
    out.push(response);
  }
  return out;
}

describe('Alexa handlers', () => {
  it('keeps every open response speaking and reprompting, and state in session attributes', async () => {
    const responses = await play([
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
      expect(r.sessionAttributes?.lifepath).toMatchObject({ version: 1 });
    }
    expect(responses.at(-1)!.response.shouldEndSession).toBe(true);
    expect(speech(responses.at(-1)!)).toMatch(/goodbye|take care/i);
  });

  it('elicits the answer slot after asking a question, so a bare answer is accepted', async () => {
    const [, question] = await play(['launch-request.json', 'choose-domain-resolved.json']);
    expect(question!.response.directives).toEqual([
      expect.objectContaining({ type: 'Dialog.ElicitSlot', slotToElicit: 'answer', updatedIntent: expect.objectContaining({ name: 'AnswerIntent' }) }),
    ]);
  });

  it.each(['help.json', 'repeat.json', 'fallback.json', 'what-do-you-know.json'])('keeps eliciting the answer while a question is open, after %s', async (side) => {
    const [, , reply] = await play(['launch-request.json', 'choose-domain-resolved.json', side]);
    expect(reply!.response.directives).toEqual([expect.objectContaining({ type: 'Dialog.ElicitSlot', slotToElicit: 'answer' })]);
  });

  it('does not send dialog directives in reply to a LaunchRequest', async () => {
    const [launch] = await play(['launch-request.json']);
    expect(launch!.response.directives ?? []).toEqual([]);
  });

  it.each(['session-ended-error.json', 'session-ended-user.json'])('never speaks on %s', async (name) => {
    const [, , ended] = await play(['launch-request.json', 'choose-domain-resolved.json', name]);
    expect(ended!.response.outputSpeech).toBeUndefined();
    expect(ended!.response.reprompt).toBeUndefined();
  });

  it('speaks the British content for en-GB', async () => {
    const [launch] = await play(['launch-en-gb.json']);
    expect(speech(launch!)).toContain('money, getting around or food');
  });

  it('rejects requests for another skill id before anything reaches the engine', async () => {
    await expect(play(['launch-request.json'], 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000')).rejects.toThrow(/skill id/i);
  });
});
