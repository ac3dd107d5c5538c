import type { AnswerRecord, ErasureResult, ExportFilter } from '../persistence/insight-records.port';

export type { AnswerRecord, ErasureResult, ExportFilter };

/** The store as the administrator API sees it: erasure on request and the raw export. */
export interface AdminStore {
  /** Erases everything about the respondent (answers, sessions, consents, pending handoffs) in one transaction. */
  eraseRespondent(respondentId: string): Promise<ErasureResult>;
  /** Streams answers oldest first without holding them all in memory. */
  exportAnswers(filter?: ExportFilter): AsyncIterable<AnswerRecord>;
}
