import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../../src/config/config';
import { AppError } from '../../../src/errors/app-error';
import { silentLogger } from '../../../src/logging/logger';
import type { InsightStore } from '../../../src/persistence/insight-store.port';
import { openMemoryStore } from '../../../src/persistence/memory/insight-store.memory';
import { openPostgresStore } from '../../../src/persistence/postgres/insight-store.postgres';
import { buildDependencies, type Dependencies } from '../../../src/composition/dependencies';
import { startServer, type RunningServer } from '../../../src/composition/http.server';

const ADMIN_KEY = 'admin-key-for-tests-0123456789';
/** What a driver puts in its errors and a public probe must never repeat. */
const LEAKS = ['127.0.0.1', '5432', 'SQLSTATE', 'ECONNREFUSED'];

async function start(store: InsightStore): Promise<{ deps: Dependencies; server: RunningServer }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-ready-'));
  const config = loadConfig({ DATA_DIR: dataDir, PSEUDONYM_SECRET: 'ready-test-secret-0123456789', ADMIN_API_KEY: ADMIN_KEY });
  const deps = await buildDependencies(config, { logger: silentLogger, store });
  return { deps, server: await startServer(deps, 0, '127.0.0.1') };
}

describe('the server with its store down', () => {
  const down = new AppError('STORE_UNAVAILABLE', 'Insight store ping failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432; SQLSTATE 08006)');
  let deps: Dependencies;
  let server: RunningServer;
  let pings = 0;

  beforeAll(async () => {
    const store = openMemoryStore();
    store.ping = () => {
      pings += 1;
      return Promise.reject(down);
    };
    store.exportAnswers = async function* () {
      yield* [];
      throw down;
    };
    ({ deps, server } = await start(store));
  });
  afterAll(async () => {
    await server.stop();
    await deps.close();
  });

  it('answers GET /ready with 503 "unavailable" after asking the store, and nothing internal', async () => {
    const before = pings;
    const res = await fetch(`${server.url}/ready`);
    expect(pings).toBe(before + 1);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: 'unavailable' });
    for (const leak of LEAKS) expect(text).not.toContain(leak);
  });

  it('answers an administrator request with the fixed store message, not the driver text', async () => {
    const res = await fetch(`${server.url}/api/v1/answers/export`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'STORE_UNAVAILABLE', message: 'The store is unavailable; try again shortly.' } });
    for (const leak of LEAKS) expect(text).not.toContain(leak);
  });
});

/** A TCP relay to PostgreSQL that the test can pull the plug on, as a database host going away would. */
async function relayTo(host: string, port: number): Promise<{ port: number; cut(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const upstream = net.connect(port, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    port: (relay.address() as AddressInfo).port,
    cut: () =>
      new Promise<void>((resolve) => {
        relay.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

const DATABASE_URL = process.env.DATABASE_URL?.trim() || undefined;

(DATABASE_URL ? describe : describe.skip)('GET /ready on PostgreSQL that goes away (needs DATABASE_URL)', () => {
  const schema = `lifepath_ready_${process.pid}_${Date.now().toString(36)}`;

  afterAll(async () => {
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  });

  it('is ready while the database answers and says only "unavailable" once it does not', async () => {
    const target = new URL(DATABASE_URL!);
    const relay = await relayTo(target.hostname, Number(target.port || 5432));
    const viaRelay = new URL(DATABASE_URL!);
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String(relay.port);
    const store = await openPostgresStore({ databaseUrl: viaRelay.toString(), schema, poolSize: 2 });
    const { deps, server } = await start(store);
    try {
      const ready = await fetch(`${server.url}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });

      await relay.cut();
      // Wait until the pool has dropped its dead connections, so the next ping dials the (now
      // closed) address and the driver's error names it: that is what must not reach the client.
      let internal = '';
      for (let i = 0; i < 50 && !internal.includes(`127.0.0.1:${relay.port}`); i += 1) {
        internal = await store.ping().then(
          () => '',
          (error: unknown) => (error as Error).message,
        );
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(internal).toContain(`127.0.0.1:${relay.port}`);

      const res = await fetch(`${server.url}/ready`);
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ status: 'unavailable' });
      for (const leak of [...LEAKS, String(relay.port)]) expect(text).not.toContain(leak);
    } finally {
      await server.stop();
      await deps.close();
    }
  });
});
