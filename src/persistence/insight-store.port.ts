import type { ThemeScore } from '../classifier/classifier.types';
import type { Lens, Platform, ResumePoint } from '../interview/interview.types';
import type { PiiKind } from '../privacy/redaction.types';

/** One stored answer. `text` is already redacted; `null` once the retention period purged it. */
export interface AnswerRecord {
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

/** Everything one conversational turn persists, written in one transaction. */
export interface TurnWrite {
  respondentId: string;
  session: SessionRecord;
  answers: AnswerRecord[];
  consents: ConsentRecord[];
  handoffs: HandoffRecord[];
  /** Where to resume next time; `undefined` leaves it unchanged, `null` clears it. */
  resume?: { point: ResumePoint | null; domainsDone: string[] };
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

/**
 * The storage port. The core depends on this interface only; PGlite (embedded) and PostgreSQL
 * adapters implement it and pass one contract suite.
 */
export interface InsightStore {
  /** Commits the whole turn before resolving: a resolved promise means the answer is durable. */
  writeTurn(write: TurnWrite): Promise<void>;
  loadRespondent(respondentId: string): Promise<RespondentSnapshot | null>;
  /** Erases everything about the respondent (answers, sessions, consents, pending handoffs) in one transaction. */
  eraseRespondent(respondentId: string): Promise<ErasureResult>;
  /** Retention: drops raw text of answers older than `before`, keeping themes and counts. Returns rows purged. */
  purgeTextBefore(before: Date): Promise<number>;
  /** Streams answers oldest first without holding them all in memory. */
  exportAnswers(filter?: ExportFilter): AsyncIterable<AnswerRecord>;
  /** Answer counts by domain × lens × theme (top theme), optionally in a time window. */
  countThemes(filter?: ExportFilter): Promise<ThemeCount[]>;
  close(): Promise<void>;
}
