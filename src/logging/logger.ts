/**
 * Structured JSON logs with a fixed vocabulary of fields. Answer text and personal data never go
 * in: callers pass counts, ids (pseudonymous) and codes only, and `safeFields` drops any field
 * not on the allow-list so a careless call cannot leak what a customer said.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const ALLOWED_FIELDS = new Set([
  'event', 'platform', 'locale', 'kind', 'phase', 'intent', 'action', 'code', 'status', 'method', 'path',
  'durationMs', 'effects', 'answers', 'respondent', 'session', 'count', 'port', 'store', 'reason', 'migration',
  'requestId', 'redactions', 'errorName',
]);

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function safeFields(fields: LogFields = {}): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (ALLOWED_FIELDS.has(key) && value !== undefined) out[key] = value;
  }
  return out;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const emit = (at: LogLevel, event: string, fields?: LogFields) => {
    if (ORDER[at] < ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, event, ...safeFields(fields) }));
  };
  return {
    debug: (event, fields) => emit('debug', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
  };
}

export const silentLogger: Logger = createLogger('silent');
