import path from 'node:path';
import { createThemeClassifier } from '../../src/classifier/theme.classifier';
import { loadContent } from '../../src/content/content.loader';
import { createPseudonymizer } from '../../src/privacy/respondent.pseudonymizer';
import type { InsightStore } from '../../src/persistence/insight-store.port';
import { openMemoryStore } from '../../src/persistence/memory/insight-store.memory';
import { loadPartners } from '../../src/partners/partner.loader';
import { createPartnerDirectory, type PartnerDirectory } from '../../src/partners/partner.matcher';
import { InterviewEngine } from '../../src/interview/engine/interview.engine';
import { InterviewService } from '../../src/interview/interview.service';
import type { ConversationState, CustomerAction, Platform } from '../../src/interview/interview.types';
import { silentLogger } from '../../src/logging/logger';
import { createPiiRedactor } from '../../src/privacy/pii.redactor';
import type { Reply, TranscriptDriver } from './transcript.runner';
import type { TranscriptStep } from './transcripts';

export const TEST_SECRET = 'transcript-test-secret-0123456789';
export const CONTENT_DIR = path.resolve(__dirname, '..', '..', 'content');
/**
 * The partner services every channel offers in the transcripts (the Lambda gets it as
 * PARTNERS_FILE): one food partner on a theme only the offer transcripts talk about, so the
 * other scripts run as they would with no partners at all.
 */
export const TRANSCRIPT_PARTNERS_FILE = path.resolve(__dirname, 'partners.json');

// Content and classifier are read-only once loaded, so one copy serves every service a test file
// builds; loading and validating them per session was most of the unit project's time.
let loaded: { content: ReturnType<typeof loadContent>; classifier: ReturnType<typeof createThemeClassifier>; partners: PartnerDirectory } | undefined;

/** Real content, classifier, redactor and the transcripts' partners; only the store is chosen by the caller. */
export function buildService(store: InsightStore = openMemoryStore()): { service: InterviewService; store: InsightStore; engine: InterviewEngine } {
  if (!loaded) {
    const classifier = createThemeClassifier();
    loaded = { content: loadContent(CONTENT_DIR), classifier, partners: createPartnerDirectory(loadPartners(TRANSCRIPT_PARTNERS_FILE, classifier)) };
  }
  const engine = new InterviewEngine({ content: loaded.content, classifier: loaded.classifier, partners: loaded.partners });
  const service = new InterviewService({
    engine,
    store,
    redactor: createPiiRedactor(),
    pseudonymize: createPseudonymizer(TEST_SECRET),
    logger: silentLogger,
  });
  return { service, store, engine };
}

export function stepToAction(step: TranscriptStep): CustomerAction {
  switch (step.as) {
    case 'choose-domain':
      return { type: 'choose-domain', domain: step.say, text: step.say };
    case 'answer':
      return { type: 'answer', text: step.say ?? '' };
    case 'unknown':
      return { type: 'unknown', text: step.say };
    case 'change-domain':
      return { type: 'change-domain', domain: step.say };
    default:
      return { type: step.as };
  }
}

/** Drives the interview service in-process, the way every adapter does, and sees reply kinds. */
export class EngineDriver implements TranscriptDriver {
  private state: ConversationState | null = null;
  /** The state after every reply, in order, for tests about what the state carries between turns. */
  readonly states: ConversationState[] = [];
  private session = { userId: '', sessionId: '', locale: 'en-US' };

  constructor(
    private readonly service: InterviewService,
    private readonly platform: Platform = 'terminal',
  ) {}

  async startSession(opts: { userId: string; sessionId: string; locale: string }): Promise<void> {
    this.session = opts;
    this.state = null;
  }

  async send(step: TranscriptStep): Promise<Reply> {
    const out = await this.service.handle({
      platform: this.platform,
      platformUserId: this.session.userId,
      platformSessionId: this.session.sessionId,
      locale: this.session.locale,
      action: stepToAction(step),
      state: this.state,
    });
    this.state = out.state;
    this.states.push(out.state);
    return { speech: out.speech, reprompt: out.reprompt, endSession: out.endSession, kind: out.kind };
  }
}

export async function countStoredAnswers(store: InsightStore, platform: Platform, userId: string): Promise<number> {
  const respondentId = createPseudonymizer(TEST_SECRET)(platform, userId);
  let n = 0;
  for await (const answer of store.exportAnswers()) if (answer.respondentId === respondentId) n += 1;
  return n;
}
