import type { Classification, ClassificationContext, ThemeClassifier } from '../../../../src/classifier/classifier.types';
import { createThemeClassifier } from '../../../../src/classifier/theme.classifier';
import { InterviewEngine } from '../../../../src/interview/engine/interview.engine';
import type { ConversationState, CustomerAction, RespondentProfile, TurnOutput, Who } from '../../../../src/interview/interview.types';
import { NO_PARTNERS, type PartnerDirectory } from '../../../../src/partners/partner.matcher';
import { content } from './turn-context.fixtures';

export const who: Who = { userId: 'u1', sessionId: 's1', platform: 'terminal', locale: 'en-US' };
export const enUS = content.forLocale('en-US');
export const domainOf = (id: string) => enUS.domains.find((d) => d.id === id)!;

let real: ThemeClassifier | undefined;
/** The repository's classifier, built once per test file. */
export function realClassifier(): ThemeClassifier {
  return (real ??= createThemeClassifier());
}

/** The real classifier, except that answers containing `marker` get `theme`; records the context of every call. */
export function steeredClassifier(marker: string, theme: string): ThemeClassifier & { contexts: Array<ClassificationContext | undefined> } {
  const base = realClassifier();
  const contexts: Array<ClassificationContext | undefined> = [];
  return {
    contexts,
    domains: () => base.domains(),
    themes: (domain) => base.themes(domain),
    label: (domain, id) => base.label(domain, id),
    classify(domain, text, context): Classification {
      contexts.push(context);
      return text.includes(marker) ? { themes: [{ id: theme, score: 1 }], sentiment: 0 } : base.classify(domain, text, context);
    },
  };
}

export function makeEngine(opts: { partners?: PartnerDirectory; classifier?: ThemeClassifier } = {}): InterviewEngine {
  let n = 0;
  return new InterviewEngine({ content, classifier: opts.classifier ?? realClassifier(), partners: opts.partners ?? NO_PARTNERS, newId: () => `a${++n}` });
}

/** Plays actions in order and returns every output. */
export function play(engine: InterviewEngine, actions: CustomerAction[], opts: { profile?: RespondentProfile; who?: Who; state?: ConversationState } = {}): TurnOutput[] {
  let state: ConversationState | null = opts.state ?? null;
  const outs: TurnOutput[] = [];
  for (const action of actions) {
    const out = engine.turn({ who: opts.who ?? who, action, state, profile: state === null ? opts.profile : undefined });
    outs.push(out);
    state = out.state;
  }
  return outs;
}

export const answer = (text: string): CustomerAction => ({ type: 'answer', text });
export const stored = (outs: TurnOutput[]) => outs.flatMap((o) => o.effects.filter((e) => e.kind === 'answer'));
