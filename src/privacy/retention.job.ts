import { errorCodeOf } from '../errors/app-error';
import type { Logger } from '../logging/logger';
import type { RetentionStore } from './retention-store.port';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionJobDeps {
  store: RetentionStore;
  /** Raw answer text older than this many days is purged; themes and counts are kept. */
  retentionDays: number;
  logger: Logger;
  /** Injected so tests can check the cut-off without waiting for days to pass. */
  now?: () => Date;
}

export interface RetentionJob {
  stop(): void;
}

/**
 * One purge. A failure is logged by its code and swallowed: a database outage must not take the
 * server down, and the next run catches up because the cut-off is computed afresh each time.
 * Returns the number of answers purged, or undefined when the purge failed.
 */
export async function purgeExpiredText(deps: RetentionJobDeps): Promise<number | undefined> {
  const now = (deps.now ?? (() => new Date()))();
  try {
    const count = await deps.store.purgeTextBefore(new Date(now.getTime() - deps.retentionDays * DAY_MS));
    deps.logger.info('retention-purge', { count });
    return count;
  } catch (error) {
    deps.logger.error('retention-purge-failed', { code: errorCodeOf(error) });
    return undefined;
  }
}

/**
 * Purges once before resolving (so text already past its time goes at start-up, not a day later),
 * then once every `intervalMs`. The timer is unref'd so it never keeps a stopping process alive.
 */
export async function startRetentionJob(deps: RetentionJobDeps & { intervalMs?: number }): Promise<RetentionJob> {
  await purgeExpiredText(deps);
  const timer = setInterval(() => void purgeExpiredText(deps), deps.intervalMs ?? DAY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
