import type { IntentRequest, RequestEnvelope, Slot } from 'ask-sdk-model';
import type { CustomerAction } from '../../interview/interview.types';
import { actionFor, alexaAnswerCapture, alexaIntent, type HeardSlot } from '../intent.table';

/** The intent and slot the skill elicits after a question, so a bare answer is captured (from the intent table). */
export const { intent: ANSWER_INTENT, slot: ANSWER_SLOT } = alexaAnswerCapture();

/**
 * Translates an Alexa request into what the customer did. This is the whole of the Alexa
 * adapter's understanding of the conversation; everything else is the engine's.
 */
export function requestToAction(envelope: RequestEnvelope): CustomerAction {
  const request = envelope.request;
  switch (request.type) {
    case 'LaunchRequest':
      return { type: 'launch' };
    case 'SessionEndedRequest':
      return { type: 'session-ended', reason: request.reason };
    case 'IntentRequest':
      return intentToAction(request);
    default:
      return { type: 'unknown' };
  }
}

/** Alexa never reports the whole utterance, so an empty slot cannot fall back on the words. */
function intentToAction(request: IntentRequest): CustomerAction {
  const slots: Record<string, HeardSlot> = {};
  for (const [name, slot] of Object.entries(request.intent.slots ?? {})) {
    const words = slotText(slot);
    // The resolved id where entity resolution matched ("finances" → money), else the words heard.
    const value = resolvedId(slot) ?? words;
    if (value !== undefined) slots[name] = { value, words };
  }
  return actionFor(alexaIntent(request.intent.name), { slots });
}

function slotText(slot: Slot | undefined): string | undefined {
  const value = slot?.value?.trim();
  return value ? value : undefined;
}

/** The canonical value from entity resolution ("finances" → money), when Alexa matched one. */
function resolvedId(slot: Slot | undefined): string | undefined {
  for (const authority of slot?.resolutions?.resolutionsPerAuthority ?? []) {
    if (authority.status.code === 'ER_SUCCESS_MATCH') {
      const value = authority.values?.[0]?.value;
      if (value) return value.id ?? value.name;
    }
  }
  return undefined;
}
