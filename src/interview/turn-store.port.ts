import type { ErasureResult, RespondentSnapshot, TurnWrite } from '../persistence/insight-records.port';

// Re-exported so the service names its whole storage vocabulary from one import.
export type { ErasureResult, RespondentSnapshot, TurnWrite };

/**
 * The store as InterviewService sees it: what one conversational turn reads and writes, and the
 * customer's own "delete my answers". Nothing here reaches other respondents' data.
 */
export interface TurnStore {
  /** Commits the whole turn before resolving: a resolved promise means the answer is durable. */
  writeTurn(write: TurnWrite): Promise<void>;
  loadRespondent(respondentId: string): Promise<RespondentSnapshot | null>;
  /** Erases everything about the respondent (answers, sessions, consents, pending handoffs) in one transaction. */
  eraseRespondent(respondentId: string): Promise<ErasureResult>;
}
