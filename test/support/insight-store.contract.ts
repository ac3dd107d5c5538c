import { isAppError } from '../../src/errors/app-error';
import type { AnswerRecord, ExportFilter, TurnWrite } from '../../src/persistence/insight-records.port';
import type { InsightStore } from '../../src/persistence/insight-store.port';
import type { SqlExecutor } from '../../src/persistence/sql/sql.executor';
import { answer, at, turn } from './insight-store.builders';

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

async function collect(iterable: AsyncIterable<AnswerRecord>): Promise<AnswerRecord[]> {
  const out: AnswerRecord[] = [];
  for await (const record of iterable) out.push(record);
  return out;
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
          expect(versions).toEqual([1]);
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

