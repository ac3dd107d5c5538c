/**
 * What the insight store keeps and hands back, shared by every storage port and adapter. It sits in
 * a port file so the core may import it (the architecture rule lets the core reach `*.port.ts` only).
 */
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
