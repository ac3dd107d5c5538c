import type { AnswerRecord, ErasureResult, ExportFilter } from '../persistence/insight-records.port';
import type { InsightQueries, SessionFilter, SessionQualityRecord } from '../review/insight-query.port';

export type { AnswerRecord, ErasureResult, ExportFilter, SessionFilter, SessionQualityRecord };

/** The store as the administrator API sees it: erasure on request, the raw export and the per-session quality export. */
export interface AdminStore extends Pick<InsightQueries, 'sessionQuality'> {
  /** Erases everything about the respondent (answers, sessions, consents, pending handoffs) in one transaction. */
  eraseRespondent(respondentId: string): Promise<ErasureResult>;
  /** Streams answers oldest first without holding them all in memory. */
  exportAnswers(filter?: ExportFilter): AsyncIterable<AnswerRecord>;
}
