import type { InsightStore } from './insight-store.port';

export interface OpenInsightStoreOptions {
  /** When set, PostgreSQL is used and `dataDir` is ignored. */
  databaseUrl?: string;
  /** Where the embedded store keeps its files when no database URL is configured. */
  dataDir: string;
  /** PostgreSQL schema (see PostgresStoreOptions.schema). */
  schema?: string;
}

/** Picks the adapter from configuration; a Config object can be passed as it is. */
export async function openInsightStore(options: OpenInsightStoreOptions): Promise<InsightStore> {
  // Each adapter is loaded only when chosen: PGlite's WebAssembly build alone costs a Lambda
  // cold start over 150 ms, which a PostgreSQL deployment should not pay.
  if (options.databaseUrl !== undefined) {
    const { openPostgresStore } = await import('./postgres/insight-store.postgres');
    return openPostgresStore({ databaseUrl: options.databaseUrl, schema: options.schema });
  }
  const { openEmbeddedStore } = await import('./pglite/insight-store.pglite');
  return openEmbeddedStore({ dataDir: options.dataDir });
}
