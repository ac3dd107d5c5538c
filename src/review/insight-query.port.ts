import type {
  DomainQuality,
  ExportFilter,
  SessionFilter,
  SessionQualityRecord,
  ThemeCount,
} from '../persistence/insight-records.port';

export type { DomainQuality, ExportFilter, SessionFilter, SessionQualityRecord, ThemeCount };

/**
 * The store as review queries see it: aggregates only, never answer text or respondent ids, so
 * the analyst-facing side cannot reach individual answers through this port. Per-session rows
 * carry the pseudonymous session id and measures, nothing a customer said.
 */
export interface InsightQueries {
  /** Answer counts by domain × lens × theme (top theme), optionally in a time window. */
  countThemes(filter?: ExportFilter): Promise<ThemeCount[]>;
  /**
   * Interview quality per session (words and bits per answer, probe yield, non-answers,
   * misunderstandings, completion, where it ended), oldest start first, streamed.
   */
  sessionQuality(filter?: SessionFilter): AsyncIterable<SessionQualityRecord>;
}
