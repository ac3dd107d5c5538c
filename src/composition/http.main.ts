import { loadConfig } from '../config/config';
import { isAppError } from '../errors/app-error';
import { startRetentionJob } from '../privacy/retention.job';
import { buildDependencies } from './dependencies';
import { startServer, type RunningServer } from './http.server';

async function main(): Promise<void> {
  const config = loadConfig();
  const deps = await buildDependencies(config);
  let running: RunningServer;
  try {
    running = await startServer(deps);
  } catch (error) {
    // Release the store (and the embedded store's directory lock) before the process exits.
    await deps.close().catch(() => undefined);
    throw error;
  }
  deps.logger.info('server-started', { port: running.port, store: config.databaseUrl ? 'postgres' : 'embedded' });

  const retention =
    config.retentionDays === undefined
      ? undefined
      : await startRetentionJob({ store: deps.store, retentionDays: config.retentionDays, logger: deps.logger });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info('server-stopping', { reason: signal });
    retention?.stop();
    await running.stop();
    await deps.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // Configuration, address and store-lock errors are the common start-up failures: one line that
  // says which, never a stack trace (an unexpected error shows only its name and message).
  const text = isAppError(error) ? `${error.code}: ${error.message}` : String(error);
  process.stderr.write(`lifepath: ${text.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(1);
});
