import { WebhookResponseSchema, type WebhookResponse } from '../../../../src/platforms/dialogflow/dialogflow.schema';
import { loadContent, type ContentCatalog } from '../../../../src/content/content.loader';
import { buildService, CONTENT_DIR } from '../../../transcripts/engine.driver';
import {
  GOOD_HEADERS,
  PASSWORD,
  SpyService,
  TOKEN,
  USER,
  authConfig,
  basic,
  captureLogger,
  fixture,
  post,
  startWebhook,
  type RunningWebhook,
} from '../../../support/dialogflow.http';

const CALLER = '+15555550123';

function valid(json: unknown): WebhookResponse {
  return WebhookResponseSchema.parse(json);
}

function contextsOf(response: WebhookResponse): Record<string, number> {
  return Object.fromEntries(response.outputContexts.map((c) => [c.name.slice(c.name.lastIndexOf('/') + 1), c.lifespanCount]));
}

describe('Dialogflow webhook over HTTP', () => {
  const { service } = buildService();
  const spy = new SpyService(service);
  const { logger, lines } = captureLogger();
  let hook: RunningWebhook;

  beforeAll(async () => {
    hook = await startWebhook({ service: spy.asService(), logger });
  });
  afterAll(async () => {
    await hook.close();
  });
  beforeEach(() => {
    spy.turns.length = 0;
  });

  it('answers a Dialogflow Messenger welcome with speech, state, and the web user id', async () => {
    const { status, json } = await post(hook.url, fixture('messenger-welcome.json'));
    expect(status).toBe(200);
    const response = valid(json);
    expect(response.fulfillmentText).toMatch(/\?/);
    expect(response.fulfillmentMessages[0]).toEqual({ text: { text: [response.fulfillmentText] } });
    expect(response.payload.lifepath).toMatchObject({ kind: 'welcome', endConversation: false });
    expect(response.payload.lifepath.reprompt).toBeTruthy();
    const session = 'projects/lifepath-demo/agent/sessions/dfMessenger-4f2b8c1d';
    const state = response.outputContexts.find((c) => c.name === `${session}/contexts/lifepath-state`);
    expect(state?.lifespanCount).toBeGreaterThan(0);
    expect(JSON.parse(String(state?.parameters?.state))).toMatchObject({ version: 2, turn: 1 });
    expect(spy.turns[0]).toMatchObject({
      platform: 'dialogflow',
      platformUserId: 'user:web-7c41e0a9d2b84f6e',
      platformSessionId: 'dfMessenger-4f2b8c1d',
      locale: 'en-US',
      action: { type: 'launch' },
      state: null,
    });
  });

  it('takes a phone gateway caller id as the user, hands it only to the service, and never logs it', async () => {
    const { status, json } = await post(hook.url, fixture('phone-gateway-choose-domain.json'));
    expect(status).toBe(200);
    const response = valid(json);
    expect(response.payload.lifepath.kind).toBe('question');
    // A question is open: bare answers must reach the answer-capturing intents.
    expect(contextsOf(response)).toEqual({ 'lifepath-state': 10, 'awaiting-answer': 1 });
    expect(spy.turns[0]).toMatchObject({ platformUserId: `tel:${CALLER}`, action: { type: 'choose-domain', domain: 'money', text: 'money please' } });
    expect(lines.some((l) => l.includes('"event":"dialogflow-request"'))).toBe(true);
    expect(lines.join('\n')).not.toContain(CALLER.slice(1));
    expect(lines.join('\n')).not.toContain('money please');
  });

  it('answers a plain console request in British English', async () => {
    const { status, json } = await post(hook.url, fixture('console-help.json'));
    expect(status).toBe(200);
    const response = valid(json);
    expect(response.payload.lifepath.kind).toBe('help');
    expect(spy.turns[0]).toMatchObject({ locale: 'en-GB', platformUserId: 'session:7b2e4f10-9c3d-4a5e-b6f7-08192a3b4c5d' });
  });

  it('treats an intent it does not know as not understood: 200, a question and a reprompt', async () => {
    const { status, json } = await post(hook.url, fixture('unknown-intent.json'));
    expect(status).toBe(200);
    const response = valid(json);
    expect(spy.turns[0]?.action).toEqual({ type: 'unknown', text: 'order me a pizza' });
    expect(response.payload.lifepath.endConversation).toBe(false);
    expect(response.payload.lifepath.reprompt).toMatch(/\S/);
  });

  it('carries the conversation in the state context, and a bare answer through the context-bound fallback', async () => {
    const first = valid((await post(hook.url, fixture('phone-gateway-choose-domain.json'))).json);
    const request = fixture('phone-gateway-choose-domain.json') as { queryResult: Record<string, unknown> };
    request.queryResult = {
      ...request.queryResult,
      queryText: 'being able to retire by the sea',
      parameters: {},
      intent: { name: 'projects/lifepath-demo/agent/intents/559043bc', displayName: 'AnswerFallbackIntent' },
      outputContexts: first.outputContexts.filter((c) => c.lifespanCount > 0),
    };
    const second = valid((await post(hook.url, request)).json);
    expect(spy.turns[1]?.action).toEqual({ type: 'answer', text: 'being able to retire by the sea' });
    expect(spy.turns[1]?.state).toMatchObject({ phase: 'question', domain: 'money' });
    expect(second.payload.lifepath.kind).toBe('probe');
    expect(contextsOf(second)['awaiting-answer']).toBe(1);
  });

  it('clears its contexts when the conversation ends', async () => {
    const request = fixture('console-help.json') as { queryResult: Record<string, unknown> };
    request.queryResult = { ...request.queryResult, queryText: 'stop', intent: { displayName: 'StopIntent' } };
    const response = valid((await post(hook.url, request)).json);
    expect(response.payload.lifepath).toEqual({ kind: 'goodbye', endConversation: true });
    expect(contextsOf(response)).toEqual({ 'lifepath-state': 0, 'awaiting-answer': 0 });
  });

  it('also serves /dialogflow/webhook, the path the generated agent.json names', async () => {
    const { status, json } = await post(`${hook.url}/webhook`, fixture('console-help.json'));
    expect(status).toBe(200);
    valid(json);
  });

  it('starts afresh, and says why in the log, when the state context is unreadable', async () => {
    const request = fixture('console-help.json') as { session: string; queryResult: Record<string, unknown> };
    request.queryResult.outputContexts = [{ name: `${request.session}/contexts/lifepath-state`, lifespanCount: 5, parameters: { state: '{"version":1,"phase":"nowhere"}' } }];
    const { status } = await post(hook.url, request);
    expect(status).toBe(200);
    expect(spy.turns[0]?.state).toBeNull();
    expect(lines.some((l) => l.includes('dialogflow-state-unreadable') && l.includes('state-invalid'))).toBe(true);
  });

  it('keeps the thread when a turn fails: a retry prompt and the incoming state kept', async () => {
    const first = valid((await post(hook.url, fixture('phone-gateway-choose-domain.json'))).json);
    const request = fixture('phone-gateway-choose-domain.json') as { queryResult: Record<string, unknown> };
    request.queryResult = { ...request.queryResult, outputContexts: first.outputContexts.filter((c) => c.lifespanCount > 0) };
    spy.failNext = true;
    const { status, json } = await post(hook.url, request);
    expect(status).toBe(200);
    const response = valid(json);
    expect(response.fulfillmentText).toMatch(/try that again/i);
    const keptState = response.outputContexts.find((c) => c.name.endsWith('/lifepath-state'));
    expect(keptState?.parameters?.state).toBe(first.outputContexts.find((c) => c.name.endsWith('/lifepath-state'))?.parameters?.state);
    expect(lines.some((l) => l.includes('dialogflow-turn-failed'))).toBe(true);
  });

  describe('refuses bad requests with a JSON error, never a 500', () => {
    it('malformed JSON → 400', async () => {
      const { status, json } = await post(hook.url, '{"responseId": "x", "session": ');
      expect(status).toBe(400);
      expect(json).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/not valid JSON/) } });
    });

    it('a body that is not a WebhookRequest → 400 naming the field', async () => {
      const { status, json } = await post(hook.url, fixture('invalid-no-intent.json'));
      expect(status).toBe(400);
      expect(json).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('queryResult.intent') } });
    });

    it('a session that is not a Dialogflow session path → 400', async () => {
      const { status, json } = await post(hook.url, { ...fixture('console-help.json'), session: '../../etc/passwd' });
      expect(status).toBe(400);
      expect(json).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('session') } });
    });

    it('a body that is not JSON at all → 400', async () => {
      const res = await fetch(hook.url, { method: 'POST', headers: { ...GOOD_HEADERS, 'content-type': 'text/plain' }, body: 'hello' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    });

    it('an oversized body → 413', async () => {
      const big = { ...fixture('console-help.json'), padding: 'x'.repeat(70 * 1024) };
      const { status, json } = await post(hook.url, big);
      expect(status).toBe(413);
      expect(json).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    });

    afterEach(() => {
      expect(spy.turns).toHaveLength(0);
    });
  });
});

describe('the retry line when a turn fails comes from content, in the request\'s locale', () => {
  const real = loadContent(CONTENT_DIR);
  let hooks: RunningWebhook[] = [];

  afterEach(async () => {
    await Promise.all(hooks.map((h) => h.close()));
    hooks = [];
  });

  async function failingTurn(content: ContentCatalog, request: Record<string, unknown>): Promise<WebhookResponse> {
    const spy = new SpyService();
    const hook = await startWebhook({ service: spy.asService(), content });
    hooks.push(hook);
    const { status, json } = await post(hook.url, request);
    expect(status).toBe(200);
    expect(spy.turns).toHaveLength(1);
    return valid(json);
  }

  it.each([
    ['console-help.json', 'en-GB'],
    ['phone-gateway-choose-domain.json', 'en-US'],
  ])('%s is answered with common.safeReprompt of %s', async (file, locale) => {
    const expected = real.forLocale(locale).common.safeReprompt;
    const response = await failingTurn(real, fixture(file));
    expect(response.fulfillmentText).toBe(expected);
    expect(response.payload.lifepath).toEqual({ kind: 'repeat', reprompt: expected, endConversation: false });
  });

  it('speaks whatever the content says, not a line of its own', async () => {
    const reworded: ContentCatalog = {
      locales: () => real.locales(),
      forLocale: (locale) => {
        const base = real.forLocale(locale);
        return { ...base, common: { ...base.common, safeReprompt: `Hiccup in ${base.locale}. Shall we try again?` } };
      },
    };
    expect((await failingTurn(reworded, fixture('console-help.json'))).fulfillmentText).toBe('Hiccup in en-GB. Shall we try again?');
    expect((await failingTurn(reworded, fixture('unknown-intent.json'))).fulfillmentText).toBe('Hiccup in en-US. Shall we try again?');
  });
});

describe('Dialogflow webhook authentication', () => {
  const spy = new SpyService();
  let hooks: RunningWebhook[] = [];

  afterEach(async () => {
    await Promise.all(hooks.map((h) => h.close()));
    hooks = [];
    // Nothing unauthenticated ever reaches the service.
    expect(spy.turns).toHaveLength(0);
  });

  async function start(auth: ReturnType<typeof authConfig>, logger = captureLogger().logger) {
    const hook = await startWebhook({ service: spy.asService(), auth, logger });
    hooks.push(hook);
    return hook;
  }

  it('without credentials → 401 with a Basic challenge', async () => {
    const hook = await start(authConfig());
    const { status, json, headers } = await post(hook.url, fixture('console-help.json'), {});
    expect(status).toBe(401);
    expect(json).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(headers.get('www-authenticate')).toMatch(/^Basic realm=/);
  });

  it('right password but wrong token → 401 when both are configured', async () => {
    const hook = await start(authConfig());
    const { status } = await post(hook.url, fixture('console-help.json'), { authorization: basic(), 'x-webhook-token': `${TOKEN}x` });
    expect(status).toBe(401);
  });

  it('right token but wrong password → 401 when both are configured', async () => {
    const hook = await start(authConfig());
    const { status } = await post(hook.url, fixture('console-help.json'), { authorization: basic(USER, `${PASSWORD}!`), 'x-webhook-token': TOKEN });
    expect(status).toBe(401);
  });

  it('token only: a wrong token → 401 without a Basic challenge', async () => {
    const hook = await start(authConfig({ webhookUser: undefined, webhookPassword: undefined }));
    const { status, headers } = await post(hook.url, fixture('console-help.json'), { 'x-webhook-token': 'nope-nope-nope-nope' });
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBeNull();
  });

  it('basic only: a malformed Authorization header → 401', async () => {
    const hook = await start(authConfig({ webhookToken: undefined }));
    const { status } = await post(hook.url, fixture('console-help.json'), { authorization: 'Basic !!!' });
    expect(status).toBe(401);
  });

  it('rejects before reading the body: an unauthenticated oversized body is a 401, not a 413', async () => {
    const hook = await start(authConfig());
    const { status } = await post(hook.url, { padding: 'x'.repeat(70 * 1024) }, {});
    expect(status).toBe(401);
  });

  it('with nothing configured the webhook is disabled: 503 WEBHOOK_DISABLED, and one warning at start', async () => {
    const { logger, lines } = captureLogger();
    const hook = await start(authConfig({ webhookUser: undefined, webhookPassword: undefined, webhookToken: undefined }), logger);
    for (let i = 0; i < 2; i++) {
      const { status, json } = await post(hook.url, fixture('console-help.json'), GOOD_HEADERS);
      expect(status).toBe(503);
      expect(json).toMatchObject({ error: { code: 'WEBHOOK_DISABLED' } });
    }
    expect(lines.filter((l) => l.includes('dialogflow-webhook-disabled'))).toHaveLength(1);
  });
});

describe('Dialogflow webhook with authentication switched off on purpose', () => {
  it('accepts calls without credentials and warns once at start', async () => {
    const { service } = buildService();
    const spy = new SpyService(service);
    const { logger, lines } = captureLogger();
    const hook = await startWebhook({
      service: spy.asService(),
      logger,
      auth: authConfig({ webhookUser: undefined, webhookPassword: undefined, webhookToken: undefined, allowUnauthenticated: true }),
    });
    try {
      const { status, json } = await post(hook.url, fixture('console-help.json'), {});
      expect(status).toBe(200);
      WebhookResponseSchema.parse(json);
      expect(spy.turns).toHaveLength(1);
      expect(lines.filter((l) => l.includes('dialogflow-webhook-unauthenticated'))).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });

  it('still requires credentials when some are configured, whatever the flag says', async () => {
    const spy = new SpyService();
    const hook = await startWebhook({ service: spy.asService(), auth: authConfig({ allowUnauthenticated: true }) });
    try {
      expect((await post(hook.url, fixture('console-help.json'), {})).status).toBe(401);
      expect(spy.turns).toHaveLength(0);
    } finally {
      await hook.close();
    }
  });
});
