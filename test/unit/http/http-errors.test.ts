import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { AppError, type ErrorCode } from '../../../src/errors/app-error';
import { createApp } from '../../../src/http/app';
import { createLogger } from '../../../src/logging/logger';

/** Words an operator needs and a client must never see: addresses, driver text, SQL states. */
const INTERNAL_DETAIL = 'connect ECONNREFUSED 10.1.2.3:5432 (SQLSTATE 08006) at pg-pool/index.js:45';

let thrown: unknown;
let url: string;
let server: http.Server;
const logged: string[] = [];

beforeAll(async () => {
  const router = express.Router();
  router.get('/', () => {
    throw thrown;
  });
  router.post('/', express.json({ limit: '10b' }), (_req, res) => {
    res.json({ ok: true });
  });
  const app = createApp({ logger: createLogger('error', (line) => logged.push(line)), routes: [{ path: '/boom', router }] });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  logged.length = 0;
});

async function render(error: unknown): Promise<{ status: number; text: string; body: { error: { code: string; message: string } } }> {
  thrown = error;
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { error: { code: string; message: string } } };
}

describe('errorRenderer', () => {
  it.each<[ErrorCode, number, string]>([
    ['STORE_UNAVAILABLE', 503, 'The store is unavailable; try again shortly.'],
    ['STORE_LOCKED', 503, 'The store is busy; try again shortly.'],
    ['UPSTREAM_FAILED', 502, 'A service we depend on did not answer; try again shortly.'],
    ['WEBHOOK_DISABLED', 503, 'The webhook is not enabled on this server.'],
    ['INTERNAL', 500, 'Something went wrong on our side.'],
    ['CONFIG_INVALID', 500, 'Something went wrong on our side.'],
    ['CONTENT_INVALID', 500, 'Something went wrong on our side.'],
  ])('answers %s with a fixed message, never the error’s own', async (code, status, message) => {
    const { status: got, text, body } = await render(new AppError(code, `Insight store failed: ${INTERNAL_DETAIL}`));
    expect(got).toBe(status);
    expect(body).toEqual({ error: { code, message } });
    for (const detail of ['10.1.2.3', '5432', 'SQLSTATE', 'ECONNREFUSED', 'pg-pool']) expect(text).not.toContain(detail);
    // The operator still learns which failure it was, by code, without the message either.
    expect(logged.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([expect.objectContaining({ event: 'http-error', code, method: 'GET' })]);
    expect(logged.join('')).not.toContain('10.1.2.3');
  });

  it('renders anything that is not an AppError as INTERNAL with the generic message', async () => {
    const { status, text, body } = await render(new TypeError(`Cannot read properties of null; ${INTERNAL_DETAIL}`));
    expect(status).toBe(500);
    expect(body).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } });
    expect(text).not.toContain('10.1.2.3');
  });

  it.each<[ErrorCode, number]>([
    ['BAD_REQUEST', 400],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
  ])('keeps our own message on a client error (%s): it says what to fix', async (code, status) => {
    const { status: got, body } = await render(new AppError(code, 'Invalid query: format: expected jsonl or csv'));
    expect(got).toBe(status);
    expect(body).toEqual({ error: { code, message: 'Invalid query: format: expected jsonl or csv' } });
    expect(logged).toEqual([]);
  });

  it('maps framework errors onto stable client codes', async () => {
    const tooLarge = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ much: 'too long' }) });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' } });
    const broken = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' } });
  });
});
