import type { InsightStore } from './insight-store.port';
import { openEmbeddedStore } from './insight-store.pglite';
import { openPostgresStore } from './insight-store.postgres';

export interface OpenInsightStoreOptions {
  /** When set, PostgreSQL is used and `dataDir` is ignored. */
  databaseUrl?: string;
  /** Where the embedded store keeps its files when no database URL is configured. */
  dataDir: string;
  /** PostgreSQL schema (see PostgresStoreOptions.schema). */
  schema?: string;
}

/** Picks the adapter from configuration; a Config object can be passed as it is. */
export function openInsightStore(options: OpenInsightStoreOptions): Promise<InsightStore> {
  return options.databaseUrl !== undefined
    ? openPostgresStore({ databaseUrl: options.databaseUrl, schema: options.schema })
    : openEmbeddedStore({ dataDir: options.dataDir });
}
