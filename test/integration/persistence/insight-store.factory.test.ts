import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openInsightStore } from '../../../src/persistence/insight-store.factory';
import { turn } from '../../support/insight-store.builders';

describe('openInsightStore', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-factory-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('without a database URL opens the embedded store under dataDir', async () => {
    const store = await openInsightStore({ dataDir });
    try {
      await store.writeTurn(turn({ respondentId: 'r1', answers: [{ id: 'a1' }] }));
      expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'insight-store.lock'))).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);

  test('with a database URL goes to PostgreSQL, reporting an unreachable server as STORE_UNAVAILABLE', async () => {
    // Port 1 on loopback refuses at once; no embedded files may appear.
    const opening = openInsightStore({ databaseUrl: 'postgres://nobody:secret-password@127.0.0.1:1/none', dataDir });
    await expect(opening).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(opening).rejects.toThrow(/ECONNREFUSED/);
    await expect(opening).rejects.not.toThrow(/secret-password/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
