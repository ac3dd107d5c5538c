import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, isAppError } from '../../errors/app-error';
import type { Lens, Platform, ResumePoint } from '../../interview/interview.types';
import type { PiiKind } from '../../privacy/redaction.types';
import type { ThemeScore } from '../../classifier/classifier.types';
import type {
  AnswerRecord,
  ErasureResult,
  ExportFilter,
  InsightStore,
  RespondentSnapshot,
  ThemeCount,
  TurnWrite,
} from '../insight-store.port';
import { assertTurnConsistent, consentRows } from '../insight-store.rules';

/**
 * The SQL both database adapters share. PGlite and node-postgres differ only in how a statement
 * reaches the server, so each adapter supplies this small executor and everything else lives here.
 */
export interface SqlResult<R> {
  rows: R[];
  rowCount: number;
}

export interface SqlExecutor {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
  /** A parameterless script that may hold several statements (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` between BEGIN and COMMIT on one connection, rolling back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/**
 * Wraps a driver failure. Database messages can quote the offending value (and error fields such as
 * `where`/`detail` quote whole parameters), so only the SQLSTATE travels, never the driver's text,
 * unless the failure has no SQLSTATE at all (network errors such as ECONNREFUSED carry no data).
 */
export function storeError(operation: string, error: unknown): AppError {
  if (isAppError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const sqlstate = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  const reason =
    sqlstate !== undefined
      ? `SQLSTATE ${sqlstate}`
      : typeof code === 'string'
        ? `${code}: ${(error as Error).message}`
        : error instanceof Error
          ? error.message
          : 'unknown error';
  return new AppError('STORE_UNAVAILABLE', `Insight store ${operation} failed (${reason})`, {
    details: { operation, sqlstate },
  });
}

// ---------------------------------------------------------------------------------------------
// Migrations

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATION_FILE = /^(\d+)_[a-z0-9_]+\.sql$/;

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((name) => MIGRATION_FILE.test(name))
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      return {
        version: Number(MIGRATION_FILE.exec(name)?.[1]),
        name,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1]?.version === m.version) {
      throw new AppError('STORE_UNAVAILABLE', `Two insight-store migrations share version ${m.version} in ${dir}`);
    }
  });
  return migrations;
}

/**
 * Applies pending migrations, each in its own transaction. The advisory lock makes concurrent
 * openers (several server instances on one database) take turns instead of racing on DDL; it is
 * keyed by schema so isolated test schemas do not wait for each other.
 * Returns the versions applied by this call.
 */
/** First half of the advisory-lock key guarding schema creation and migrations (the second is the schema). */
export const MIGRATION_LOCK_KEY = 48151623;

export async function migrate(db: SqlExecutor, migrations: readonly Migration[]): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of migrations) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}, hashtext(COALESCE(current_schema(), '')))`);
      await tx.exec(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY,
           name text NOT NULL,
           checksum text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const existing = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      const row = existing.rows[0];
      if (row !== undefined) {
        if (row.checksum !== migration.checksum) {
          throw new AppError(
            'STORE_UNAVAILABLE',
            `Insight-store migration ${migration.name} was changed after it was applied; add a new migration instead`,
          );
        }
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

// ---------------------------------------------------------------------------------------------
// The store

interface AnswerRow {
  id: string;
  respondent_id: string;
  session_id: string;
  platform: string;
  locale: string;
  domain: string;
  lens: string;
  question_id: string;
  parent_answer_id: string | null;
  text: string | null;
  themes: unknown;
  top_theme: string;
  sentiment: number | string;
  word_count: number | string;
  redactions: unknown;
  created_at: Date | string;
  cursor_at: string;
}

const ANSWER_COLUMNS = `id, respondent_id, session_id, platform, locale, domain, lens, question_id, parent_answer_id,
  text, themes, top_theme, sentiment, word_count, redactions, created_at`;

function iso(date: Date): string {
  return date.toISOString();
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/**
 * The whole turn as one statement of data-modifying CTEs. A lone statement is its own
 * transaction, so the turn is atomic and durable when it returns, in a single round trip. All CTEs
 * run to completion, and foreign keys are checked at the end of the statement, by which time the
 * respondent row exists. CTEs for empty lists are left out: most turns carry one answer and
 * nothing else, and planning unused CTEs nearly doubled the embedded store's cost per turn.
 */
function writeTurnStatement(write: TurnWrite): { sql: string; params: unknown[] } {
  const { session, resume } = write;
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const respondent = param(write.respondentId);
  const sessionId = param(session.id);
  const hasResume = `${param(resume !== undefined)}::boolean`;

  const ctes = [
    `respondent AS (
      INSERT INTO respondents AS r (id, first_seen_at, resume, domains_done)
      VALUES (${respondent}, ${param(iso(session.startedAt))}::timestamptz,
              ${param(resume === undefined || resume.point === null ? null : JSON.stringify(resume.point))}::jsonb,
              ${param(JSON.stringify(resume?.domainsDone ?? []))}::jsonb)
      ON CONFLICT (id) DO UPDATE SET
        first_seen_at = LEAST(r.first_seen_at, EXCLUDED.first_seen_at),
        resume = CASE WHEN ${hasResume} THEN EXCLUDED.resume ELSE r.resume END,
        domains_done = CASE WHEN ${hasResume} THEN EXCLUDED.domains_done ELSE r.domains_done END
      WHERE ${hasResume} OR EXCLUDED.first_seen_at < r.first_seen_at)`,
    `session AS (
      INSERT INTO sessions AS s (id, respondent_id, platform, locale, started_at, last_turn_at, ended_at)
      VALUES (${sessionId}, ${respondent}, ${param(session.platform)}, ${param(session.locale)},
              ${param(iso(session.startedAt))}::timestamptz, ${param(iso(session.lastTurnAt))}::timestamptz,
              ${param(session.endedAt === null ? null : iso(session.endedAt))}::timestamptz)
      ON CONFLICT (id) DO UPDATE SET
        last_turn_at = GREATEST(s.last_turn_at, EXCLUDED.last_turn_at),
        ended_at = COALESCE(EXCLUDED.ended_at, s.ended_at))`,
  ];

  if (write.answers.length > 0) {
    const answers = write.answers.map((a) => ({
      id: a.id,
      platform: a.platform,
      locale: a.locale,
      domain: a.domain,
      lens: a.lens,
      question_id: a.questionId,
      parent_answer_id: a.parentAnswerId,
      text: a.text,
      themes: a.themes,
      top_theme: a.topTheme,
      sentiment: a.sentiment,
      word_count: a.wordCount,
      redactions: a.redactions,
      created_at: iso(a.createdAt),
    }));
    ctes.push(`answer AS (
      INSERT INTO answers (${ANSWER_COLUMNS})
      SELECT x.id, ${respondent}, ${sessionId}, x.platform, x.locale, x.domain, x.lens, x.question_id,
             x.parent_answer_id, x.text, x.themes, x.top_theme, x.sentiment, x.word_count, x.redactions, x.created_at
      FROM jsonb_to_recordset(${param(JSON.stringify(answers))}::jsonb) AS x(
        id text, platform text, locale text, domain text, lens text, question_id text, parent_answer_id text,
        text text, themes jsonb, top_theme text, sentiment double precision, word_count integer,
        redactions jsonb, created_at timestamptz)
      ON CONFLICT (id) DO NOTHING)`);
  }

  if (write.consents.length > 0) {
    const consents = param(
      JSON.stringify(
        consentRows(write.consents).map((c) => ({
          subject: c.subject,
          granted: c.granted,
          at: iso(c.at),
          withdrawn_at: c.withdrawnAt === null ? null : iso(c.withdrawnAt),
        })),
      ),
    );
    ctes.push(
      `consent AS (
        INSERT INTO consents (respondent_id, subject, granted, at, withdrawn_at)
        SELECT ${respondent}, x.subject, x.granted, x.at, x.withdrawn_at
        FROM jsonb_to_recordset(${consents}::jsonb) AS x(subject text, granted boolean, at timestamptz, withdrawn_at timestamptz)
        ON CONFLICT DO NOTHING)`,
      // Earlier grants only: rows inserted by this statement are not visible to it (same snapshot);
      // consentRows already stamped those.
      `withdrawal AS (
        UPDATE consents AS c SET withdrawn_at = w.at
        FROM (
          SELECT x.subject, min(x.at) AS at
          FROM jsonb_to_recordset(${consents}::jsonb) AS x(subject text, granted boolean, at timestamptz)
          WHERE NOT x.granted
          GROUP BY x.subject
        ) AS w
        WHERE c.respondent_id = ${respondent} AND c.subject = w.subject AND c.granted
          AND c.withdrawn_at IS NULL AND c.at <= w.at)`,
    );
  }

  if (write.handoffs.length > 0) {
    const handoffs = write.handoffs.map((h) => ({
      id: h.id,
      partner_id: h.partnerId,
      domain: h.domain,
      theme: h.theme,
      mode: h.mode,
      status: h.status,
      created_at: iso(h.createdAt),
    }));
    ctes.push(`handoff AS (
      INSERT INTO handoffs (id, respondent_id, session_id, partner_id, domain, theme, mode, status, created_at)
      SELECT x.id, ${respondent}, ${sessionId}, x.partner_id, x.domain, x.theme, x.mode, x.status, x.created_at
      FROM jsonb_to_recordset(${param(JSON.stringify(handoffs))}::jsonb) AS x(
        id text, partner_id text, domain text, theme text, mode text, status text, created_at timestamptz)
      ON CONFLICT (id) DO NOTHING)`);
  }

  return { sql: `WITH ${ctes.join(',\n')}\nSELECT 1`, params };
}

// One statement again, hence one transaction: either all of the respondent goes or none of it.
// The cascade from respondents then finds nothing left; the explicit deletes are there for the counts.
const ERASE_SQL = `
WITH a AS (DELETE FROM answers WHERE respondent_id = $1 RETURNING 1),
     s AS (DELETE FROM sessions WHERE respondent_id = $1 RETURNING 1),
     c AS (DELETE FROM consents WHERE respondent_id = $1 RETURNING 1),
     h AS (DELETE FROM handoffs WHERE respondent_id = $1 RETURNING 1),
     r AS (DELETE FROM respondents WHERE id = $1 RETURNING 1)
SELECT (SELECT count(*) FROM a) AS answers, (SELECT count(*) FROM s) AS sessions,
       (SELECT count(*) FROM c) AS consents, (SELECT count(*) FROM h) AS handoffs`;

const LOAD_RESPONDENT_SQL = `
SELECT r.first_seen_at, r.resume, r.domains_done,
       COALESCE((
         SELECT jsonb_agg(jsonb_build_array(t.domain, t.top_theme) ORDER BY t.domain, t.n DESC, t.top_theme)
         FROM (SELECT domain, top_theme, count(*) AS n FROM answers WHERE respondent_id = $1 GROUP BY domain, top_theme) AS t
       ), '[]'::jsonb) AS themes
FROM respondents AS r
WHERE r.id = $1`;

/** Appends filter conditions, numbering parameters after those already in `params`. */
function filterConditions(filter: ExportFilter, params: unknown[]): string[] {
  const conditions: string[] = [];
  const add = (sql: (n: string) => string, value: unknown): void => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filter.since !== undefined) add((p) => `created_at >= ${p}::timestamptz`, iso(filter.since));
  if (filter.until !== undefined) add((p) => `created_at < ${p}::timestamptz`, iso(filter.until));
  if (filter.domain !== undefined) add((p) => `domain = ${p}`, filter.domain);
  if (filter.lens !== undefined) add((p) => `lens = ${p}`, filter.lens);
  if (filter.theme !== undefined) add((p) => `top_theme = ${p}`, filter.theme);
  return conditions;
}

function rowToAnswer(row: AnswerRow): AnswerRecord {
  return {
    id: row.id,
    respondentId: row.respondent_id,
    sessionId: row.session_id,
    platform: row.platform as Platform,
    locale: row.locale,
    domain: row.domain,
    lens: row.lens as Lens,
    questionId: row.question_id,
    parentAnswerId: row.parent_answer_id,
    text: row.text,
    themes: row.themes as ThemeScore[],
    topTheme: row.top_theme,
    sentiment: Number(row.sentiment),
    wordCount: Number(row.word_count),
    redactions: row.redactions as PiiKind[],
    createdAt: toDate(row.created_at),
  };
}

export interface SqlInsightStoreOptions {
  /** Rows per keyset page in `exportAnswers`. */
  exportBatchSize?: number;
}

export class SqlInsightStore implements InsightStore {
  private closed = false;
  private readonly exportBatchSize: number;

  /**
   * `executor` is public for tools that need raw SQL next to the port (the benchmark's bulk seed);
   * application code goes through the InsightStore methods.
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
      const { rows } = await this.executor.query<{
        first_seen_at: Date | string;
        resume: ResumePoint | null;
        domains_done: string[];
        themes: [string, string][];
      }>(LOAD_RESPONDENT_SQL, [respondentId]);
      const row = rows[0];
      if (row === undefined) return null;
      const themes: Record<string, string[]> = {};
      for (const [domain, theme] of row.themes) (themes[domain] ??= []).push(theme);
      return {
        respondentId,
        firstSeenAt: toDate(row.first_seen_at),
        resume: row.resume,
        domainsDone: row.domains_done,
        themes,
      };
    });
  }

  eraseRespondent(respondentId: string): Promise<ErasureResult> {
    return this.run('eraseRespondent', async () => {
      const { rows } = await this.executor.query<Record<keyof ErasureResult, number | string>>(ERASE_SQL, [respondentId]);
      const row = rows[0];
      return {
        answers: Number(row?.answers ?? 0),
        sessions: Number(row?.sessions ?? 0),
        consents: Number(row?.consents ?? 0),
        handoffs: Number(row?.handoffs ?? 0),
      };
    });
  }

  purgeTextBefore(before: Date): Promise<number> {
    return this.run('purgeTextBefore', async () => {
      const result = await this.executor.query(
        'UPDATE answers SET text = NULL WHERE created_at < $1::timestamptz AND text IS NOT NULL',
        [iso(before)],
      );
      return result.rowCount;
    });
  }

  /**
   * Keyset pagination on (created_at, id): each page is a short indexed query, so memory stays at
   * one page and no cursor or transaction is held open between pages. The cursor travels as the
   * database's own timestamp text, keeping its microseconds, which a JS Date would round off.
   */
  async *exportAnswers(filter: ExportFilter = {}): AsyncIterable<AnswerRecord> {
    let cursor: { at: string; id: string } | undefined;
    for (;;) {
      const params: unknown[] = [];
      const conditions = filterConditions(filter, params);
      if (cursor !== undefined) {
        params.push(cursor.at, cursor.id);
        conditions.push(`(created_at, id) > ($${params.length - 1}::timestamptz, $${params.length})`);
      }
      params.push(this.exportBatchSize);
      const sql = `SELECT ${ANSWER_COLUMNS}, created_at::text AS cursor_at FROM answers
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY created_at, id LIMIT $${params.length}`;
      const { rows } = await this.run('exportAnswers', () => this.executor.query<AnswerRow>(sql, params));
      for (const row of rows) yield rowToAnswer(row);
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < this.exportBatchSize) return;
      cursor = { at: last.cursor_at, id: last.id };
    }
  }

  countThemes(filter: ExportFilter = {}): Promise<ThemeCount[]> {
    return this.run('countThemes', async () => {
      const params: unknown[] = [];
      const conditions = filterConditions(filter, params);
      const { rows } = await this.executor.query<{
        domain: string;
        lens: Lens;
        theme: string;
        answers: number | string;
        respondents: number | string;
      }>(
        `SELECT domain, lens, top_theme AS theme, count(*) AS answers, count(DISTINCT respondent_id) AS respondents
         FROM answers
         ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
         GROUP BY domain, lens, top_theme
         ORDER BY domain, lens, count(*) DESC, top_theme`,
        params,
      );
      return rows.map((r) => ({
        domain: r.domain,
        lens: r.lens,
        theme: r.theme,
        answers: Number(r.answers),
        respondents: Number(r.respondents),
      }));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.closeBackend();
  }
}
