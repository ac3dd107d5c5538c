import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/config';
import type { AnswerRecord, InsightStore, SessionQualityRecord } from '../../../src/persistence/insight-store.port';
import { openMemoryStore } from '../../../src/persistence/memory/insight-store.memory';
import { createInformativenessMeter } from '../../../src/quality/informativeness.meter';
import { silentLogger } from '../../../src/logging/logger';
import { buildDependencies, type Dependencies } from '../../../src/composition/dependencies';
import { startServer, type RunningServer } from '../../../src/composition/http.server';

const ADMIN_KEY = 'admin-key-for-tests-0123456789';

async function start(env: Record<string, string>, store?: InsightStore): Promise<{ deps: Dependencies; server: RunningServer }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-admin-'));
  const config = loadConfig({ DATA_DIR: dataDir, PSEUDONYM_SECRET: 'admin-test-secret-0123456789', ...env });
  const deps = await buildDependencies(config, { logger: silentLogger, store });
  const server = await startServer(deps, 0, '127.0.0.1');
  return { deps, server };
}

async function interview(deps: Dependencies, user: string, answers: string[]): Promise<void> {
  let state = null;
  for (const action of [{ type: 'launch' as const }, { type: 'choose-domain' as const, domain: 'money' }, ...answers.map((text) => ({ type: 'answer' as const, text }))]) {
    const out = await deps.service.handle({ platform: 'alexa', platformUserId: user, platformSessionId: `${user}-1`, locale: 'en-US', action, state });
    state = out.state;
  }
}

const auth = { authorization: `Bearer ${ADMIN_KEY}` };

describe('administrator API on the embedded store', () => {
  let deps: Dependencies;
  let server: RunningServer;

  beforeAll(async () => {
    ({ deps, server } = await start({ ADMIN_API_KEY: ADMIN_KEY }));
    await interview(deps, 'alice', ['buying a house, email me at alice@example.com', 'we need more room']);
    await interview(deps, 'bob', ['=HYPERLINK("http://evil") paying off debt']);
  });
  afterAll(async () => {
    await server.stop();
    await deps.close();
  });

  it('refuses requests without the bearer key', async () => {
    const none = await fetch(`${server.url}/api/v1/answers/export`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    const wrong = await fetch(`${server.url}/api/v1/answers/export`, { headers: { authorization: 'Bearer not-the-key-0123456789' } });
    expect(wrong.status).toBe(401);
  });

  it('streams every answer as JSON lines, redacted and pseudonymous', async () => {
    const res = await fetch(`${server.url}/api/v1/answers/export?format=jsonl`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const rows = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as AnswerRecord);
    expect(rows).toHaveLength(3);
    const body = JSON.stringify(rows);
    expect(body).toContain('[EMAIL]');
    expect(body).not.toContain('alice@example.com');
    expect(body).not.toMatch(/"alice"|"bob"/);
    expect(rows.find((r) => r.parentAnswerId !== null)?.parentAnswerId).toBe(rows[0]!.id);
  });

  it('exports each answer’s informativeness and whether it answered a follow-up', async () => {
    const rows = (await (await fetch(`${server.url}/api/v1/answers/export`, { headers: auth })).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AnswerRecord);
    expect(rows.map((r) => r.isProbe)).toEqual(rows.map((r) => r.parentAnswerId !== null));
    expect(rows.filter((r) => r.isProbe)).toHaveLength(1);
    // Measured on the text as stored (redacted), by the meter over the committed table.
    const meter = createInformativenessMeter();
    for (const row of rows) {
      expect(row.bits).toBeGreaterThan(0);
      expect(row.bits).toBe(meter.bits(row.text!));
    }
  });

  it('exports CSV with a header, quoting and formula cells neutralised', async () => {
    const res = await fetch(`${server.url}/api/v1/answers/export?format=csv&domain=money`, { headers: auth });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,respondentId,sessionId,platform,locale,domain,lens,questionId,parentAnswerId,text,topTheme,themes,sentiment,wordCount,redactions,createdAt,isProbe,bits',
    );
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((l) => l.split(',').at(-2)).sort()).toEqual(['false', 'false', 'true']);
    for (const line of lines.slice(1)) expect(Number(line.split(',').at(-1))).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(""http://evil"") paying off debt"`))).toBe(true);
  });

  it('rejects a bad query with a clear 400', async () => {
    const res = await fetch(`${server.url}/api/v1/answers/export?format=xml`, { headers: auth });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toMatch(/format/);
    const unknown = await fetch(`${server.url}/api/v1/answers/export?colour=red`, { headers: auth });
    expect(unknown.status).toBe(400);
  });

  it('streams the per-session quality summary as JSON lines, one session per line', async () => {
    const res = await fetch(`${server.url}/api/v1/sessions/quality?format=jsonl`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sessions-quality.jsonl"');
    const sessions = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as SessionQualityRecord);
    expect(sessions).toHaveLength(2);
    const answers = (await (await fetch(`${server.url}/api/v1/answers/export`, { headers: auth })).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AnswerRecord);
    const aliceSession = answers.find((a) => a.isProbe)!.sessionId;
    const alice = sessions.find((s) => s.sessionId === aliceSession)!;
    const aliceAnswers = answers.filter((a) => a.sessionId === aliceSession);
    expect(alice).toMatchObject({
      platform: 'alexa',
      locale: 'en-US',
      endedAt: null,
      answers: 2,
      probesAsked: 1,
      probesAnswered: 1,
      totalBits: Math.round(aliceAnswers.reduce((sum, a) => sum + a.bits!, 0) * 100) / 100,
      nonAnswers: 0,
      misunderstandings: 0,
      domainsCompleted: 0,
    });
    // After the follow-up the interview asked the next question, and that is where alice left.
    expect(alice.lastPhase).toBe('question');
    expect(alice.domains).toEqual([{ domain: 'money', asked: 2, answered: 1, completed: false }]);
    // Pseudonymous session ids and measures only: nothing anyone said, no respondent id.
    const body = JSON.stringify(sessions);
    expect(body).not.toMatch(/house|debt|\[EMAIL\]|respondent/i);
  });

  it('exports the session summary as CSV and filters it by start time', async () => {
    const res = await fetch(`${server.url}/api/v1/sessions/quality?format=csv`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'sessionId,platform,locale,startedAt,endedAt,endedReason,lastPhase,answers,probesAsked,probesAnswered,probesYieldingMoreWords,' +
        'probesYieldingNewTheme,wordsPerAnswer,bitsPerAnswer,totalBits,nonAnswers,misunderstandings,domainsCompleted,domains',
    );
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.split(',').at(-1)).slice(1).sort()).toEqual(['money:1/1', 'money:1/2']);
    const later = await fetch(`${server.url}/api/v1/sessions/quality?since=2999-01-01T00:00:00Z`, { headers: auth });
    expect(await later.text()).toBe('');
    const earlier = await fetch(`${server.url}/api/v1/sessions/quality?until=2000-01-01T00:00:00Z&format=csv`, { headers: auth });
    expect((await earlier.text()).trim().split('\r\n')).toHaveLength(1);
  });

  it('guards the session summary with the admin key and validates its query', async () => {
    expect((await fetch(`${server.url}/api/v1/sessions/quality`)).status).toBe(401);
    for (const query of ['format=xml', 'since=yesterday', 'domain=money']) {
      const res = await fetch(`${server.url}/api/v1/sessions/quality?${query}`, { headers: auth });
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    }
  });

  it('erases a respondent completely and leaves others', async () => {
    const rows = (await (await fetch(`${server.url}/api/v1/answers/export`, { headers: auth })).text()).trim().split('\n').map((l) => JSON.parse(l) as AnswerRecord);
    const alice = rows.find((r) => r.text?.includes('[EMAIL]'))!.respondentId;
    const res = await fetch(`${server.url}/api/v1/respondents/${alice}`, { method: 'DELETE', headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ erased: expect.objectContaining({ answers: 2, sessions: 1 }) });
    const after = (await (await fetch(`${server.url}/api/v1/answers/export`, { headers: auth })).text()).trim().split('\n');
    expect(after).toHaveLength(1);
    expect(await deps.store.loadRespondent(alice)).toBeNull();
    const bad = await fetch(`${server.url}/api/v1/respondents/not%20an%20id`, { method: 'DELETE', headers: auth });
    expect(bad.status).toBe(400);
  });

  it('answers unknown routes with a JSON 404 and never a stack trace', async () => {
    const res = await fetch(`${server.url}/nope`);
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'NOT_FOUND', message: 'No route for GET /nope' } });
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('reports health and readiness', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/ready`)).json()).toEqual({ status: 'ready' });
  });
});

describe('administrator API without ADMIN_API_KEY', () => {
  it('is closed', async () => {
    const { deps, server } = await start({}, openMemoryStore());
    const res = await fetch(`${server.url}/api/v1/answers/export`, { headers: auth });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    await server.stop();
    await deps.close();
  });
});

describe('export memory', () => {
  it('pulls rows only as fast as the client reads them', async () => {
    const store = openMemoryStore();
    let pulled = 0;
    const template: AnswerRecord = {
      id: '', respondentId: 'r'.repeat(32), sessionId: 's'.repeat(32), platform: 'alexa', locale: 'en-US', domain: 'money', lens: 'dream',
      questionId: 'money.dream', parentAnswerId: null, text: 'x'.repeat(200), themes: [{ id: 'home', score: 1 }], topTheme: 'home',
      sentiment: 0, wordCount: 1, bits: 20, isProbe: false, redactions: [], createdAt: new Date(0),
    };
    // A million-row store that is never materialised: the route must iterate it lazily.
    store.exportAnswers = async function* () {
      for (let i = 0; i < 1_000_000; i += 1) {
        pulled += 1;
        yield { ...template, id: String(i) };
      }
    };
    const { deps, server } = await start({ ADMIN_API_KEY: ADMIN_KEY }, store);
    const res = await fetch(`${server.url}/api/v1/answers/export`, { headers: auth });
    const reader = res.body!.getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 500));
    expect(pulled).toBeGreaterThan(0);
    // Socket and stream buffers hold a few megabytes at most; everything else waits for the reader.
    expect(pulled).toBeLessThan(100_000);
    await reader.cancel();
    await server.stop();
    await deps.close();
  });
});
