import { AppError } from '../../errors/app-error';
import type {
  AnswerRecord,
  ErasureResult,
  ExportFilter,
  RespondentSnapshot,
  SessionFilter,
  SessionQualityRecord,
  ThemeCount,
  TurnWrite,
} from '../insight-records.port';
import type { InsightStore } from '../insight-store.port';
import { assertTurnConsistent } from '../insight-store.rules';
import {
  cursorAfter,
  rowToAnswer,
  rowToErasure,
  rowToRespondent,
  rowToSessionQuality,
  rowToThemeCount,
  sessionCursorAfter,
  type AnswerRow,
  type ErasureRow,
  type RespondentRow,
  type SessionQualityRow,
  type ThemeCountRow,
} from './insight-row.mappers';
import {
  countThemesStatement,
  eraseRespondentStatement,
  exportPageStatement,
  loadRespondentStatement,
  PING_SQL,
  purgeTextStatement,
  sessionQualityPageStatement,
  writeTurnStatement,
  type ExportCursor,
  type SessionCursor,
} from './insight.statements';
import { storeError, type SqlExecutor } from './sql.executor';

export interface SqlInsightStoreOptions {
  /** Rows per keyset page in `exportAnswers` and `sessionQuality`. */
  exportBatchSize?: number;
}

/**
 * Every storage port over SQL, for PGlite and PostgreSQL alike: the adapters differ only in the
 * executor they pass in and how they close their backend.
 */
export class SqlInsightStore implements InsightStore {
  private closed = false;
  private readonly exportBatchSize: number;

  /**
   * `executor` is public for tools that need raw SQL next to the port (the benchmark's bulk seed);
   * application code goes through the port methods.
   */
  constructor(
    readonly executor: SqlExecutor,
    private readonly closeBackend: () => Promise<void>,
    options: SqlInsightStoreOptions = {},
  ) {
    this.exportBatchSize = options.exportBatchSize ?? 500;
  }

  private async run<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new AppError('STORE_UNAVAILABLE', `Insight store ${operation} failed (store is closed)`);
    try {
      return await fn();
    } catch (error) {
      throw storeError(operation, error);
    }
  }

  async writeTurn(write: TurnWrite): Promise<void> {
    assertTurnConsistent(write);
    const { sql, params } = writeTurnStatement(write);
    await this.run('writeTurn', () => this.executor.query(sql, params));
  }

  loadRespondent(respondentId: string): Promise<RespondentSnapshot | null> {
    return this.run('loadRespondent', async () => {
      const { sql, params } = loadRespondentStatement(respondentId);
      const { rows } = await this.executor.query<RespondentRow>(sql, params);
      const row = rows[0];
      return row === undefined ? null : rowToRespondent(respondentId, row);
    });
  }

  eraseRespondent(respondentId: string): Promise<ErasureResult> {
    return this.run('eraseRespondent', async () => {
      const { sql, params } = eraseRespondentStatement(respondentId);
      const { rows } = await this.executor.query<ErasureRow>(sql, params);
      return rowToErasure(rows[0]);
    });
  }

  purgeTextBefore(before: Date): Promise<number> {
    return this.run('purgeTextBefore', async () => {
      const { sql, params } = purgeTextStatement(before);
      return (await this.executor.query(sql, params)).rowCount;
    });
  }

  /**
   * Keyset pagination: each page is a short indexed query, so memory stays at one page and no
   * cursor or transaction is held open between pages.
   */
  async *exportAnswers(filter: ExportFilter = {}): AsyncIterable<AnswerRecord> {
    let cursor: ExportCursor | undefined;
    for (;;) {
      const { sql, params } = exportPageStatement(filter, cursor, this.exportBatchSize);
      const { rows } = await this.run('exportAnswers', () => this.executor.query<AnswerRow>(sql, params));
      for (const row of rows) yield rowToAnswer(row);
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < this.exportBatchSize) return;
      cursor = cursorAfter(last);
    }
  }

  countThemes(filter: ExportFilter = {}): Promise<ThemeCount[]> {
    return this.run('countThemes', async () => {
      const { sql, params } = countThemesStatement(filter);
      const { rows } = await this.executor.query<ThemeCountRow>(sql, params);
      return rows.map(rowToThemeCount);
    });
  }

  /** Keyset pages like `exportAnswers`: one short statement per page, nothing held open between. */
  async *sessionQuality(filter: SessionFilter = {}): AsyncIterable<SessionQualityRecord> {
    let cursor: SessionCursor | undefined;
    for (;;) {
      const { sql, params } = sessionQualityPageStatement(filter, cursor, this.exportBatchSize);
      const { rows } = await this.run('sessionQuality', () => this.executor.query<SessionQualityRow>(sql, params));
      for (const row of rows) yield rowToSessionQuality(row);
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < this.exportBatchSize) return;
      cursor = sessionCursorAfter(last);
    }
  }

  async ping(): Promise<void> {
    await this.run('ping', () => this.executor.query(PING_SQL));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.closeBackend();
  }
}
