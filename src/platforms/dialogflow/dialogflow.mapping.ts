import type { ConversationState, CustomerAction } from '../../interview/interview.types';
import { parseConversationState } from '../../interview/conversation-state.schema';
import type { WebhookRequest } from './dialogflow.schema';

/** Context ids this adapter owns. Dialogflow lower-cases context ids, so these are lower case. */
export const STATE_CONTEXT = 'lifepath-state';
/** Input context of AnswerIntent and AnswerFallbackIntent in dialogflow-agent/: set while a question is open. */
export const AWAITING_ANSWER_CONTEXT = 'awaiting-answer';
/** Parameter of the state context holding the state as JSON text (one string survives Struct conversion untouched). */
export const STATE_PARAMETER = 'state';

/** Display names of the generated agent's intents (dialogflow-agent/intents/*.json). */
const SIMPLE_INTENTS: Record<string, CustomerAction['type']> = {
  'Default Welcome Intent': 'launch',
  HelpIntent: 'help',
  StopIntent: 'stop',
  CancelIntent: 'stop',
  RepeatIntent: 'repeat',
  StartOverIntent: 'start-over',
  YesIntent: 'yes',
  NoIntent: 'no',
  SkipIntent: 'skip',
  ResumeIntent: 'resume',
  DeleteMyDataIntent: 'delete-data',
  WhatDoYouKnowIntent: 'what-do-you-know',
};

/** Both capture free speech; the fallback one catches a bare answer while `awaiting-answer` is active. */
const ANSWER_INTENTS = new Set(['AnswerIntent', 'AnswerFallbackIntent']);


/**
 * Translates a Dialogflow webhook request into what the customer did. Answers come from the
 * AnswerIntent's `answer` parameter when Dialogflow filled it, else from queryText (always for
 * the fallback that catches bare answers).
 */
export function requestToAction(request: WebhookRequest): CustomerAction {
  const result = request.queryResult;
  const name = result.intent.displayName;
  const text = result.queryText?.trim() || undefined;
  const simple = SIMPLE_INTENTS[name];
  if (simple) return { type: simple } as CustomerAction;
  if (ANSWER_INTENTS.has(name)) {
    // Like Alexa's answer slot, the @sys.any parameter holds the answer without its carrier phrase
    // ("my dream is ..."), so both platforms store the same words; the whole utterance otherwise.
    const answer = name === 'AnswerIntent' ? parameterText(result.parameters, 'answer') : undefined;
    const words = answer ?? text;
    return words ? { type: 'answer', text: words } : { type: 'unknown' };
  }
  switch (name) {
    case 'ChooseDomainIntent': {
      // While a question is open the engine takes this as the answer; it owns that decision.
      const domain = parameterText(result.parameters, 'domain');
      if (domain) return { type: 'choose-domain', domain, text: text ?? domain };
      // Not resolved to the @domain entity: the engine still looks for a domain in the words.
      return text ? { type: 'choose-domain', text } : { type: 'unknown' };
    }
    case 'ChangeDomainIntent': {
      const domain = parameterText(result.parameters, 'domain');
      return domain ? { type: 'change-domain', domain } : { type: 'change-domain' };
    }
    default:
      // Default Fallback Intent, and any intent added to the agent that this adapter does not know.
      return { type: 'unknown', text };
  }
}

/** The Dialogflow session id (last path segment), which the service hashes like any platform's session id. */
export function sessionIdOf(request: WebhookRequest): string {
  return request.session.slice(request.session.lastIndexOf('/') + 1);
}

/**
 * Who is speaking, namespaced by where the id came from so one channel cannot pose as another
 * (a web page can set any `userId`; it must never match a caller's number). The raw id only
 * goes to the service, which hashes it; it is never logged.
 */
export function platformUserIdOf(request: WebhookRequest): string {
  const payload = request.originalDetectIntentRequest?.payload;
  const callerId = telephonyOf(payload)?.caller_id;
  // Trial-edition agents receive a redaction marker instead of the number; only a real E.164 number identifies a caller.
  if (typeof callerId === 'string' && /^\+[1-9]\d{6,14}$/.test(callerId)) return `tel:${callerId}`;
  const userId = payload?.userId;
  if (typeof userId === 'string' && userId.trim() !== '') return `user:${userId.trim()}`;
  return `session:${sessionIdOf(request)}`;
}

/** Whether the request came through the Dialogflow phone gateway, where only speech makes sense. */
export function isTelephony(request: WebhookRequest): boolean {
  const original = request.originalDetectIntentRequest;
  return original?.source === 'GOOGLE_TELEPHONY' || telephonyOf(original?.payload) !== undefined;
}

/** Dialogflow language codes ("en", "en-gb") to the locales content is written for ("en-US", "en-GB"). */
export function localeOf(languageCode: string): string {
  const [language = 'en', region] = languageCode.replace('_', '-').split('-');
  const lang = language.toLowerCase();
  if (region) return `${lang}-${region.toUpperCase()}`;
  // A bare "en" is the agent's default language; American English is the default content.
  return lang === 'en' ? 'en-US' : lang;
}

export type StateReading = { state: ConversationState | null; problem?: string };

/** The state carried in the lifepath-state context; a missing or unreadable one starts afresh. */
export function readState(request: WebhookRequest): StateReading {
  const context = findContext(request, STATE_CONTEXT);
  const raw = context?.parameters?.[STATE_PARAMETER];
  if (raw === undefined) return { state: null };
  if (typeof raw !== 'string') return { state: null, problem: 'state-not-text' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { state: null, problem: 'state-not-json' };
  }
  const state = parseConversationState(json);
  return state ? { state } : { state: null, problem: 'state-invalid' };
}

export function findContext(request: WebhookRequest, id: string) {
  const suffix = `/contexts/${id}`;
  return request.queryResult.outputContexts?.find((c) => c.name.toLowerCase().endsWith(suffix));
}

/** Entity parameters arrive as a string, or a list for list parameters; empty when nothing matched. */
function parameterText(parameters: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = parameters?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

function telephonyOf(payload: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const telephony = payload?.telephony;
  return telephony !== null && typeof telephony === 'object' && !Array.isArray(telephony) ? (telephony as Record<string, unknown>) : undefined;
}
