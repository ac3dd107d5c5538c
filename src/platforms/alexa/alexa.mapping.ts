import type { IntentRequest, RequestEnvelope, Slot } from 'ask-sdk-model';
import type { CustomerAction } from '../../interview/interview.types';

/** Intent names shared with interaction-models/source; the Dialogflow adapter uses the same names. */
export const ANSWER_INTENT = 'AnswerIntent';
export const ANSWER_SLOT = 'answer';

const SIMPLE_INTENTS: Record<string, CustomerAction['type']> = {
  'AMAZON.HelpIntent': 'help',
  'AMAZON.StopIntent': 'stop',
  'AMAZON.CancelIntent': 'stop',
  'AMAZON.NavigateHomeIntent': 'stop',
  'AMAZON.RepeatIntent': 'repeat',
  'AMAZON.StartOverIntent': 'start-over',
  'AMAZON.YesIntent': 'yes',
  'AMAZON.NoIntent': 'no',
  'AMAZON.NextIntent': 'skip',
  'AMAZON.ResumeIntent': 'resume',
  SkipIntent: 'skip',
  ResumeIntent: 'resume',
  DeleteMyDataIntent: 'delete-data',
  WhatDoYouKnowIntent: 'what-do-you-know',
};

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

function intentToAction(request: IntentRequest): CustomerAction {
  const intent = request.intent;
  const simple = SIMPLE_INTENTS[intent.name];
  if (simple) return { type: simple } as CustomerAction;
  switch (intent.name) {
    case ANSWER_INTENT: {
      const text = slotText(intent.slots?.[ANSWER_SLOT]);
      // An AnswerIntent with an empty slot is Alexa eliciting; treat as not understood so we re-ask.
      return text ? { type: 'answer', text } : { type: 'unknown' };
    }
    case 'ChooseDomainIntent': {
      const slot = intent.slots?.domain;
      const domain = resolvedId(slot) ?? slotText(slot);
      return domain ? { type: 'choose-domain', domain, text: slotText(slot) ?? domain } : { type: 'unknown' };
    }
    case 'ChangeDomainIntent': {
      const slot = intent.slots?.domain;
      const domain = resolvedId(slot) ?? slotText(slot);
      return domain ? { type: 'change-domain', domain } : { type: 'change-domain' };
    }
    case 'AMAZON.FallbackIntent':
    default:
      return { type: 'unknown' };
  }
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
