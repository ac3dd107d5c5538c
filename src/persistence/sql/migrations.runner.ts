import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors/app-error';
import type { SqlExecutor } from './sql.executor';

/**
 * The folder of `NNN_name.sql` files beside this module. In the Lambda bundle `__dirname` is the
 * bundle's own folder, and scripts/build-lambda.ts copies the migrations there, so both resolve.
 */
export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATION_FILE = /^(\d+)_[a-z0-9_]+\.sql$/;

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((name) => MIGRATION_FILE.test(name))
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      return {
        version: Number(MIGRATION_FILE.exec(name)?.[1]),
        name,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1]?.version === m.version) {
      throw new AppError('STORE_UNAVAILABLE', `Two insight-store migrations share version ${m.version} in ${dir}`);
    }
  });
  return migrations;
}

/** First half of the advisory-lock key guarding schema creation and migrations (the second is the schema). */
export const MIGRATION_LOCK_KEY = 48151623;

/**
 * Applies pending migrations, each in its own transaction. The advisory lock makes concurrent
 * openers (several server instances on one database) take turns instead of racing on DDL; it is
 * keyed by schema so isolated test schemas do not wait for each other.
 * Returns the versions applied by this call.
 */
export async function migrate(db: SqlExecutor, migrations: readonly Migration[]): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of migrations) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}, hashtext(COALESCE(current_schema(), '')))`);
      await tx.exec(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY,
           name text NOT NULL,
           checksum text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const existing = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      const row = existing.rows[0];
      if (row !== undefined) {
        if (row.checksum !== migration.checksum) {
          throw new AppError(
            'STORE_UNAVAILABLE',
            `Insight-store migration ${migration.name} was changed after it was applied; add a new migration instead`,
          );
        }
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}
