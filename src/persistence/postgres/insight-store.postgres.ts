import { Pool, type PoolClient } from 'pg';
import { AppError } from '../../errors/app-error';
import { SqlInsightStore } from '../sql/insight-store.sql';
import { loadMigrations, migrate, MIGRATION_LOCK_KEY } from '../sql/migrations.runner';
import { storeError, type SqlExecutor } from '../sql/sql.executor';

/** The server adapter, for deployments with a managed PostgreSQL (and for power-loss durability). */
export interface PostgresStoreOptions {
  databaseUrl: string;
  /**
   * Schema holding the tables; created when missing and put first on every connection's
   * search_path. Lets several stores (or test runs) share one database without seeing each other.
   */
  schema?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  migrationsDir?: string;
  exportBatchSize?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function clientExecutor(client: PoolClient): SqlExecutor {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, [...params]);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    transaction() {
      return Promise.reject(new AppError('INTERNAL', 'Nested insight-store transactions are not supported'));
    },
  };
}

function poolExecutor(pool: Pool): SqlExecutor {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(sql, [...params]);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string) {
      // Without parameters node-postgres uses the simple protocol, which accepts several statements.
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(clientExecutor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        // A connection that could not even roll back is discarded rather than reused.
        client.release(broken);
      }
    },
  };
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<SqlInsightStore> {
  const { schema } = options;
  if (schema !== undefined && !IDENTIFIER.test(schema)) {
    throw new AppError('CONFIG_INVALID', `Insight-store schema name "${schema}" must be a lower-case SQL identifier`);
  }
  const pool = new Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    // A voice turn has a few seconds at most: fail fast rather than queue behind a dead server.
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30000,
    // Set at connection start-up, so every pooled connection sees the schema without an extra query.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle connection dropped by the server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const executor = poolExecutor(pool);
    if (schema !== undefined) {
      // IF NOT EXISTS still races between concurrent openers; the migration lock serialises them.
      await executor.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}, hashtext($1))`, [schema]);
        await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      });
    }
    await migrate(executor, loadMigrations(options.migrationsDir));
    return new SqlInsightStore(executor, () => pool.end(), { exportBatchSize: options.exportBatchSize });
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw storeError('open (PostgreSQL)', error);
  }
}
