import type { InterviewService } from '../../src/interview/interview.service';
import type { ConversationState, CustomerAction } from '../../src/interview/interview.types';
import { INTENT_TABLE, tableLocale } from '../../src/platforms/intent.table';
import { createUtteranceParser, type UtteranceParser } from '../../src/platforms/terminal/utterance.parser';
import type { Reply, TranscriptDriver } from './transcript.runner';
import type { StepAction, TranscriptStep } from './transcripts';

/**
 * What a customer would type for a command: a sample phrase the voice models were taught for
 * that action, the first (in the table's order) that the parser reads back as the same action.
 */
export function typedCommand(action: StepAction, locale: string, parse: UtteranceParser): string {
  const samples = INTENT_TABLE.intents.filter((entry) => entry.action === action && entry.slots.length === 0).flatMap((entry) => entry.samples[tableLocale(locale)] ?? []);
  const line = samples.find((sample) => parse(sample).type === action);
  if (line === undefined) throw new Error(`no sample phrase for "${action}" in ${locale} that the chat reads as ${action}`);
  return line;
}

/**
 * Drives the service the way `npm run chat` does: the session opens with a launch, then every
 * step is a typed line read by the terminal's utterance parser, so the transcripts check that
 * what the chat understands leads to the same conversation as every other channel.
 */
export class TerminalDriver implements TranscriptDriver {
  private state: ConversationState | null = null;
  private parse: UtteranceParser = createUtteranceParser('en-US');
  private session = { userId: '', sessionId: '', locale: 'en-US' };
  /** Every line typed, in order, for tests about what was sent. */
  readonly lines: string[] = [];

  constructor(private readonly service: InterviewService) {}

  async startSession(opts: { userId: string; sessionId: string; locale: string }): Promise<void> {
    this.session = opts;
    this.state = null;
    this.parse = createUtteranceParser(opts.locale);
  }

  async send(step: TranscriptStep): Promise<Reply> {
    const line = this.lineFor(step);
    // The chat opens every session with a launch of its own; nothing is typed for it.
    const action: CustomerAction = line === undefined ? { type: 'launch' } : this.parse(line);
    if (line !== undefined) this.lines.push(line);
    const out = await this.service.handle({
      platform: 'terminal',
      platformUserId: this.session.userId,
      platformSessionId: this.session.sessionId,
      locale: this.session.locale,
      action,
      utterance: line,
      state: this.state,
    });
    this.state = out.state;
    return { speech: out.speech, reprompt: out.reprompt, endSession: out.endSession, kind: out.kind };
  }

  private lineFor(step: TranscriptStep): string | undefined {
    switch (step.as) {
      case 'launch':
        return undefined;
      case 'answer':
      case 'unknown':
      case 'choose-domain':
        return step.say ?? '';
      case 'change-domain':
        return step.say ? `switch to ${step.say}` : 'change the topic';
      default:
        return typedCommand(step.as, this.session.locale, this.parse);
    }
  }
}
