import type { Card, TurnOutput } from '../../interview/interview.types';
import { AWAITING_ANSWER_CONTEXT, STATE_CONTEXT, STATE_PARAMETER, findContext } from './dialogflow.mapping';
import type { ResponseContext, RichContent, WebhookRequest, WebhookResponse } from './dialogflow.schema';

/**
 * Every webhook reply re-sets the state context, so its lifespan only matters when a turn does
 * not reach the webhook (a timeout): the conversation then survives a few such turns.
 */
export const STATE_LIFESPAN = 10;
/**
 * The customer's next utterance only (docs/voice-models.md). If that turn misses the webhook the
 * context lapses, and the following bare answer reaches the Default Fallback Intent, whose text
 * the engine still takes as the answer while a question is open.
 */
export const AWAITING_ANSWER_LIFESPAN = 1;


/**
 * Renders an engine turn as a Dialogflow ES v2 WebhookResponse:
 * - speech as the first text message (what the phone gateway speaks and Messenger shows);
 * - with a card, a Dialogflow Messenger rich-content payload, and the card as plain text in
 *   fulfillmentText for API callers and integrations that ignore custom payloads (not on the
 *   phone, where a URL read aloud helps nobody);
 * - the state in the lifepath-state context and `awaiting-answer` while a question is open;
 *   both cleared (lifespan 0) when the conversation ends;
 * - `payload.lifepath` for custom front ends: reply kind, reprompt, and whether it ended.
 */
export function buildWebhookResponse(request: WebhookRequest, out: TurnOutput): WebhookResponse {
  const open = !out.endSession;
  const awaiting = out.awaitingAnswer;
  const messages: WebhookResponse['fulfillmentMessages'] = [{ text: { text: [out.speech] } }];
  let fulfillmentText = out.speech;
  // The engine leaves the card out where the channel cannot show one (the phone gateway).
  if (out.card) {
    messages.push({ payload: { richContent: richCard(out.card) } });
    fulfillmentText = `${out.speech}\n\n${cardText(out.card)}`;
  }
  const reprompt = open ? (out.reprompt ?? out.speech).trim() : '';
  return {
    fulfillmentText,
    fulfillmentMessages: messages,
    outputContexts: [
      open
        ? { name: contextName(request, STATE_CONTEXT), lifespanCount: STATE_LIFESPAN, parameters: { [STATE_PARAMETER]: JSON.stringify(out.state) } }
        : { name: contextName(request, STATE_CONTEXT), lifespanCount: 0 },
      { name: contextName(request, AWAITING_ANSWER_CONTEXT), lifespanCount: awaiting ? AWAITING_ANSWER_LIFESPAN : 0 },
    ],
    payload: { lifepath: { kind: out.kind, ...(reprompt ? { reprompt } : {}), endConversation: out.endSession } },
  };
}

/**
 * When the turn itself failed: say so, ask to try again, and keep the contexts as they came in,
 * so the customer carries on from the same question instead of starting over.
 */
export function retryResponse(request: WebhookRequest, speech: string): WebhookResponse {
  const kept: ResponseContext[] = [];
  const state = findContext(request, STATE_CONTEXT);
  if (state?.parameters?.[STATE_PARAMETER] !== undefined) {
    kept.push({ name: contextName(request, STATE_CONTEXT), lifespanCount: STATE_LIFESPAN, parameters: { [STATE_PARAMETER]: state.parameters[STATE_PARAMETER] } });
  }
  if (findContext(request, AWAITING_ANSWER_CONTEXT)) {
    kept.push({ name: contextName(request, AWAITING_ANSWER_CONTEXT), lifespanCount: AWAITING_ANSWER_LIFESPAN });
  }
  return {
    fulfillmentText: speech,
    fulfillmentMessages: [{ text: { text: [speech] } }],
    outputContexts: kept,
    payload: { lifepath: { kind: 'repeat', reprompt: speech, endConversation: false } },
  };
}

export function contextName(request: WebhookRequest, id: string): string {
  return `${request.session}/contexts/${id}`;
}

function richCard(card: Card): RichContent {
  const link = httpUrl(card.url);
  const items: RichContent[number] = [{ type: 'info', title: card.title, subtitle: card.text, ...(link ? { actionLink: link } : {}) }];
  if (link) {
    // The visible label is the address itself: it needs no translation and shows where the link goes.
    items.push({ type: 'button', icon: { type: 'launch', color: '#1a73e8' }, text: new URL(link).host, link });
  }
  return [items];
}

function cardText(card: Card): string {
  return [card.title, card.text, httpUrl(card.url)].filter(Boolean).join('\n');
}

/** Only http(s) links are shown; anything else in partner data is dropped rather than rendered. */
function httpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}
