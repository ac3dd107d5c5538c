import { randomUUID } from 'node:crypto';
import { v2, type protos } from '@google-cloud/dialogflow';
import { AppError } from '../../src/errors/app-error';
import { clientOptions, sessionPath, structToJson, upstreamError, type DialogflowTarget, type GoogleClientOptions } from './dialogflow-api.client';

/** One customer turn: an event (the welcome) or typed/spoken text. */
export type SmokeStep = { event: string } | { text: string };

/** Welcome, choose a domain, answer, stop: every kind of hop (event, entity, free speech, end). */
export const SMOKE_CONVERSATION: SmokeStep[] = [
  { event: 'WELCOME' },
  { text: 'money' },
  { text: 'i would like to save enough to buy a small flat' },
  { text: 'stop' },
];

export interface SmokeReply {
  said: string;
  intent: string;
  reply: string;
  /** From the webhook's payload.lifepath, when the webhook answered. */
  endConversation?: boolean;
}

export interface SmokeOptions {
  target: DialogflowTarget;
  /** Dialogflow language code: the agent's default "en", or "en-gb". */
  languageCode: string;
  steps?: SmokeStep[];
  sessionId?: string;
  client?: Partial<GoogleClientOptions>;
  /** Called after each turn, so a failure still shows the replies before it. */
  onReply?: (reply: SmokeReply) => void;
}

/**
 * Talks to the deployed agent through SessionsClient.detectIntent, the way any integration
 * does, so it checks the whole path: agent, intents, fulfillment URL and credentials, webhook.
 * Fails on an API error, an empty reply, a webhook error Dialogflow papered over with the
 * intent's static text, or a last turn that did not end the conversation.
 */
export async function runSmokeConversation(options: SmokeOptions): Promise<SmokeReply[]> {
  const steps = options.steps ?? SMOKE_CONVERSATION;
  const session = sessionPath(options.target, options.sessionId ?? `smoke-${randomUUID()}`);
  const client = new v2.SessionsClient(clientOptions(options.target, options.client));
  const replies: SmokeReply[] = [];
  try {
    try {
      // Credentials are resolved here, once; the generated methods would turn a failure into an unhandled rejection.
      await client.initialize();
    } catch (error) {
      throw upstreamError('detectIntent', options.target, error);
    }
    for (const step of steps) {
      const said = 'event' in step ? `(event ${step.event})` : step.text;
      const queryInput: protos.google.cloud.dialogflow.v2.IQueryInput =
        'event' in step ? { event: { name: step.event, languageCode: options.languageCode } } : { text: { text: step.text, languageCode: options.languageCode } };
      let response: protos.google.cloud.dialogflow.v2.IDetectIntentResponse;
      try {
        [response] = await client.detectIntent({ session, queryInput });
      } catch (error) {
        throw upstreamError('detectIntent', options.target, error);
      }
      const result = response.queryResult ?? {};
      const payload = structToJson(result.webhookPayload) as { lifepath?: { endConversation?: unknown } } | undefined;
      const reply: SmokeReply = {
        said,
        intent: result.intent?.displayName ?? '(no intent)',
        reply: (result.fulfillmentText ?? '').trim(),
        endConversation: typeof payload?.lifepath?.endConversation === 'boolean' ? payload.lifepath.endConversation : undefined,
      };
      replies.push(reply);
      options.onReply?.(reply);
      const webhookCode = response.webhookStatus?.code ?? 0;
      if (webhookCode !== 0) {
        throw new AppError(
          'UPSTREAM_FAILED',
          `The webhook failed for "${said}" (code ${webhookCode}: ${response.webhookStatus?.message ?? ''}); check the fulfillment URL and credentials in the Dialogflow console.`,
        );
      }
      if (reply.reply === '') throw new AppError('UPSTREAM_FAILED', `Empty reply to "${said}" (intent ${reply.intent}).`);
      if (reply.endConversation === undefined) {
        throw new AppError('UPSTREAM_FAILED', `The reply to "${said}" did not come from the Lifepath webhook: is fulfillment enabled for intent ${reply.intent}?`);
      }
    }
    const last = replies.at(-1);
    if (last && last.endConversation !== true) {
      throw new AppError('UPSTREAM_FAILED', `The conversation did not end after "${last.said}".`);
    }
    return replies;
  } finally {
    // Closing a client whose credentials never loaded rejects again; the first error is the one to show.
    await client.close().catch(() => undefined);
  }
}
