import { z } from 'zod';

/**
 * The Dialogflow ES v2 webhook wire format, as far as this adapter relies on it. Requests are
 * loose (Dialogflow adds fields over time: diagnosticInfo, sentimentAnalysisResult, ...) but the
 * fields we read are checked, so a malformed call is a 400 with a reason rather than a crash.
 * Responses are strict: a v2 agent rejects a response carrying a field the v2 proto does not
 * know (for example v2beta1's `endInteraction`), and falls back to the intent's static text.
 */

/** `projects/<p>[/locations/<l>]/agent[/environments/<e>/users/<u>]/sessions/<id>`. */
export const SESSION_PATTERN = /^projects\/[^/]+\/(?:locations\/[^/]+\/)?agent\/(?:environments\/[^/]+\/users\/[^/]+\/)?sessions\/[^/]+$/;
const CONTEXT_PATTERN = /^projects\/[^/]+\/(?:locations\/[^/]+\/)?agent\/(?:environments\/[^/]+\/users\/[^/]+\/)?sessions\/[^/]+\/contexts\/[^/]+$/;

const Struct = z.record(z.string(), z.unknown());

const RequestContextSchema = z.looseObject({
  name: z.string().regex(CONTEXT_PATTERN, 'must be <session>/contexts/<id>'),
  lifespanCount: z.number().int().min(0).optional(),
  parameters: Struct.optional(),
});

export const WebhookRequestSchema = z.looseObject({
  responseId: z.string().min(1),
  session: z.string().regex(SESSION_PATTERN, 'must be projects/<project>/agent/sessions/<session>'),
  queryResult: z.looseObject({
    queryText: z.string().optional(),
    languageCode: z.string().regex(/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/, 'must be a language code such as en or en-gb'),
    parameters: Struct.optional(),
    allRequiredParamsPresent: z.boolean().optional(),
    outputContexts: z.array(RequestContextSchema).optional(),
    intent: z.looseObject({
      name: z.string().optional(),
      displayName: z.string().min(1),
    }),
    intentDetectionConfidence: z.number().optional(),
    action: z.string().optional(),
  }),
  originalDetectIntentRequest: z
    .looseObject({
      source: z.string().optional(),
      version: z.string().optional(),
      payload: Struct.optional(),
    })
    .optional(),
});

export type WebhookRequest = z.infer<typeof WebhookRequestSchema>;

/** Dialogflow Messenger rich content (ES): an info card that opens a link, and a button. */
const MessengerInfoSchema = z.strictObject({
  type: z.literal('info'),
  title: z.string().min(1),
  subtitle: z.string().optional(),
  actionLink: z.url().optional(),
});
const MessengerButtonSchema = z.strictObject({
  type: z.literal('button'),
  icon: z.strictObject({ type: z.string(), color: z.string() }).optional(),
  text: z.string().min(1),
  link: z.url(),
});
export const RichContentSchema = z.array(z.array(z.union([MessengerInfoSchema, MessengerButtonSchema])).min(1)).min(1);

const TextMessageSchema = z.strictObject({ text: z.strictObject({ text: z.array(z.string()).min(1) }) });
const PayloadMessageSchema = z.strictObject({ payload: z.strictObject({ richContent: RichContentSchema }) });

const ResponseContextSchema = z.strictObject({
  name: z.string().regex(CONTEXT_PATTERN, 'must be <session>/contexts/<id>'),
  lifespanCount: z.number().int().min(0),
  parameters: Struct.optional(),
});

/** What custom front ends and the smoke script read from `queryResult.webhookPayload`. */
export const LifepathPayloadSchema = z.strictObject({
  kind: z.string().min(1),
  reprompt: z.string().min(1).optional(),
  endConversation: z.boolean(),
});

export const WebhookResponseSchema = z.strictObject({
  fulfillmentText: z.string(),
  fulfillmentMessages: z.array(z.union([TextMessageSchema, PayloadMessageSchema])).min(1),
  outputContexts: z.array(ResponseContextSchema),
  payload: z.strictObject({ lifepath: LifepathPayloadSchema }),
});

export type WebhookResponse = z.infer<typeof WebhookResponseSchema>;
export type ResponseContext = z.infer<typeof ResponseContextSchema>;
export type RichContent = z.infer<typeof RichContentSchema>;
export type LifepathPayload = z.infer<typeof LifepathPayloadSchema>;


/** A short, single-line reason for a 400: the first problem and where it is. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${where}: ${issue.message}${more}`;
}
