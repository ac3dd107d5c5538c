import express, { type Request, type Response, type Router } from 'express';
import type { Config } from '../../config/config';
import type { ContentCatalog } from '../../content/content.loader';
import { AppError, errorCodeOf } from '../../errors/app-error';
import type { InterviewService } from '../../interview/interview.service';
import type { TurnOutput } from '../../interview/interview.types';
import type { Logger } from '../../logging/logger';
import { requireDialogflowAuth, webhookAuthMode } from './dialogflow.auth';
import { isTelephony, localeOf, platformUserIdOf, readState, requestToAction, sessionIdOf } from './dialogflow.mapping';
import { buildWebhookResponse, retryResponse } from './dialogflow.response';
import { WebhookRequestSchema, WebhookResponseSchema, describeIssues, type WebhookRequest, type WebhookResponse } from './dialogflow.schema';

export interface DialogflowRouterDeps {
  service: InterviewService;
  logger: Logger;
  auth: Config['dialogflow'];
  /**
   * Loaded once when the router is built: the retry line spoken when a turn fails comes from here
   * (`common.safeReprompt` in the request's locale), so it never depends on the turn that failed.
   */
  content: ContentCatalog;
}

/** A WebhookRequest is a few kilobytes; the state context is the largest part. */
export const BODY_LIMIT = '64kb';

/**
 * The Dialogflow ES fulfillment webhook, mounted by the server at /dialogflow (fulfillment URL
 * https://<host>/dialogflow). Like the Alexa handlers it only translates: the mapping decides
 * what the customer did, the service decides what to say.
 */
export function dialogflowRouter(deps: DialogflowRouterDeps): Router {
  const mode = webhookAuthMode(deps.auth);
  if (mode === 'disabled') {
    deps.logger.warn('dialogflow-webhook-disabled', { reason: 'no webhook credentials configured; every call gets 503' });
  } else if (mode === 'open') {
    deps.logger.warn('dialogflow-webhook-unauthenticated', { reason: 'DIALOGFLOW_ALLOW_UNAUTHENTICATED is set; anyone can call the webhook' });
  }
  const router = express.Router();
  // Authentication before the body parser: an unauthenticated caller costs no parsing.
  const chain = [requireDialogflowAuth(deps.auth), express.json({ limit: BODY_LIMIT }), fulfil(deps)];
  router.post('/', ...chain);
  // dialogflow-agent/agent.json names /dialogflow/webhook; both paths serve the same webhook.
  router.post('/webhook', ...chain);
  return router;
}

function fulfil(deps: DialogflowRouterDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const request = parseRequest(req.body);
    const locale = localeOf(request.queryResult.languageCode);
    const { state, problem } = readState(request);
    if (problem) deps.logger.warn('dialogflow-state-unreadable', { reason: problem, locale });
    const action = requestToAction(request);
    deps.logger.debug('dialogflow-request', { intent: request.queryResult.intent.displayName, action: action.type, locale });
    let out: TurnOutput;
    try {
      out = await deps.service.handle({
        platform: 'dialogflow',
        platformUserId: platformUserIdOf(request),
        platformSessionId: sessionIdOf(request),
        locale,
        // A phone call cannot show a card; no channel here has a contact-permission flow.
        capabilities: { cards: !isTelephony(request), contactPermission: false },
        action,
        utterance: request.queryResult.queryText,
        state,
      });
    } catch (error) {
      // Dialogflow would speak the intent's static text and lose the thread; a retry keeps it.
      deps.logger.error('dialogflow-turn-failed', { code: errorCodeOf(error), errorName: (error as Error)?.name });
      send(res, retryResponse(request, deps.content.forLocale(locale).common.safeReprompt));
      return;
    }
    send(res, buildWebhookResponse(request, out));
  };
}

function parseRequest(body: unknown): WebhookRequest {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('BAD_REQUEST', 'Expected a JSON Dialogflow WebhookRequest (Content-Type: application/json).');
  }
  const parsed = WebhookRequestSchema.safeParse(body);
  if (!parsed.success) throw new AppError('BAD_REQUEST', `Not a Dialogflow ES v2 WebhookRequest: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Checked on the way out too: Dialogflow rejects a response it cannot parse and falls back silently. */
function send(res: Response, response: WebhookResponse): void {
  const checked = WebhookResponseSchema.safeParse(response);
  if (!checked.success) {
    throw new AppError('INTERNAL', `Built an invalid WebhookResponse: ${describeIssues(checked.error)}`);
  }
  res.status(200).json(checked.data);
}
