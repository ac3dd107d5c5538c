import net from 'node:net';
import { Client } from 'pg';
import { openPostgresStore } from '../../../src/persistence/postgres/insight-store.postgres';
import type { SqlInsightStore } from '../../../src/persistence/sql/insight-store.sql';
import { turn } from '../../support/insight-store.builders';
import { describeInsightStoreContract, expectUpgradeFromInitialSchema, migrationVersions } from '../../support/insight-store.contract';

const DATABASE_URL = process.env.DATABASE_URL?.trim() || undefined;
const SKIPPED = 'PostgreSQL suite skipped: set DATABASE_URL';

if (DATABASE_URL === undefined) {
  // The summary reporter finds this skipped title (it names DATABASE_URL) and prints the notice.
  test.skip(SKIPPED, () => undefined);
} else {
  const databaseUrl = DATABASE_URL;
  // Every target gets its own schema, dropped afterwards, so runs never see each other's rows.
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  let counter = 0;
  const created = new Set<string>();

  async function dropSchema(schema: string): Promise<void> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      created.delete(schema);
    } finally {
      await client.end();
    }
  }

  function newSchema(): string {
    const schema = `lifepath_test_${runId}_${++counter}`;
    created.add(schema);
    return schema;
  }

  afterAll(async () => {
    for (const schema of [...created]) await dropSchema(schema);
  });

  /**
   * A TCP relay in front of the test server that can be taken down and brought back, so a store
   * that opened normally can lose its database the way a deployment does (restart, failover).
   * While down it drops every open connection and resets new ones, as a closed port would.
   */
  async function startRelay(): Promise<{ url: string; down(): void; up(): void; stop(): Promise<void> }> {
    const target = new URL(databaseUrl);
    const sockets = new Set<net.Socket>();
    let reachable = true;
    const track = (socket: net.Socket): void => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    };
    const server = net.createServer((client) => {
      track(client);
      if (!reachable) {
        client.resetAndDestroy();
        return;
      }
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      track(upstream);
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const relayed = new URL(databaseUrl);
    relayed.hostname = '127.0.0.1';
    relayed.port = String((server.address() as net.AddressInfo).port);
    return {
      url: relayed.toString(),
      down: () => {
        reachable = false;
        for (const socket of sockets) socket.destroy();
      },
      up: () => {
        reachable = true;
      },
      stop: () => {
        for (const socket of sockets) socket.destroy();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }


  describeInsightStoreContract(
    'PostgreSQL',
    async () => {
      const schema = newSchema();
      return {
        open: () => openPostgresStore({ databaseUrl, schema, exportBatchSize: 7 }),
        dispose: () => dropSchema(schema),
      };
    },
    { persistent: true, executorOf: (store) => (store as SqlInsightStore).executor },
  );

  describe('PostgreSQL store', () => {
    test('keeps its tables in the schema it was given', async () => {
      const schema = newSchema();
      const store = await openPostgresStore({ databaseUrl, schema });
      try {
        await store.writeTurn(turn({ respondentId: 'r1', answers: [{ id: 'a1' }] }));
        const { rows } = await store.executor.query<{ table_schema: string }>(
          "SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_name = 'answers' AND table_schema = $1",
          [schema],
        );
        expect(rows).toEqual([{ table_schema: schema }]);
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    });

    test('concurrent openers of a new schema apply each migration exactly once', async () => {
      const schema = newSchema();
      const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore({ databaseUrl, schema })));
      try {
        for (const store of stores) expect(await migrationVersions(store.executor)).toEqual([1, 2]);
      } finally {
        for (const store of stores) await store.close();
        await dropSchema(schema);
      }
    });

    test('a schema created before the quality measures upgrades in place', async () => {
      const schema = newSchema();
      try {
        await expectUpgradeFromInitialSchema((migrationsDir) => openPostgresStore({ databaseUrl, schema, migrationsDir }));
      } finally {
        await dropSchema(schema);
      }
    });

    test('ping rejects with STORE_UNAVAILABLE while the server is unreachable and answers again once it is back', async () => {
      const relay = await startRelay();
      const schema = newSchema();
      const store = await openPostgresStore({ databaseUrl: relay.url, schema });
      try {
        await expect(store.ping()).resolves.toBeUndefined();
        relay.down();
        const error: unknown = await store.ping().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/ping failed/) });
        // The pool drops the dead connections instead of handing them out again.
        relay.up();
        await expect(store.ping()).resolves.toBeUndefined();
      } finally {
        await store.close();
        await relay.stop();
        await dropSchema(schema);
      }
    });

    test('rejects a schema name that is not a plain identifier', async () => {
      await expect(openPostgresStore({ databaseUrl, schema: 'x; DROP TABLE y' })).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
      });
    });
  });
}
