import type { Request, RequestEnvelope } from 'ask-sdk-model';

/** Every request `type` ask-sdk-model says Alexa can send a custom skill. */
export type AlexaRequestType = Request['type'];

/**
 * How the skill answers a request:
 * - `interview`: an engine turn; the customer hears what the engine says.
 * - `session-end`: the engine records the end (where to resume); the reply is empty, as Alexa wants.
 * - `can-fulfill`: a canFulfillIntent answer worked out from the intent alone; nothing is read or written.
 * - `continue`: the customer is back in our session without having said anything (a touch, a
 *   finished hand-off): inside a session the open question is asked again (or the interview
 *   starts, if nothing is open); outside a session it is `empty`.
 * - `empty`: an empty response; no speech, no directives, nothing read or written.
 */
export type RequestAnswer = 'interview' | 'session-end' | 'can-fulfill' | 'continue' | 'empty';

/** Whether Alexa accepts outputSpeech in the reply: never, or only while a skill session is open. */
export type SpeechRule = 'never' | 'in-session';

/** Typed so that an answer that speaks cannot be given to a request Alexa forbids speech for. */
export type RequestPolicy =
  | { answer: 'interview' | 'continue'; speech: 'in-session' }
  | { answer: 'session-end' | 'can-fulfill' | 'empty'; speech: SpeechRule };

const INTERVIEW: RequestPolicy = { answer: 'interview', speech: 'in-session' };
const CONTINUE: RequestPolicy = { answer: 'continue', speech: 'in-session' };
/** Events about things outside any conversation; Alexa ignores or rejects speech in the reply. */
const SILENT: RequestPolicy = { answer: 'empty', speech: 'never' };
/**
 * Sent inside a session, so Alexa would accept speech, but only after the skill started something
 * (a gadget handler, a web app, an ad, an Alexa Conversations dialog) that this skill never starts.
 * Nothing we could say would answer them, so they get an empty reply.
 */
const NOTHING_TO_SAY: RequestPolicy = { answer: 'empty', speech: 'in-session' };

/**
 * One deliberate answer per request type. The Record is exhaustive over ask-sdk-model's union, so
 * upgrading the SDK with a new request type fails the type-check here until it gets an answer.
 */
export const REQUEST_POLICY: Record<AlexaRequestType, RequestPolicy> = {
  // The conversation itself.
  LaunchRequest: INTERVIEW,
  IntentRequest: INTERVIEW,
  SessionEndedRequest: { answer: 'session-end', speech: 'never' },
  // Name-free routing asks whether we could handle an intent; it must have no side effects.
  CanFulfillIntentRequest: { answer: 'can-fulfill', speech: 'never' },

  // Back in our session after a skill connection or a purchase-style hand-off: silence would leave
  // the customer wondering whether we are still there, so the open question is asked again.
  SessionResumedRequest: CONTINUE,
  'Connections.Response': CONTINUE,
  // A touch on a screen mid-interview: we show no touch targets, so it cannot be an answer, but the
  // customer is clearly still with us; in a session we re-ask, outside one we stay quiet.
  'Display.ElementSelected': CONTINUE,
  'Alexa.Presentation.APL.UserEvent': CONTINUE,
  'Alexa.Presentation.APLT.UserEvent': CONTINUE,

  // We never start these flows; see NOTHING_TO_SAY.
  'Connections.Request': NOTHING_TO_SAY, // a task another skill hands us; the manifest declares no tasks
  'GameEngine.InputHandlerEvent': NOTHING_TO_SAY,
  'CustomInterfaceController.EventsReceived': NOTHING_TO_SAY,
  'CustomInterfaceController.Expired': NOTHING_TO_SAY,
  'Alexa.Presentation.HTML.Message': NOTHING_TO_SAY,
  'Alexa.Advertisement.AdCompleted': NOTHING_TO_SAY,
  'Alexa.Advertisement.AdNotRendered': NOTHING_TO_SAY,

  // The reply to these must be a directive (list data, an API response), never speech; we send
  // no APL lists and run no Alexa Conversations dialog, so the reply is empty.
  'Alexa.Presentation.APL.LoadIndexListData': SILENT,
  'Alexa.Presentation.APL.LoadTokenListData': SILENT,
  'Dialog.API.Invoked': SILENT,
  'Dialog.InputRequest': SILENT,
  'Alexa.Advertisement.ReadyToEnqueueAudio': SILENT,
  // Error reports about documents and responses; there is no customer turn to answer.
  'Alexa.Presentation.APL.RuntimeError': SILENT,
  'Alexa.Presentation.APLA.RuntimeError': SILENT,
  'Alexa.Presentation.HTML.RuntimeError': SILENT,
  // Our previous reply was invalid; Alexa accepts no response content at all here.
  'System.ExceptionEncountered': SILENT,

  // Audio and media buttons: out of session, directives only.
  'AudioPlayer.PlaybackStarted': SILENT,
  'AudioPlayer.PlaybackFinished': SILENT,
  'AudioPlayer.PlaybackStopped': SILENT,
  'AudioPlayer.PlaybackNearlyFinished': SILENT,
  'AudioPlayer.PlaybackFailed': SILENT,
  'PlaybackController.PlayCommandIssued': SILENT,
  'PlaybackController.PauseCommandIssued': SILENT,
  'PlaybackController.NextCommandIssued': SILENT,
  'PlaybackController.PreviousCommandIssued': SILENT,
  'Messaging.MessageReceived': SILENT,

  // Skill lifecycle, list, reminder, authorisation and data-store events: notifications only.
  'AlexaSkillEvent.SkillEnabled': SILENT,
  'AlexaSkillEvent.SkillDisabled': SILENT,
  'AlexaSkillEvent.SkillAccountLinked': SILENT,
  'AlexaSkillEvent.SkillPermissionAccepted': SILENT,
  'AlexaSkillEvent.SkillPermissionChanged': SILENT,
  'AlexaSkillEvent.ProactiveSubscriptionChanged': SILENT,
  'AlexaSkillEvent.NotificationSubscriptionChanged': SILENT,
  'AlexaHouseholdListEvent.ListCreated': SILENT,
  'AlexaHouseholdListEvent.ListUpdated': SILENT,
  'AlexaHouseholdListEvent.ListDeleted': SILENT,
  'AlexaHouseholdListEvent.ItemsCreated': SILENT,
  'AlexaHouseholdListEvent.ItemsUpdated': SILENT,
  'AlexaHouseholdListEvent.ItemsDeleted': SILENT,
  'Reminders.ReminderCreated': SILENT,
  'Reminders.ReminderUpdated': SILENT,
  'Reminders.ReminderDeleted': SILENT,
  'Reminders.ReminderStarted': SILENT,
  'Reminders.ReminderStatusChanged': SILENT,
  'Alexa.Authorization.Grant': SILENT,
  'Alexa.DataStore.Error': SILENT,
  'Alexa.DataStore.PackageManager.InstallationError': SILENT,
  'Alexa.DataStore.PackageManager.UpdateRequest': SILENT,
  'Alexa.DataStore.PackageManager.UsagesInstalled': SILENT,
  'Alexa.DataStore.PackageManager.UsagesRemoved': SILENT,
};

/** Alexa ships request types before the SDK knows them; an empty reply is valid for any of them. */
const UNKNOWN_TYPE: RequestPolicy = SILENT;

export function policyFor(type: string): RequestPolicy {
  return Object.hasOwn(REQUEST_POLICY, type) ? REQUEST_POLICY[type as AlexaRequestType] : UNKNOWN_TYPE;
}

/** Whether this request runs an engine turn (and so reads and writes conversation state). */
export function runsTurn(envelope: RequestEnvelope): boolean {
  const { answer } = policyFor(envelope.request.type);
  if (answer === 'continue') return envelope.session !== undefined;
  return answer === 'interview' || answer === 'session-end';
}

/** Whether our reply to this request carries speech; the error handler speaks only then. */
export function speaks(envelope: RequestEnvelope): boolean {
  const { answer } = policyFor(envelope.request.type);
  if (answer === 'continue') return envelope.session !== undefined;
  return answer === 'interview';
}
