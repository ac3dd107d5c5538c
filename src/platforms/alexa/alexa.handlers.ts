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
import type { Directive, Response } from 'ask-sdk-model';
import { errorCodeOf } from '../../errors/app-error';
import type { InterviewService } from '../../interview/interview.service';
import { parseConversationState } from '../../interview/conversation-state.schema';
import type { ConversationState, TurnOutput } from '../../interview/interview.types';
import type { Logger } from '../../logging/logger';
import { ANSWER_INTENT, ANSWER_SLOT, requestToAction } from './alexa.mapping';

export interface AlexaSkillDeps {
  service: InterviewService;
  logger: Logger;
  /** When set, requests for any other skill id are rejected by ask-sdk-core. */
  skillId?: string;
  /** Spoken by the error handler; kept here so it never depends on anything that may have failed. */
  safeReprompt?: string;
}

const STATE_KEY = 'lifepath';
const DEFAULT_SAFE_REPROMPT = "Sorry, something went wrong on my side. Let's try that again. What would you like to do?";


const PERMISSIONS = { email: 'alexa::profile:email:read', phone: 'alexa::profile:mobile_number:read' } as const;

/**
 * One handler for every request: the mapping decides what the customer did, the service decides
 * what to say. Keeping a single handler means no intent can be forgotten and end in an error.
 */
function interviewHandler(deps: AlexaSkillDeps): RequestHandler {
  return {
    canHandle: () => true,
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
        action: requestToAction(envelope),
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
    // without a carrier phrase; the speech above is the elicitation prompt.
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
      deps.logger.error('alexa-error', {
        code: errorCodeOf(error),
        errorName: error.name,
        intent: input.requestEnvelope.request.type,
      });
      const say = deps.safeReprompt ?? DEFAULT_SAFE_REPROMPT;
      if (input.requestEnvelope.request.type === 'SessionEndedRequest') return input.responseBuilder.getResponse();
      return input.responseBuilder.speak(say).reprompt(say).withShouldEndSession(false).getResponse();
    },
  };
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
      const raw = input.attributesManager.getSessionAttributes()[STATE_KEY];
      // Session attributes round-trip through Alexa; anything unreadable starts a fresh conversation.
      const state = raw === undefined ? null : parseConversationState(raw);
      if (raw !== undefined && state === null) deps.logger.warn('alexa-state-invalid', { reason: 'state-invalid' });
      const context: RequestContext = { locale: getLocale(input.requestEnvelope) || 'en-US', state };
      input.attributesManager.setRequestAttributes(context as unknown as Record<string, unknown>);
    },
  };
}

/** Conversation state travels in session attributes between turns. */
const saveState: ResponseInterceptor = {
  process(input) {
    const context = input.attributesManager.getRequestAttributes() as RequestContext;
    if (context.nextState) {
      input.attributesManager.setSessionAttributes({ ...input.attributesManager.getSessionAttributes(), [STATE_KEY]: context.nextState });
    }
  },
};

function logRequest(deps: AlexaSkillDeps): RequestInterceptor {
  return {
    process(input) {
      const request = input.requestEnvelope.request;
      deps.logger.debug('alexa-request', {
        intent: request.type === 'IntentRequest' ? request.intent.name : request.type,
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
    .addRequestHandlers(interviewHandler(deps))
    .addErrorHandlers(errorHandler(deps))
    .addRequestInterceptors(loadContext(deps), logRequest(deps))
    .addResponseInterceptors(saveState, logResponse(deps))
    .withCustomUserAgent('lifepath');
  if (deps.skillId) builder.withSkillId(deps.skillId);
  return builder.create();
}
