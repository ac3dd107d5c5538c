import type { ConversationState, CustomerAction } from '../../interview/interview.types';
import { parseConversationState } from '../../interview/conversation-state.schema';
import { actionFor, dialogflowIntent, type HeardSlot } from '../intent.table';
import type { WebhookRequest } from './dialogflow.schema';

/** Context ids this adapter owns. Dialogflow lower-cases context ids, so these are lower case. */
export const STATE_CONTEXT = 'lifepath-state';
/** Input context of AnswerIntent and AnswerFallbackIntent in dialogflow-agent/: set while a question is open. */
export const AWAITING_ANSWER_CONTEXT = 'awaiting-answer';
/** Parameter of the state context holding the state as JSON text (one string survives Struct conversion untouched). */
export const STATE_PARAMETER = 'state';

/**
 * Translates a Dialogflow webhook request into what the customer did, through the intent table
 * generated with the agent. Entity parameters are the slots (an answer arrives in the @sys.any
 * `answer` parameter without its carrier phrase, as on Alexa); queryText is the customer's words,
 * which stand in for an empty slot where the table says so (a bare answer, an unresolved area).
 */
export function requestToAction(request: WebhookRequest): CustomerAction {
  const result = request.queryResult;
  const entry = dialogflowIntent(result.intent.displayName);
  const slots: Record<string, HeardSlot> = {};
  for (const slot of entry?.slots ?? []) {
    const value = parameterText(result.parameters, slot.name);
    if (value !== undefined) slots[slot.name] = { value };
  }
  return actionFor(entry, { slots, words: result.queryText });
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
