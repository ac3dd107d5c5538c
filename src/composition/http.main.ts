import { loadConfig } from '../config/config';
import { errorCodeOf, isAppError } from '../errors/app-error';
import { buildDependencies } from './dependencies';
import { startServer } from './http.server';

const DAY_MS = 24 * 60 * 60 * 1000;

async function main(): Promise<void> {
  const config = loadConfig();
  const deps = await buildDependencies(config);
  const running = await startServer(deps);
  deps.logger.info('server-started', { port: Number(new URL(running.url).port), store: config.databaseUrl ? 'postgres' : 'embedded' });

  let retention: NodeJS.Timeout | undefined;
  if (config.retentionDays !== undefined) {
    const days = config.retentionDays;
    const purge = async () => {
      try {
        const count = await deps.store.purgeTextBefore(new Date(Date.now() - days * DAY_MS));
        deps.logger.info('retention-purge', { count });
      } catch (error) {
        deps.logger.error('retention-purge-failed', { code: errorCodeOf(error) });
      }
    };
    await purge();
    retention = setInterval(purge, DAY_MS);
    retention.unref();
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info('server-stopping', { reason: signal });
    if (retention) clearInterval(retention);
    await running.stop();
    await deps.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // Configuration and store-lock errors are the common start-up failures; say which, plainly.
  process.stderr.write(`lifepath: ${isAppError(error) ? `${error.code}: ${error.message}` : String(error)}\n`);
  process.exit(1);
});
