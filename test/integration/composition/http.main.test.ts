import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** `npm start` exactly as the README says, on the embedded store in a scratch DATA_DIR. */
function npmStart(env: Record<string, string>): { child: ChildProcess; port: Promise<number>; stderr: () => string } {
  const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const port = new Promise<number>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const match = /"event":"server-started","port":(\d+)/.exec(err);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${err}`)));
  });
  return { child, port, stderr: () => err };
}

describe('npm start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-start-'));

  it('serves on PORT with the embedded store under DATA_DIR, refuses a second process on the same data, and stops cleanly', async () => {
    const first = npmStart({ PORT: '0', DATA_DIR: dataDir });
    const port = await first.port;
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);

    const second = spawnSync('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8', timeout: 60_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/STORE_LOCKED/);
    expect(second.stderr).toContain(dataDir);

    const lock = path.join(dataDir, 'insight-store.lock');
    expect(fs.existsSync(lock)).toBe(true);
    const exited = new Promise<void>((resolve) => first.child.once('exit', () => resolve()));
    first.child.kill('SIGTERM');
    await exited;
    // npm passes the signal on; the server closes the store, which releases the lock.
    for (let i = 0; i < 50 && fs.existsSync(lock); i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(fs.existsSync(lock)).toBe(false);
    expect(first.stderr()).toMatch(/server-stopping/);
  }, 120_000);

  it('names the bad variable when configuration is invalid', () => {
    const run = spawnSync('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: 'eighty', DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/CONFIG_INVALID: Invalid configuration: PORT:/);
  });
});

describe('npm start on an address it cannot use', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-listen-'));
  let holder: net.Server;
  let takenPort: number;

  beforeAll(async () => {
    holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    takenPort = (holder.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  /** LOG_LEVEL=error: start-up info and warnings are log lines, not failures; the failure must be the only line. */
  function failingStart(env: Record<string, string>) {
    return spawnSync('npm', ['start'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'error', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  it('stops with one line naming host:port when the port is in use, and releases the store', () => {
    const run = failingStart({ HOST: '127.0.0.1', PORT: String(takenPort) });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`lifepath: LISTEN_FAILED: cannot listen on 127.0.0.1:${takenPort}: address already in use (EADDRINUSE)\n`);
    // The embedded store was opened before the listen failed; closing it removed the directory lock.
    expect(fs.existsSync(path.join(dataDir, 'insight-store.lock'))).toBe(false);
  });

  it('stops with one line naming the address when HOST is not on this machine', () => {
    const run = failingStart({ HOST: '192.0.2.1', PORT: '3000' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('lifepath: LISTEN_FAILED: cannot listen on 192.0.2.1:3000: address not available on this machine (EADDRNOTAVAIL)\n');
  });

  it('stops with one line naming the variable when HOST is not a host name', () => {
    const run = failingStart({ HOST: 'not a host', PORT: '3000' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('lifepath: CONFIG_INVALID: Invalid configuration: HOST: must be a host name or an IP address\n');
  });
});
