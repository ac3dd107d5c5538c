import type { LocaleContent } from '../../../content/content.loader';
import type { TurnContext } from '../turn.context';
import type { TurnInterceptor } from '../turn-handler.types';

/**
 * Crisis language, in the action's words or anywhere in what was heard (it can hide in "help ..."),
 * gets a caring reply and ends the session. Nothing from this turn is stored or routed: the
 * customer needs help, not a partner offer.
 */
export const crisisInterceptor: TurnInterceptor = {
  name: 'crisis',
  canHandle: (ctx) => isCrisis(ctx),
  handle(ctx) {
    ctx.say(ctx.common.crisis.response);
    ctx.reply.kind('crisis').end();
    ctx.state.phase = 'ended';
    return 'replied';
  },
};

function isCrisis(ctx: TurnContext): boolean {
  const { action, utterance } = ctx;
  const texts = [utterance, 'text' in action ? action.text : undefined].filter((t): t is string => Boolean(t));
  if (texts.length === 0) return false;
  const patterns = crisisPatterns(ctx.content);
  return texts.some((text) => patterns.some((p) => p.test(text)));
}

/** Crisis patterns compiled once per locale's content, not on every turn. */
const compiledCrisis = new WeakMap<LocaleContent, RegExp[]>();
function crisisPatterns(content: LocaleContent): RegExp[] {
  let patterns = compiledCrisis.get(content);
  if (!patterns) {
    patterns = content.common.crisis.patterns.map((p) => new RegExp(p, 'i'));
    compiledCrisis.set(content, patterns);
  }
  return patterns;
}
