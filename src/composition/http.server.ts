import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminRouter } from '../apis/admin.routes';
import { dialogflowRouter } from '../platforms/dialogflow/dialogflow.routes';
import { createApp } from '../http/app';
import type { Dependencies } from './dependencies';

export interface RunningServer {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** Mounts every feature on the one express app; tests call this with a port of 0. */
export function buildHttpApp(deps: Dependencies) {
  return createApp({
    logger: deps.logger,
    routers: [
      { path: '/api/v1', router: adminRouter({ store: deps.store, adminApiKey: deps.config.adminApiKey, logger: deps.logger }) },
      { path: '/dialogflow', router: dialogflowRouter({ service: deps.service, logger: deps.logger, auth: deps.config.dialogflow }) },
    ],
    ready: async () => {
      await deps.store.loadRespondent('readiness-probe');
      return true;
    },
  });
}

export async function startServer(deps: Dependencies, port = deps.config.port, host = deps.config.host): Promise<RunningServer> {
  const app = buildHttpApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
