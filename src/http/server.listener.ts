import type { Server } from 'node:http';
import { AppError } from '../errors/app-error';

/** Plain words for the errors `listen` reports when the address itself is the problem. */
const REASONS: Record<string, string> = {
  EADDRINUSE: 'address already in use',
  EADDRNOTAVAIL: 'address not available on this machine',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed, try again',
  EAI_FAIL: 'host name lookup failed',
  EAI_NONAME: 'host name not found',
  EINVAL: 'invalid address',
};

/** `host:port` as a client would type it; IPv6 literals need brackets to be unambiguous. */
export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * Listens and resolves once the socket is bound. A failure becomes one LISTEN_FAILED error that
 * names the address (HOST and PORT are what the operator changes), instead of the unrelated
 * TypeError that reading the address of a server that never bound used to produce.
 */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const code = typeof error.code === 'string' ? error.code : 'UNKNOWN';
      const reason = REASONS[code] ?? 'listen failed';
      reject(
        new AppError('LISTEN_FAILED', `cannot listen on ${formatAddress(host, port)}: ${reason} (${code})`, {
          cause: error,
          details: { host, port, errno: code },
        }),
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
