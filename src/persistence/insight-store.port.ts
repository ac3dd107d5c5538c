import type { AdminStore } from '../apis/admin-store.port';
import type { TurnStore } from '../interview/turn-store.port';
import type { RetentionStore } from '../privacy/retention-store.port';
import type { InsightQueries } from '../review/insight-query.port';
import type { StoreLifecycle } from './store-lifecycle.port';

// Records stay importable from here too, so callers that only needed a record type keep working.
export type * from './insight-records.port';

/**
 * Every storage port at once: what an adapter implements and the composition root wires. Consumers
 * take their own narrow port instead (TurnStore, AdminStore, RetentionStore, InsightQueries), so
 * each sees only what it uses. PGlite, PostgreSQL and in-memory adapters pass one contract suite.
 */
export type InsightStore = TurnStore & AdminStore & RetentionStore & InsightQueries & StoreLifecycle;
