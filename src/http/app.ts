import express, { type Express, type Router } from 'express';
import type { Logger } from '../logging/logger';
import { errorRenderer, notFound } from './http-errors';

export interface AppDeps {
  logger: Logger;
  /** Feature routers mounted in order (admin API, Dialogflow webhook, ...). */
  routers?: Array<{ path: string; router: Router }>;
  /** Readiness check, e.g. a store round trip. */
  ready?: () => Promise<boolean>;
}

/** The single express app. Built from dependencies so tests drive it in-process on loopback. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res, next) => {
    try {
      const ok = deps.ready ? await deps.ready() : true;
      res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable' });
    } catch (error) {
      next(error);
    }
  });
  for (const { path, router } of deps.routers ?? []) app.use(path, router);

  app.use(notFound);
  app.use(errorRenderer(deps.logger));
  return app;
}
