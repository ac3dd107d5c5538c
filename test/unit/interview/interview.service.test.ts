import { AppError } from '../../../src/errors/app-error';
import type { InsightStore, TurnWrite } from '../../../src/persistence/insight-store.port';
import { openMemoryStore } from '../../../src/persistence/memory/insight-store.memory';
import { createLogger } from '../../../src/logging/logger';
import type { ConversationState, CustomerAction } from '../../../src/interview/interview.types';
import { InterviewService } from '../../../src/interview/interview.service';
import { buildService, CONTENT_DIR, TEST_SECRET } from '../../transcripts/engine.driver';
import { InterviewEngine } from '../../../src/interview/engine/interview.engine';
import { loadContent } from '../../../src/content/content.loader';
import { createThemeClassifier } from '../../../src/classifier/theme.classifier';
import { HOME_PARTNERS, TO_PARTNER_OFFER } from './partner-offer.fixtures';
import { silentLogger } from '../../../src/logging/logger';
import { createPseudonymizer } from '../../../src/privacy/respondent.pseudonymizer';
import { createPiiRedactor } from '../../../src/privacy/pii.redactor';
import { createInformativenessMeter } from '../../../src/quality/informativeness.meter';
import type { SessionQualityRecord } from '../../../src/persistence/insight-store.port';

/** A real memory store whose writes can be made to fail, as a database outage would. */
function flakyStore(): InsightStore & { failing: boolean } {
  const inner = openMemoryStore();
  const store = Object.create(inner) as InsightStore & { failing: boolean };
  store.failing = false;
  store.writeTurn = async (w) => {
    if (store.failing) throw new AppError('STORE_UNAVAILABLE', 'database unreachable');
    return inner.writeTurn(w);
  };
  store.eraseRespondent = async (id) => {
    if (store.failing) throw new AppError('STORE_UNAVAILABLE', 'database unreachable');
    return inner.eraseRespondent(id);
  };
  return store;
}

async function talk(service: InterviewService, actions: CustomerAction[], user = 'user-1') {
  let state: ConversationState | null = null;
  const outs = [];
  for (const action of actions) {
    const out = await service.handle({ platform: 'alexa', platformUserId: user, platformSessionId: `${user}-session`, locale: 'en-US', action, state });
    outs.push(out);
    state = out.state;
  }
  return outs;
}

async function summaries(store: InsightStore): Promise<SessionQualityRecord[]> {
  const out: SessionQualityRecord[] = [];
  for await (const s of store.sessionQuality()) out.push(s);
  return out;
}

/** A store that records every write it is given, over a real memory store. */
function recordingStore(): InsightStore & { writes: TurnWrite[] } {
  const inner = openMemoryStore();
  const store = Object.create(inner) as InsightStore & { writes: TurnWrite[] };
  store.writes = [];
  store.writeTurn = async (w) => {
    store.writes.push(w);
    return inner.writeTurn(w);
  };
  return store;
}

describe('InterviewService', () => {
  it('stores redacted answers under a pseudonymous id, never the raw platform id', async () => {
    const { service, store } = buildService();
    await talk(service, [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }, { type: 'answer', text: 'call me on 07700 900123 about my mortgage' }], 'amzn1.ask.account.RAW');
    const answers = [];
    for await (const a of store.exportAnswers()) answers.push(a);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.text).toContain('[PHONE]');
    expect(answers[0]!.text).not.toContain('07700');
    expect(answers[0]!.redactions).toContain('PHONE');
    // Counted on what is stored: the two spoken number groups became one placeholder.
    expect(answers[0]!.wordCount).toBe(7);
    expect(answers[0]!.respondentId).toBe(createPseudonymizer(TEST_SECRET)('alexa', 'amzn1.ask.account.RAW'));
    expect(JSON.stringify(answers)).not.toContain('amzn1.ask.account.RAW');
  });

  it('stores each answer’s bits, measured on the redacted text, and marks the follow-up answer as a probe', async () => {
    const { service, store } = buildService();
    await talk(service, [
      { type: 'launch' },
      { type: 'choose-domain', domain: 'money' },
      { type: 'answer', text: 'buying a house, mail me at someone@example.com' },
      { type: 'answer', text: 'with a big garden for the kids to play in and a shed' },
    ]);
    const answers = [];
    for await (const a of store.exportAnswers()) answers.push(a);
    expect(answers.map((a) => a.isProbe)).toEqual([false, true]);
    const meter = createInformativenessMeter();
    expect(answers[0]!.text).toContain('[EMAIL]');
    // The placeholder counts nothing: the stored bits are those of the words around it.
    expect(answers[0]!.bits).toBe(meter.bits('buying a house, mail me at'));
    expect(answers[1]!.bits).toBe(meter.bits('with a big garden for the kids to play in and a shed'));
  });

  it('keeps the answer, unmeasured, when the informativeness table cannot be read, and says so in the log by code only', async () => {
    const lines: string[] = [];
    const store = openMemoryStore();
    const service = new InterviewService({
      engine: buildService().engine,
      store,
      redactor: createPiiRedactor(),
      pseudonymize: createPseudonymizer(TEST_SECRET),
      logger: createLogger('debug', (line) => lines.push(line)),
      informativeness: {
        bits: () => {
          throw new AppError('CONTENT_INVALID', 'content/quality/word-surprisal.json: missing');
        },
      },
    });
    const outs = await talk(service, [{ type: 'launch' }, { type: 'choose-domain', domain: 'food' }, { type: 'answer', text: 'eating more vegetables' }]);
    expect(outs[2]!.speech).not.toMatch(/couldn't save/);
    const answers = [];
    for await (const a of store.exportAnswers()) answers.push(a);
    expect(answers.map((a) => [a.text, a.bits])).toEqual([['eating more vegetables', null]]);
    const failure = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'quality-measure-failed');
    expect(failure).toMatchObject({ level: 'error', code: 'CONTENT_INVALID' });
  });

  it('logs how long the informativeness table took to load, once, on the first answer', async () => {
    const lines: string[] = [];
    const service = new InterviewService({
      engine: buildService().engine,
      store: openMemoryStore(),
      redactor: createPiiRedactor(),
      pseudonymize: createPseudonymizer(TEST_SECRET),
      logger: createLogger('debug', (line) => lines.push(line)),
    });
    const loaded = (): Record<string, unknown>[] =>
      lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'quality-table-loaded');
    await talk(service, [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }]);
    expect(loaded()).toEqual([]);
    await talk(service, [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }, { type: 'answer', text: 'a house' }, { type: 'answer', text: 'by the sea' }], 'user-2');
    expect(loaded()).toEqual([expect.objectContaining({ count: 20_000, durationMs: expect.any(Number) })]);
  });

  it('summarises the session: non-answers, follow-ups, and the phase the customer left from', async () => {
    const { service, store } = buildService();
    await talk(service, [
      { type: 'launch' },
      { type: 'choose-domain', domain: 'money' },
      { type: 'answer', text: 'dunno' },
      { type: 'answer', text: 'buying a house' },
      { type: 'answer', text: 'with a big garden for the kids to play in and a shed' },
      { type: 'stop' },
    ]);
    const [session] = await summaries(store);
    expect(session).toMatchObject({
      endedReason: 'stopped',
      // Where they were when they said stop, not "ended".
      lastPhase: 'question',
      answers: 2,
      nonAnswers: 1,
      probesAsked: 1,
      probesAnswered: 1,
      probesYieldingMoreWords: 1,
      domains: [{ domain: 'money', asked: 2, answered: 1, completed: false }],
      domainsCompleted: 0,
    });
    expect(session!.totalBits).toBeGreaterThan(0);
  });

  it('keeps where an abandoned session was, though it never sends a last turn', async () => {
    const store = recordingStore();
    const { service } = buildService(store);
    const outs = await talk(service, [{ type: 'launch' }, { type: 'choose-domain', domain: 'food' }, { type: 'answer', text: 'dunno' }]);
    // The non-answer stores nothing, but the turn that counted it is still written.
    expect(outs[2]!.effects).toEqual([]);
    expect(await summaries(store)).toEqual([expect.objectContaining({ endedAt: null, endedReason: null, lastPhase: 'question', nonAnswers: 1, answers: 0 })]);
    // A help turn moves none of the measures, so it costs no write.
    const writes = store.writes.length;
    await service.handle({ platform: 'alexa', platformUserId: 'user-1', platformSessionId: 'user-1-session', locale: 'en-US', action: { type: 'help' }, state: outs[2]!.state });
    expect(store.writes).toHaveLength(writes);
  });

  it('tells the customer when an answer could not be kept, and the session goes on', async () => {
    const store = flakyStore();
    const { service } = buildService(store);
    const outs = await talk(service, [{ type: 'launch' }, { type: 'choose-domain', domain: 'food' }]);
    store.failing = true;
    const third = await service.handle({ platform: 'alexa', platformUserId: 'user-1', platformSessionId: 'user-1-session', locale: 'en-US', action: { type: 'answer', text: 'eating more vegetables' }, state: outs[1]!.state });
    expect(third!.speech).toMatch(/^I'm sorry, because of a problem on my side I couldn't save that\./);
    expect(third!.endSession).toBe(false);
    expect(third!.kind).toBe('probe');
  });

  it('promises nothing about a partner when the consent could not be stored', async () => {
    const store = flakyStore();
    const engine = new InterviewEngine({ content: loadContent(CONTENT_DIR), classifier: createThemeClassifier(), partners: HOME_PARTNERS });
    const service = new InterviewService({ engine, store, redactor: createPiiRedactor(), pseudonymize: createPseudonymizer(TEST_SECRET), logger: silentLogger });
    const outs = await talk(service, TO_PARTNER_OFFER);
    expect(outs[5]!.kind).toBe('partner-offer');
    store.failing = true;
    const out = await service.handle({ platform: 'alexa', platformUserId: 'user-1', platformSessionId: 'user-1-session', locale: 'en-US', capabilities: { cards: true, contactPermission: true }, action: { type: 'yes' }, state: outs[5]!.state });
    expect(out.card).toBeUndefined();
    expect(out.askPermission).toBeUndefined();
    expect(out.speech).toMatch(/^I'm sorry, because of a problem on my side I couldn't save that\./);
    expect(out.speech).not.toMatch(/sent you/);
    expect(out.state.closingNotes).toEqual([]);
    expect(out.endSession).toBe(false);
  });

  it('stores hand-offs under ids from the engine\'s one id source, as answers are', async () => {
    const writes: TurnWrite[] = [];
    const inner = openMemoryStore();
    const store = Object.create(inner) as InsightStore;
    store.writeTurn = async (w) => {
      writes.push(w);
      return inner.writeTurn(w);
    };
    let n = 0;
    const engine = new InterviewEngine({ content: loadContent(CONTENT_DIR), classifier: createThemeClassifier(), partners: HOME_PARTNERS, newId: () => `id-${++n}` });
    const service = new InterviewService({ engine, store, redactor: createPiiRedactor(), pseudonymize: createPseudonymizer(TEST_SECRET), logger: silentLogger });
    const outs = await talk(service, [...TO_PARTNER_OFFER, { type: 'yes' }]);
    const handoff = outs.at(-1)!.effects.find((e) => e.kind === 'handoff');
    expect(writes.flatMap((w) => w.answers.map((a) => a.id))).toEqual(['id-1']);
    expect(writes.flatMap((w) => w.handoffs.map((h) => h.id))).toEqual(['id-2']);
    expect(handoff).toMatchObject({ id: 'id-2' });
  });

  it('never claims an erasure that failed', async () => {
    const store = flakyStore();
    const { service } = buildService(store);
    const outs = await talk(service, [{ type: 'launch' }, { type: 'delete-data' }]);
    store.failing = true;
    const out = await service.handle({ platform: 'alexa', platformUserId: 'user-1', platformSessionId: 'user-1-session', locale: 'en-US', action: { type: 'yes' }, state: outs[1]!.state });
    expect(out.speech).toMatch(/couldn't delete your answers/);
    expect(out.speech).not.toMatch(/I've deleted/);
  });

  it('erases everything about the respondent on a confirmed delete', async () => {
    const { service, store } = buildService();
    await talk(service, [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }, { type: 'answer', text: 'saving for a deposit' }, { type: 'delete-data' }, { type: 'yes' }]);
    const left = [];
    for await (const a of store.exportAnswers()) left.push(a);
    expect(left).toEqual([]);
    expect(await store.loadRespondent(createPseudonymizer(TEST_SECRET)('alexa', 'user-1'))).toBeNull();
  });

  it('writes no answer text into the logs', async () => {
    const lines: string[] = [];
    const service = new InterviewService({
      engine: buildService().engine,
      store: flakyStore(),
      redactor: createPiiRedactor(),
      pseudonymize: createPseudonymizer(TEST_SECRET),
      logger: createLogger('debug', (line) => lines.push(line)),
    });
    const secretAnswer = 'my secret dream is a lighthouse in cornwall';
    await talk(service, [{ type: 'launch' }, { type: 'choose-domain', domain: 'money' }, { type: 'answer', text: secretAnswer }, { type: 'answer', text: secretAnswer }]);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain('lighthouse');
      expect(line).not.toContain('user-1');
    }
  });
});
