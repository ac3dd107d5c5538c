import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type RequestHandler, type Router } from 'express';
import { adminRouter } from '../../../src/apis/admin.routes';
import { AppError } from '../../../src/errors/app-error';
import { createApp, type AppDeps } from '../../../src/http/app';
import { requireAdmin } from '../../../src/http/bearer.auth';
import { silentLogger } from '../../../src/logging/logger';
import { openMemoryStore } from '../../../src/persistence/memory/insight-store.memory';

const ADMIN_KEY = 'admin-key-for-tests-0123456789';
const asAdmin = { authorization: `Bearer ${ADMIN_KEY}` };

interface Served {
  url: string;
  close(): Promise<void>;
}

const open: Served[] = [];

async function serve(app: Express): Promise<Served> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const served = {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(served);
  return served;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function app(deps: Partial<AppDeps>): Promise<Served> {
  return serve(createApp({ logger: silentLogger, ...deps }));
}

/** A sibling API with no authentication of its own, answering under the same prefix as the admin API. */
function openStatusRouter(): Router {
  const router = express.Router();
  router.get('/status', (_req, res) => {
    res.json({ open: true });
  });
  return router;
}

function realAdminRouter(): Router {
  return adminRouter({ store: openMemoryStore(), adminApiKey: ADMIN_KEY, logger: silentLogger });
}

describe('routers sharing /api/v1', () => {
  it.each([
    ['admin mounted first', true],
    ['admin mounted last', false],
  ])('the admin API guards only its own routes (%s)', async (_order, adminFirst) => {
    const admin = { path: '/api/v1', router: realAdminRouter() };
    const status = { path: '/api/v1', router: openStatusRouter() };
    const { url } = await app({ routes: adminFirst ? [admin, status] : [status, admin] });

    const sibling = await fetch(`${url}/api/v1/status`);
    expect(sibling.status).toBe(200);
    expect(await sibling.json()).toEqual({ open: true });

    const exportAnon = await fetch(`${url}/api/v1/answers/export`);
    expect(exportAnon.status).toBe(401);
    expect(((await exportAnon.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    const eraseAnon = await fetch(`${url}/api/v1/respondents/abcdefgh12`, { method: 'DELETE' });
    expect(eraseAnon.status).toBe(401);
    expect((await fetch(`${url}/api/v1/answers/export`, { headers: asAdmin })).status).toBe(200);
  });

  it('an unknown path under the shared prefix is a 404, not a 401 from whichever router came first', async () => {
    const { url } = await app({ routes: [{ path: '/api/v1', router: realAdminRouter() }, { path: '/api/v1', router: openStatusRouter() }] });
    const res = await fetch(`${url}/api/v1/nothing-here`);
    expect(res.status).toBe(404);
  });

  it('the router-level guard it replaces answers the sibling with 401 (why auth is per route)', async () => {
    // The former admin router: router.use(auth) runs for every request that enters the router,
    // and a router mounted at /api/v1 is entered by every /api/v1 request, the sibling's included.
    const leaky = express.Router();
    leaky.use(requireAdmin(ADMIN_KEY));
    leaky.get('/answers/export', (_req, res) => {
      res.json([]);
    });
    const { url } = await app({ routes: [{ path: '/api/v1', router: leaky }, { path: '/api/v1', router: openStatusRouter() }] });
    expect((await fetch(`${url}/api/v1/status`)).status).toBe(401);
  });
});

describe('auth on a mount', () => {
  const guard: RequestHandler = (req, _res, next) => {
    next(req.get('x-key') === 'let-me-in' ? undefined : new AppError('UNAUTHENTICATED', 'Key required.'));
  };

  function reportsRouter(): Router {
    const router = express.Router();
    router.get('/summary', (_req, res) => {
      res.json({ reports: true });
    });
    return router;
  }

  it('guards its own mount and nothing beside it', async () => {
    const { url } = await app({
      routes: [
        { path: '/api/v1/reports', router: reportsRouter(), auth: guard },
        { path: '/api/v1', router: openStatusRouter() },
      ],
    });
    expect((await fetch(`${url}/api/v1/status`)).status).toBe(200);
    expect((await fetch(`${url}/api/v1/reports/summary`)).status).toBe(401);
    expect((await fetch(`${url}/api/v1/reports/summary`, { headers: { 'x-key': 'let-me-in' } })).status).toBe(200);
  });

  it.each([
    ['the same path', '/api/v1', '/api/v1'],
    ['a path below it', '/api/v1', '/api/v1/status'],
    ['anything, when mounted at the root', '/', '/dialogflow'],
  ])('is refused when it would also cover another mount at %s', (_case, guarded, other) => {
    expect(() =>
      createApp({
        logger: silentLogger,
        routes: [
          { path: guarded, router: reportsRouter(), auth: guard },
          { path: other, router: openStatusRouter() },
        ],
      }),
    ).toThrow(`The auth on the mount at ${guarded} would also guard the router mounted at ${other}`);
  });

  it('does not confuse a path that merely starts with the same letters', () => {
    expect(() =>
      createApp({
        logger: silentLogger,
        routes: [
          { path: '/api/v1/report', router: reportsRouter(), auth: guard },
          { path: '/api/v1/reports', router: openStatusRouter() },
        ],
      }),
    ).not.toThrow();
  });
});

describe('app-wide middleware', () => {
  it('runs in the given order before every route, health included', async () => {
    const stamp =
      (name: string): RequestHandler =>
      (_req, res, next) => {
        res.append('x-trail', name);
        next();
      };
    const { url } = await app({ middleware: [stamp('first'), stamp('second')], routes: [{ path: '/api/v1', router: openStatusRouter() }] });
    expect((await fetch(`${url}/health`)).headers.get('x-trail')).toBe('first, second');
    expect((await fetch(`${url}/api/v1/status`)).headers.get('x-trail')).toBe('first, second');
  });
});

describe('trust proxy', () => {
  function ipRouter(): Router {
    const router = express.Router();
    router.get('/', (req, res) => {
      res.json({ ip: req.ip });
    });
    return router;
  }
  const forwarded = { 'x-forwarded-for': '203.0.113.7' };

  it.each([
    ['loopback named', ['loopback']],
    ['a loopback subnet', ['127.0.0.0/8']],
    ['one hop', 1],
    ['everyone', true],
  ])('takes the client from X-Forwarded-For when the proxy is trusted (%s)', async (_case, trustProxy) => {
    const { url } = await app({ trustProxy, routes: [{ path: '/ip', router: ipRouter() }] });
    expect(await (await fetch(`${url}/ip`, { headers: forwarded })).json()).toEqual({ ip: '203.0.113.7' });
  });

  it.each([
    ['by default', undefined],
    ['when off', false],
    ['when only another subnet is trusted', ['10.0.0.0/8']],
  ])('uses the socket address %s', async (_case, trustProxy) => {
    const { url } = await app({ trustProxy, routes: [{ path: '/ip', router: ipRouter() }] });
    expect(await (await fetch(`${url}/ip`, { headers: forwarded })).json()).toEqual({ ip: '127.0.0.1' });
  });
});

describe('/ready', () => {
  it('is ready when the check resolves', async () => {
    const { url } = await app({ ready: () => Promise.resolve() });
    const res = await fetch(`${url}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('says only "unavailable" when the check fails, whatever the error says', async () => {
    const failure = new AppError('STORE_UNAVAILABLE', 'Insight store ping failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432, SQLSTATE 08006)');
    const { url } = await app({ ready: () => Promise.reject(failure) });
    const res = await fetch(`${url}/ready`);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: 'unavailable' });
    for (const secret of ['127.0.0.1', '5432', 'SQLSTATE', 'ECONNREFUSED']) expect(text).not.toContain(secret);
  });
});
