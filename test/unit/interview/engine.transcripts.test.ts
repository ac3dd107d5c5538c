import { buildService, countStoredAnswers, EngineDriver } from '../../transcripts/engine.driver';
import { checkReplyRules, runTranscript } from '../../transcripts/transcript.runner';
import { TRANSCRIPTS } from '../../transcripts/transcripts';

describe('transcripts through the interview service', () => {
  const { service, store } = buildService();

  it.each(TRANSCRIPTS.map((t, i) => [t.name, t, i] as const))('%s', async (_name, transcript, i) => {
    const userId = `engine-user-${i}`;
    const recorded = await runTranscript(new EngineDriver(service), transcript, userId);
    const kinds = recorded.flat().map(({ reply }) => reply.kind);
    expect(kinds).toEqual(transcript.sessions.flatMap((s) => s.steps.map((step) => step.expect)));
    expect(checkReplyRules(recorded)).toEqual([]);
    if (transcript.storedAnswers !== undefined) {
      expect(await countStoredAnswers(store, 'terminal', userId)).toBe(transcript.storedAnswers);
    }
  });
});
