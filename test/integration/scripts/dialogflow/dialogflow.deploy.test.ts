import { generateKeyPairSync, verify } from 'node:crypto';
import nock from 'nock';
import { ZipFile } from 'yazl';
import { agentParent, describeGoogleError, sessionPath, upstreamError } from '../../../../scripts/dialogflow/dialogflow-api.client';
import { configureFulfillment, restoreAgent } from '../../../../scripts/dialogflow/dialogflow.deploy';
import { runSmokeConversation, type SmokeReply } from '../../../../scripts/dialogflow/dialogflow.smoke';
import { AppError } from '../../../../src/errors/app-error';

const API = 'https://dialogflow.googleapis.com';
const PROJECT = 'lifepath-demo';
const TARGET = { projectId: PROJECT, location: 'global' };
const FAST_POLL = { initialDelayMs: 5, maxDelayMs: 5, timeoutMs: 5000 };

// A throwaway service account: the client signs real JWTs with it, and nothing leaves the machine.
const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const CLIENT_EMAIL = `deployer@${PROJECT}.iam.gserviceaccount.com`;
/**
 * gaxios loads node-fetch with a dynamic import(), which jest's CommonJS sandbox cannot run, so
 * the tests hand it Node's own fetch. Requests, URLs, bodies and auth are built by the Google
 * client exactly as in production; only the socket-level library differs.
 */
const CLIENT = {
  credentials: { client_email: CLIENT_EMAIL, private_key: privateKey },
  clientOptions: { transporterOptions: { fetchImplementation: fetch } },
};

/** The client either exchanges a signed JWT at the token endpoint or sends a self-signed JWT; both are fake here. */
function fakeTokenEndpoint() {
  return nock('https://oauth2.googleapis.com').persist().post('/token').optionally().reply(200, { access_token: 'fake-access-token', expires_in: 3600, token_type: 'Bearer' });
}

/** The bearer token must be ours: either the fake access token, or a JWT signed by the fake key. */
function expectOurCredentials(authorization: string | undefined): void {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  expect(token).toBeDefined();
  if (token === 'fake-access-token') return;
  const [header, payload, signature] = token!.split('.');
  expect(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature!, 'base64url'))).toBe(true);
  expect(JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'))).toMatchObject({ iss: CLIENT_EMAIL });
}

function agentZip(): Promise<Buffer> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from('{"displayName":"lifepath","language":"en"}'), 'agent.json', { mtime: new Date(2020, 0, 1) });
  zip.addBuffer(Buffer.from('{"version":"1.0.0"}'), 'package.json', { mtime: new Date(2020, 0, 1) });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.end();
  });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a failure');
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => {
  nock.enableNetConnect();
});
beforeEach(() => {
  fakeTokenEndpoint();
});
afterEach(() => {
  nock.cleanAll();
});

describe('restoreAgent', () => {
  it('sends the zip to agent:restore for the project and waits for the operation to finish', async () => {
    const zip = await agentZip();
    let sentBody: unknown;
    let authorization: string | undefined;
    const api = nock(API)
      .post(`/v2/projects/${PROJECT}/agent:restore`)
      .query(true)
      .reply(function (_uri, body) {
        sentBody = body;
        authorization = this.req.headers.authorization as string | undefined;
        return [200, { name: `projects/${PROJECT}/operations/restore-1`, done: false }];
      })
      .get(`/v2/projects/${PROJECT}/operations/restore-1`)
      .query(true)
      .reply(200, { name: `projects/${PROJECT}/operations/restore-1`, done: false })
      .get(`/v2/projects/${PROJECT}/operations/restore-1`)
      .query(true)
      .reply(200, { name: `projects/${PROJECT}/operations/restore-1`, done: true, response: { '@type': 'type.googleapis.com/google.protobuf.Empty' } });

    const result = await restoreAgent({ target: TARGET, agentZip: zip, client: CLIENT, poll: FAST_POLL });

    expect(api.isDone()).toBe(true);
    expect(sentBody).toEqual({ agentContent: zip.toString('base64') });
    expectOurCredentials(authorization);
    expect(result).toMatchObject({ parent: `projects/${PROJECT}`, operation: `projects/${PROJECT}/operations/restore-1`, bytes: zip.length });
  });

  it('uses the regional endpoint and parent for a regional agent', async () => {
    const zip = await agentZip();
    const api = nock('https://europe-west2-dialogflow.googleapis.com')
      .post(`/v2/projects/${PROJECT}/locations/europe-west2/agent:restore`, { agentContent: zip.toString('base64') })
      .query(true)
      .reply(200, { name: `projects/${PROJECT}/locations/europe-west2/operations/op-9`, done: true, response: { '@type': 'type.googleapis.com/google.protobuf.Empty' } });
    const result = await restoreAgent({ target: { projectId: PROJECT, location: 'europe-west2' }, agentZip: zip, client: CLIENT, poll: FAST_POLL });
    expect(api.isDone()).toBe(true);
    expect(result.parent).toBe(`projects/${PROJECT}/locations/europe-west2`);
  });

  it('403 PERMISSION_DENIED → UPSTREAM_FAILED saying which role and API are missing', async () => {
    nock(API)
      .post(`/v2/projects/${PROJECT}/agent:restore`)
      .query(true)
      .reply(403, { error: { code: 403, message: `Permission 'dialogflow.agents.restore' denied on resource 'projects/${PROJECT}'.`, status: 'PERMISSION_DENIED' } });
    const error = await failure(restoreAgent({ target: TARGET, agentZip: await agentZip(), client: CLIENT, poll: FAST_POLL }));
    expect(error.code).toBe('UPSTREAM_FAILED');
    expect(error.httpStatus).toBe(502);
    expect(error.message).toContain('restoreAgent failed (PERMISSION_DENIED)');
    expect(error.message).toContain('Dialogflow API Admin');
    expect(error.message).toContain("Permission 'dialogflow.agents.restore' denied");
  });

  it('404 → UPSTREAM_FAILED saying there is no agent in that project', async () => {
    nock(API)
      .post('/v2/projects/no-such-project/agent:restore')
      .query(true)
      .reply(404, { error: { code: 404, message: 'Project not found or no agent.', status: 'NOT_FOUND' } });
    const error = await failure(restoreAgent({ target: { projectId: 'no-such-project', location: 'global' }, agentZip: await agentZip(), client: CLIENT, poll: FAST_POLL }));
    expect(error.code).toBe('UPSTREAM_FAILED');
    expect(error.message).toMatch(/\(NOT_FOUND\).*no Dialogflow ES agent at projects\/no-such-project.*DIALOGFLOW_PROJECT_ID/);
  });

  it('an operation that finishes with an error → UPSTREAM_FAILED with the reason', async () => {
    nock(API)
      .post(`/v2/projects/${PROJECT}/agent:restore`)
      .query(true)
      .reply(200, { name: `projects/${PROJECT}/operations/restore-2`, done: false })
      .get(`/v2/projects/${PROJECT}/operations/restore-2`)
      .query(true)
      .reply(200, { name: `projects/${PROJECT}/operations/restore-2`, done: true, error: { code: 3, message: 'Invalid agent zip: intents/AnswerIntent.json is malformed.' } });
    const error = await failure(restoreAgent({ target: TARGET, agentZip: await agentZip(), client: CLIENT, poll: FAST_POLL }));
    expect(error.message).toContain('(INVALID_ARGUMENT)');
    expect(error.message).toContain('intents/AnswerIntent.json is malformed');
  });

  it('refuses to send something that is not a zip, without calling Google', async () => {
    const api = nock(API).post(/.*/).query(true).reply(200, {});
    const error = await failure(restoreAgent({ target: TARGET, agentZip: Buffer.from('not a zip at all, really not'), client: CLIENT }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('npm run dialogflow:zip');
    expect(api.isDone()).toBe(false);
  });
});

describe('configureFulfillment', () => {
  const AUTH = { webhookUser: 'dialogflow', webhookPassword: 'pw-0123456789', webhookToken: 'token-0123456789abcdef', allowUnauthenticated: false };

  it('points fulfillment at the webhook with basic auth and the token header', async () => {
    let sent: { query?: unknown; body?: unknown; authorization?: string } = {};
    const api = nock(API)
      .patch(`/v2/projects/${PROJECT}/agent/fulfillment`)
      .query((q) => {
        sent.query = { ...q };
        return true;
      })
      .reply(function (_uri, body) {
        sent = { ...sent, body, authorization: this.req.headers.authorization as string | undefined };
        return [200, { name: `projects/${PROJECT}/agent/fulfillment`, enabled: true }];
      });
    const result = await configureFulfillment({ target: TARGET, webhookUrl: 'https://lifepath.example.org/dialogflow', auth: AUTH, client: CLIENT });
    expect(api.isDone()).toBe(true);
    expect(sent.query).toMatchObject({ updateMask: 'generic_web_service,enabled' });
    expect(sent.body).toEqual({
      enabled: true,
      genericWebService: {
        uri: 'https://lifepath.example.org/dialogflow',
        username: 'dialogflow',
        password: 'pw-0123456789',
        requestHeaders: { 'x-webhook-token': 'token-0123456789abcdef' },
      },
    });
    expectOurCredentials(sent.authorization);
    expect(result).toEqual({ name: `projects/${PROJECT}/agent/fulfillment`, uri: 'https://lifepath.example.org/dialogflow', basicAuth: true, tokenHeader: true });
  });

  it('sends only the token header when only a token is configured', async () => {
    let body: unknown;
    nock(API)
      .patch(`/v2/projects/${PROJECT}/agent/fulfillment`)
      .query(true)
      .reply(200, (_uri, b) => {
        body = b;
        return { name: `projects/${PROJECT}/agent/fulfillment` };
      });
    await configureFulfillment({ target: TARGET, webhookUrl: 'https://h.example.org/dialogflow', auth: { ...AUTH, webhookUser: undefined, webhookPassword: undefined }, client: CLIENT });
    expect(body).toEqual({ enabled: true, genericWebService: { uri: 'https://h.example.org/dialogflow', requestHeaders: { 'x-webhook-token': AUTH.webhookToken } } });
  });

  it('refuses plain http and a webhook without credentials, before calling Google', async () => {
    const api = nock(API).patch(/.*/).query(true).reply(200, {});
    expect((await failure(configureFulfillment({ target: TARGET, webhookUrl: 'http://h.example.org/dialogflow', auth: AUTH, client: CLIENT }))).message).toContain('HTTPS');
    const none = { webhookUser: undefined, webhookPassword: undefined, webhookToken: undefined, allowUnauthenticated: false };
    expect((await failure(configureFulfillment({ target: TARGET, webhookUrl: 'https://h.example.org/dialogflow', auth: none, client: CLIENT }))).code).toBe('BAD_REQUEST');
    expect(api.isDone()).toBe(false);
  });

  it('403 → UPSTREAM_FAILED', async () => {
    nock(API)
      .patch(`/v2/projects/${PROJECT}/agent/fulfillment`)
      .query(true)
      .reply(403, { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } });
    const error = await failure(configureFulfillment({ target: TARGET, webhookUrl: 'https://h.example.org/dialogflow', auth: AUTH, client: CLIENT }));
    expect(error.message).toContain('updateFulfillment failed (PERMISSION_DENIED)');
  });
});

describe('runSmokeConversation', () => {
  const SESSION = 'smoke-test-1';
  const DETECT = `/v2/projects/${PROJECT}/agent/sessions/${SESSION}:detectIntent`;

  function reply(text: string, intent: string, endConversation: boolean) {
    return {
      responseId: 'r',
      queryResult: { fulfillmentText: text, intent: { displayName: intent }, webhookPayload: { lifepath: { kind: 'x', endConversation } } },
    };
  }

  it('sends the welcome event, then the words, in the agent language, and collects every reply', async () => {
    const bodies: unknown[] = [];
    const answers = [
      reply('Hello! Shall we talk about money, getting around or food?', 'Default Welcome Intent', false),
      reply('What is a dream you have about money?', 'ChooseDomainIntent', false),
      reply('Thank you. Why does that matter to you?', 'AnswerFallbackIntent', false),
      reply('Thanks for talking with me. Take care.', 'StopIntent', true),
    ];
    const api = nock(API)
      .post(DETECT)
      .query(true)
      .times(4)
      .reply(function (_uri, body) {
        bodies.push(body);
        expectOurCredentials(this.req.headers.authorization as string | undefined);
        return [200, answers[bodies.length - 1]];
      });
    const printed: SmokeReply[] = [];
    const replies = await runSmokeConversation({ target: TARGET, languageCode: 'en', sessionId: SESSION, client: CLIENT, onReply: (r) => printed.push(r) });
    expect(api.isDone()).toBe(true);
    expect(bodies).toEqual([
      { queryInput: { event: { name: 'WELCOME', languageCode: 'en' } } },
      { queryInput: { text: { text: 'money', languageCode: 'en' } } },
      { queryInput: { text: { text: 'i would like to save enough to buy a small flat', languageCode: 'en' } } },
      { queryInput: { text: { text: 'stop', languageCode: 'en' } } },
    ]);
    expect(replies.map((r) => [r.intent, r.endConversation])).toEqual([
      ['Default Welcome Intent', false],
      ['ChooseDomainIntent', false],
      ['AnswerFallbackIntent', false],
      ['StopIntent', true],
    ]);
    expect(printed).toEqual(replies);
  });

  it('fails on an empty reply', async () => {
    nock(API).post(DETECT).query(true).reply(200, reply('', 'Default Welcome Intent', false));
    const error = await failure(runSmokeConversation({ target: TARGET, languageCode: 'en', sessionId: SESSION, client: CLIENT }));
    expect(error.message).toContain('Empty reply to "(event WELCOME)"');
  });

  it('fails when Dialogflow covered a webhook error with the static text', async () => {
    nock(API)
      .post(DETECT)
      .query(true)
      .reply(200, {
        queryResult: { fulfillmentText: "Sorry, I can't reach my notes right now.", intent: { displayName: 'Default Welcome Intent' } },
        webhookStatus: { code: 14, message: 'Webhook call failed. Error: UNAVAILABLE, State: URL_UNREACHABLE.' },
      });
    const error = await failure(runSmokeConversation({ target: TARGET, languageCode: 'en', sessionId: SESSION, client: CLIENT }));
    expect(error.message).toMatch(/webhook failed .*URL_UNREACHABLE/);
  });

  it('fails when a reply did not come from the Lifepath webhook', async () => {
    nock(API)
      .post(DETECT)
      .query(true)
      .reply(200, { queryResult: { fulfillmentText: 'Hi! How are you doing?', intent: { displayName: 'Default Welcome Intent' } } });
    const error = await failure(runSmokeConversation({ target: TARGET, languageCode: 'en', sessionId: SESSION, client: CLIENT }));
    expect(error.message).toContain('did not come from the Lifepath webhook');
  });

  it('an API error → UPSTREAM_FAILED', async () => {
    nock(API)
      .post(DETECT)
      .query(true)
      .reply(403, { error: { code: 403, message: 'Dialogflow API has not been used in project 123 before or it is disabled.', status: 'PERMISSION_DENIED' } });
    const error = await failure(runSmokeConversation({ target: TARGET, languageCode: 'en-gb', sessionId: SESSION, client: CLIENT }));
    expect(error.code).toBe('UPSTREAM_FAILED');
    expect(error.message).toContain('detectIntent failed (PERMISSION_DENIED)');
  });
});

describe('Google API helpers', () => {
  it('names the agent and sessions for global and regional agents', () => {
    expect(agentParent(TARGET)).toBe('projects/lifepath-demo');
    expect(sessionPath({ projectId: 'p', location: 'us-central1' }, 's')).toBe('projects/p/locations/us-central1/agent/sessions/s');
  });

  it('reads gRPC-coded errors', () => {
    expect(describeGoogleError({ code: 7, message: 'denied' })).toEqual({ status: 'PERMISSION_DENIED', message: 'denied' });
    expect(describeGoogleError({ code: 5, message: 'first line\nsecond line' })).toEqual({ status: 'NOT_FOUND', message: 'first line' });
  });

  it('tells the user how to provide credentials when there are none', () => {
    const error = upstreamError('restoreAgent', TARGET, new Error('Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.'));
    expect(error.code).toBe('UPSTREAM_FAILED');
    expect(error.message).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    expect(error.message).toContain('gcloud auth application-default login');
  });
});
