import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmbeddedStore } from '../../../src/persistence/pglite/insight-store.pglite';
import type { SqlInsightStore } from '../../../src/persistence/sql/insight-store.sql';
import { turn } from '../../support/insight-store.builders';
import { describeInsightStoreContract, expectUpgradeFromInitialSchema, migrationVersions } from '../../support/insight-store.contract';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
const OPEN_FIXTURE = path.join(__dirname, 'fixtures', 'open-embedded.fixture.ts');
const SLOW = 120_000;

let root: string;
let template: string;
let counter = 0;

/** A fresh copy of a migrated, empty data directory: far quicker than initdb for every test. */
function freshDataDir(): string {
  const dir = path.join(root, `store-${++counter}`);
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-pglite-'));
  template = path.join(root, 'template');
  await (await openEmbeddedStore({ dataDir: template })).close();
}, SLOW);

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});


describeInsightStoreContract(
  'embedded (PGlite)',
  async () => {
    const dataDir = freshDataDir();
    return { open: () => openEmbeddedStore({ dataDir, exportBatchSize: 7 }) };
  },
  { persistent: true, executorOf: (store) => (store as SqlInsightStore).executor, timeoutMs: SLOW },
);

describe('embedded store', () => {
  test('creates and migrates a brand-new data directory', async () => {
    const dataDir = path.join(root, 'brand-new', 'nested');
    const store = await openEmbeddedStore({ dataDir });
    try {
      expect(await migrationVersions(store.executor)).toEqual([1, 2]);
      expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    } finally {
      await store.close();
    }
  }, SLOW);

  test('a data directory created before the quality measures upgrades in place', async () => {
    const dataDir = path.join(root, 'before-quality');
    await expectUpgradeFromInitialSchema((migrationsDir) => openEmbeddedStore({ dataDir, migrationsDir }));
  }, SLOW);

  test('refuses a second open of the same directory in this process, and allows it after close', async () => {
    const dataDir = freshDataDir();
    const first = await openEmbeddedStore({ dataDir });
    try {
      const second = openEmbeddedStore({ dataDir });
      await expect(second).rejects.toMatchObject({ code: 'STORE_LOCKED' });
      await expect(second).rejects.toThrow(dataDir);
    } finally {
      await first.close();
    }
    const reopened = await openEmbeddedStore({ dataDir });
    await reopened.close();
  }, SLOW);

  test('refuses a second process on the same directory with STORE_LOCKED naming the directory', async () => {
    const dataDir = freshDataDir();
    const store = await openEmbeddedStore({ dataDir });
    try {
      await store.writeTurn(turn({ respondentId: 'r1', answers: [{ id: 'a1' }] }));
      const child = await runChild(OPEN_FIXTURE, [dataDir]);
      expect(child).toMatchObject({ opened: false, code: 'STORE_LOCKED' });
      expect(child.message).toContain(dataDir);
      expect(child.message).toContain(`process ${process.pid}`);
    } finally {
      await store.close();
    }
    // Once released, another process can have it.
    expect(await runChild(OPEN_FIXTURE, [dataDir])).toEqual({ opened: true });
  }, SLOW);

  test('takes over a lock left by a dead process', async () => {
    const dataDir = freshDataDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    fs.writeFileSync(path.join(dataDir, 'insight-store.lock'), `${deadPid}\n`);
    const store = await openEmbeddedStore({ dataDir });
    expect(fs.readFileSync(path.join(dataDir, 'insight-store.lock'), 'utf8').trim()).toBe(String(process.pid));
    await store.close();
    expect(fs.existsSync(path.join(dataDir, 'insight-store.lock'))).toBe(false);
  }, SLOW);

  test('takes over a lock naming our own pid that this process does not hold (a restarted container)', async () => {
    const dataDir = freshDataDir();
    fs.writeFileSync(path.join(dataDir, 'insight-store.lock'), `${process.pid}\n`);
    const store = await openEmbeddedStore({ dataDir });
    await store.close();
  }, SLOW);
});

interface ChildResult {
  opened: boolean;
  code?: string;
  message: string;
}

function runChild(script: string, args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', script, ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ChildResult);
      } catch {
        reject(new Error(`child printed no result; stderr: ${stderr}`));
      }
    });
  });
}
