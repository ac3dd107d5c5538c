import { errorCodeOf } from '../errors/app-error';
import type { TurnStore, TurnWrite } from './turn-store.port';
import type { Logger } from '../logging/logger';
import type { PiiRedactor } from '../privacy/redaction.types';
import type { InterviewEngine } from './engine/interview.engine';
import { createInformativenessMeter, type InformativenessMeter } from '../quality/informativeness.meter';
import { progressMoved, sessionProgressOf } from '../quality/session-progress.builder';
import { countWords } from './words';
import type {
  Capabilities,
  ConversationState,
  CustomerAction,
  Effect,
  Platform,
  RespondentProfile,
  TurnOutput,
} from './interview.types';

export interface ServiceDeps {
  engine: InterviewEngine;
  store: TurnStore;
  redactor: PiiRedactor;
  /** Keyed hash of (platform, platform user id); see respondent-id.ts. */
  pseudonymize: (platform: string, platformId: string) => string;
  logger: Logger;
  /** Where the content is (the configured CONTENT_DIR), for the informativeness table under quality/. */
  contentDir?: string;
  /** Bits per answer; by default over `<contentDir>/quality/word-surprisal.json`, loaded on the first answer. */
  informativeness?: InformativenessMeter;
  now?: () => Date;
}

/** What an adapter hands over: raw platform ids, which stop here. */
export interface ServiceTurn {
  platform: Platform;
  platformUserId: string;
  platformSessionId: string;
  locale: string;
  /** What the customer's device can do; see Capabilities. */
  capabilities?: Capabilities;
  action: CustomerAction;
  /** The words heard this turn, where the platform gives them, even when they mapped to a command. */
  utterance?: string;
  state: ConversationState | null;
}

/**
 * Runs one engine turn with its I/O: loads a returning respondent, redacts and commits every
 * effect before the reply exists, and tells the customer (instead of pretending) when the store
 * could not keep an answer. Adapters call this; it knows no platform.
 */
export class InterviewService {
  private readonly now: () => Date;
  private readonly informativeness: InformativenessMeter;

  constructor(private readonly deps: ServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.informativeness =
      deps.informativeness ??
      createInformativenessMeter({
        contentDir: deps.contentDir,
        onLoad: ({ durationMs, words }) => deps.logger.info('quality-table-loaded', { durationMs, count: words }),
      });
  }

  async handle(turn: ServiceTurn): Promise<TurnOutput> {
    const started = Date.now();
    const respondentId = this.deps.pseudonymize(turn.platform, turn.platformUserId);
    const sessionId = this.deps.pseudonymize('session', turn.platformSessionId);
    const profile = turn.state === null ? await this.loadProfile(respondentId) : undefined;
    const output = this.deps.engine.turn({
      who: { userId: respondentId, sessionId, platform: turn.platform, locale: turn.locale, capabilities: turn.capabilities },
      action: turn.action,
      utterance: turn.utterance,
      state: turn.state,
      profile,
    });
    const result = await this.persist(turn, respondentId, sessionId, output);
    this.deps.logger.info('turn', {
      platform: turn.platform,
      locale: turn.locale,
      action: turn.action.type,
      kind: result.kind,
      phase: result.state.phase,
      effects: result.effects.length,
      durationMs: Date.now() - started,
    });
    return result;
  }

  private async loadProfile(respondentId: string): Promise<RespondentProfile> {
    try {
      const snapshot = await this.deps.store.loadRespondent(respondentId);
      if (!snapshot) return { known: false, resume: null, domainsDone: [], themes: {} };
      return { known: true, resume: snapshot.resume, domainsDone: snapshot.domainsDone, themes: snapshot.themes };
    } catch (error) {
      // Not knowing a returning customer is better than not talking to them at all.
      this.deps.logger.warn('profile-load-failed', { code: errorCodeOf(error) });
      return { known: false, resume: null, domainsDone: [], themes: {} };
    }
  }

  private async persist(turn: ServiceTurn, respondentId: string, sessionId: string, output: TurnOutput): Promise<TurnOutput> {
    const effects = output.effects;
    const isFirst = output.state.turn === 1;
    if (effects.length === 0 && !isFirst && !output.endSession && !progressMoved(turn.state, output)) return output;
    const at = this.now();
    try {
      if (effects.some((e) => e.kind === 'erase')) {
        await this.deps.store.eraseRespondent(respondentId);
        return output;
      }
      await this.deps.store.writeTurn(this.toWrite(turn, respondentId, sessionId, effects, output, at));
      return output;
    } catch (error) {
      this.deps.logger.error('store-write-failed', { code: errorCodeOf(error), answers: countAnswers(effects) });
      // What the customer hears about it is the engine's to say, in their locale.
      return this.deps.engine.storeFailed(output, turn.locale, turn.state);
    }
  }

  private toWrite(turn: ServiceTurn, respondentId: string, sessionId: string, effects: Effect[], output: TurnOutput, at: Date): TurnWrite {
    const write: TurnWrite = {
      respondentId,
      session: {
        id: sessionId,
        respondentId,
        platform: turn.platform,
        locale: turn.locale,
        startedAt: at,
        lastTurnAt: at,
        endedAt: output.endSession ? at : null,
      },
      answers: [],
      consents: [],
      handoffs: [],
      progress: sessionProgressOf(turn.state, turn.action, output),
    };
    for (const effect of effects) {
      switch (effect.kind) {
        case 'answer': {
          const redacted = this.deps.redactor.redact(effect.text);
          write.answers.push({
            id: effect.id,
            respondentId,
            sessionId,
            platform: turn.platform,
            locale: turn.locale,
            domain: effect.domain,
            lens: effect.lens,
            questionId: effect.questionId,
            parentAnswerId: effect.parentAnswerId,
            text: redacted.text,
            themes: effect.themes,
            topTheme: effect.themes[0]?.id ?? 'other',
            sentiment: effect.sentiment,
            wordCount: countWords(redacted.text),
            // On the redacted text, like the word count: what is stored is what is measured.
            bits: this.measure(redacted.text),
            redactions: redacted.found,
            createdAt: at,
          });
          break;
        }
        case 'consent':
          write.consents.push({ respondentId, subject: effect.subject, granted: effect.granted, at });
          break;
        case 'handoff':
          write.handoffs.push({
            id: effect.id,
            respondentId,
            sessionId,
            partnerId: effect.partnerId,
            domain: effect.domain,
            theme: effect.theme,
            mode: effect.mode,
            status: 'pending',
            createdAt: at,
          });
          break;
        case 'resume':
          // Several resume effects in one turn: the last one describes where the turn ended.
          write.resume = { point: effect.resume, domainsDone: effect.domainsDone };
          break;
        case 'erase':
          break;
      }
    }
    return write;
  }

  /** A measure must never cost the customer their answer: without the table, the answer is kept unmeasured. */
  private measure(text: string): number | null {
    try {
      return this.informativeness.bits(text);
    } catch (error) {
      this.deps.logger.error('quality-measure-failed', { code: errorCodeOf(error) });
      return null;
    }
  }
}

function countAnswers(effects: Effect[]): number {
  return effects.filter((e) => e.kind === 'answer').length;
}
