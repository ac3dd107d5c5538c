import type { RequestEnvelope, ResponseEnvelope, ui } from 'ask-sdk-model';
import { loadContent } from '../../../../src/content/content.loader';
import type { InterviewService } from '../../../../src/interview/interview.service';
import { silentLogger, type LogFields, type Logger } from '../../../../src/logging/logger';
import type { InsightStore } from '../../../../src/persistence/insight-store.port';
import { openMemoryStore } from '../../../../src/persistence/memory/insight-store.memory';
import { createAlexaSkill } from '../../../../src/platforms/alexa/alexa.handlers';
import { createPseudonymizer } from '../../../../src/privacy/respondent.pseudonymizer';
import { fixture } from '../../../support/alexa.fixtures';
import { buildService, CONTENT_DIR, TEST_SECRET } from '../../../transcripts/engine.driver';

/** The real content, loaded once as the Lambda does at start. */
export const CONTENT = loadContent(CONTENT_DIR);

export const speech = (r: ResponseEnvelope) => (r.response.outputSpeech as ui.SsmlOutputSpeech | undefined)?.ssml ?? '';
export const reprompt = (r: ResponseEnvelope) => (r.response.reprompt?.outputSpeech as ui.SsmlOutputSpeech | undefined)?.ssml ?? '';

/** The respondent id the service stores a platform user under. */
export const respondentOf = (userId: string) => createPseudonymizer(TEST_SECRET)('alexa', userId);

/**
 * The skill as the Lambda builds it: a real InterviewService over the in-memory store. Every call
 * the skill makes on the store is recorded, so a test can show that a request touched nothing.
 */
export function buildSkill(options: { skillId?: string; service?: Pick<InterviewService, 'handle'> } = {}) {
  const store = openMemoryStore();
  const storeCalls: string[] = [];
  const watched = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        storeCalls.push(String(property));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as InsightStore;
  const { service } = buildService(watched);
  const errors: Array<{ event: string } & LogFields> = [];
  const logger: Logger = { ...silentLogger, error: (event, fields) => errors.push({ event, ...fields }) };
  const skill = createAlexaSkill({ service: options.service ?? service, content: CONTENT, logger, skillId: options.skillId });

  /** Plays envelopes in order, carrying session attributes as Alexa does within one session. */
  async function play(envelopes: Array<string | RequestEnvelope>): Promise<ResponseEnvelope[]> {
    let attributes: Record<string, unknown> | undefined;
    const out: ResponseEnvelope[] = [];
    for (const item of envelopes) {
      const envelope = typeof item === 'string' ? fixture(item) : item;
      if (envelope.session && attributes) envelope.session.attributes = attributes;
      const response = await skill.invoke(envelope);
      attributes = response.sessionAttributes;
      out.push(response);
    }
    return out;
  }

  return { skill, store, storeCalls, errors, play };
}
