import { buildService, countStoredAnswers, EngineDriver } from '../../../transcripts/engine.driver';
import { TerminalDriver } from '../../../transcripts/terminal.driver';
import { checkReplyRules, runTranscript } from '../../../transcripts/transcript.runner';
import { TRANSCRIPTS } from '../../../transcripts/transcripts';
import { INTENT_TABLE } from '../../../../src/platforms/intent.table';

/**
 * The shared transcripts as typed into `npm run chat`: lines through the terminal's utterance
 * parser (commands as a sample phrase of the voice models) into the service, in process. Every
 * reply must be the kind the script expects and word for word what the engine says.
 */
describe('transcripts through the terminal chat', () => {
  const { service, store } = buildService();

  it.each(TRANSCRIPTS.map((t, i) => [t.name, t, i] as const))('%s', async (_name, transcript, i) => {
    const userId = `terminal-transcript-${i}`;
    const onTerminal = await runTranscript(new TerminalDriver(service), transcript, userId);
    const inEngine = await runTranscript(new EngineDriver(buildService().service), transcript, userId);
    expect(checkReplyRules(onTerminal)).toEqual([]);
    expect(onTerminal.flat().map((s) => s.reply.kind)).toEqual(transcript.sessions.flatMap((s) => s.steps.map((step) => step.expect)));
    expect(onTerminal.flat().map((s) => s.reply.speech)).toEqual(inEngine.flat().map((s) => s.reply.speech));
    if (transcript.storedAnswers !== undefined) expect(await countStoredAnswers(store, 'terminal', userId)).toBe(transcript.storedAnswers);
  });

  it('asks about a partner in words the voice models were taught, not by the action name', async () => {
    const driver = new TerminalDriver(service);
    const offer = TRANSCRIPTS.find((t) => t.sessions.some((s) => s.steps.some((step) => step.as === 'ask-about-partner')));
    await runTranscript(driver, offer!, 'terminal-lines');
    const whoAreThey = INTENT_TABLE.intents.find((entry) => entry.action === 'ask-about-partner')!.samples['en-US']!;
    expect(driver.lines.filter((line) => whoAreThey.includes(line))).toHaveLength(1);
    expect(driver.lines).not.toContain('ask-about-partner');
  });
});
