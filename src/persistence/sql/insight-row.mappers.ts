import type { ThemeScore } from '../../classifier/classifier.types';
import type { Lens, Phase, Platform, ResumePoint } from '../../interview/interview.types';
import type { PiiKind } from '../../privacy/redaction.types';
import type {
  AnswerRecord,
  ErasureResult,
  QuestionRef,
  RespondentSnapshot,
  SessionEndReason,
  SessionQualityRecord,
  ThemeCount,
} from '../insight-records.port';
import { sessionQualityOf } from '../insight-store.rules';
import type { ExportCursor, SessionCursor } from './insight.statements';

/**
 * Rows as the drivers return them, and their translation into records. The two drivers do not
 * agree on every type (node-postgres returns bigint counts such as `count(*)` as strings), so each
 * number and date is normalised here and both adapters hand back identical records.
 */
export interface AnswerRow {
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
  bits: number | string | null;
  redactions: unknown;
  created_at: Date | string;
  cursor_at: string;
}

/** One row of the session-summary page: the session's own columns and its answers' aggregates. */
export interface SessionQualityRow {
  id: string;
  platform: string;
  locale: string;
  started_at: Date | string;
  ended_at: Date | string | null;
  last_phase: string | null;
  ended_reason: string | null;
  non_answers: number | string;
  misunderstandings: number | string;
  questions_asked: QuestionRef[];
  cursor_at: string;
  answers: number | string;
  words: number | string;
  bits_sum: number | string;
  bits_answers: number | string;
  probes_answered: number | string;
  answered: QuestionRef[];
  more_words: number | string;
  new_theme: number | string;
  probes_asked: number | string;
}

export interface RespondentRow {
  first_seen_at: Date | string;
  resume: ResumePoint | null;
  domains_done: string[];
  /** [domain, theme] pairs ordered by domain, then most frequent first. */
  themes: [string, string][];
}

export type ErasureRow = Record<keyof ErasureResult, number | string>;

export interface ThemeCountRow {
  domain: string;
  lens: Lens;
  theme: string;
  answers: number | string;
  respondents: number | string;
}

export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function rowToAnswer(row: AnswerRow): AnswerRecord {
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
    bits: row.bits === null ? null : Number(row.bits),
    redactions: row.redactions as PiiKind[],
    createdAt: toDate(row.created_at),
    isProbe: row.parent_answer_id !== null,
  };
}

export function cursorAfter(row: AnswerRow): ExportCursor {
  return { at: row.cursor_at, id: row.id };
}

export function rowToRespondent(respondentId: string, row: RespondentRow): RespondentSnapshot {
  const themes: Record<string, string[]> = {};
  for (const [domain, theme] of row.themes) (themes[domain] ??= []).push(theme);
  return {
    respondentId,
    firstSeenAt: toDate(row.first_seen_at),
    resume: row.resume,
    domainsDone: row.domains_done,
    themes,
  };
}

/** The erase statement always returns one row; a missing one means nothing was there to erase. */
export function rowToErasure(row: ErasureRow | undefined): ErasureResult {
  return {
    answers: Number(row?.answers ?? 0),
    sessions: Number(row?.sessions ?? 0),
    consents: Number(row?.consents ?? 0),
    handoffs: Number(row?.handoffs ?? 0),
  };
}

export function rowToThemeCount(row: ThemeCountRow): ThemeCount {
  return {
    domain: row.domain,
    lens: row.lens,
    theme: row.theme,
    answers: Number(row.answers),
    respondents: Number(row.respondents),
  };
}

export function rowToSessionQuality(row: SessionQualityRow): SessionQualityRecord {
  return sessionQualityOf({
    session: {
      id: row.id,
      platform: row.platform as Platform,
      locale: row.locale,
      startedAt: toDate(row.started_at),
      endedAt: row.ended_at === null ? null : toDate(row.ended_at),
      lastPhase: row.last_phase as Phase | null,
      endedReason: row.ended_reason as SessionEndReason | null,
      nonAnswers: Number(row.non_answers),
      misunderstandings: Number(row.misunderstandings),
      questionsAsked: row.questions_asked,
    },
    answered: row.answered,
    probesAsked: Number(row.probes_asked),
    answers: Number(row.answers),
    words: Number(row.words),
    bitsSum: Number(row.bits_sum),
    bitsAnswers: Number(row.bits_answers),
    probesAnswered: Number(row.probes_answered),
    probesYieldingMoreWords: Number(row.more_words),
    probesYieldingNewTheme: Number(row.new_theme),
  });
}

export function sessionCursorAfter(row: SessionQualityRow): SessionCursor {
  return { at: row.cursor_at, id: row.id };
}
