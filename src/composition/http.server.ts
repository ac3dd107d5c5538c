import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminRouter } from '../apis/admin.routes';
import { dialogflowRouter } from '../platforms/dialogflow/dialogflow.routes';
import { createApp } from '../http/app';
import { listen } from '../http/server.listener';
import type { Dependencies } from './dependencies';

export interface RunningServer {
  server: Server;
  /** The bound port (the real one when 0 was asked for). */
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Mounts every feature on the one express app; tests call this with a port of 0. */
export function buildHttpApp(deps: Dependencies) {
  return createApp({
    logger: deps.logger,
    trustProxy: deps.config.trustProxy,
    routes: [
      // The admin router guards each of its routes itself: /api/v1 is shared with other APIs.
      { path: '/api/v1', router: adminRouter({ store: deps.store, adminApiKey: deps.config.adminApiKey, logger: deps.logger }) },
      { path: '/dialogflow', router: dialogflowRouter({ service: deps.service, logger: deps.logger, auth: deps.config.dialogflow, content: deps.content }) },
    ],
    ready: () => deps.store.ping(),
  });
}

/** Rejects with one CONFIG_INVALID error naming host:port when the address cannot be bound. */
export async function startServer(deps: Dependencies, port = deps.config.port, host = deps.config.host): Promise<RunningServer> {
  const server = http.createServer(buildHttpApp(deps));
  await listen(server, port, host);
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    server,
    port: address.port,
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
