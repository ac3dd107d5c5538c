import { randomUUID } from 'node:crypto';
import type { ThemeClassifier } from '../../classifier/classifier.types';
import type { ContentCatalog } from '../../content/content.loader';
import { NO_PARTNERS, type PartnerDirectory } from '../../partners/partner.matcher';
import { lazyDistressDetector } from '../../safety/distress-detector.lazy';
import type { DistressDetector } from '../../safety/distress.types';
import { initialState } from '../conversation-state.factory';
import type { ConversationState, TurnInput, TurnOutput } from '../interview.types';
import { changeDomainInterceptor } from './interceptors/change-domain.interceptor';
import { crisisInterceptor } from './interceptors/crisis.interceptor';
import { deleteDataInterceptor } from './interceptors/delete-data.interceptor';
import { helpInterceptor } from './interceptors/help.interceptor';
import { repeatInterceptor } from './interceptors/repeat.interceptor';
import { restartAfterEndInterceptor } from './interceptors/restart-after-end.interceptor';
import { sessionEndedInterceptor } from './interceptors/session-ended.interceptor';
import { startOverInterceptor } from './interceptors/start-over.interceptor';
import { stopInterceptor } from './interceptors/stop.interceptor';
import { welcomeInterceptor } from './interceptors/welcome.interceptor';
import { whatDoYouKnowInterceptor } from './interceptors/what-do-you-know.interceptor';
import { chooseDomainPhase } from './phases/choose-domain.phase';
import { confirmDeletePhase } from './phases/confirm-delete.phase';
import { endedPhase } from './phases/ended.phase';
import { nextDomainPhase } from './phases/next-domain.phase';
import { partnerOfferPhase } from './phases/partner-offer.phase';
import { partnerSharePhase } from './phases/partner-share.phase';
import { probePhase } from './phases/probe.phase';
import { questionPhase } from './phases/question.phase';
import { resumeOfferPhase } from './phases/resume-offer.phase';
import { storeFailureReply } from './store-failure.reply';
import { TurnContext, type TurnServices } from './turn.context';
import type { PhaseHandler, TurnInterceptor } from './turn-handler.types';

export { initialState };

export interface EngineDeps {
  content: ContentCatalog;
  classifier: ThemeClassifier;
  partners?: PartnerDirectory;
  /**
   * Notices crisis language in every turn. Defaults to the shipped detector, so no way of building
   * an engine can leave distress unchecked; composition passes one loaded from CONTENT_DIR.
   */
  distress?: DistressDetector;
  /** The one source of ids the interview makes (answers, partner hand-offs); injected so tests can predict them. */
  newId?: () => string;
}

/**
 * In order. The session's end and crisis language come before anything else; the welcome can let a
 * one-shot launch's action through; the global commands then work in every phase.
 */
export const INTERCEPTORS: readonly TurnInterceptor[] = [
  sessionEndedInterceptor,
  restartAfterEndInterceptor,
  crisisInterceptor,
  welcomeInterceptor,
  stopInterceptor,
  helpInterceptor,
  repeatInterceptor,
  startOverInterceptor,
  changeDomainInterceptor,
  deleteDataInterceptor,
  whatDoYouKnowInterceptor,
];

/** One per phase; the first whose canHandle is true answers the turn. */
export const PHASE_HANDLERS: readonly PhaseHandler[] = [
  chooseDomainPhase,
  resumeOfferPhase,
  questionPhase,
  probePhase,
  partnerOfferPhase,
  partnerSharePhase,
  nextDomainPhase,
  confirmDeletePhase,
  endedPhase,
];

/**
 * One turn of the interview as a pure function of (who, action, state, profile): no I/O, no
 * platform types. Everything to persist is returned as effects, which the service commits
 * before the reply is sent.
 */
export class InterviewEngine {
  private readonly services: TurnServices;

  constructor(private readonly deps: EngineDeps) {
    this.services = {
      classifier: deps.classifier,
      partners: deps.partners ?? NO_PARTNERS,
      distress: deps.distress ?? defaultDistressDetector(),
      newId: deps.newId ?? randomUUID,
    };
  }

  turn(input: TurnInput): TurnOutput {
    const state: ConversationState = structuredClone(input.state ?? initialState(input.profile));
    state.turn += 1;
    const ctx = new TurnContext({
      content: this.deps.content.forLocale(input.who.locale),
      who: input.who,
      state,
      action: input.action,
      utterance: input.utterance,
      profile: input.profile,
      services: this.services,
      firstTurn: input.state === null,
    });
    run(ctx);
    return ctx.reply.build(state, ctx.render(state.pendingPrompt));
  }

  /**
   * What to send instead of `output` when the store could not keep its effects, in the customer's
   * locale. `previous` is the state the turn started from, to take back what was not recorded.
   */
  storeFailed(output: TurnOutput, locale: string, previous: ConversationState | null): TurnOutput {
    return storeFailureReply(this.deps.content.forLocale(locale).common, output, previous);
  }
}

function run(ctx: TurnContext): void {
  for (const interceptor of INTERCEPTORS) {
    if (interceptor.canHandle(ctx) && interceptor.handle(ctx) === 'replied') return;
  }
  PHASE_HANDLERS.find((handler) => handler.canHandle(ctx))?.handle(ctx);
}

let shippedDetector: DistressDetector | undefined;
/** One per process, built on first use: its tables take tens of milliseconds to build. */
function defaultDistressDetector(): DistressDetector {
  shippedDetector ??= lazyDistressDetector();
  return shippedDetector;
}
