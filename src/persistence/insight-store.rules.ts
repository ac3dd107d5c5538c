import { AppError } from '../errors/app-error';
import type { AnswerRecord, ConsentRecord, ExportFilter, ThemeCount, TurnWrite } from './insight-records.port';

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
