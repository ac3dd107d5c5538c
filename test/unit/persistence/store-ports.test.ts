import type { AdminStore } from '../../../src/apis/admin-store.port';
import type { TurnStore } from '../../../src/interview/turn-store.port';
import type { InsightStore } from '../../../src/persistence/insight-store.port';
import type { StoreLifecycle } from '../../../src/persistence/store-lifecycle.port';
import { openMemoryStore } from '../../../src/persistence/memory/insight-store.memory';
import { SqlInsightStore } from '../../../src/persistence/sql/insight-store.sql';
import type { RetentionStore } from '../../../src/privacy/retention-store.port';
import type { InsightQueries } from '../../../src/review/insight-query.port';

/**
 * Exactly the methods of T: a missing key fails the type-check, and so does an extra one (object
 * literals are checked for excess properties). The literals below are therefore the narrowness
 * test itself, enforced by `npm run typecheck`; jest then checks how they fit together.
 */
type MethodsOf<T> = Record<keyof T, true>;

const TURN_STORE: MethodsOf<TurnStore> = { writeTurn: true, loadRespondent: true, eraseRespondent: true };
const ADMIN_STORE: MethodsOf<AdminStore> = { eraseRespondent: true, exportAnswers: true, sessionQuality: true };
const RETENTION_STORE: MethodsOf<RetentionStore> = { purgeTextBefore: true };
const INSIGHT_QUERIES: MethodsOf<InsightQueries> = { countThemes: true, sessionQuality: true };
const STORE_LIFECYCLE: MethodsOf<StoreLifecycle> = { ping: true, close: true };
const INSIGHT_STORE: MethodsOf<InsightStore> = {
  writeTurn: true,
  loadRespondent: true,
  eraseRespondent: true,
  purgeTextBefore: true,
  exportAnswers: true,
  countThemes: true,
  sessionQuality: true,
  ping: true,
  close: true,
};

const CONSUMER_PORTS = { TURN_STORE, ADMIN_STORE, RETENTION_STORE, INSIGHT_QUERIES };

describe('storage ports', () => {
  test('every method of the full store belongs to some port, so no job is reachable only through the whole store', () => {
    const covered = new Set([...Object.values(CONSUMER_PORTS), STORE_LIFECYCLE].flatMap((port) => Object.keys(port)));
    expect([...covered].sort()).toEqual(Object.keys(INSIGHT_STORE).sort());
  });

  test('no consumer port can shut the store down or probe it; that stays with the composition root', () => {
    for (const [name, port] of Object.entries(CONSUMER_PORTS)) {
      expect({ name, methods: Object.keys(port).filter((m) => m in STORE_LIFECYCLE) }).toEqual({ name, methods: [] });
    }
  });

  test('only the turn store and the admin store can erase, and only the admin store can read answers back', () => {
    const holders = (method: string): string[] =>
      Object.entries(CONSUMER_PORTS)
        .filter(([, port]) => method in port)
        .map(([name]) => name);
    expect(holders('eraseRespondent')).toEqual(['TURN_STORE', 'ADMIN_STORE']);
    expect(holders('exportAnswers')).toEqual(['ADMIN_STORE']);
    expect(holders('loadRespondent')).toEqual(['TURN_STORE']);
    // The quality summary is aggregates only: review and the admin export, never the turn service.
    expect(holders('sessionQuality')).toEqual(['ADMIN_STORE', 'INSIGHT_QUERIES']);
  });

  test.each([
    ['in-memory', openMemoryStore() as object],
    ['SQL (PGlite and PostgreSQL)', SqlInsightStore.prototype as object],
  ])('the %s adapter implements every port', (_name, adapter) => {
    const missing = Object.keys(INSIGHT_STORE).filter((m) => typeof (adapter as Record<string, unknown>)[m] !== 'function');
    expect(missing).toEqual([]);
  });
});
