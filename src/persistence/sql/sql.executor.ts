import { AppError, isAppError } from '../../errors/app-error';

/**
 * What the shared SQL needs from a driver. PGlite and node-postgres differ only in how a statement
 * reaches the server, so each adapter supplies this small executor and everything else is shared.
 */
export interface SqlResult<R> {
  rows: R[];
  rowCount: number;
}

export interface SqlExecutor {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
  /** A parameterless script that may hold several statements (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` between BEGIN and COMMIT on one connection, rolling back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/**
 * Wraps a driver failure. Database messages can quote the offending value (and error fields such as
 * `where`/`detail` quote whole parameters), so only the SQLSTATE travels, never the driver's text,
 * unless the failure has no SQLSTATE at all (network errors such as ECONNREFUSED carry no data).
 */
export function storeError(operation: string, error: unknown): AppError {
  if (isAppError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const sqlstate = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  const reason =
    sqlstate !== undefined
      ? `SQLSTATE ${sqlstate}`
      : typeof code === 'string'
        ? `${code}: ${(error as Error).message}`
        : error instanceof Error
          ? error.message
          : 'unknown error';
  return new AppError('STORE_UNAVAILABLE', `Insight store ${operation} failed (${reason})`, {
    details: { operation, sqlstate },
  });
}
