import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildLambda } from '../../scripts/build-lambda';

/** A Lambda bundle built for one test file, in a folder of its own outside the checkout. */
export interface BuiltLambda {
  /** The folder holding index.js and what ships beside it, as Lambda's /var/task would. */
  dir: string;
  remove(): void;
}

/**
 * Builds the bundle exactly as `npm run build` does, into a fresh temporary folder: the checkout's
 * lambda/dist is left alone, and because no node_modules lies above the temporary folder, a
 * dependency the bundle forgot to ship fails here instead of being found in the checkout's.
 */
export async function buildTemporaryLambda(): Promise<BuiltLambda> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-lambda-'));
  try {
    await buildLambda(dir, { logLevel: 'error' });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The built Lambda running in its own process; `invoke` is a handler virtual-alexa can call. */
export interface LambdaHost {
  invoke: (event: unknown) => Promise<unknown>;
  /** Everything the Lambda wrote to stdout and stderr so far (its log lines). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the bundle in `bundleDir` with only `env` (and PATH), working in that folder as Lambda does. */
export async function startLambdaHost(bundleDir: string, env: Record<string, string>): Promise<LambdaHost> {
  const child: ChildProcess = fork(path.join(__dirname, 'lambda-host.fixture.js'), [path.join(bundleDir, 'index.js')], {
    cwd: bundleDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    // Piped, not inherited: the Lambda's log lines belong to the test's assertions, not the run's output.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`lambda host exited with ${code}:\n${output}`)));
    child.on('message', (message: { ready?: boolean; id?: number; result?: unknown; error?: string }) => {
      if (message.ready) return resolve();
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter || message.id === undefined) return;
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
  });
  child.removeAllListeners('exit');
  // A host that dies mid-run would otherwise leave every pending invocation waiting for the test timeout.
  child.once('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`lambda host exited with ${code}:\n${output}`));
    pending.clear();
  });
  return {
    invoke: (event) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve, reject });
        child.send({ id, event });
      }),
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
