import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer } from '../../../scripts/build-server';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * The production start: plain `node` on the esbuild bundle, laid out as in the Docker image
 * (<app>/build/server/main.js beside <app>/content and <app>/node_modules), in a folder of its
 * own so nothing is found through the repository by accident.
 */
describe('the server bundle', () => {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-bundle-'));

  afterAll(() => {
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('builds, serves /health and /ready with node alone, and exits 0 on SIGTERM', async () => {
    const { entry } = await buildServer(path.join(app, 'build', 'server'), 'error');
    expect(fs.existsSync(path.join(app, 'build', 'server', 'migrations', '001_init.sql'))).toBe(true);
    expect(fs.readFileSync(entry, 'utf8')).not.toMatch(/require\(["']tsx/);
    fs.symlinkSync(path.join(ROOT, 'content'), path.join(app, 'content'), 'dir');
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');

    const env: Record<string, string | undefined> = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(app, 'data'), LOG_LEVEL: 'info' };
    // The defaults are what is under test: content from <app>/content, the embedded store.
    for (const name of ['CONTENT_DIR', 'DATABASE_URL', 'NODE_OPTIONS']) delete env[name];
    const child = spawn(process.execPath, [entry], { cwd: app, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /"event":"server-started","port":(\d+)/.exec(stderr);
        if (match) resolve(Number(match[1]));
      });
      void exited.then((code) => reject(new Error(`the bundle exited with ${code}: ${stderr}`)));
    });

    try {
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
      // Ready means the store opened: PGlite loaded from node_modules and the migrations found beside the bundle.
      const ready = await fetch(`http://127.0.0.1:${port}/ready`);
      expect(await ready.json()).toEqual({ status: 'ready' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/"event":"server-stopping","reason":"SIGTERM"/);
  }, 120_000);
});
