import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { AppError } from '../../errors/app-error';
import { acquireDirectoryLock, type DirectoryLock } from './data-dir.lock';
import { SqlInsightStore } from '../sql/insight-store.sql';
import { loadMigrations, migrate } from '../sql/migrations.runner';
import { storeError, type SqlExecutor } from '../sql/sql.executor';

/**
 * The embedded adapter: Postgres compiled to WASM, storing its files under `<dataDir>/pglite`, so
 * the skill runs with no database server at all.
 *
 * Durability: `relaxedDurability` stays off, so a query resolves only after PGlite has handed its
 * writes to the filesystem. On Node, PGlite's filesystem writes straight through to the OS with
 * synchronous writes, so an acknowledged turn survives the process being killed (the crash test
 * proves it). PGlite runs Postgres with fsync off and its Node filesystem has no fsync, so an OS
 * crash or power cut can still lose recent turns; use the PostgreSQL adapter where that matters.
 */
export interface EmbeddedStoreOptions {
  dataDir: string;
  /** Override for tools and tests; defaults to the migrations shipped next to this file. */
  migrationsDir?: string;
  exportBatchSize?: number;
}

function executorFor(db: PGlite | Transaction, inTransaction: boolean): SqlExecutor {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<R>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      if (inTransaction || !(db instanceof PGlite)) {
        return Promise.reject(new AppError('INTERNAL', 'Nested insight-store transactions are not supported'));
      }
      return db.transaction((tx) => fn(executorFor(tx, true)));
    },
  };
}

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<SqlInsightStore> {
  const dataDir = path.resolve(options.dataDir);
  const operation = `open (data directory ${dataDir})`;
  let lock: DirectoryLock;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireDirectoryLock(dataDir);
  } catch (error) {
    throw storeError(operation, error);
  }
  let db: PGlite | undefined;
  try {
    db = await PGlite.create({ dataDir: path.join(dataDir, 'pglite'), relaxedDurability: false });
    const executor = executorFor(db, false);
    await migrate(executor, loadMigrations(options.migrationsDir));
    const opened = db;
    return new SqlInsightStore(
      executor,
      async () => {
        try {
          await opened.close();
        } finally {
          lock.release();
        }
      },
      { exportBatchSize: options.exportBatchSize },
    );
  } catch (error) {
    await db?.close().catch(() => undefined);
    lock.release();
    throw storeError(operation, error);
  }
}
