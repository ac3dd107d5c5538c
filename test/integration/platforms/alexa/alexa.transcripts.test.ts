import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildLambda } from '../../../../scripts/build-lambda';
import { buildService, EngineDriver, TEST_SECRET } from '../../../transcripts/engine.driver';
import { checkReplyRules, runTranscript } from '../../../transcripts/transcript.runner';
import { TRANSCRIPTS } from '../../../transcripts/transcripts';
import { AlexaDriver } from '../../../transcripts/alexa.driver';
import { startLambdaHost, type LambdaHost } from '../../../support/lambda.host';

/**
 * The shared transcripts through the real Alexa path: the generated interaction model, the
 * bundled lambda/dist/index.js (built here, as `npm run build` does), and virtual-alexa as the
 * client. Every reply must be word for word what the engine says for the same session.
 */
describe('transcripts through the built Lambda with virtual-alexa', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-alexa-'));
  const { service } = buildService();
  let host: LambdaHost;

  beforeAll(async () => {
    await buildLambda();
    host = await startLambdaHost({ DATA_DIR: dataDir, PSEUDONYM_SECRET: TEST_SECRET, LOG_LEVEL: 'warn' });
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
  });

  it.each(TRANSCRIPTS.map((t, i) => [t.name, t, i] as const))('%s', async (_name, transcript, i) => {
    const userId = `amzn1.ask.account.transcript-${i}`;
    const alexa = new AlexaDriver(host.invoke);
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
});
