/**
 * Typed errors with stable codes. Each edge renders them once: the voice edge speaks a safe
 * reprompt, the HTTP edge answers `{ error: { code, message } }` with the mapped status.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONTENT_INVALID'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'STORE_UNAVAILABLE'
  | 'STORE_LOCKED'
  /** The server could not bind its address (in use, not on this machine, not allowed). */
  | 'LISTEN_FAILED'
  | 'UPSTREAM_FAILED'
  | 'WEBHOOK_DISABLED'
  | 'INTERNAL';

const HTTP_STATUS: Record<ErrorCode, number> = {
  CONFIG_INVALID: 500,
  CONTENT_INVALID: 500,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  STORE_UNAVAILABLE: 503,
  STORE_LOCKED: 503,
  LISTEN_FAILED: 500,
  UPSTREAM_FAILED: 502,
  WEBHOOK_DISABLED: 503,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The stable code to log for any thrown value; never its message, which may quote input. */
export function errorCodeOf(error: unknown): ErrorCode {
  return isAppError(error) ? error.code : 'INTERNAL';
}
