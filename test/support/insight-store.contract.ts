import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAppError } from '../../src/errors/app-error';
import type { AnswerRecord, ExportFilter, SessionFilter, SessionQualityRecord, TurnWrite } from '../../src/persistence/insight-records.port';
import type { InsightStore } from '../../src/persistence/insight-store.port';
import { MIGRATIONS_DIR } from '../../src/persistence/sql/migrations.runner';
import type { SqlExecutor } from '../../src/persistence/sql/sql.executor';
import { answer, at, progress, turn } from './insight-store.builders';

/**
 * The behaviour every InsightStore adapter must share. Each adapter's test file calls this with a
 * factory for fresh, empty storage that can be opened more than once (to test reopening).
 */
export interface ContractTarget {
  open(): Promise<InsightStore>;
  /** Removes whatever the target created (temporary directory, schema). */
  dispose?(): Promise<void>;
}

export interface ContractOptions {
  /** A reopened store still holds what was written before it was closed. */
  persistent: boolean;
  /**
   * SQL adapters only: raw access for checks the port cannot express (recorded migrations, the
   * consent log) and for the error-wrapping test.
   */
  executorOf?(store: InsightStore): SqlExecutor;
  /** Extra time for slow-opening adapters. */
  timeoutMs?: number;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const record of iterable) out.push(record);
  return out;
}

async function sessionSummaries(store: InsightStore, filter?: SessionFilter): Promise<Map<string, SessionQualityRecord>> {
  return new Map((await collect(store.sessionQuality(filter))).map((s) => [s.sessionId, s]));
}

/** Versions recorded in schema_migrations, oldest first. */
export async function migrationVersions(db: SqlExecutor): Promise<number[]> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => r.version);
}

async function exportIds(store: InsightStore, filter?: ExportFilter): Promise<string[]> {
  return (await collect(store.exportAnswers(filter))).map((a) => a.id);
}

/** Deterministic shuffle, so write order differs from export order without flaky tests. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 16807) % 2147483647;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * A store created before the quality measures (migration 001 only), holding answers, upgrades in
 * place: its answers read back unmeasured, its sessions summarise from their answers alone, and
 * new turns write measures. `open` opens the same storage with the given migrations folder
 * (`undefined`: the shipped ones).
 */
export async function expectUpgradeFromInitialSchema(
  open: (migrationsDir: string | undefined) => Promise<InsightStore & { executor: SqlExecutor }>,
): Promise<void> {
  const initialOnly = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-migrations-'));
  try {
    fs.copyFileSync(path.join(MIGRATIONS_DIR, '001_init.sql'), path.join(initialOnly, '001_init.sql'));
    const old = await open(initialOnly);
    try {
      expect(await migrationVersions(old.executor)).toEqual([1]);
      // Raw SQL: the current statements write columns this schema does not have yet.
      await old.executor.exec(`
        INSERT INTO respondents (id, first_seen_at) VALUES ('r-old', '2030-01-15T10:00:00Z');
        INSERT INTO sessions (id, respondent_id, platform, locale, started_at, last_turn_at)
          VALUES ('s-old', 'r-old', 'alexa', 'en-GB', '2030-01-15T10:00:00Z', '2030-01-15T10:05:00Z');
        INSERT INTO answers (id, respondent_id, session_id, platform, locale, domain, lens, question_id, parent_answer_id,
                             text, themes, top_theme, sentiment, word_count, created_at)
          VALUES ('a-old', 'r-old', 's-old', 'alexa', 'en-GB', 'money', 'dream', 'money.dream.q1', NULL,
                  'a house', '[{"id":"home","score":1}]', 'home', 0.5, 2, '2030-01-15T10:01:00Z'),
                 ('p-old', 'r-old', 's-old', 'alexa', 'en-GB', 'money', 'dream', 'money.dream.q1', 'a-old',
                  'with a garden for the children', '[{"id":"family","score":1}]', 'family', 0.5, 6, '2030-01-15T10:02:00Z');`);
    } finally {
      await old.close();
    }

    const upgraded = await open(undefined);
    try {
      expect(await migrationVersions(upgraded.executor)).toEqual([1, 2]);
      expect((await collect(upgraded.exportAnswers())).map((a) => [a.id, a.bits, a.isProbe])).toEqual([
        ['a-old', null, false],
        ['p-old', null, true],
      ]);
      expect((await collect(upgraded.sessionQuality())).find((q) => q.sessionId === 's-old')).toMatchObject({
        lastPhase: null,
        endedReason: null,
        answers: 2,
        probesAsked: 1,
        probesYieldingMoreWords: 1,
        probesYieldingNewTheme: 1,
        wordsPerAnswer: 4,
        bitsPerAnswer: null,
        totalBits: 0,
        domains: [{ domain: 'money', asked: 1, answered: 1, completed: false }],
      });
      await upgraded.writeTurn(
        turn({ respondentId: 'r-old', sessionId: 's-old', minutes: 10, progress: { lastPhase: 'question', nonAnswers: 1 } }),
      );
      expect((await collect(upgraded.sessionQuality())).find((q) => q.sessionId === 's-old')).toMatchObject({ lastPhase: 'question', nonAnswers: 1 });
    } finally {
      await upgraded.close();
    }
  } finally {
    fs.rmSync(initialOnly, { recursive: true, force: true });
  }
}

export function describeInsightStoreContract(
  name: string,
  newTarget: () => Promise<ContractTarget>,
  options: ContractOptions,
): void {
  describe(`InsightStore contract: ${name}`, () => {
    let target: ContractTarget;
    let store: InsightStore;
    const opened: InsightStore[] = [];

    const open = async (): Promise<InsightStore> => {
      const s = await target.open();
      opened.push(s);
      return s;
    };

    beforeEach(async () => {
      target = await newTarget();
      store = await open();
    }, options.timeoutMs);

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await target.dispose?.();
    }, options.timeoutMs);

    const it = (title: string, fn: () => Promise<void>): void => test(title, fn, options.timeoutMs);

    it('round-trips a turn: answers come back exactly, the respondent with resume and themes', async () => {
      const write: TurnWrite = {
        ...turn({
          respondentId: 'r1',
          answers: [
            { id: 'a1', domain: 'money', lens: 'fear', theme: 'debt', minutes: 1, text: 'I fear [EMAIL] debt' },
            { id: 'a2', domain: 'money', lens: 'fear', theme: 'debt', minutes: 2, parentAnswerId: 'a1' },
          ],
          resume: { point: { domain: 'money', lensIndex: 2 }, domainsDone: ['food'] },
        }),
        consents: [{ respondentId: 'r1', subject: 'partner-card:p1', granted: true, at: at(2) }],
        handoffs: [
          {
            id: 'h1',
            respondentId: 'r1',
            sessionId: 'r1-s1',
            partnerId: 'p1',
            domain: 'money',
            theme: 'debt',
            mode: 'card',
            status: 'pending',
            createdAt: at(2),
          },
        ],
      };
      (write.answers[0] as AnswerRecord).redactions = ['EMAIL'];
      await store.writeTurn(write);

      expect(await collect(store.exportAnswers())).toEqual(write.answers);
      expect(await store.loadRespondent('r1')).toEqual({
        respondentId: 'r1',
        firstSeenAt: write.session.startedAt,
        resume: { domain: 'money', lensIndex: 2 },
        domainsDone: ['food'],
        themes: { money: ['debt'] },
      });
      expect(await store.loadRespondent('nobody')).toBeNull();
    });

    it('keeps the resume point when a turn leaves it undefined and clears it on null', async () => {
      await store.writeTurn(
        turn({ respondentId: 'r1', minutes: 5, resume: { point: { domain: 'food', lensIndex: 1 }, domainsDone: [] } }),
      );
      await store.writeTurn(turn({ respondentId: 'r1', minutes: 6, answers: [{ id: 'a1' }] }));
      let snapshot = await store.loadRespondent('r1');
      expect(snapshot?.resume).toEqual({ domain: 'food', lensIndex: 1 });

      await store.writeTurn(turn({ respondentId: 'r1', minutes: 7, resume: { point: null, domainsDone: ['food', 'money'] } }));
      snapshot = await store.loadRespondent('r1');
      expect(snapshot?.resume).toBeNull();
      expect(snapshot?.domainsDone).toEqual(['food', 'money']);

      // A later session does not move first contact forward; an earlier one (clock skew) moves it back.
      await store.writeTurn(turn({ respondentId: 'r1', sessionId: 'r1-s2', minutes: 60 }));
      await store.writeTurn(turn({ respondentId: 'r1', sessionId: 'r1-s0', minutes: 1 }));
      snapshot = await store.loadRespondent('r1');
      expect(snapshot?.firstSeenAt).toEqual(at(1));
      expect(snapshot?.domainsDone).toEqual(['food', 'money']);
    });

    it('lists a respondent’s stored themes per domain, most frequent first', async () => {
      await store.writeTurn(
        turn({
          respondentId: 'r1',
          answers: [
            { id: 'a1', domain: 'money', theme: 'savings' },
            { id: 'a2', domain: 'money', theme: 'debt' },
            { id: 'a3', domain: 'money', theme: 'debt' },
            { id: 'a4', domain: 'food', theme: 'cost' },
            { id: 'a5', domain: 'money', theme: 'housing' },
            { id: 'a6', domain: 'money', theme: 'debt' },
            { id: 'a7', domain: 'money', theme: 'savings' },
          ],
        }),
      );
      await store.writeTurn(turn({ respondentId: 'r2', answers: [{ id: 'b1', domain: 'money', theme: 'housing' }] }));
      expect((await store.loadRespondent('r1'))?.themes).toEqual({
        food: ['cost'],
        money: ['debt', 'savings', 'housing'],
      });
    });

    it('erases everything about one respondent in one go and leaves the others untouched', async () => {
      const full = (respondentId: string, prefix: string): TurnWrite => ({
        ...turn({
          respondentId,
          answers: [
            { id: `${prefix}1`, theme: 'debt' },
            { id: `${prefix}2`, theme: 'debt', parentAnswerId: `${prefix}1` },
          ],
          resume: { point: { domain: 'money', lensIndex: 1 }, domainsDone: [] },
        }),
        consents: [
          { respondentId, subject: 'partner-lead:p1', granted: true, at: at(1) },
          { respondentId, subject: 'partner-lead:p1', granted: false, at: at(2) },
        ],
        handoffs: [
          {
            id: `${prefix}-h1`,
            respondentId,
            sessionId: `${respondentId}-s1`,
            partnerId: 'p1',
            domain: 'money',
            theme: 'debt',
            mode: 'lead',
            status: 'delivered',
            createdAt: at(1),
          },
        ],
      });
      await store.writeTurn(full('r1', 'a'));
      await store.writeTurn(turn({ respondentId: 'r1', sessionId: 'r1-s2', minutes: 30, answers: [{ id: 'a3' }] }));
      await store.writeTurn(full('r2', 'b'));
      const othersBefore = await store.loadRespondent('r2');

      expect(await store.eraseRespondent('r1')).toEqual({ answers: 3, sessions: 2, consents: 2, handoffs: 1 });

      expect(await store.loadRespondent('r1')).toBeNull();
      expect(await exportIds(store)).toEqual(['b1', 'b2']);
      if (options.executorOf !== undefined) {
        const { rows } = await options.executorOf(store).query<{ n: number | string }>(
          `SELECT (SELECT count(*) FROM respondents WHERE id = 'r1') + (SELECT count(*) FROM sessions WHERE respondent_id = 'r1')
                + (SELECT count(*) FROM answers WHERE respondent_id = 'r1') + (SELECT count(*) FROM consents WHERE respondent_id = 'r1')
                + (SELECT count(*) FROM handoffs WHERE respondent_id = 'r1') AS n`,
        );
        expect(Number(rows[0]?.n)).toBe(0);
      }
      expect((await store.countThemes()).map((c) => c.respondents)).toEqual([1]);
      expect(await store.loadRespondent('r2')).toEqual(othersBefore);
      expect(await store.eraseRespondent('r1')).toEqual({ answers: 0, sessions: 0, consents: 0, handoffs: 0 });

      // The same pseudonymous id can start afresh afterwards.
      await store.writeTurn(turn({ respondentId: 'r1', sessionId: 'r1-s9', minutes: 90, answers: [{ id: 'a9' }] }));
      expect(await store.loadRespondent('r1')).toMatchObject({ resume: null, domainsDone: [], firstSeenAt: at(90) });
    });

    it('purges raw text older than the cut-off but keeps themes and counts', async () => {
      await store.writeTurn(
        turn({
          respondentId: 'r1',
          answers: [
            { id: 'old1', minutes: -20_000, theme: 'debt' },
            { id: 'old2', minutes: -10_000, theme: 'savings' },
            { id: 'new1', minutes: 0, theme: 'debt' },
          ],
        }),
      );
      const countsBefore = await store.countThemes();

      expect(await store.purgeTextBefore(at(-1))).toBe(2);

      const byId = new Map((await collect(store.exportAnswers())).map((a) => [a.id, a]));
      expect(byId.get('old1')).toMatchObject({ text: null, topTheme: 'debt', themes: [{ id: 'debt', score: 0.75 }, { id: 'other', score: 0.25 }] });
      expect(byId.get('old2')?.text).toBeNull();
      expect(byId.get('new1')?.text).toBe('answer new1 about debt');
      expect(await store.countThemes()).toEqual(countsBefore);
      expect(await store.purgeTextBefore(at(-1))).toBe(0);
    });

    it('exports oldest first (ties by id) across many pages, with every filter', async () => {
      const specs = Array.from({ length: 45 }, (_, i) => ({
        id: `x${String(i).padStart(2, '0')}`,
        minutes: Math.floor(i / 3), // three answers share each timestamp
        domain: i % 2 === 0 ? 'money' : 'food',
        lens: (['dream', 'fear', 'frustration'] as const)[i % 3],
        theme: i % 5 === 0 ? 'cost' : 'choice',
      }));
      // Ids rise with time, so index order is the expected export order.
      const expected = specs.map((s) => s.id);
      const indexOf = (id: string): number => Number(id.slice(1));
      // Written in a scrambled order, in two turns from different respondents.
      const scrambled = shuffled(specs);
      await store.writeTurn(turn({ respondentId: 'r0', answers: scrambled.slice(0, 20) }));
      await store.writeTurn(turn({ respondentId: 'r1', answers: scrambled.slice(20) }));

      expect(await exportIds(store)).toEqual(expected);
      expect(await exportIds(store, { domain: 'food' })).toEqual(expected.filter((id) => indexOf(id) % 2 === 1));
      expect(await exportIds(store, { lens: 'fear', theme: 'cost' })).toEqual(
        expected.filter((id) => indexOf(id) % 3 === 1 && indexOf(id) % 5 === 0),
      );
      expect(await exportIds(store, { domain: 'nothing' })).toEqual([]);
    });

    it('exports by time window: since inclusive, until exclusive', async () => {
      for (let i = 0; i < 12; i++) {
        await store.writeTurn(turn({ respondentId: `r${i % 3}`, sessionId: `s${i}`, minutes: i, answers: [{ id: `t${String(i).padStart(2, '0')}` }] }));
      }
      // Ties on time are broken by id, and the window cuts exactly at its bounds.
      await store.writeTurn(turn({ respondentId: 'r9', sessionId: 's-tie', minutes: 4, answers: [{ id: 't04b' }, { id: 't04a' }] }));
      expect(await exportIds(store, { since: at(3), until: at(6) })).toEqual(['t03', 't04', 't04a', 't04b', 't05']);
      expect(await exportIds(store, { since: at(10) })).toEqual(['t10', 't11']);
      expect(await exportIds(store, { until: at(1) })).toEqual(['t00']);
    });

    it('counts answers and distinct respondents by domain × lens × theme', async () => {
      await store.writeTurn(
        turn({
          respondentId: 'r1',
          answers: [
            { id: 'a1', domain: 'money', lens: 'fear', theme: 'debt' },
            { id: 'a2', domain: 'money', lens: 'fear', theme: 'debt' },
            { id: 'a3', domain: 'money', lens: 'dream', theme: 'savings' },
            { id: 'a4', domain: 'food', lens: 'frustration', theme: 'cost', minutes: 100 },
          ],
        }),
      );
      await store.writeTurn(
        turn({
          respondentId: 'r2',
          answers: [
            { id: 'b1', domain: 'money', lens: 'fear', theme: 'debt' },
            { id: 'b2', domain: 'money', lens: 'fear', theme: 'pension' },
            { id: 'b3', domain: 'money', lens: 'fear', theme: 'pension' },
            { id: 'b4', domain: 'money', lens: 'fear', theme: 'pension' },
          ],
        }),
      );
      expect(await store.countThemes()).toEqual([
        { domain: 'food', lens: 'frustration', theme: 'cost', answers: 1, respondents: 1 },
        { domain: 'money', lens: 'dream', theme: 'savings', answers: 1, respondents: 1 },
        { domain: 'money', lens: 'fear', theme: 'debt', answers: 3, respondents: 2 },
        { domain: 'money', lens: 'fear', theme: 'pension', answers: 3, respondents: 1 },
      ]);
      expect(await store.countThemes({ domain: 'money', lens: 'fear', theme: 'debt' })).toEqual([
        { domain: 'money', lens: 'fear', theme: 'debt', answers: 3, respondents: 2 },
      ]);
      expect(await store.countThemes({ since: at(50) })).toEqual([
        { domain: 'food', lens: 'frustration', theme: 'cost', answers: 1, respondents: 1 },
      ]);
      expect(await store.countThemes({ until: at(50), domain: 'food' })).toEqual([]);
    });

    it('keeps bits as given (null when unmeasured) and derives isProbe from the parent link alone', async () => {
      const write = turn({
        respondentId: 'r1',
        answers: [
          { id: 'a1', bits: 61.73 },
          { id: 'a2', bits: null, parentAnswerId: 'a1' },
        ],
      });
      // A writer's own idea of isProbe is not what gets stored.
      (write.answers[0] as AnswerRecord).isProbe = true;
      await store.writeTurn(write);
      const rows = await collect(store.exportAnswers());
      expect(rows.map((a) => [a.id, a.bits, a.isProbe])).toEqual([
        ['a1', 61.73, false],
        ['a2', null, true],
      ]);
    });

    it('summarises a session: answers, words and bits per answer, probe yield and completion', async () => {
      const sessionId = 'r1-s1';
      await store.writeTurn(
        turn({
          respondentId: 'r1',
          minutes: 1,
          progress: { lastPhase: 'question', questionsAsked: [['money', 'dream']] },
          answers: [{ id: 'm-dream', domain: 'money', lens: 'dream', theme: 'home', alsoThemes: ['savings'], wordCount: 4, bits: 40.1 }],
        }),
      );
      // Longer and on a theme the main answer did not have: yields both.
      await store.writeTurn(
        turn({
          respondentId: 'r1',
          minutes: 2,
          progress: { lastPhase: 'probe', questionsAsked: [['money', 'dream']], probesAsked: ['m-dream'] },
          answers: [{ id: 'p-dream', domain: 'money', lens: 'dream', theme: 'pension', parentAnswerId: 'm-dream', wordCount: 9, bits: 90.25 }],
        }),
      );
      await store.writeTurn(
        turn({
          respondentId: 'r1',
          minutes: 3,
          progress: { lastPhase: 'question', questionsAsked: [['money', 'fear']] },
          answers: [{ id: 'm-fear', domain: 'money', lens: 'fear', theme: 'debt', wordCount: 6, bits: 50 }],
        }),
      );
      // Shorter, and on no theme at all: yields neither.
      await store.writeTurn(
        turn({
          respondentId: 'r1',
          minutes: 4,
          progress: { lastPhase: 'probe', probesAsked: ['m-fear'] },
          answers: [{ id: 'p-fear', domain: 'money', lens: 'fear', theme: 'other', parentAnswerId: 'm-fear', wordCount: 3, bits: 20.3 }],
        }),
      );
      await store.writeTurn(
        turn({
          respondentId: 'r1',
          minutes: 5,
          progress: { lastPhase: 'question', questionsAsked: [['money', 'frustration']] },
          answers: [{ id: 'm-frus', domain: 'money', lens: 'frustration', theme: 'fees', wordCount: 2, bits: 19.99 }],
        }),
      );
      // A follow-up asked and never answered, then a second area left after one answer.
      await store.writeTurn(turn({ respondentId: 'r1', minutes: 6, progress: { lastPhase: 'probe', probesAsked: ['m-frus'] } }));
      await store.writeTurn(
        turn({
          respondentId: 'r1',
          minutes: 7,
          progress: { lastPhase: 'question', nonAnswers: 2, misunderstandings: 1, questionsAsked: [['food', 'dream'], ['food', 'fear']] },
          answers: [{ id: 'f-dream', domain: 'food', lens: 'dream', theme: 'cooking', wordCount: 5, bits: 33.33 }],
        }),
      );
      await store.writeTurn(turn({ respondentId: 'r2', sessionId: 'r2-s1', minutes: 8, answers: [{ id: 'other-session' }] }));

      const summary = (await sessionSummaries(store)).get(sessionId);
      expect(summary).toEqual({
        sessionId,
        platform: 'alexa',
        locale: 'en-GB',
        startedAt: at(1),
        endedAt: null,
        endedReason: null,
        lastPhase: 'question',
        answers: 6,
        probesAsked: 3,
        probesAnswered: 2,
        probesYieldingMoreWords: 1,
        probesYieldingNewTheme: 1,
        wordsPerAnswer: 4.83,
        bitsPerAnswer: 42.33,
        totalBits: 253.97,
        nonAnswers: 2,
        misunderstandings: 1,
        domains: [
          { domain: 'food', asked: 2, answered: 1, completed: false },
          { domain: 'money', asked: 3, answered: 3, completed: true },
        ],
        domainsCompleted: 1,
      });
    });

    it('counts a follow-up on a theme the main answer already had as no new theme, and a longer one as more words', async () => {
      await store.writeTurn(
        turn({
          respondentId: 'r1',
          answers: [
            { id: 'm1', theme: 'home', alsoThemes: ['savings'], wordCount: 3 },
            { id: 'p1', theme: 'savings', parentAnswerId: 'm1', wordCount: 4, minutes: 1 },
            { id: 'm2', lens: 'fear', theme: 'debt', wordCount: 8, minutes: 2 },
            { id: 'p2', lens: 'fear', theme: 'debt', parentAnswerId: 'm2', wordCount: 8, minutes: 3 },
          ],
        }),
      );
      expect((await sessionSummaries(store)).get('r1-s1')).toMatchObject({
        // Answered follow-ups were asked, even where the session row never said so.
        probesAsked: 2,
        probesAnswered: 2,
        probesYieldingMoreWords: 1,
        probesYieldingNewTheme: 0,
      });
    });

    it('records where sessions were left: the phase before the end, the reason, and open sessions as last seen', async () => {
      await store.writeTurn(turn({ respondentId: 'r1', sessionId: 'left-open', minutes: 1, progress: { lastPhase: 'choose-domain' } }));
      await store.writeTurn(turn({ respondentId: 'r1', sessionId: 'left-open', minutes: 2, progress: { lastPhase: 'question', questionsAsked: [['money', 'dream']] } }));
      await store.writeTurn(turn({ respondentId: 'r2', sessionId: 'stopped', minutes: 3, progress: { lastPhase: 'question' } }));
      await store.writeTurn(
        turn({ respondentId: 'r2', sessionId: 'stopped', minutes: 4, ended: true, progress: { lastPhase: 'probe', endedReason: 'stopped' } }),
      );
      // The platform's own close after the goodbye: no phase, no reason, and nothing overwritten.
      await store.writeTurn(turn({ respondentId: 'r2', sessionId: 'stopped', minutes: 5, ended: true, progress: {} }));
      await store.writeTurn(turn({ respondentId: 'r3', sessionId: 'no-measures', minutes: 6 }));

      const summaries = await sessionSummaries(store);
      expect([...summaries.keys()]).toEqual(['left-open', 'stopped', 'no-measures']);
      expect(summaries.get('left-open')).toMatchObject({ lastPhase: 'question', endedAt: null, endedReason: null });
      expect(summaries.get('stopped')).toMatchObject({ lastPhase: 'probe', endedReason: 'stopped' });
      expect(summaries.get('stopped')?.endedAt).not.toBeNull();
      expect(summaries.get('no-measures')).toMatchObject({
        lastPhase: null,
        endedReason: null,
        answers: 0,
        probesAsked: 0,
        wordsPerAnswer: null,
        bitsPerAnswer: null,
        totalBits: 0,
        nonAnswers: 0,
        domains: [],
        domainsCompleted: 0,
      });
    });

    it('keeps the newest turn’s counts when an older turn arrives late, and merges what was asked as sets', async () => {
      const asked = (minutes: number, nonAnswers: number, lens: 'dream' | 'fear', lastPhase: 'question' | 'probe'): TurnWrite =>
        turn({ respondentId: 'r1', minutes, progress: { lastPhase, nonAnswers, questionsAsked: [['money', lens]] } });
      await store.writeTurn({ ...turn({ respondentId: 'r1', minutes: 0 }), progress: progress({ lastPhase: 'choose-domain' }) });
      await store.writeTurn(asked(5, 3, 'fear', 'question'));
      // The same question again (a repeat) is one question.
      await store.writeTurn(asked(6, 3, 'fear', 'question'));
      // Late, from an older state: its count and phase must not roll the session back; what it asked still counts.
      await store.writeTurn(asked(2, 1, 'dream', 'probe'));
      // A turn without measures (a writer that has none) leaves them as they are.
      await store.writeTurn(turn({ respondentId: 'r1', minutes: 7 }));
      expect((await sessionSummaries(store)).get('r1-s1')).toMatchObject({
        lastPhase: 'question',
        nonAnswers: 3,
        domains: [{ domain: 'money', asked: 2, answered: 0, completed: false }],
      });
    });

    it('means bits over measured answers only, so answers from before measuring do not drag it down', async () => {
      await store.writeTurn(
        turn({
          respondentId: 'r1',
          answers: [
            { id: 'a1', bits: null, wordCount: 10 },
            { id: 'a2', lens: 'fear', bits: 30.5, wordCount: 2 },
            { id: 'a3', lens: 'frustration', bits: 20.25, wordCount: 3 },
          ],
        }),
      );
      expect((await sessionSummaries(store)).get('r1-s1')).toMatchObject({ answers: 3, wordsPerAnswer: 5, bitsPerAnswer: 25.38, totalBits: 50.75 });
    });

    it('lists sessions oldest first (ties by id) across many pages, within a start-time window', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 16; i++) {
        const id = `s${String(15 - i).padStart(2, '0')}`;
        ids.push(id);
        await store.writeTurn(turn({ respondentId: `r${i % 4}`, sessionId: id, minutes: Math.floor(i / 2), progress: { lastPhase: 'start' } }));
      }
      // Later turns do not move a session's start.
      await store.writeTurn(turn({ respondentId: 'r0', sessionId: 's15', minutes: 100 }));
      const expected = [...ids].sort((a, b) => Math.floor((15 - Number(a.slice(1))) / 2) - Math.floor((15 - Number(b.slice(1))) / 2) || (a < b ? -1 : 1));
      expect([...(await sessionSummaries(store)).keys()]).toEqual(expected);
      const window = [...(await sessionSummaries(store, { since: at(2), until: at(4) })).values()];
      expect(window.map((s) => s.startedAt.getTime())).toEqual([at(2), at(2), at(3), at(3)].map((d) => d.getTime()));
      expect([...(await sessionSummaries(store, { since: at(50) })).keys()]).toEqual([]);
    });

    it('forgets an erased respondent’s sessions', async () => {
      await store.writeTurn(turn({ respondentId: 'r1', answers: [{ id: 'a1' }], progress: { lastPhase: 'question' } }));
      await store.writeTurn(turn({ respondentId: 'r2', answers: [{ id: 'b1' }], progress: { lastPhase: 'question' } }));
      await store.eraseRespondent('r1');
      expect([...(await sessionSummaries(store)).keys()]).toEqual(['r2-s1']);
    });

    it('takes many concurrent turns without losing or duplicating anything', async () => {
      const writes: TurnWrite[] = [];
      for (let r = 0; r < 8; r++) {
        for (let t = 0; t < 6; t++) {
          // Turns of one respondent share a session, so concurrent upserts hit the same rows.
          writes.push(
            turn({
              respondentId: `r${r}`,
              minutes: t,
              answers: [{ id: `r${r}-t${t}-a`, theme: t % 2 === 0 ? 'debt' : 'savings' }, { id: `r${r}-t${t}-b` }],
              resume: { point: { domain: 'money', lensIndex: t % 3 }, domainsDone: [] },
            }),
          );
        }
      }
      await Promise.all(writes.map((w) => store.writeTurn(w)));
      const ids = await exportIds(store);
      expect(ids).toHaveLength(96);
      expect(new Set(ids).size).toBe(96);
      const counts = await store.countThemes();
      expect(counts.reduce((sum, c) => sum + c.answers, 0)).toBe(96);
      expect(counts.find((c) => c.theme === 'debt')).toMatchObject({ answers: 24, respondents: 8 });
      for (let r = 0; r < 8; r++) {
        const snapshot = await store.loadRespondent(`r${r}`);
        expect(snapshot?.firstSeenAt).toEqual(at(0));
        expect([0, 1, 2]).toContain(snapshot?.resume?.lensIndex);
      }
    });

    it('treats a retried turn as already written', async () => {
      const write = turn({ respondentId: 'r1', answers: [{ id: 'a1' }, { id: 'a2' }] });
      await store.writeTurn(write);
      await store.writeTurn(write);
      expect(await exportIds(store)).toEqual(['a1', 'a2']);
      expect(await store.eraseRespondent('r1')).toEqual({ answers: 2, sessions: 1, consents: 0, handoffs: 0 });
    });

    it('rejects a turn whose records belong to someone else, writing nothing', async () => {
      const write = turn({ respondentId: 'r1', answers: [{ id: 'a1' }] });
      write.answers.push(answer('r2', 'r1-s1', { id: 'a2' }));
      await expect(store.writeTurn(write)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      expect(await store.loadRespondent('r1')).toBeNull();
      expect(await exportIds(store)).toEqual([]);
    });

    it('refuses work once closed', async () => {
      await store.close();
      await expect(store.loadRespondent('r1')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.writeTurn(turn({ respondentId: 'r1' }))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.close()).resolves.toBeUndefined();
    });

    it('answers ping while open, on an empty store too, and rejects it once closed', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await store.writeTurn(turn({ respondentId: 'r1', answers: [{ id: 'a1' }] }));
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      const error: unknown = await store.ping().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAppError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/ping failed/) });
    });


    if (options.persistent) {
      it('keeps its data and migrations across close and reopen', async () => {
        const write = turn({
          respondentId: 'r1',
          answers: [{ id: 'a1', theme: 'debt' }],
          resume: { point: { domain: 'money', lensIndex: 1 }, domainsDone: ['food'] },
        });
        await store.writeTurn(write);
        const { executorOf } = options;
        const versions = executorOf === undefined ? undefined : await migrationVersions(executorOf(store));
        await store.close();

        const again = await open();
        expect(await collect(again.exportAnswers())).toEqual(write.answers);
        expect(await again.loadRespondent('r1')).toMatchObject({ resume: { domain: 'money', lensIndex: 1 }, domainsDone: ['food'] });
        if (executorOf !== undefined) {
          expect(versions).toEqual([1, 2]);
          expect(await migrationVersions(executorOf(again))).toEqual(versions);
        }
        await again.writeTurn(turn({ respondentId: 'r1', sessionId: 'r1-s2', minutes: 5, answers: [{ id: 'a2' }] }));
        expect(await exportIds(again)).toEqual(['a1', 'a2']);
      });
    }

    const { executorOf } = options;
    if (executorOf !== undefined) {
      it('keeps consents as a log: a withdrawal stamps the earlier grant of that subject', async () => {
        const consentTurn = (minutes: number, subject: string, granted: boolean): TurnWrite => ({
          ...turn({ respondentId: 'r1', minutes }),
          consents: [{ respondentId: 'r1', subject, granted, at: at(minutes) }],
        });
        await store.writeTurn(consentTurn(1, 'partner-card:p1', true));
        await store.writeTurn(consentTurn(2, 'partner-card:p2', true));
        await store.writeTurn(consentTurn(3, 'partner-card:p1', false));
        const { rows } = await executorOf(store).query<{ subject: string; granted: boolean; withdrawn_at: Date | null }>(
          'SELECT subject, granted, withdrawn_at FROM consents ORDER BY at',
        );
        expect(rows).toEqual([
          { subject: 'partner-card:p1', granted: true, withdrawn_at: at(3) },
          { subject: 'partner-card:p2', granted: true, withdrawn_at: null },
          { subject: 'partner-card:p1', granted: false, withdrawn_at: null },
        ]);
      });

      it('wraps database errors as STORE_UNAVAILABLE without quoting the answer', async () => {
        // Postgres text cannot hold NUL, and its error context would quote the whole parameter.
        const write = turn({ respondentId: 'r1', answers: [{ id: 'a1', text: 'my secret diary \u0000 entry' }] });
        const error: unknown = await store.writeTurn(write).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isAppError(error)).toBe(true);
        expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
        expect((error as Error).message).toMatch(/writeTurn failed \(SQLSTATE [0-9A-Z]{5}\)/);
        expect(JSON.stringify({ ...(error as object), message: (error as Error).message, cause: (error as Error).cause })).not.toMatch(/secret/);
        expect(await store.loadRespondent('r1')).toBeNull();
      });
    }
  });
}

