import express, { type Express, type RequestHandler, type Router } from 'express';
import { AppError, errorCodeOf } from '../errors/app-error';
import type { Logger } from '../logging/logger';
import { errorRenderer, notFound } from './http-errors';

/** What Express accepts for `trust proxy`: off, on, a hop count, or trusted addresses/subnets/names. */
export type TrustProxy = boolean | number | string[];

/** One feature router and where it is mounted. */
export interface MountedRoutes {
  path: string;
  router: Router;
  /**
   * Runs before every request under `path`, and so guards the whole prefix. That is why a mount
   * with `auth` may not share or contain another mount's path (createApp refuses it): the guard
   * would catch the sibling's requests too. Routers that share a prefix put auth on each route.
   */
  auth?: RequestHandler;
}

export interface AppDeps {
  logger: Logger;
  /** App-wide middleware, run in this order before any route (health and readiness included). */
  middleware?: RequestHandler[];
  /** Feature routers mounted in order (admin API, Dialogflow webhook, ...). */
  routes?: MountedRoutes[];
  /** Readiness check, e.g. a store round trip; rejecting means "not ready". */
  ready?: () => Promise<void>;
  /** Which proxies to believe about the client address (X-Forwarded-For); off unless configured. */
  trustProxy?: TrustProxy;
}

/** The single express app. Built from dependencies so tests drive it in-process on loopback. */
export function createApp(deps: AppDeps): Express {
  const routes = deps.routes ?? [];
  assertGuardsDoNotOverlap(routes);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  for (const handler of deps.middleware ?? []) app.use(handler);

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await deps.ready?.();
    } catch (error) {
      // The probe is public: the reason (a database host, a driver message) goes to the log as a code only.
      deps.logger.warn('not-ready', { code: errorCodeOf(error), errorName: (error as Error)?.name });
      res.status(503).json({ status: 'unavailable' });
      return;
    }
    res.json({ status: 'ready' });
  });
  for (const { path, router, auth } of routes) {
    if (auth) app.use(path, auth, router);
    else app.use(path, router);
  }

  app.use(notFound);
  app.use(errorRenderer(deps.logger));
  return app;
}

function normalise(path: string): string {
  return path.replace(/\/+$/, '');
}

/** True when `outer` is `inner` or one of its parent paths, i.e. middleware on `outer` sees `inner`'s requests. */
function covers(outer: string, inner: string): boolean {
  const o = normalise(outer);
  const i = normalise(inner);
  return o === '' || i === o || i.startsWith(`${o}/`);
}

function assertGuardsDoNotOverlap(routes: MountedRoutes[]): void {
  routes.forEach((guarded, g) => {
    if (!guarded.auth) return;
    routes.forEach((other, o) => {
      if (o !== g && covers(guarded.path, other.path)) {
        throw new AppError(
          'INTERNAL',
          `The auth on the mount at ${guarded.path} would also guard the router mounted at ${other.path}; put auth on that router's routes instead`,
        );
      }
    });
  });
}
