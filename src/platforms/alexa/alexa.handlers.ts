import {
  SkillBuilders,
  getLocale,
  getUserId,
  type Skill,
  type ErrorHandler,
  type HandlerInput,
  type RequestHandler,
  type RequestInterceptor,
  type ResponseInterceptor,
} from 'ask-sdk-core';
import type { Directive, RequestEnvelope, Response } from 'ask-sdk-model';
import type { ContentCatalog } from '../../content/content.loader';
import { errorCodeOf } from '../../errors/app-error';
import type { InterviewService } from '../../interview/interview.service';
import { parseConversationState } from '../../interview/conversation-state.schema';
import type { ConversationState, CustomerAction, TurnOutput } from '../../interview/interview.types';
import type { Logger } from '../../logging/logger';
import { buildCanFulfill } from './alexa-can-fulfill.builder';
import { policyFor, runsTurn, speaks } from './alexa-request.policy';
import { ANSWER_INTENT, ANSWER_SLOT, requestToAction } from './alexa.mapping';

export interface AlexaSkillDeps {
  service: Pick<InterviewService, 'handle'>;
  /**
   * Loaded once when the skill is built. The error handler's words come from here, per locale, so
   * they never depend on the turn that failed; CanFulfill answers read the domains from here.
   */
  content: ContentCatalog;
  logger: Logger;
  /** When set, requests for any other skill id are rejected by ask-sdk-core. */
  skillId?: string;
}

const STATE_KEY = 'lifepath';
const DEFAULT_LOCALE = 'en-US';

const PERMISSIONS = { email: 'alexa::profile:email:read', phone: 'alexa::profile:mobile_number:read' } as const;

/** Requests that are part of the conversation: the mapping decides what the customer did, the service what to say. */
function interviewHandler(deps: AlexaSkillDeps): RequestHandler {
  return {
    canHandle: (input) => runsTurn(input.requestEnvelope),
    async handle(input: HandlerInput): Promise<Response> {
      const envelope = input.requestEnvelope;
      const context = input.attributesManager.getRequestAttributes() as RequestContext;
      const out = await deps.service.handle({
        platform: 'alexa',
        platformUserId: getUserId(envelope),
        platformSessionId: envelope.session?.sessionId ?? `no-session-${envelope.request.requestId}`,
        locale: context.locale,
        // Alexa shows cards in its app and has a consent flow for contact details.
        capabilities: { cards: true, contactPermission: true },
        action: actionFor(envelope, context.state),
        state: context.state,
      });
      context.nextState = out.state;
      if (envelope.request.type === 'SessionEndedRequest') {
        // Alexa ignores any speech here; an empty response is what it expects.
        return input.responseBuilder.getResponse();
      }
      return render(input, out, envelope.request.type === 'IntentRequest');
    },
  };
}

function actionFor(envelope: RequestEnvelope, state: ConversationState | null): CustomerAction {
  if (policyFor(envelope.request.type).answer !== 'continue') return requestToAction(envelope);
  // Nothing was said, so nothing may count as a misunderstanding: ask again what is open, or
  // start the interview when this session has not begun one.
  return state === null ? { type: 'launch' } : { type: 'repeat' };
}

/** Name-free routing's question, answered without the service, the store or the session. */
function canFulfillHandler(deps: AlexaSkillDeps): RequestHandler {
  return {
    canHandle: (input) => policyFor(input.requestEnvelope.request.type).answer === 'can-fulfill',
    handle(input) {
      const envelope = input.requestEnvelope;
      if (envelope.request.type !== 'CanFulfillIntentRequest') return input.responseBuilder.getResponse();
      return input.responseBuilder.withCanFulfillIntent(buildCanFulfill(envelope, envelope.request, deps.content)).getResponse();
    },
  };
}

/** Every other request: the policy says speech is not wanted or not allowed, so the reply is empty. */
const emptyHandler: RequestHandler = {
  canHandle: () => true,
  handle: (input) => input.responseBuilder.getResponse(),
};

function render(input: HandlerInput, out: TurnOutput, isIntentRequest: boolean): Response {
  const builder = input.responseBuilder.speak(escapeSsml(out.speech));
  if (out.card) {
    const text = out.card.url ? `${out.card.text}\n${out.card.url}` : out.card.text;
    builder.withSimpleCard(out.card.title, text);
  }
  if (out.askPermission) builder.withAskForPermissionsConsentCard([PERMISSIONS[out.askPermission]]);
  if (out.endSession) {
    builder.withShouldEndSession(true);
    return builder.getResponse();
  }
  builder.reprompt(escapeSsml(out.reprompt ?? out.speech));
  if (isIntentRequest && out.awaitingAnswer) {
    // Eliciting the answer slot lets a bare answer ("a house with a garden") reach AnswerIntent
    // without a carrier phrase; the speech above is the elicitation prompt. Dialog directives are
    // only valid in reply to an IntentRequest.
    const elicit: Directive = {
      type: 'Dialog.ElicitSlot',
      slotToElicit: ANSWER_SLOT,
      updatedIntent: { name: ANSWER_INTENT, confirmationStatus: 'NONE', slots: { [ANSWER_SLOT]: { name: ANSWER_SLOT, confirmationStatus: 'NONE' } } },
    };
    builder.addDirective(elicit);
  }
  return builder.getResponse();
}

/** Engine text is plain; ask-sdk wraps it in <speak>, so markup characters must be escaped. */
function escapeSsml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function errorHandler(deps: AlexaSkillDeps): ErrorHandler {
  return {
    canHandle: () => true,
    handle(input, error) {
      const envelope = input.requestEnvelope;
      deps.logger.error('alexa-error', { code: errorCodeOf(error), errorName: error.name, intent: envelope.request.type });
      if (envelope.request.type === 'CanFulfillIntentRequest') {
        // Unsure is not yes: a skill that cannot work out the answer should not be chosen.
        return input.responseBuilder.withCanFulfillIntent({ canFulfill: 'NO' }).getResponse();
      }
      // Speech where Alexa rejects it turns one failure into a second, louder one.
      if (!speaks(envelope)) return input.responseBuilder.getResponse();
      const say = escapeSsml(deps.content.forLocale(localeOf(envelope)).common.safeReprompt);
      return input.responseBuilder.speak(say).reprompt(say).withShouldEndSession(false).getResponse();
    },
  };
}

function localeOf(envelope: RequestEnvelope): string {
  return getLocale(envelope) || DEFAULT_LOCALE;
}

/** Per-request values the interceptors prepare and collect around the handler. */
interface RequestContext {
  locale: string;
  state: ConversationState | null;
  nextState?: ConversationState;
}

/** Reads locale and conversation state once, so the handler sees plain values. */
function loadContext(deps: AlexaSkillDeps): RequestInterceptor {
  return {
    process(input) {
      const envelope = input.requestEnvelope;
      // Only turns have conversation state; ask-sdk throws when session attributes are read for a
      // request without a session (audio, skill and list events), and CanFulfill must not read them.
      const raw = runsTurn(envelope) && envelope.session ? input.attributesManager.getSessionAttributes()[STATE_KEY] : undefined;
      // Session attributes round-trip through Alexa; anything unreadable starts a fresh conversation.
      const state = raw === undefined ? null : parseConversationState(raw);
      if (raw !== undefined && state === null) deps.logger.warn('alexa-state-invalid', { reason: 'state-invalid' });
      const context: RequestContext = { locale: localeOf(envelope), state };
      input.attributesManager.setRequestAttributes(context as unknown as Record<string, unknown>);
    },
  };
}

/** Conversation state travels in session attributes between turns. */
const saveState: ResponseInterceptor = {
  process(input) {
    const context = input.attributesManager.getRequestAttributes() as RequestContext;
    // A turn without a session (never sent by Alexa, but not impossible) has nowhere to keep state.
    if (context.nextState && input.requestEnvelope.session) {
      input.attributesManager.setSessionAttributes({ ...input.attributesManager.getSessionAttributes(), [STATE_KEY]: context.nextState });
    }
  },
};

function logRequest(deps: AlexaSkillDeps): RequestInterceptor {
  return {
    process(input) {
      const request = input.requestEnvelope.request;
      deps.logger.debug('alexa-request', {
        intent: request.type === 'IntentRequest' || request.type === 'CanFulfillIntentRequest' ? request.intent.name : request.type,
        locale: request.locale,
      });
    },
  };
}

function logResponse(deps: AlexaSkillDeps): ResponseInterceptor {
  return {
    process(_input, response) {
      deps.logger.debug('alexa-response', { status: response?.shouldEndSession ? 'ended' : 'open' });
    },
  };
}

export function createAlexaSkill(deps: AlexaSkillDeps): Skill {
  const builder = SkillBuilders.custom()
    // Order matters: the empty handler takes whatever the two before it leave.
    .addRequestHandlers(canFulfillHandler(deps), interviewHandler(deps), emptyHandler)
    .addErrorHandlers(errorHandler(deps))
    .addRequestInterceptors(loadContext(deps), logRequest(deps))
    .addResponseInterceptors(saveState, logResponse(deps))
    .withCustomUserAgent('lifepath');
  if (deps.skillId) builder.withSkillId(deps.skillId);
  return builder.create();
}
