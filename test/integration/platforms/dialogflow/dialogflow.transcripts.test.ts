import { buildService, countStoredAnswers, EngineDriver } from '../../../transcripts/engine.driver';
import { checkReplyRules, runTranscript, type RecordedStep } from '../../../transcripts/transcript.runner';
import { TRANSCRIPTS, type Transcript } from '../../../transcripts/transcripts';
import { DialogflowDriver } from '../../../transcripts/dialogflow.driver';
import { startWebhook } from '../../../support/dialogflow.http';

/**
 * The shared transcripts through the real HTTP path: express app, authentication, request
 * validation, mapping, the service with real content and classifier, and the response as
 * Dialogflow receives it, with state carried only in contexts. Every reply must be word for
 * word what the engine says for the same session.
 *
 * Each test starts its own webhook and stores, so any one of them can run alone (`-t`) or in
 * any order and see the same thing.
 */
async function playOnDialogflow(transcript: Transcript, userId: string): Promise<{ recorded: RecordedStep[][]; intents: string[]; storedAnswers: number }> {
  const side = buildService();
  const hook = await startWebhook({ service: side.service });
  try {
    const driver = new DialogflowDriver(hook.url);
    const recorded = await runTranscript(driver, transcript, userId);
    // The Messenger-style user id reaches the service namespaced as a web user.
    const storedAnswers = await countStoredAnswers(side.store, 'dialogflow', `user:${userId}`);
    return { recorded, intents: driver.intents, storedAnswers };
  } finally {
    await hook.close();
  }
}

describe('transcripts through the Dialogflow webhook over HTTP', () => {
  it.each(TRANSCRIPTS.map((t, i) => [t.name, t, i] as const))('%s', async (_name, transcript, i) => {
    const userId = `df-transcript-${i}`;
    const onDialogflow = await playOnDialogflow(transcript, userId);
    const inEngine = await runTranscript(new EngineDriver(buildService().service), transcript, userId);

    expect(checkReplyRules(onDialogflow.recorded)).toEqual([]);
    expect(onDialogflow.recorded.flat().map((s) => s.reply.kind)).toEqual(transcript.sessions.flatMap((s) => s.steps.map((step) => step.expect)));
    expect(onDialogflow.recorded.flat().map((s) => s.reply.speech)).toEqual(inEngine.flat().map((s) => s.reply.speech));
    if (transcript.storedAnswers !== undefined) expect(onDialogflow.storedAnswers).toBe(transcript.storedAnswers);
  });

  it('went through every kind of intent the agent routes answers and commands to', async () => {
    const used = new Set<string>();
    for (const [i, transcript] of TRANSCRIPTS.entries()) {
      const { intents } = await playOnDialogflow(transcript, `df-coverage-${i}`);
      intents.forEach((intent) => used.add(intent));
    }
    for (const intent of ['Default Welcome Intent', 'ChooseDomainIntent', 'ChangeDomainIntent', 'AnswerIntent', 'AnswerFallbackIntent', 'Default Fallback Intent', 'StopIntent', 'YesIntent', 'NoIntent']) {
      expect(used).toContain(intent);
    }
  });
});
