/**
 * What the insight store keeps and hands back, shared by every storage port and adapter. It sits in
 * a port file so the core may import it (the architecture rule lets the core reach `*.port.ts` only).
 */
import type { ThemeScore } from '../classifier/classifier.types';
import type { Lens, Phase, Platform, ResumePoint } from '../interview/interview.types';
import type { PiiKind } from '../privacy/redaction.types';

/** One stored answer. `text` is already redacted; `null` once the retention period purged it. */
export interface AnswerRecord extends NewAnswer {
  /**
   * A follow-up answer: derived from `parentAnswerId` when read, never stored on its own, so the
   * two cannot disagree.
   */
  isProbe: boolean;
}

/** An answer as the turn service hands it to the store. */
export interface NewAnswer {
  id: string;
  respondentId: string;
  sessionId: string;
  platform: Platform;
  locale: string;
  domain: string;
  lens: Lens;
  questionId: string;
  parentAnswerId: string | null;
  text: string | null;
  themes: ThemeScore[];
  /** The best theme, duplicated from `themes[0].id` so review queries can index it. */
  topTheme: string;
  sentiment: number;
  wordCount: number;
  /**
   * Informativeness: the answer's summed word surprisal in bits (src/quality/), on the redacted
   * text. `null` where it was not measured (answers stored before it existed, or a missing table).
   */
  bits: number | null;
  redactions: PiiKind[];
  createdAt: Date;
}

export interface ConsentRecord {
  respondentId: string;
  subject: string;
  granted: boolean;
  at: Date;
}

export interface HandoffRecord {
  id: string;
  respondentId: string;
  sessionId: string;
  partnerId: string;
  domain: string;
  theme: string;
  mode: 'card' | 'lead';
  status: 'pending' | 'delivered';
  createdAt: Date;
}

export interface SessionRecord {
  id: string;
  respondentId: string;
  platform: Platform;
  locale: string;
  startedAt: Date;
  lastTurnAt: Date;
  endedAt: Date | null;
}

/**
 * How a session ended, for drop-off analysis: `finished` (the interview closed normally),
 * `stopped` (the customer said stop), `platform` (the platform closed it: silence, leaving, an
 * error), `misunderstood` (too many misunderstandings). Everything else is `other`: on purpose
 * that includes crisis replies, which are never recorded, not even as the reason a session ended.
 */
export type SessionEndReason = 'finished' | 'stopped' | 'platform' | 'misunderstood' | 'other';

/** A question of the interview: an area and a lens. */
export type QuestionRef = [domain: string, lens: Lens];

/**
 * The session's quality measures as of one turn, upserted on its session row. Counts are the
 * session's running totals (the latest turn wins); the lists are merged as sets, so a repeated
 * question or a retried turn is counted once.
 */
export interface SessionProgress {
  /**
   * The phase the session was in after the turn, or, on the turn that ends it, the phase it ended
   * from, so drop-off says where people left. `null` keeps the stored one.
   */
  lastPhase: Phase | null;
  /** Set on the turn that ends the session; `null` keeps the stored one. */
  endedReason: SessionEndReason | null;
  nonAnswers: number;
  misunderstandings: number;
  /** Questions asked so far (at least this turn's). */
  questionsAsked: QuestionRef[];
  /** Ids of the main answers a follow-up was asked about. */
  probesAsked: string[];
}

/** Everything one conversational turn persists, written in one transaction. */
export interface TurnWrite {
  respondentId: string;
  session: SessionRecord;
  answers: NewAnswer[];
  consents: ConsentRecord[];
  handoffs: HandoffRecord[];
  /** Where to resume next time; `undefined` leaves it unchanged, `null` clears it. */
  resume?: { point: ResumePoint | null; domainsDone: string[] };
  /** The session's quality measures; `undefined` leaves the stored ones unchanged. */
  progress?: SessionProgress;
}

export interface RespondentSnapshot {
  respondentId: string;
  firstSeenAt: Date;
  resume: ResumePoint | null;
  domainsDone: string[];
  /** Stored top themes per domain, most frequent first. */
  themes: Record<string, string[]>;
}

export interface ErasureResult {
  answers: number;
  sessions: number;
  consents: number;
  handoffs: number;
}

export interface ExportFilter {
  /** Inclusive lower bound on `createdAt`. */
  since?: Date;
  /** Exclusive upper bound on `createdAt`. */
  until?: Date;
  domain?: string;
  lens?: Lens;
  /** Top theme. */
  theme?: string;
}

export interface ThemeCount {
  domain: string;
  lens: Lens;
  theme: string;
  answers: number;
  respondents: number;
}

/** Sessions by start time: `since` inclusive, `until` exclusive. */
export interface SessionFilter {
  since?: Date;
  until?: Date;
}

/** One area's questions in a session. */
export interface DomainQuality {
  domain: string;
  /** Distinct questions (lenses) asked. */
  asked: number;
  /** Distinct questions with a main answer stored. */
  answered: number;
  /** Every lens of the area answered. */
  completed: boolean;
}

/**
 * A session's interview-quality summary, derived from its row and its answers. It carries the
 * pseudonymous session id, never the respondent id or any answer text.
 */
export interface SessionQualityRecord {
  sessionId: string;
  platform: Platform;
  locale: string;
  startedAt: Date;
  endedAt: Date | null;
  endedReason: SessionEndReason | null;
  /** Where the session ended, or was last seen when it never ended (drop-off by phase). */
  lastPhase: Phase | null;
  /** Stored answers, main and follow-up. */
  answers: number;
  probesAsked: number;
  probesAnswered: number;
  /** Follow-up answers longer (in words) than the answer they followed up. */
  probesYieldingMoreWords: number;
  /** Follow-up answers whose top theme was not among the followed-up answer's themes. */
  probesYieldingNewTheme: number;
  /** Mean words per stored answer, to 0.01; `null` without answers. */
  wordsPerAnswer: number | null;
  /** Mean bits per measured answer, to 0.01; `null` when none was measured. */
  bitsPerAnswer: number | null;
  totalBits: number;
  nonAnswers: number;
  misunderstandings: number;
  /** Areas with a question asked or answered, by domain id. */
  domains: DomainQuality[];
  domainsCompleted: number;
}
