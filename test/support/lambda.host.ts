import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const BUNDLE = path.resolve(__dirname, '..', '..', 'lambda', 'dist', 'index.js');

/** The built Lambda running in its own process; `invoke` is a handler virtual-alexa can call. */
export interface LambdaHost {
  invoke: (event: unknown) => Promise<unknown>;
  stop(): Promise<void>;
}

export async function startLambdaHost(env: Record<string, string>): Promise<LambdaHost> {
  const child: ChildProcess = fork(path.join(__dirname, 'lambda-host.fixture.js'), [BUNDLE], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`lambda host exited with ${code}`)));
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
  return {
    invoke: (event) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve, reject });
        child.send({ id, event });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
