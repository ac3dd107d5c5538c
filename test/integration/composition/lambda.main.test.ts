import path from 'node:path';
import type { RequestEnvelope, ResponseEnvelope, ui } from 'ask-sdk-model';
import { loadContent } from '../../../src/content/content.loader';
import { fixture, requestFixture } from '../../support/alexa.fixtures';

type LambdaHandler = (event: RequestEnvelope) => Promise<ResponseEnvelope>;

const CONTENT_DIR = path.resolve(__dirname, '..', '..', '..', 'content');
const CONTENT = loadContent(CONTENT_DIR);
// Port 1 on loopback refuses at once, so the start fails the way an unreachable database does.
const UNREACHABLE = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', PSEUDONYM_SECRET: 'lambda-test-secret-0123456789', LOG_LEVEL: 'silent' };

/** A fresh copy of the Lambda entry (it caches its start) under the given environment. */
function lambdaWith(env: Record<string, string>): LambdaHandler {
  Object.assign(process.env, env);
  let handler: LambdaHandler | undefined;
  jest.isolateModules(() => {
    handler = (require('../../../src/composition/lambda.main') as { handler: LambdaHandler }).handler;
  });
  return handler!;
}

const text = (r: ResponseEnvelope) => (r.response.outputSpeech as ui.PlainTextOutputSpeech | undefined)?.text;

describe('Lambda entry when the service cannot start', () => {
  const saved = { ...process.env };
  let stderr: jest.SpyInstance;

  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stderr.mockRestore();
    process.env = { ...saved };
  });

  it.each(['en-GB', 'en-US'])('says the %s unavailable line from content and closes the session', async (locale) => {
    const handler = lambdaWith({ ...UNREACHABLE, CONTENT_DIR });
    const launch = fixture('launch-request.json');
    launch.request.locale = locale;
    const response = await handler(launch);
    expect(text(response)).toBe(CONTENT.forLocale(locale).common.unavailable);
    expect(response.response.shouldEndSession).toBe(true);
    expect(String(stderr.mock.calls[0]?.[0])).toContain('lambda-init-failed');
  });

  it.each(['AudioPlayer.PlaybackStarted', 'System.ExceptionEncountered', 'AlexaSkillEvent.SkillEnabled', 'SessionEndedRequest', 'CanFulfillIntentRequest'])(
    'stays silent on %s, where speech is not allowed',
    async (type) => {
      const handler = lambdaWith({ ...UNREACHABLE, CONTENT_DIR });
      const response = await handler(requestFixture(type)!);
      expect(response.response).toEqual({});
    },
  );

  it('falls back to a fixed English line only when the content itself cannot be read', async () => {
    const handler = lambdaWith({ ...UNREACHABLE, CONTENT_DIR: path.join(CONTENT_DIR, 'no-such-folder') });
    const launch = fixture('launch-en-gb.json');
    const response = await handler(launch);
    expect(text(response)).toMatch(/^Sorry, I can't talk right now/);
    expect(text(response)).not.toBe(CONTENT.forLocale('en-GB').common.unavailable);
  });
});
