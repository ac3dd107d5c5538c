import { AppError } from '../errors/app-error';
import { LENSES, type Lens, type Phase } from '../interview/interview.types';
import type {
  AnswerRecord,
  ConsentRecord,
  DomainQuality,
  ExportFilter,
  NewAnswer,
  QuestionRef,
  SessionEndReason,
  SessionFilter,
  SessionQualityRecord,
  SessionRecord,
  ThemeCount,
  TurnWrite,
} from './insight-records.port';

/**
 * Rules every adapter applies the same way, so the in-memory store cannot drift from the SQL ones.
 */

/** A turn is written under one respondent; a record pointing elsewhere is a caller bug, not data. */
export function assertTurnConsistent(write: TurnWrite): void {
  const owner = write.respondentId;
  const strays =
    (write.session.respondentId !== owner ? 1 : 0) +
    write.answers.filter((a) => a.respondentId !== owner || a.sessionId !== write.session.id).length +
    write.consents.filter((c) => c.respondentId !== owner).length +
    write.handoffs.filter((h) => h.respondentId !== owner).length;
  if (strays > 0) {
    throw new AppError(
      'BAD_REQUEST',
      `writeTurn: ${strays} record(s) do not belong to the turn's respondent and session`,
    );
  }
}

export interface ConsentRow extends ConsentRecord {
  withdrawnAt: Date | null;
}

/**
 * Withdrawal rule shared by every adapter: the earliest withdrawal of a subject in a turn stamps
 * `withdrawnAt` on grants of that subject made at or before it, including grants in the same turn.
 */
export function earliestWithdrawal(consents: readonly ConsentRecord[], subject: string): Date | undefined {
  let earliest: Date | undefined;
  for (const c of consents) {
    if (c.granted || c.subject !== subject) continue;
    if (earliest === undefined || c.at < earliest) earliest = c.at;
  }
  return earliest;
}

/** The turn's consents as stored, with same-turn withdrawals already applied. */
export function consentRows(consents: readonly ConsentRecord[]): ConsentRow[] {
  return consents.map((consent) => {
    const withdrawal = consent.granted ? earliestWithdrawal(consents, consent.subject) : undefined;
    return { ...consent, withdrawnAt: withdrawal !== undefined && consent.at <= withdrawal ? withdrawal : null };
  });
}

/** Byte-wise order, matching the `COLLATE "C"` columns of the SQL schema. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Export order: oldest first, ties broken by id (the keyset the SQL adapters paginate on). */
export function compareAnswers(a: AnswerRecord, b: AnswerRecord): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || compareText(a.id, b.id);
}

export function matchesFilter(answer: AnswerRecord, filter: ExportFilter): boolean {
  const at = answer.createdAt.getTime();
  return (
    (filter.since === undefined || at >= filter.since.getTime()) &&
    (filter.until === undefined || at < filter.until.getTime()) &&
    (filter.domain === undefined || answer.domain === filter.domain) &&
    (filter.lens === undefined || answer.lens === filter.lens) &&
    (filter.theme === undefined || answer.topTheme === filter.theme)
  );
}

/** Review order: domain, lens, most answers first, then theme. */
export function compareThemeCounts(a: ThemeCount, b: ThemeCount): number {
  return (
    compareText(a.domain, b.domain) ||
    compareText(a.lens, b.lens) ||
    b.answers - a.answers ||
    compareText(a.theme, b.theme)
  );
}

/** The stored form of an answer read back: `isProbe` follows from the parent link. */
export function storedAnswer(answer: NewAnswer): AnswerRecord {
  return { ...answer, isProbe: answer.parentAnswerId !== null };
}

/** What a session row holds besides its SessionRecord fields; see SessionProgress. */
export interface StoredProgress {
  lastPhase: Phase | null;
  endedReason: SessionEndReason | null;
  nonAnswers: number;
  misunderstandings: number;
  questionsAsked: QuestionRef[];
  probesAsked: string[];
}

/** A session row written before anything was measured. */
export const NO_PROGRESS: StoredProgress = {
  lastPhase: null,
  endedReason: null,
  nonAnswers: 0,
  misunderstandings: 0,
  questionsAsked: [],
  probesAsked: [],
};

/**
 * Upsert rule of the session's measures, the SQL statement's twin. Counts and phases come from the
 * newest turn only, so a retried or late-arriving older turn cannot roll them back; the asked
 * lists are unions, which any turn may add to. `storedLastTurnAt` is the row's value before this write.
 */
export function mergeProgress(stored: StoredProgress, storedLastTurnAt: Date, write: TurnWrite): StoredProgress {
  const next = write.progress;
  if (next === undefined) return stored;
  const newest = write.session.lastTurnAt >= storedLastTurnAt;
  return {
    lastPhase: newest ? (next.lastPhase ?? stored.lastPhase) : stored.lastPhase,
    endedReason: newest ? (next.endedReason ?? stored.endedReason) : stored.endedReason,
    nonAnswers: newest ? next.nonAnswers : stored.nonAnswers,
    misunderstandings: newest ? next.misunderstandings : stored.misunderstandings,
    questionsAsked: union(stored.questionsAsked, next.questionsAsked),
    probesAsked: union(stored.probesAsked, next.probesAsked),
  };
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  const byKey = new Map<string, T>();
  for (const item of [...a, ...b]) byKey.set(JSON.stringify(item), item);
  return [...byKey.entries()].sort(([ka], [kb]) => compareText(ka, kb)).map(([, item]) => item);
}

export function matchesSessionFilter(session: SessionRecord, filter: SessionFilter): boolean {
  const at = session.startedAt.getTime();
  return (filter.since === undefined || at >= filter.since.getTime()) && (filter.until === undefined || at < filter.until.getTime());
}

/** Session summary order: oldest start first, ties by id (the SQL keyset). */
export function compareSessions(a: SessionRecord, b: SessionRecord): number {
  return a.startedAt.getTime() - b.startedAt.getTime() || compareText(a.id, b.id);
}

/**
 * Whether a follow-up answer paid off against the answer it followed up: more words than that
 * answer, and a top theme (a real one, not `other`) that answer did not already have.
 */
export function probeYield(probe: NewAnswer, parent: NewAnswer): { moreWords: boolean; newTheme: boolean } {
  return {
    moreWords: probe.wordCount > parent.wordCount,
    newTheme: probe.topTheme !== 'other' && probe.topTheme !== parent.topTheme && !parent.themes.some((t) => t.id === probe.topTheme),
  };
}

/** A session's row and the aggregates of its answers, as either adapter computes them. */
export interface SessionQualityParts {
  session: Pick<SessionRecord, 'id' | 'platform' | 'locale' | 'startedAt' | 'endedAt'> & Omit<StoredProgress, 'probesAsked'>;
  /** Distinct (domain, lens) of the session's main answers. */
  answered: QuestionRef[];
  /** Distinct main answers followed up: asked per the session row, or answered. */
  probesAsked: number;
  answers: number;
  words: number;
  /** Sum of the measured answers' bits, and how many were measured. */
  bitsSum: number;
  bitsAnswers: number;
  probesAnswered: number;
  probesYieldingMoreWords: number;
  probesYieldingNewTheme: number;
}

/**
 * The summary both adapters hand back, built from their aggregates by this one function so means
 * and rounding cannot differ between them. A main answer implies its question was asked, so
 * sessions from before questions were tracked still count what they answered.
 */
export function sessionQualityOf(parts: SessionQualityParts): SessionQualityRecord {
  const { session } = parts;
  const asked = new Map<string, Set<Lens>>();
  const answered = new Map<string, Set<Lens>>();
  const note = (into: Map<string, Set<Lens>>, [domain, lens]: QuestionRef): void => {
    const lenses = into.get(domain) ?? new Set<Lens>();
    lenses.add(lens);
    into.set(domain, lenses);
  };
  for (const q of session.questionsAsked) note(asked, q);
  for (const q of parts.answered) {
    note(asked, q);
    note(answered, q);
  }
  const domains: DomainQuality[] = [...asked.keys()].sort(compareText).map((domain) => {
    const done = answered.get(domain) ?? new Set<Lens>();
    return {
      domain,
      asked: asked.get(domain)?.size ?? 0,
      answered: done.size,
      completed: LENSES.every((lens) => done.has(lens)),
    };
  });
  const totalBits = round2(parts.bitsSum);
  return {
    sessionId: session.id,
    platform: session.platform,
    locale: session.locale,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    endedReason: session.endedReason,
    lastPhase: session.lastPhase,
    answers: parts.answers,
    probesAsked: parts.probesAsked,
    probesAnswered: parts.probesAnswered,
    probesYieldingMoreWords: parts.probesYieldingMoreWords,
    probesYieldingNewTheme: parts.probesYieldingNewTheme,
    wordsPerAnswer: parts.answers === 0 ? null : round2(parts.words / parts.answers),
    bitsPerAnswer: parts.bitsAnswers === 0 ? null : round2(totalBits / parts.bitsAnswers),
    totalBits,
    nonAnswers: session.nonAnswers,
    misunderstandings: session.misunderstandings,
    domains,
    domainsCompleted: domains.filter((d) => d.completed).length,
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
