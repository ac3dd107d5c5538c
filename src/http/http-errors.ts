import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isAppError, type ErrorCode } from '../errors/app-error';
import type { Logger } from '../logging/logger';

/**
 * What a client is told for a server-side failure. The error's own message is for operators: it
 * can name a database host and port, a SQLSTATE or a driver's text, so it goes nowhere near the
 * response. Client errors (4xx) keep their message, which we write ourselves to say what to fix.
 */
const SERVER_ERROR_MESSAGE: Partial<Record<ErrorCode, string>> = {
  STORE_UNAVAILABLE: 'The store is unavailable; try again shortly.',
  STORE_LOCKED: 'The store is busy; try again shortly.',
  UPSTREAM_FAILED: 'A service we depend on did not answer; try again shortly.',
  WEBHOOK_DISABLED: 'The webhook is not enabled on this server.',
};
const GENERIC_SERVER_ERROR = 'Something went wrong on our side.';

export function publicMessage(error: AppError): string {
  if (error.httpStatus < 500) return error.message;
  return SERVER_ERROR_MESSAGE[error.code] ?? GENERIC_SERVER_ERROR;
}

/** The one place HTTP errors are rendered: `{ error: { code, message } }`, never a stack trace. */
export function errorRenderer(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const appError = toAppError(error);
    if (appError.httpStatus >= 500) {
      logger.error('http-error', { code: appError.code, method: req.method, path: req.path, errorName: (error as Error)?.name });
    }
    if (res.headersSent) {
      // A streamed export already sent its status; all we can do is cut the stream.
      res.destroy();
      return;
    }
    res.status(appError.httpStatus).json({ error: { code: appError.code, message: publicMessage(appError) } });
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

/** Maps body-parser and other framework errors onto stable codes. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const e = error as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (e?.type === 'entity.parse.failed') return new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return new AppError('BAD_REQUEST', 'Unsupported request encoding.');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new AppError('BAD_REQUEST', 'The request could not be read.');
  return new AppError('INTERNAL', 'Internal error', { cause: error });
}
