import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { AppError } from '../../../src/errors/app-error';
import { formatAddress, listen } from '../../../src/http/server.listener';

const servers: net.Server[] = [];

function track<T extends net.Server>(server: T): T {
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()))));
});

async function occupiedPort(): Promise<number> {
  const holder = track(net.createServer());
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  return (holder.address() as AddressInfo).port;
}

async function failure(port: number, host: string): Promise<AppError> {
  const error = await listen(track(http.createServer()), port, host).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('listen', () => {
  it('resolves once bound, so the address can be read', async () => {
    const server = track(http.createServer());
    await listen(server, 0, '127.0.0.1');
    expect((server.address() as AddressInfo).port).toBeGreaterThan(0);
  });

  it('names the address when the port is taken', async () => {
    const port = await occupiedPort();
    const error = await failure(port, '127.0.0.1');
    expect(error.code).toBe('LISTEN_FAILED');
    expect(error.message).toBe(`cannot listen on 127.0.0.1:${port}: address already in use (EADDRINUSE)`);
    expect(error.details).toEqual({ host: '127.0.0.1', port, errno: 'EADDRINUSE' });
  });

  it('names the address when it belongs to no interface here', async () => {
    // 192.0.2.0/24 is reserved for documentation, so no machine has it.
    expect((await failure(3000, '192.0.2.1')).message).toBe('cannot listen on 192.0.2.1:3000: address not available on this machine (EADDRNOTAVAIL)');
  });

  it('names the host when its name does not resolve', async () => {
    // .invalid is reserved never to resolve.
    expect((await failure(3000, 'no-such-host.invalid')).message).toMatch(/^cannot listen on no-such-host\.invalid:3000: host name (not found|lookup failed.*) \((ENOTFOUND|EAI_AGAIN|EAI_FAIL)\)$/);
  });

  it('can listen again after a failure is reported', async () => {
    const server = track(http.createServer());
    const port = await occupiedPort();
    await expect(listen(server, port, '127.0.0.1')).rejects.toThrow(/EADDRINUSE/);
    await listen(server, 0, '127.0.0.1');
    expect(server.listening).toBe(true);
  });
});

describe('formatAddress', () => {
  it('brackets IPv6 literals and leaves names and IPv4 alone', () => {
    expect(formatAddress('::1', 3000)).toBe('[::1]:3000');
    expect(formatAddress('0.0.0.0', 80)).toBe('0.0.0.0:80');
    expect(formatAddress('api.internal', 8080)).toBe('api.internal:8080');
  });
});
