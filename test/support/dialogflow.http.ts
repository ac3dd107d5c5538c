import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Config } from '../../src/config/config';
import { loadContent, type ContentCatalog } from '../../src/content/content.loader';
import { dialogflowRouter } from '../../src/platforms/dialogflow/dialogflow.routes';
import { createApp } from '../../src/http/app';
import type { InterviewService, ServiceTurn } from '../../src/interview/interview.service';
import type { TurnOutput } from '../../src/interview/interview.types';
import { createLogger, type Logger } from '../../src/logging/logger';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'dialogflow');

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

export const USER = 'dialogflow';
export const PASSWORD = 'correct horse battery staple';
export const TOKEN = 'token-0123456789abcdef-token';

export function authConfig(overrides: Partial<Config['dialogflow']> = {}): Config['dialogflow'] {
  return { webhookUser: USER, webhookPassword: PASSWORD, webhookToken: TOKEN, allowUnauthenticated: false, location: 'global', ...overrides };
}

export function basic(user = USER, password = PASSWORD): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export const GOOD_HEADERS = { authorization: basic(), 'x-webhook-token': TOKEN };

/** Records every turn the adapter hands over, and can fail on demand. */
export class SpyService {
  readonly turns: ServiceTurn[] = [];
  failNext = false;

  constructor(private readonly real?: InterviewService) {}

  async handle(turn: ServiceTurn): Promise<TurnOutput> {
    this.turns.push(turn);
    if (this.failNext || !this.real) {
      this.failNext = false;
      throw new Error('store exploded');
    }
    return this.real.handle(turn);
  }

  asService(): InterviewService {
    return this as unknown as InterviewService;
  }
}

/** Captures log lines so tests can assert what was (and was not) logged. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger('debug', (line) => lines.push(line)), lines };
}

export interface RunningWebhook {
  url: string;
  close(): Promise<void>;
}

const CONTENT_DIR = path.resolve(__dirname, '..', '..', 'content');

/** The real express app with the Dialogflow router mounted where the server mounts it, on loopback; the real content unless given. */
export async function startWebhook(opts: { service: InterviewService; auth?: Config['dialogflow']; logger?: Logger; content?: ContentCatalog }): Promise<RunningWebhook> {
  const logger = opts.logger ?? createLogger('silent');
  const router = dialogflowRouter({ service: opts.service, logger, auth: opts.auth ?? authConfig(), content: opts.content ?? loadContent(CONTENT_DIR) });
  const app = createApp({ logger, routes: [{ path: '/dialogflow', router }] });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/dialogflow`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = GOOD_HEADERS): Promise<{ status: number; json: unknown; headers: Headers }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}
