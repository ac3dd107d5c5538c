import { AppError } from '../../errors/app-error';
import type {
  AnswerRecord,
  ErasureResult,
  ExportFilter,
  HandoffRecord,
  QuestionRef,
  RespondentSnapshot,
  SessionFilter,
  SessionQualityRecord,
  SessionRecord,
  ThemeCount,
  TurnWrite,
} from '../insight-records.port';
import type { InsightStore } from '../insight-store.port';
import type { ResumePoint } from '../../interview/interview.types';
import {
  assertTurnConsistent,
  compareAnswers,
  compareText,
  compareSessions,
  compareThemeCounts,
  consentRows,
  earliestWithdrawal,
  matchesFilter,
  matchesSessionFilter,
  mergeProgress,
  NO_PROGRESS,
  probeYield,
  sessionQualityOf,
  storedAnswer,
  type ConsentRow,
  type StoredProgress,
} from '../insight-store.rules';

/**
 * The port held in process memory: for engine tests and the terminal chat when no store is
 * configured. It follows the SQL adapters' rules (same contract suite), and copies records in and
 * out so callers can never change stored data by mutating an object they hold.
 */
interface RespondentEntry {
  firstSeenAt: Date;
  resume: ResumePoint | null;
  domainsDone: string[];
}

type SessionEntry = SessionRecord & StoredProgress;

export class MemoryInsightStore implements InsightStore {
  private readonly respondents = new Map<string, RespondentEntry>();
  private readonly sessions = new Map<string, SessionEntry>();
  private readonly answers = new Map<string, AnswerRecord>();
  private consents: ConsentRow[] = [];
  private readonly handoffs = new Map<string, HandoffRecord>();
  private closed = false;

  private assertOpen(operation: string): void {
    if (this.closed) throw new AppError('STORE_UNAVAILABLE', `Insight store ${operation} failed (store is closed)`);
  }

  async writeTurn(write: TurnWrite): Promise<void> {
    this.assertOpen('writeTurn');
    assertTurnConsistent(write);
    const { respondentId, session, resume } = write;

    const known = this.respondents.get(respondentId);
    const entry: RespondentEntry = known ?? { firstSeenAt: session.startedAt, resume: null, domainsDone: [] };
    if (session.startedAt < entry.firstSeenAt) entry.firstSeenAt = session.startedAt;
    if (resume !== undefined) {
      entry.resume = resume.point;
      entry.domainsDone = [...resume.domainsDone];
    }
    this.respondents.set(respondentId, structuredClone(entry));

    const stored = this.sessions.get(session.id);
    this.sessions.set(
      session.id,
      structuredClone(
        stored === undefined
          ? { ...session, ...mergeProgress(NO_PROGRESS, session.lastTurnAt, write) }
          : {
              ...stored,
              lastTurnAt: new Date(Math.max(stored.lastTurnAt.getTime(), session.lastTurnAt.getTime())),
              endedAt: session.endedAt ?? stored.endedAt,
              ...mergeProgress(stored, stored.lastTurnAt, write),
            },
      ),
    );

    // Ids already stored are kept as they are, so a retried turn is not counted twice.
    for (const answer of write.answers) {
      if (!this.answers.has(answer.id)) this.answers.set(answer.id, storedAnswer(structuredClone(answer)));
    }
    for (const consent of this.consents) {
      if (consent.respondentId !== respondentId || !consent.granted || consent.withdrawnAt !== null) continue;
      const withdrawal = earliestWithdrawal(write.consents, consent.subject);
      if (withdrawal !== undefined && consent.at <= withdrawal) consent.withdrawnAt = new Date(withdrawal.getTime());
    }
    for (const row of consentRows(write.consents)) {
      const duplicate = this.consents.some(
        (c) => c.respondentId === respondentId && c.subject === row.subject && c.at.getTime() === row.at.getTime(),
      );
      if (!duplicate) this.consents.push(structuredClone(row));
    }
    for (const handoff of write.handoffs) {
      if (!this.handoffs.has(handoff.id)) this.handoffs.set(handoff.id, structuredClone(handoff));
    }
  }

  async loadRespondent(respondentId: string): Promise<RespondentSnapshot | null> {
    this.assertOpen('loadRespondent');
    const entry = this.respondents.get(respondentId);
    if (entry === undefined) return null;
    const counts = new Map<string, Map<string, number>>();
    for (const answer of this.answers.values()) {
      if (answer.respondentId !== respondentId) continue;
      const perDomain = counts.get(answer.domain) ?? new Map<string, number>();
      perDomain.set(answer.topTheme, (perDomain.get(answer.topTheme) ?? 0) + 1);
      counts.set(answer.domain, perDomain);
    }
    const themes: Record<string, string[]> = {};
    for (const domain of [...counts.keys()].sort(compareText)) {
      const perDomain = counts.get(domain) ?? new Map<string, number>();
      themes[domain] = [...perDomain.entries()]
        .sort(([ta, na], [tb, nb]) => nb - na || compareText(ta, tb))
        .map(([theme]) => theme);
    }
    return { respondentId, ...structuredClone(entry), themes };
  }

  async eraseRespondent(respondentId: string): Promise<ErasureResult> {
    this.assertOpen('eraseRespondent');
    const removeFrom = <T extends { respondentId: string }>(map: Map<string, T>): number => {
      let removed = 0;
      for (const [id, record] of map) {
        if (record.respondentId === respondentId && map.delete(id)) removed++;
      }
      return removed;
    };
    const consentsBefore = this.consents.length;
    this.consents = this.consents.filter((c) => c.respondentId !== respondentId);
    const result: ErasureResult = {
      answers: removeFrom(this.answers),
      sessions: removeFrom(this.sessions),
      consents: consentsBefore - this.consents.length,
      handoffs: removeFrom(this.handoffs),
    };
    this.respondents.delete(respondentId);
    return result;
  }

  async purgeTextBefore(before: Date): Promise<number> {
    this.assertOpen('purgeTextBefore');
    let purged = 0;
    for (const answer of this.answers.values()) {
      if (answer.text !== null && answer.createdAt < before) {
        answer.text = null;
        purged++;
      }
    }
    return purged;
  }

  async *exportAnswers(filter: ExportFilter = {}): AsyncIterable<AnswerRecord> {
    this.assertOpen('exportAnswers');
    const selected = [...this.answers.values()].filter((a) => matchesFilter(a, filter)).sort(compareAnswers);
    for (const answer of selected) yield structuredClone(answer);
  }

  async countThemes(filter: ExportFilter = {}): Promise<ThemeCount[]> {
    this.assertOpen('countThemes');
    const groups = new Map<string, { count: ThemeCount; respondents: Set<string> }>();
    for (const answer of this.answers.values()) {
      if (!matchesFilter(answer, filter)) continue;
      const key = JSON.stringify([answer.domain, answer.lens, answer.topTheme]);
      const group = groups.get(key) ?? {
        count: { domain: answer.domain, lens: answer.lens, theme: answer.topTheme, answers: 0, respondents: 0 },
        respondents: new Set<string>(),
      };
      group.count.answers++;
      group.respondents.add(answer.respondentId);
      groups.set(key, group);
    }
    return [...groups.values()]
      .map(({ count, respondents }) => ({ ...count, respondents: respondents.size }))
      .sort(compareThemeCounts);
  }

  async *sessionQuality(filter: SessionFilter = {}): AsyncIterable<SessionQualityRecord> {
    this.assertOpen('sessionQuality');
    const bySession = new Map<string, AnswerRecord[]>();
    for (const answer of this.answers.values()) {
      const list = bySession.get(answer.sessionId) ?? [];
      list.push(answer);
      bySession.set(answer.sessionId, list);
    }
    const selected = [...this.sessions.values()].filter((s) => matchesSessionFilter(s, filter)).sort(compareSessions);
    for (const session of selected) {
      const answers = bySession.get(session.id) ?? [];
      const answered = new Map<string, QuestionRef>();
      const followedUp = new Set(session.probesAsked);
      let words = 0;
      let bitsSum = 0;
      let bitsAnswers = 0;
      let probesAnswered = 0;
      let probesYieldingMoreWords = 0;
      let probesYieldingNewTheme = 0;
      for (const answer of answers) {
        words += answer.wordCount;
        if (answer.bits !== null) {
          bitsSum += answer.bits;
          bitsAnswers++;
        }
        if (answer.parentAnswerId === null) {
          answered.set(JSON.stringify([answer.domain, answer.lens]), [answer.domain, answer.lens]);
          continue;
        }
        probesAnswered++;
        followedUp.add(answer.parentAnswerId);
        const parent = this.answers.get(answer.parentAnswerId);
        if (parent === undefined) continue;
        const { moreWords, newTheme } = probeYield(answer, parent);
        if (moreWords) probesYieldingMoreWords++;
        if (newTheme) probesYieldingNewTheme++;
      }
      yield sessionQualityOf({
        session: structuredClone(session),
        answered: [...answered.values()],
        probesAsked: followedUp.size,
        answers: answers.length,
        words,
        bitsSum,
        bitsAnswers,
        probesAnswered,
        probesYieldingMoreWords,
        probesYieldingNewTheme,
      });
    }
  }

  /** Nothing to reach: ready for as long as it is open. */
  async ping(): Promise<void> {
    this.assertOpen('ping');
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export function openMemoryStore(): MemoryInsightStore {
  return new MemoryInsightStore();
}
