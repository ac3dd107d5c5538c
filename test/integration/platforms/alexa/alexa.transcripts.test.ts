import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildService, EngineDriver, TEST_SECRET, TRANSCRIPT_PARTNERS_FILE } from '../../../transcripts/engine.driver';
import { checkReplyRules, runTranscript } from '../../../transcripts/transcript.runner';
import { TRANSCRIPTS } from '../../../transcripts/transcripts';
import { AlexaDriver } from '../../../transcripts/alexa.driver';
import { buildTemporaryLambda, startLambdaHost, type BuiltLambda, type LambdaHost } from '../../../support/lambda.host';

/**
 * The shared transcripts through the real Alexa path: the generated interaction model, the
 * Lambda bundle (built here as `npm run build` does, into a temporary folder), and virtual-alexa
 * as the client. Every reply must be word for word what the engine says for the same session.
 */
describe('transcripts through the built Lambda with virtual-alexa', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-alexa-'));
  const { service } = buildService();
  let lambda: BuiltLambda | undefined;
  let host: LambdaHost | undefined;

  beforeAll(async () => {
    lambda = await buildTemporaryLambda();
    host = await startLambdaHost(lambda.dir, { DATA_DIR: dataDir, PSEUDONYM_SECRET: TEST_SECRET, LOG_LEVEL: 'warn', PARTNERS_FILE: TRANSCRIPT_PARTNERS_FILE });
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    lambda?.remove();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function running(): LambdaHost {
    if (!host) throw new Error('the Lambda host did not start (see beforeAll)');
    return host;
  }

  it.each(TRANSCRIPTS.map((t, i) => [t.name, t, i] as const))('%s', async (_name, transcript, i) => {
    const userId = `amzn1.ask.account.transcript-${i}`;
    const alexa = new AlexaDriver(running().invoke);
    const onAlexa = await runTranscript(alexa, transcript, userId);
    const inEngine = await runTranscript(new EngineDriver(service), transcript, userId);
    expect(checkReplyRules(onAlexa)).toEqual([]);
    const alexaWords = onAlexa.flat().map((s) => s.reply.speech);
    const engineWords = inEngine.flat().map((s) => s.reply.speech);
    expect(alexaWords).toEqual(engineWords);
    // Utterances resolved through the generated model to the intended intents, never to Fallback by accident.
    const fallbacks = alexa.requests.filter((r) => r.intent === 'AMAZON.FallbackIntent').length;
    expect(fallbacks).toBe(transcript.sessions.flatMap((s) => s.steps).filter((s) => s.as === 'unknown').length);
  });

  // Runs after the transcripts (Jest keeps declaration order): at LOG_LEVEL=warn, any line means
  // the Lambda warned or failed somewhere while the replies still matched.
  it('logged no warning or error while serving the transcripts', () => {
    expect(running().output()).toBe('');
  });
});
