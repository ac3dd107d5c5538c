import fs from 'node:fs';
import path from 'node:path';
import { localeOf, platformUserIdOf, readState, requestToAction, sessionIdOf } from '../../../../src/platforms/dialogflow/dialogflow.mapping';
import { WebhookRequestSchema, type WebhookRequest } from '../../../../src/platforms/dialogflow/dialogflow.schema';
import { fixture } from '../../../support/dialogflow.http';

const AGENT_INTENTS = path.resolve(__dirname, '..', '..', '..', '..', 'dialogflow-agent', 'intents');

function request(displayName: string, extra: { queryText?: string; parameters?: Record<string, unknown>; payload?: Record<string, unknown>; source?: string; session?: string } = {}): WebhookRequest {
  return WebhookRequestSchema.parse({
    responseId: 'r-1',
    session: extra.session ?? 'projects/p/agent/sessions/abc-123',
    queryResult: { queryText: extra.queryText ?? '', parameters: extra.parameters ?? {}, languageCode: 'en', intent: { displayName } },
    originalDetectIntentRequest: { source: extra.source, payload: extra.payload ?? {} },
  });
}

describe('Dialogflow intent mapping', () => {
  it.each([
    ['Default Welcome Intent', { type: 'launch' }],
    ['HelpIntent', { type: 'help' }],
    ['StopIntent', { type: 'stop' }],
    ['CancelIntent', { type: 'stop' }],
    ['RepeatIntent', { type: 'repeat' }],
    ['StartOverIntent', { type: 'start-over' }],
    ['YesIntent', { type: 'yes' }],
    ['NoIntent', { type: 'no' }],
    ['SkipIntent', { type: 'skip' }],
    ['ResumeIntent', { type: 'resume' }],
    ['DeleteMyDataIntent', { type: 'delete-data' }],
    ['WhatDoYouKnowIntent', { type: 'what-do-you-know' }],
  ])('%s → %j', (name, action) => {
    expect(requestToAction(request(name, { queryText: 'whatever was said' }))).toEqual(action);
  });

  it('stores the same words as Alexa: the answer parameter without its carrier phrase', () => {
    const said = { queryText: '  i dream of a house by the sea ', parameters: { answer: 'a house by the sea' } };
    expect(requestToAction(request('AnswerIntent', said))).toEqual({ type: 'answer', text: 'a house by the sea' });
  });

  it('falls back to queryText when the parameter is empty, and always for the bare-answer fallback', () => {
    expect(requestToAction(request('AnswerIntent', { queryText: 'a house by the sea', parameters: { answer: '' } }))).toEqual({ type: 'answer', text: 'a house by the sea' });
    const bare = { queryText: ' a house by the sea ', parameters: {} };
    expect(requestToAction(request('AnswerFallbackIntent', bare))).toEqual({ type: 'answer', text: 'a house by the sea' });
  });

  it('an answer intent with nothing said is not understood', () => {
    expect(requestToAction(request('AnswerFallbackIntent', { queryText: '   ' }))).toEqual({ type: 'unknown' });
  });

  it('takes the resolved @domain value, keeping the words', () => {
    expect(requestToAction(request('ChooseDomainIntent', { queryText: 'getting around', parameters: { domain: 'mobility' } }))).toEqual({
      type: 'choose-domain',
      domain: 'mobility',
      text: 'getting around',
    });
    expect(requestToAction(request('ChooseDomainIntent', { queryText: 'food', parameters: { domain: ['food'] } }))).toMatchObject({ domain: 'food' });
  });

  it('leaves an unresolved domain to the engine, which looks in the words', () => {
    expect(requestToAction(request('ChooseDomainIntent', { queryText: 'my finances i guess', parameters: { domain: '' } }))).toEqual({
      type: 'choose-domain',
      text: 'my finances i guess',
    });
    expect(requestToAction(request('ChooseDomainIntent', { parameters: { domain: '' } }))).toEqual({ type: 'unknown' });
  });

  it('change domain with and without a domain', () => {
    expect(requestToAction(request('ChangeDomainIntent', { parameters: { domain: 'food' } }))).toEqual({ type: 'change-domain', domain: 'food' });
    expect(requestToAction(request('ChangeDomainIntent', { parameters: { domain: '' } }))).toEqual({ type: 'change-domain' });
  });

  it('the default fallback and unknown intents are not understood, with what was said', () => {
    expect(requestToAction(request('Default Fallback Intent', { queryText: 'purple monkey' }))).toEqual({ type: 'unknown', text: 'purple monkey' });
    expect(requestToAction(request('SmallTalkIntent', { queryText: 'how are you' }))).toEqual({ type: 'unknown', text: 'how are you' });
    expect(requestToAction(request('Default Fallback Intent'))).toEqual({ type: 'unknown', text: undefined });
  });

  it('knows every intent of the generated agent (none falls through to unknown by accident)', () => {
    const names = fs
      .readdirSync(AGENT_INTENTS)
      .filter((f) => f.endsWith('.json') && !f.includes('_usersays_'))
      .map((f) => (JSON.parse(fs.readFileSync(path.join(AGENT_INTENTS, f), 'utf8')) as { name: string }).name);
    expect(names.length).toBeGreaterThan(10);
    const unmapped = names.filter((name) => {
      if (name === 'Default Fallback Intent') return false;
      const action = requestToAction(request(name, { queryText: 'money', parameters: { domain: 'money' } }));
      return action.type === 'unknown';
    });
    expect(unmapped).toEqual([]);
  });
});

describe('Dialogflow ids and locale', () => {
  it('session id is the last segment of any documented session path', () => {
    expect(sessionIdOf(request('HelpIntent', { session: 'projects/p/agent/sessions/s-1' }))).toBe('s-1');
    expect(sessionIdOf(request('HelpIntent', { session: 'projects/p/locations/europe-west2/agent/environments/draft/users/u/sessions/s-2' }))).toBe('s-2');
  });

  it('user id: phone caller, then web user id, then the session; each namespaced', () => {
    expect(platformUserIdOf(request('HelpIntent', { source: 'GOOGLE_TELEPHONY', payload: { telephony: { caller_id: '+442071838750' } } }))).toBe('tel:+442071838750');
    expect(platformUserIdOf(request('HelpIntent', { payload: { userId: 'abc' } }))).toBe('user:abc');
    expect(platformUserIdOf(request('HelpIntent', { payload: { userId: '  ' } }))).toBe('session:abc-123');
    expect(platformUserIdOf(request('HelpIntent'))).toBe('session:abc-123');
  });

  it('a redacted caller id (trial edition) is not an identity', () => {
    const redacted = request('HelpIntent', { source: 'GOOGLE_TELEPHONY', payload: { telephony: { caller_id: 'REDACTED_IN_STANDARD_TIER_AGENT' } } });
    expect(platformUserIdOf(redacted)).toBe('session:abc-123');
  });

  it('a web page cannot pose as a caller by sending a phone number as its user id', () => {
    expect(platformUserIdOf(request('HelpIntent', { payload: { userId: '+442071838750' } }))).toBe('user:+442071838750');
  });

  it.each([
    ['en', 'en-US'],
    ['en-us', 'en-US'],
    ['en-gb', 'en-GB'],
    ['en-GB', 'en-GB'],
    ['en_AU', 'en-AU'],
    ['de', 'de'],
    ['pt-br', 'pt-BR'],
  ])('language %s → locale %s', (code, locale) => {
    expect(localeOf(code)).toBe(locale);
  });
});

describe('state context', () => {
  const base = fixture('console-help.json') as { session: string; queryResult: Record<string, unknown> };
  const withState = (parameters: Record<string, unknown>) =>
    WebhookRequestSchema.parse({ ...base, queryResult: { ...base.queryResult, outputContexts: [{ name: `${base.session}/contexts/lifepath-state`, lifespanCount: 3, parameters }] } });

  const state = {
    version: 2,
    phase: 'question',
    domain: 'money',
    lensIndex: 1,
    usedVariants: ['q#1'],
    domainsDone: [],
    misunderstandings: 0,
    turn: 4,
    sessionThemes: { money: ['housing'] },
    offeredPartners: [],
    closingNotes: [],
    returning: false,
    futureField: 'kept',
  };

  it('reads it back, including fields added by Dialogflow around it and fields the engine adds later', () => {
    const reading = readState(withState({ state: JSON.stringify(state), domain: 'money', 'domain.original': 'money' }));
    expect(reading.problem).toBeUndefined();
    // A state saved before `storedThemes` (and the listening counts) existed reads back with those fields' defaults.
    expect(reading.state).toEqual({ ...state, storedThemes: {}, nonAnswersInRow: 0, quality: { nonAnswers: 0, misunderstandings: 0 }, answeredLenses: {} });
  });

  it('no context, no state', () => {
    expect(readState(WebhookRequestSchema.parse(base))).toEqual({ state: null });
  });

  it.each([
    [{ state: 42 }, 'state-not-text'],
    [{ state: '{not json' }, 'state-not-json'],
    [{ state: JSON.stringify({ ...state, version: 3 }) }, 'state-invalid'],
    [{ state: JSON.stringify({ ...state, lensIndex: -1 }) }, 'state-invalid'],
  ])('unreadable %j → fresh start (%s)', (parameters, problem) => {
    expect(readState(withState(parameters))).toEqual({ state: null, problem });
  });
});
