import path from 'node:path';
import { VirtualAlexa } from 'virtual-alexa';
import type { Reply, TranscriptDriver } from './transcript.runner';
import type { TranscriptStep } from './transcripts';

const MODELS = path.resolve(__dirname, '..', '..', 'skill-package', 'interactionModels', 'custom');

/** What a customer would say for each command; these go through the generated model's samples. */
const SPOKEN: Partial<Record<TranscriptStep['as'], string>> = {
  help: 'help',
  stop: 'stop',
  repeat: 'repeat',
  'start-over': 'start over',
  yes: 'yes',
  no: 'no',
  skip: 'skip',
  resume: 'carry on',
  'delete-data': 'delete my answers',
  'what-do-you-know': 'what do you know about me',
  'ask-about-partner': 'who are they',
};

type SkillReply = {
  prompt(): string | undefined;
  reprompt(): string | undefined;
  response: { shouldEndSession?: boolean; directives?: Array<{ type: string; slotToElicit?: string }> };
};

/** Plain text of what Alexa would say, from the SSML the skill returned. */
export function spoken(ssml: string | undefined): string {
  return (ssml ?? '')
    .replace(/<\/?speak>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/**
 * Drives a Lambda handler with virtual-alexa (Bespoken's emulator): utterances are resolved
 * against the generated interaction model, and answers arrive in the elicited AnswerIntent slot
 * as they do on a device after the skill's Dialog.ElicitSlot.
 */
export class AlexaDriver implements TranscriptDriver {
  private alexa: VirtualAlexa | undefined;
  /** Whether the last reply elicited the answer slot, which is what lets a bare answer through. */
  private elicited = false;
  /** Every request envelope sent, so tests can check what the model resolved. */
  readonly requests: Array<{ type: string; intent?: string }> = [];

  constructor(private readonly handler: (event: unknown) => Promise<unknown>) {}

  async startSession(opts: { userId: string; sessionId: string; locale: string }): Promise<void> {
    this.elicited = false;
    this.alexa = VirtualAlexa.Builder()
      .handler(this.handler as (...args: unknown[]) => void)
      .interactionModelFile(path.join(MODELS, `${opts.locale}.json`))
      .locale(opts.locale)
      .create();
    this.alexa.filter((request: { session?: { sessionId: string; user: { userId: string } }; context: { System: { user: { userId: string } } }; request: { type: string; intent?: { name: string } } }) => {
      if (request.session) {
        request.session.sessionId = opts.sessionId;
        request.session.user.userId = opts.userId;
      }
      request.context.System.user.userId = opts.userId;
      this.requests.push({ type: request.request.type, intent: request.request.intent?.name });
    });
  }

  async send(step: TranscriptStep): Promise<Reply> {
    const alexa = this.alexa;
    if (!alexa) throw new Error('startSession first');
    if (step.as === 'answer' && !this.elicited) {
      // On a device a bare answer with no Dialog.ElicitSlot before it falls to FallbackIntent and is lost.
      throw new Error(`"${step.say}" would be lost: the previous reply did not elicit the answer slot`);
    }
    let reply: SkillReply;
    if (step.as === 'launch') reply = (await alexa.launch()) as unknown as SkillReply;
    else if (step.as === 'answer') reply = (await alexa.intend('AnswerIntent', { answer: step.say ?? '' })) as unknown as SkillReply;
    else if (step.as === 'unknown') reply = (await alexa.intend('AMAZON.FallbackIntent')) as unknown as SkillReply;
    else if (step.as === 'choose-domain') reply = (await alexa.utter(step.say ?? '')) as unknown as SkillReply;
    else if (step.as === 'change-domain') reply = (await alexa.utter(step.say ? `switch to ${step.say}` : 'change the topic')) as unknown as SkillReply;
    else reply = (await alexa.utter(SPOKEN[step.as] ?? step.as)) as unknown as SkillReply;
    this.elicited = (reply.response.directives ?? []).some((d) => d.type === 'Dialog.ElicitSlot' && d.slotToElicit === 'answer');
    const speech = spoken(reply.prompt());
    const reprompt = spoken(reply.reprompt());
    return { speech, reprompt: reprompt === '' ? undefined : reprompt, endSession: reply.response.shouldEndSession === true };
  }
}
