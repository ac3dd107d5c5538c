import type { ExportFilter, ThemeCount } from '../persistence/insight-records.port';

export type { ExportFilter, ThemeCount };

/**
 * The store as review queries see it: aggregates only, never answer text or respondent ids, so
 * the analyst-facing side cannot reach individual answers through this port.
 */
export interface InsightQueries {
  /** Answer counts by domain × lens × theme (top theme), optionally in a time window. */
  countThemes(filter?: ExportFilter): Promise<ThemeCount[]>;
}
