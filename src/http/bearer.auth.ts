import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';

/** Compares secrets in constant time; hashing first makes lengths equal so length leaks nothing. */
export function secretEquals(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** `Authorization: Bearer <ADMIN_API_KEY>`; without a configured key the admin API is closed. */
export function requireAdmin(adminApiKey: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (adminApiKey === undefined) {
      next(new AppError('FORBIDDEN', 'The admin API is disabled: set ADMIN_API_KEY to enable it.'));
      return;
    }
    const match = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1] || !secretEquals(match[1].trim(), adminApiKey)) {
      next(new AppError('UNAUTHENTICATED', 'A valid administrator bearer token is required.'));
      return;
    }
    next();
  };
}
