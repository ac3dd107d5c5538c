import type { ExportFilter, SessionFilter, TurnWrite } from '../insight-records.port';
import { consentRows } from '../insight-store.rules';

/**
 * The SQL text of every store operation and the builders of its parameters. Nothing here runs a
 * query, so PGlite and PostgreSQL execute exactly the same statements.
 */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** Where the previous export page ended: the database's own timestamp text and the id. */
export interface ExportCursor {
  at: string;
  id: string;
}

export const ANSWER_COLUMNS = `id, respondent_id, session_id, platform, locale, domain, lens, question_id, parent_answer_id,
  text, themes, top_theme, sentiment, word_count, bits, redactions, created_at`;

/** The cheapest statement that still makes a round trip to the server. */
export const PING_SQL = 'SELECT 1';

export function iso(date: Date): string {
  return date.toISOString();
}

/**
 * The whole turn as one statement of data-modifying CTEs. A lone statement is its own
 * transaction, so the turn is atomic and durable when it returns, in a single round trip. All CTEs
 * run to completion, and foreign keys are checked at the end of the statement, by which time the
 * respondent row exists. CTEs for empty lists are left out: most turns carry one answer and
 * nothing else, and planning unused CTEs nearly doubled the embedded store's cost per turn.
 */
export function writeTurnStatement(write: TurnWrite): Statement {
  const { session, resume } = write;
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const respondent = param(write.respondentId);
  const sessionId = param(session.id);
  const hasResume = `${param(resume !== undefined)}::boolean`;
  const { progress } = write;
  // The rule of insight-store.rules.ts mergeProgress: measures come from the newest turn only, so
  // a retried or late older turn cannot roll them back. SET expressions see the row as it was.
  const newest = `(${param(progress !== undefined)}::boolean AND EXCLUDED.last_turn_at >= s.last_turn_at)`;

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
      INSERT INTO sessions AS s (id, respondent_id, platform, locale, started_at, last_turn_at, ended_at,
                                 last_phase, ended_reason, non_answers, misunderstandings, questions_asked, probes_asked)
      VALUES (${sessionId}, ${respondent}, ${param(session.platform)}, ${param(session.locale)},
              ${param(iso(session.startedAt))}::timestamptz, ${param(iso(session.lastTurnAt))}::timestamptz,
              ${param(session.endedAt === null ? null : iso(session.endedAt))}::timestamptz,
              ${param(progress?.lastPhase ?? null)}, ${param(progress?.endedReason ?? null)},
              ${param(progress?.nonAnswers ?? 0)}::integer, ${param(progress?.misunderstandings ?? 0)}::integer,
              ${param(JSON.stringify(progress?.questionsAsked ?? []))}::jsonb, ${param(JSON.stringify(progress?.probesAsked ?? []))}::jsonb)
      ON CONFLICT (id) DO UPDATE SET
        last_turn_at = GREATEST(s.last_turn_at, EXCLUDED.last_turn_at),
        ended_at = COALESCE(EXCLUDED.ended_at, s.ended_at),
        last_phase = CASE WHEN ${newest} THEN COALESCE(EXCLUDED.last_phase, s.last_phase) ELSE s.last_phase END,
        ended_reason = CASE WHEN ${newest} THEN COALESCE(EXCLUDED.ended_reason, s.ended_reason) ELSE s.ended_reason END,
        non_answers = CASE WHEN ${newest} THEN EXCLUDED.non_answers ELSE s.non_answers END,
        misunderstandings = CASE WHEN ${newest} THEN EXCLUDED.misunderstandings ELSE s.misunderstandings END,
        questions_asked = ${jsonbUnion('s.questions_asked', 'EXCLUDED.questions_asked')},
        probes_asked = ${jsonbUnion('s.probes_asked', 'EXCLUDED.probes_asked')})`,
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
      bits: a.bits,
      redactions: a.redactions,
      created_at: iso(a.createdAt),
    }));
    ctes.push(`answer AS (
      INSERT INTO answers (${ANSWER_COLUMNS})
      SELECT x.id, ${respondent}, ${sessionId}, x.platform, x.locale, x.domain, x.lens, x.question_id,
             x.parent_answer_id, x.text, x.themes, x.top_theme, x.sentiment, x.word_count, x.bits, x.redactions, x.created_at
      FROM jsonb_to_recordset(${param(JSON.stringify(answers))}::jsonb) AS x(
        id text, platform text, locale text, domain text, lens text, question_id text, parent_answer_id text,
        text text, themes jsonb, top_theme text, sentiment double precision, word_count integer,
        bits double precision, redactions jsonb, created_at timestamptz)
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

/** The set union of two jsonb arrays, sorted so the stored value does not depend on write order. */
function jsonbUnion(stored: string, incoming: string): string {
  return `(SELECT COALESCE(jsonb_agg(DISTINCT e ORDER BY e), '[]'::jsonb) FROM jsonb_array_elements(${stored} || ${incoming}) AS e)`;
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

export function eraseRespondentStatement(respondentId: string): Statement {
  return { sql: ERASE_SQL, params: [respondentId] };
}

const LOAD_RESPONDENT_SQL = `
SELECT r.first_seen_at, r.resume, r.domains_done,
       COALESCE((
         SELECT jsonb_agg(jsonb_build_array(t.domain, t.top_theme) ORDER BY t.domain, t.n DESC, t.top_theme)
         FROM (SELECT domain, top_theme, count(*) AS n FROM answers WHERE respondent_id = $1 GROUP BY domain, top_theme) AS t
       ), '[]'::jsonb) AS themes
FROM respondents AS r
WHERE r.id = $1`;

export function loadRespondentStatement(respondentId: string): Statement {
  return { sql: LOAD_RESPONDENT_SQL, params: [respondentId] };
}

export function purgeTextStatement(before: Date): Statement {
  return {
    sql: 'UPDATE answers SET text = NULL WHERE created_at < $1::timestamptz AND text IS NOT NULL',
    params: [iso(before)],
  };
}

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

function where(conditions: readonly string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

/**
 * One keyset page of the export, on (created_at, id), after `cursor` when given. The cursor's
 * timestamp is the database's own text, keeping microseconds a JS Date would round off; each
 * row carries it back as `cursor_at`.
 */
export function exportPageStatement(filter: ExportFilter, cursor: ExportCursor | undefined, limit: number): Statement {
  const params: unknown[] = [];
  const conditions = filterConditions(filter, params);
  if (cursor !== undefined) {
    params.push(cursor.at, cursor.id);
    conditions.push(`(created_at, id) > ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(limit);
  const sql = `SELECT ${ANSWER_COLUMNS}, created_at::text AS cursor_at FROM answers
        ${where(conditions)}
        ORDER BY created_at, id LIMIT $${params.length}`;
  return { sql, params };
}

export function countThemesStatement(filter: ExportFilter): Statement {
  const params: unknown[] = [];
  const conditions = filterConditions(filter, params);
  const sql = `SELECT domain, lens, top_theme AS theme, count(*) AS answers, count(DISTINCT respondent_id) AS respondents
         FROM answers
         ${where(conditions)}
         GROUP BY domain, lens, top_theme
         ORDER BY domain, lens, count(*) DESC, top_theme`;
  return { sql, params };
}

/** Where the previous session-summary page ended: the start time as the database's text, and the id. */
export type SessionCursor = ExportCursor;

/**
 * One keyset page of the per-session quality summary, on (started_at, id): the page of sessions
 * first, then each one's answers through the session index, so a page costs the same however
 * large the tables grow. Probe yield compares each follow-up with the answer it followed up,
 * with the same rule as insight-store.rules.ts probeYield.
 */
export function sessionQualityPageStatement(filter: SessionFilter, cursor: SessionCursor | undefined, limit: number): Statement {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const add = (sql: (n: string) => string, value: unknown): void => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filter.since !== undefined) add((p) => `started_at >= ${p}::timestamptz`, iso(filter.since));
  if (filter.until !== undefined) add((p) => `started_at < ${p}::timestamptz`, iso(filter.until));
  if (cursor !== undefined) {
    params.push(cursor.at, cursor.id);
    conditions.push(`(started_at, id) > ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(limit);
  const sql = `WITH page AS (
      SELECT id, platform, locale, started_at, ended_at, last_phase, ended_reason, non_answers, misunderstandings,
             questions_asked, probes_asked, started_at::text AS cursor_at
      FROM sessions
      ${where(conditions)}
      ORDER BY started_at, id LIMIT $${params.length})
    SELECT p.id, p.platform, p.locale, p.started_at, p.ended_at, p.last_phase, p.ended_reason, p.non_answers,
           p.misunderstandings, p.questions_asked, p.cursor_at,
           a.answers, a.words, a.bits_sum, a.bits_answers, a.probes_answered, a.answered,
           y.more_words, y.new_theme,
           (SELECT count(*) FROM (
              SELECT jsonb_array_elements_text(p.probes_asked)
              UNION
              SELECT parent_answer_id FROM answers WHERE session_id = p.id AND parent_answer_id IS NOT NULL) AS f
           ) AS probes_asked
    FROM page AS p
    CROSS JOIN LATERAL (
      SELECT count(*) AS answers, COALESCE(sum(word_count), 0) AS words,
             -- numeric: an exact sum of the stored two-decimal values, whatever order rows come in
             COALESCE(sum(bits::numeric), 0) AS bits_sum, count(bits) AS bits_answers,
             count(*) FILTER (WHERE parent_answer_id IS NOT NULL) AS probes_answered,
             COALESCE(jsonb_agg(DISTINCT jsonb_build_array(domain, lens)) FILTER (WHERE parent_answer_id IS NULL), '[]'::jsonb) AS answered
      FROM answers WHERE session_id = p.id) AS a
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE c.word_count > m.word_count) AS more_words,
             count(*) FILTER (WHERE c.top_theme <> 'other' AND c.top_theme <> m.top_theme
                                AND NOT m.themes @> jsonb_build_array(jsonb_build_object('id', c.top_theme))) AS new_theme
      FROM answers AS c JOIN answers AS m ON m.id = c.parent_answer_id
      WHERE c.session_id = p.id) AS y
    ORDER BY p.started_at, p.id`;
  return { sql, params };
}
