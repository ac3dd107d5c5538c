import type { ThemeClassifier } from '../../../../src/classifier/classifier.types';
import { loadContent } from '../../../../src/content/content.loader';
import { initialState } from '../../../../src/interview/conversation-state.factory';
import { TurnContext } from '../../../../src/interview/engine/turn.context';
import type { ConversationState, CustomerAction, Who } from '../../../../src/interview/interview.types';
import { NO_PARTNERS, type PartnerDirectory } from '../../../../src/partners/partner.matcher';
import { CONTENT_DIR } from '../../../transcripts/engine.driver';
import type { DistressDetector } from '../../../../src/safety/distress.types';

/** A detector that hears no distress, so a handler is tested alone. */
export const NO_DISTRESS: DistressDetector = { assess: () => ({ distress: false, score: 0, cues: [] }), languages: () => ['en'] };

export const content = loadContent(CONTENT_DIR);
export const enUS = content.forLocale('en-US');
export const money = enUS.domains.find((d) => d.id === 'money')!;

/** A classifier that hears one theme in everything, so a handler's test does not depend on the word lists. */
export function fixedClassifier(theme: string, label = `label of ${theme}`): ThemeClassifier {
  return {
    domains: () => enUS.domains.map((d) => d.id),
    themes: () => [theme],
    classify: () => ({ themes: [{ id: theme, score: 1 }], sentiment: 0.5 }),
    label: () => label,
  };
}

/** A turn context as the engine would build it, for running one handler on its own. */
export function contextFor(
  action: CustomerAction,
  opts: { state?: Partial<ConversationState>; classifier?: ThemeClassifier; distress?: DistressDetector; partners?: PartnerDirectory; who?: Partial<Who>; utterance?: string; ids?: string[] } = {},
): TurnContext {
  const ids = [...(opts.ids ?? ['id-1', 'id-2', 'id-3'])];
  const state: ConversationState = { ...initialState(), turn: 3, ...opts.state };
  return new TurnContext({
    content: enUS,
    who: { userId: 'u', sessionId: 'fixture-session', platform: 'terminal', locale: 'en-US', ...opts.who },
    state,
    action,
    utterance: opts.utterance,
    services: {
      classifier: opts.classifier ?? fixedClassifier('other'),
      partners: opts.partners ?? NO_PARTNERS,
      distress: opts.distress ?? NO_DISTRESS,
      newId: () => ids.shift() ?? 'no-more-ids',
    },
    firstTurn: false,
  });
}
