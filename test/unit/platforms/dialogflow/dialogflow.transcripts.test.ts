import { buildService, countStoredAnswers, EngineDriver } from '../../../transcripts/engine.driver';
import { checkReplyRules, runTranscript } from '../../../transcripts/transcript.runner';
import { TRANSCRIPTS } from '../../../transcripts/transcripts';
import { DialogflowDriver } from '../../../transcripts/dialogflow.driver';
import { startWebhook, type RunningWebhook } from '../../../support/dialogflow.http';

/**
 * The shared transcripts through the real HTTP path: express app, authentication, request
 * validation, mapping, the service with real content and classifier, and the response as
 * Dialogflow receives it, with state carried only in contexts. Every reply must be word for
 * word what the engine says for the same session.
 */
describe('transcripts through the Dialogflow webhook over HTTP', () => {
  const dialogflowSide = buildService();
  const engineSide = buildService();
  const used = new Set<string>();
  let hook: RunningWebhook;

  beforeAll(async () => {
    hook = await startWebhook({ service: dialogflowSide.service });
  });
  afterAll(async () => {
    await hook.close();
  });

  it.each(TRANSCRIPTS.map((t, i) => [t.name, t, i] as const))('%s', async (_name, transcript, i) => {
    const userId = `df-transcript-${i}`;
    const dialogflow = new DialogflowDriver(hook.url);
    const onDialogflow = await runTranscript(dialogflow, transcript, userId);
    const inEngine = await runTranscript(new EngineDriver(engineSide.service), transcript, userId);
    dialogflow.intents.forEach((intent) => used.add(intent));

    expect(checkReplyRules(onDialogflow)).toEqual([]);
    expect(onDialogflow.flat().map((s) => s.reply.kind)).toEqual(transcript.sessions.flatMap((s) => s.steps.map((step) => step.expect)));
    expect(onDialogflow.flat().map((s) => s.reply.speech)).toEqual(inEngine.flat().map((s) => s.reply.speech));
    if (transcript.storedAnswers !== undefined) {
      // The Messenger-style user id reaches the service namespaced as a web user.
      expect(await countStoredAnswers(dialogflowSide.store, 'dialogflow', `user:${userId}`)).toBe(transcript.storedAnswers);
    }
  });

  it('went through every kind of intent the agent routes answers and commands to', () => {
    for (const intent of ['Default Welcome Intent', 'ChooseDomainIntent', 'ChangeDomainIntent', 'AnswerIntent', 'AnswerFallbackIntent', 'Default Fallback Intent', 'StopIntent', 'YesIntent', 'NoIntent']) {
      expect(used).toContain(intent);
    }
  });
});
