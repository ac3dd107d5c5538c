import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openEmbeddedStore } from '../../../src/persistence/pglite/insight-store.pglite';
import { openPostgresStore } from '../../../src/persistence/postgres/insight-store.postgres';
import type { InsightStore } from '../../../src/persistence/insight-store.port';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
const WRITER = path.join(__dirname, 'fixtures', 'crash-writer.fixture.ts');
const ACKS_BEFORE_KILL = 400;
const TIMEOUT = 180_000;
const DATABASE_URL = process.env.DATABASE_URL?.trim() || undefined;

interface CrashRun {
  acked: string[];
  writerPid: number;
}

/**
 * Runs the writer until it has acknowledged enough turns, then SIGKILLs its whole process group
 * (npx, tsx and the node process doing the writes), so nothing gets to shut down cleanly.
 */
function runWriterAndKill(args: string[]): Promise<CrashRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', WRITER, ...args], {
      cwd: PROJECT_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let writerPid = 0;
    let pending = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'ready') writerPid = Number(value);
        // Acks arriving after the kill decision still count: each was printed after its commit.
        if (word === 'ack' && value !== undefined) acked.push(value);
      }
      if (!killed && acked.length >= ACKS_BEFORE_KILL) {
        killed = true;
        process.kill(-(child.pid as number), 'SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (!killed) reject(new Error(`writer exited early (code ${code}, signal ${signal}): ${stderr}`));
      else resolve({ acked, writerPid });
    });
  });
}

/** As a restart would, wait until the killed writer has finished exiting (or is a zombie). */
async function waitUntilGone(pid: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    let state = '';
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      state = stat.charAt(stat.lastIndexOf(')') + 2);
    } catch {
      return;
    }
    if (state === 'Z' || state === 'X') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`writer ${pid} is still running after SIGKILL`);
}

async function storedAnswerIds(store: InsightStore): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const answer of store.exportAnswers()) ids.add(answer.id);
  return ids;
}

function expectEveryAckDurableAndTurnsWhole(acked: string[], stored: Set<string>): void {
  expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
  const lost = acked.filter((turnId) => !stored.has(`${turnId}-a`) || !stored.has(`${turnId}-b`));
  expect(lost).toEqual([]);
  const halfWritten = [...stored]
    .filter((id) => id.endsWith('-a'))
    .map((id) => id.slice(0, -2))
    .filter((turnId) => !stored.has(`${turnId}-b`));
  expect(halfWritten).toEqual([]);
}

describe('crash safety', () => {
  test('embedded: every acknowledged turn survives SIGKILL, and the stale lock is taken over', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-crash-'));
    try {
      const { acked, writerPid } = await runWriterAndKill(['embedded', dataDir]);
      // The killed writer could not release its lock; reopening must recognise it as stale.
      expect(fs.readFileSync(path.join(dataDir, 'insight-store.lock'), 'utf8').trim()).toBe(String(writerPid));
      await waitUntilGone(writerPid);
      const store = await openEmbeddedStore({ dataDir });
      try {
        expectEveryAckDurableAndTurnsWhole(acked, await storedAnswerIds(store));
      } finally {
        await store.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, TIMEOUT);

  const postgresTest = DATABASE_URL === undefined ? test.skip : test;
  postgresTest('PostgreSQL: every acknowledged turn survives SIGKILL of the writer (needs DATABASE_URL)', async () => {
    const databaseUrl = DATABASE_URL as string;
    const schema = `lifepath_crash_${process.pid}_${Date.now().toString(36)}`;
    try {
      const { acked } = await runWriterAndKill(['postgres', databaseUrl, schema]);
      const store = await openPostgresStore({ databaseUrl, schema });
      try {
        expectEveryAckDurableAndTurnsWhole(acked, await storedAnswerIds(store));
      } finally {
        await store.close();
      }
    } finally {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }, TIMEOUT);
});
