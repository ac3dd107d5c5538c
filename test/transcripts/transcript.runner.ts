import type { ReplyKind } from '../../src/interview/interview.types';
import type { Transcript, TranscriptStep } from './transcripts';

/** One reply as a platform delivers it; `kind` only where the driver can see it (the engine). */
export interface Reply {
  speech: string;
  reprompt?: string;
  endSession: boolean;
  kind?: ReplyKind;
}

/** Drives one platform: a session is opened per transcript session, then fed steps in order. */
export interface TranscriptDriver {
  startSession(opts: { userId: string; sessionId: string; locale: string }): Promise<void>;
  send(step: TranscriptStep): Promise<Reply>;
  endSession?(): Promise<void>;
}

export interface RecordedStep {
  step: TranscriptStep;
  reply: Reply;
}

/** Runs a transcript and returns every reply, so callers can assert kinds or compare platforms. */
export async function runTranscript(driver: TranscriptDriver, transcript: Transcript, userId: string): Promise<RecordedStep[][]> {
  const sessions: RecordedStep[][] = [];
  let index = 0;
  for (const session of transcript.sessions) {
    index += 1;
    await driver.startSession({ userId, sessionId: `${userId}-s${index}`, locale: transcript.locale ?? 'en-US' });
    const recorded: RecordedStep[] = [];
    for (const step of session.steps) {
      recorded.push({ step, reply: await driver.send(step) });
    }
    await driver.endSession?.();
    sessions.push(recorded);
  }
  return sessions;
}

/** The rules every reply must follow whatever the platform: no dead ends, bounded length. */
export function checkReplyRules(recorded: RecordedStep[][]): string[] {
  const problems: string[] = [];
  recorded.flat().forEach(({ step, reply }, i) => {
    const where = `step ${i + 1} (${step.as}${step.say ? ` "${step.say}"` : ''})`;
    if (reply.speech.trim() === '') problems.push(`${where}: empty speech`);
    if (!reply.endSession && !reply.reprompt?.trim()) problems.push(`${where}: open session without a reprompt`);
    if (!reply.endSession && !/\?/.test(reply.speech)) problems.push(`${where}: open session does not ask anything: "${reply.speech}"`);
    // About 25 seconds of speech at a relaxed speaking rate.
    const words = reply.speech.split(/\s+/).length;
    if (words > 75) problems.push(`${where}: ${words} words is too long to speak`);
    if (Boolean(step.ends) !== reply.endSession) problems.push(`${where}: expected endSession=${Boolean(step.ends)}, got ${reply.endSession}`);
  });
  return problems;
}
